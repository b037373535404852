"""What a careful reader finds in the seed corpus, found by the analysis.

The five seed documents are ingested as they are, with no metadata given: actors come from
the texts. Each test states one finding in the words of the question users ask.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from places import SHARED

from planatlas.batch import ingest, recode
from planatlas.export.network import network_csv, write_network
from planatlas.questions.allies import allies_of
from planatlas.questions.brief import briefing
from planatlas.questions.compare import compare_actors, position_map_of
from planatlas.questions.documents import statement_links
from planatlas.questions.network import alliance_network
from planatlas.questions.positions import Cell
from planatlas.questions.trace import trace_documents
from planatlas.store import Atlas

HELSEPARTIET = "Helsepartiet"
HTA = "Helsetjenesteaksjonen"
REGIONAL_DECK = "Strategisk samarbeidsutvalg"  # the slide deck on carrying out the national plan
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Atlas]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the project")
    db = tmp_path_factory.mktemp("findings") / "seeds.db"
    with Atlas(f"sqlite:///{db}") as found:
        results = ingest([str(SEEDS)], found)
        assert not [r for r in results if r.failed]
        yield found


def quotes(cell: Cell | None) -> list[str]:
    assert cell is not None
    return [e.text for e in cell.evidence]


def test_the_actors_are_found_in_the_texts(atlas: Atlas):
    names = {a.name for a in atlas.actors()}
    assert {HELSEPARTIET, HTA, REGIONAL_DECK, "SVs helsepolitiske nettverk"} <= names


def test_helsepartiet_and_the_national_plan_push_the_same_way_on_funding(atlas: Atlas):
    comparison = compare_actors(atlas, [HELSEPARTIET, REGIONAL_DECK])
    rows = {row.issue: row for row in comparison.rows}
    for issue, direction in (("activity_based_funding", "-"), ("block_grant_funding", "+")):
        mine, theirs = rows[issue].cells[HELSEPARTIET], rows[issue].cells[REGIONAL_DECK]
        assert mine is not None and theirs is not None
        assert (mine.direction, theirs.direction) == (direction, direction), issue
    # one wants ISF replaced, the other reduced to 30 percent: both quotes are there
    assert any(
        "erstatte innsatsstyrt" in q
        for q in quotes(rows["activity_based_funding"].cells[HELSEPARTIET])
    )
    assert any(
        "30 prosent" in q for q in quotes(rows["activity_based_funding"].cells[REGIONAL_DECK])
    )
    pair = comparison.agreements[0]
    assert pair.agree >= 2 and pair.score > 0.5


def test_helsepartiet_and_hta_are_both_critical_of_the_trust_model(atlas: Atlas):
    found = allies_of(atlas, HELSEPARTIET, topic="governance")
    hta = next(r for r in found.allies if r.actor == HTA)
    trust_model = next(c for c in hta.issues if c.issue == "hospital_trust_model")
    assert trust_model.mine.direction == "-"
    assert trust_model.theirs.direction in ("-", "~")  # remove it / work out alternatives
    assert trust_model.agrees or trust_model.partly_agrees
    assert any("foretaksmodell" in q for q in quotes(trust_model.theirs))


def test_one_it_solution_meets_the_plan_that_replaces_one_citizen_one_record(atlas: Atlas):
    demand = next(s for s in atlas.statements(actor=HELSEPARTIET) if "felles IT-løsning" in s.text)
    links = statement_links(atlas, demand.id, top=5)
    journal = [link for link in links if "Ein innbyggar, ein journal" in link.statement.text]
    assert journal, [link.statement.text for link in links]
    assert journal[0].issue == "common_health_records"
    assert journal[0].type in ("opposite_position", "answers")


def test_the_isf_demand_is_answered_by_the_plans_funding_measures(atlas: Atlas):
    plan = next(d for d in atlas.documents() if d.actor == REGIONAL_DECK)
    programme = next(d for d in atlas.documents() if d.actor == HELSEPARTIET)
    rows = trace_documents(atlas, programme.id, plan.id)
    isf = next(r for r in rows if "innsatsstyrt finansiering" in r.demand.text)
    assert isf.status == "full"
    assert any("rammefinansiering" in a.measure.text for a in isf.answers)
    assert any(r.status == "none" for r in rows)  # not every demand is answered


def test_the_alliance_network_has_coalitions_and_exports(atlas: Atlas, tmp_path: Path):
    network = alliance_network(atlas)
    assert {n.id for n in network.nodes} >= {HELSEPARTIET, HTA, REGIONAL_DECK}
    assert any({e.a, e.b} == {HELSEPARTIET, REGIONAL_DECK} for e in network.edges)
    assert all(0 <= n.x <= 1 and 0 <= n.y <= 1 for n in network.nodes)
    graphml = tmp_path / "net.graphml"
    write_network(network, graphml)
    assert "<graphml" in graphml.read_text(encoding="utf-8")
    two_mode = network_csv(network, mode="issues").splitlines()
    assert two_mode[0] == "aktør,sak,retning,utsagn"
    assert any(line.startswith(f"{HELSEPARTIET},hospital_trust_model,-") for line in two_mode)


def test_a_briefing_quotes_positions_allies_and_what_the_plan_answers(atlas: Atlas):
    from planatlas.export.brief import markdown

    plan = next(d for d in atlas.documents() if d.actor == REGIONAL_DECK)
    text = markdown(briefing(atlas, HELSEPARTIET, plan=plan.id))
    assert "fjerne foretaksmodellen i sykehusene" in text
    assert REGIONAL_DECK in text
    assert "besvart" in text


def test_recode_keeps_corrections(atlas: Atlas):
    statement = atlas.statements(actor=HTA)[3]
    atlas.correct(statement.id, {"topics": ["research"]}, "test")
    assert recode(atlas, statement.document_id) > 0
    assert atlas.statement(statement.id).coding.topics == ["research"]


def test_a_correction_shows_in_the_views_at_once(atlas: Atlas):
    before = position_map_of(atlas)
    statement = next(s for s in atlas.statements(actor=HTA) if "foretaksmodell" in s.text)
    atlas.correct(
        statement.id, {"positions": [{"issue": "hospital_trust_model", "direction": "-"}]}, "test"
    )
    after = position_map_of(atlas)
    assert after is not before
    cell = after.cell(HTA, "hospital_trust_model")
    assert cell is not None and cell.direction == "-"
    links = statement_links(atlas, statement.id)
    assert all(link.statement.id != statement.id for link in links)


def test_a_re_analysis_by_another_process_shows_in_the_views(atlas: Atlas):
    from planatlas.records import Coding, Position

    position_map_of(atlas)  # the snapshot is loaded
    statement = atlas.statements(actor=HELSEPARTIET)[-1]
    with Atlas(atlas.url) as other:  # as `planatlas recode` in another process would
        coding = Coding(kind="demand", positions=[Position("research_funding", "+")])
        other.set_codings([(statement.id, coding)], "another-process")
    cell = position_map_of(atlas).cell(HELSEPARTIET, "research_funding")
    assert cell is not None and [e.statement_id for e in cell.evidence] == [statement.id]
