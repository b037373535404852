from __future__ import annotations

import pytest

from planatlas.coding.positions import positions


def found(text: str, language: str = "nb", kind: str | None = "demand") -> set[tuple[str, str]]:
    return {(p.issue, p.direction) for p, _ in positions(text, language, kind=kind)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("avvikle helseforetaksmodellen", "nb", {("hospital_trust_model", "-")}),
        ("avvikle helseføretaksmodellen", "nn", {("hospital_trust_model", "-")}),
        (
            "Vi vil leggje ned dei regionale helseføretaka",
            "nn",
            {("regional_health_authorities", "-")},
        ),
        ("auke rammefinansieringa av sjukehusa", "nn", {("block_grant_funding", "+")}),
        ("kortere ventetider i psykisk helsevern", "nb", {("waiting_times", "-")}),
        ("Fleire utdanningsstillingar for legar", "nn", {("medical_training_positions", "+")}),
        ("Vi går inn for å styrke fastlegeordningen", "nb", {("gp_services", "+")}),
    ],
)
def test_direction_words(text: str, language: str, expected: set[tuple[str, str]]) -> None:
    assert found(text, language) == expected


def test_replace_x_with_y() -> None:
    assert found("erstatte stykkprisfinansiering med rammefinansiering") == {
        ("activity_based_funding", "-"),
        ("block_grant_funding", "+"),
    }


def test_passive_replacement_in_nynorsk() -> None:
    assert found("Innsatsstyrt finansiering blir erstatta med rammefinansiering", "nn") == {
        ("activity_based_funding", "-"),
        ("block_grant_funding", "+"),
    }


def test_passive_reduction() -> None:
    text = "Delen innsatsstyrt finansiering er foreslått redusert til 40 prosent."
    assert found(text, kind="measure") == {("activity_based_funding", "-")}
    nynorsk = "Delen innsatsstyrt finansiering skal reduserast til 40 prosent."
    assert found(nynorsk, "nn", kind="measure") == {("activity_based_funding", "-")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Partiet vil ikke innføre åremål for sykehusdirektører", "nb"),
        ("Vi vil ikkje innføre åremål for sjukehusdirektørar", "nn"),
        ("Vi er mot åremål", "nb"),
    ],
)
def test_negation_and_opposition_flip(text: str, language: str) -> None:
    assert found(text, language) == {("fixed_term_leadership", "-")}


def test_inverse_term_flips() -> None:
    assert found("senke egenkapitalkravet for sykehusene") == {("hospital_investment_terms", "+")}


def test_change_without_direction() -> None:
    assert found("utvikle alternativer til foretaksmodellen") == {("hospital_trust_model", "~")}


def test_a_mere_mention_is_no_position() -> None:
    assert found("Foretaksmodellen er tema på neste møte", kind="measure") == set()
    assert found("Eldreomsorgen", kind="activity") == set()


def test_comparatives_reach_only_the_next_word() -> None:
    assert found("meir tematisk organisering av psykisk helsevern", "nn", "measure") == set()


def test_facts_and_references_take_no_position() -> None:
    assert found("Regjeringen har styrket fastlegeordningen", kind="fact") == set()


def under(text: str, heading: str) -> set[tuple[str, str]]:
    return {(p.issue, p.direction) for p, _ in positions(text, "nb", None, "demand", heading)}


def test_a_bare_list_item_takes_the_direction_of_its_heading() -> None:
    heading = "Dette vil vi fjerne"
    item = "innsatsstyrt finansiering i psykisk helsevern"
    # read as "fjerne innsatsstyrt finansiering i psykisk helsevern": the place is no target
    assert under(item, heading) == {("activity_based_funding", "-")}
    assert under("kombinerte stillinger for sykepleiere", "Vi vil prøve ut og innføre") == {
        ("combined_positions", "+")
    }


def test_an_item_with_its_own_direction_or_an_unsure_heading_keeps_to_itself() -> None:
    assert under("mer innsatsstyrt finansiering", "Dette vil vi fjerne") == {
        ("activity_based_funding", "+")
    }
    assert under("innsatsstyrt finansiering", "Dette vil vi ikke fjerne") == set()
    assert under("innsatsstyrt finansiering", "Tema for møtet") == set()
