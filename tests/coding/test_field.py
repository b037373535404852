"""The codebook's field: no position where health is named nowhere (coding/field.py)."""

from __future__ import annotations

from planatlas.coding import code_statement, field
from planatlas.coding.model import _clear_beyond_field
from planatlas.records import Coding, Document, Position, Statement

ASK = "Vi vil øke bevilgningene til vedlikehold."  # an issue term, a direction, no health word


def document(statements: list[Statement], title: str = "Partiprogram 2025") -> Document:
    return Document("p.txt", "txt", "p", title=title, genre="programme", statements=statements)


def programme(section: tuple[str, ...]) -> tuple[Statement, Document]:
    """A whole programme: mostly other matters, one health sentence among them."""
    asked = Statement(0, ASK, section=section)
    others = [
        Statement(1, "Veiene skal rustes opp i hele landet.", section=("Samferdsel",)),
        Statement(2, "Politiet trenger flere patruljer.", section=("Justis",)),
        Statement(3, "Skolen skal ha flere lærere.", section=("Skole",)),
        Statement(4, "Sykehusene skal ha nok senger.", section=("Helse og omsorg",)),
    ]
    return asked, document([asked, *others])


def test_an_ask_that_names_health_nowhere_takes_no_position():
    asked, doc = programme(("Samferdsel", "Veier"))
    assert not field.health_document(doc)
    assert not field.within(asked, doc)
    assert code_statement(asked, doc).positions == []


def test_the_same_ask_under_a_health_heading_takes_its_position():
    asked, doc = programme(("Helse og omsorg", "Økonomi"))
    assert field.placed(asked, doc) and field.within(asked, doc)
    assert code_statement(asked, doc).positions == [Position("health_spending", "+")]


def test_in_a_health_document_every_statement_is_within_the_field():
    asked = Statement(0, ASK, section=("Tiltak",))
    rest = [Statement(i, f"Pasientene skal få behandling nummer {i}.") for i in (1, 2)]
    rest.append(Statement(3, "Planen gjelder fra neste år."))
    doc = document([asked, *rest], title="Handlingsplan")
    assert field.health_document(doc)  # two of four statements name health
    assert code_statement(asked, doc).positions == [Position("health_spending", "+")]


def test_health_words_are_drugs_and_births_not_their_lookalikes():
    assert field.names_health("styrke rusbehandlingen")
    assert field.names_health("en trygg fødselsomsorg")
    assert field.names_health("gratis tannbehandling for unge")
    assert not field.names_health("russefeiringen skal bli tryggere")
    assert not field.names_health("alle skal få fødselsnummer")
    assert not field.names_health(None)


def test_the_model_holds_its_own_positions_to_the_field_too():
    asked, doc = programme(("Samferdsel",))
    placed, _ = programme(("Helse og omsorg",))
    codings = [Coding(positions=[Position("health_spending", "+")]) for _ in range(2)]
    _clear_beyond_field(codings, [(asked, doc, Coding()), (placed, doc, Coding())])
    assert codings[0].positions == []
    assert codings[1].positions == [Position("health_spending", "+")]


def test_a_health_sentence_in_another_chapter_needs_the_scope_head_surer():
    import numpy as np

    from planatlas.coding.model import Head, _clear_outside

    alone = Statement(0, "Sykehusene skal få flere senger.", section=("Samferdsel",))
    under = Statement(1, "Sykehusene skal få flere senger.", section=("Helse og omsorg",))
    _, doc = programme(("Samferdsel",))
    head = Head(["in", "out"], np.zeros((1, 2)))
    scores = np.array([[0.5, 0.45], [0.5, 0.45]])  # inside, but barely
    codings = [
        Coding(kind="demand", positions=[Position("hospital_investment_terms", "+")])
        for _ in range(2)
    ]
    _clear_outside(head, scores, codings, [(alone, doc, Coding()), (under, doc, Coding())])
    assert codings[0].positions == []  # named by its own words alone: "in" must win by more
    assert codings[1].positions  # under a health heading: kept


def test_a_statement_whose_place_names_no_health_loses_its_topics_when_the_head_says_out():
    import numpy as np

    from planatlas.coding.model import FIELD_MARGIN, Head, _clear_outside

    road = Statement(0, "Vi vil ruste opp veiene.", section=("Samferdsel",))
    care = Statement(1, "Vi vil ruste opp byggene.", section=("Helse og omsorg",))
    _, doc = programme(("Samferdsel",))
    head = Head(["in", "out"], np.zeros((1, 2)))
    # "out" wins, though by less than a statement in a health chapter needs to lose its topics
    scores = np.array([[0.4, 0.4 + FIELD_MARGIN / 2]] * 2)
    codings = [Coding(kind="demand", topics=["financing"]) for _ in range(2)]
    _clear_outside(head, scores, codings, [(road, doc, Coding()), (care, doc, Coding())])
    assert codings[0].topics == []
    assert codings[1].topics == ["financing"]
