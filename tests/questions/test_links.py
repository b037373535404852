from planatlas.questions.links import LinkIndex, LinkItem
from planatlas.questions.trace import goals, trace


def item(
    i: int, doc: str, text: str, kind: str, positions=(), topics=(), lang="nb", section=("Plan",)
) -> LinkItem:
    return LinkItem(i, doc, doc, text, kind, lang, tuple(topics), tuple(positions), section)


def test_similar_across_bokmal_and_nynorsk():
    stored = [
        item(
            1,
            "plan.txt",
            "Regjeringa vil styrkje helsefellesskapa mellom kommunar og sjukehus",
            "measure",
            lang="nn",
        ),
        item(2, "plan.txt", "Bygge flere parkeringsplasser ved rådhuset", "measure"),
    ]
    new = [item(10, "krav.txt", "Styrke helsefellesskapene mellom kommuner og sykehus", "opinion")]
    links = LinkIndex(stored).links(new)
    assert [(link.target, link.type) for link in links] == [(1, "similar")]


def test_measure_answers_a_demand_fully_or_partly_but_not_when_opposed():
    plan = [
        item(
            1, "plan", "Innføre meir rammefinansiering", "measure", [("block_grant_funding", "+")]
        ),
        item(2, "plan", "Behalde føretaksmodellen", "measure", [("hospital_trust_model", "+")]),
        item(
            3, "plan", "Endre finansieringa av sjukehus", "measure", [("block_grant_funding", "~")]
        ),
    ]
    demands = [
        item(
            10,
            "krav",
            "Mer rammefinansiering av sykehusene",
            "demand",
            [("block_grant_funding", "+")],
        ),
        item(11, "krav", "Fjerne foretaksmodellen", "demand", [("hospital_trust_model", "-")]),
    ]
    rows = {r.demand.id: r for r in trace(demands, plan)}
    assert rows[10].status == "full"
    assert [(a.measure.id, a.degree) for a in rows[10].answers] == [(1, "full"), (3, "partial")]
    assert rows[11].status == "none"


def test_goals_without_measures_are_found():
    plan = [
        item(
            1,
            "plan",
            "Kortere ventetid på sykehus",
            "goal",
            [("waiting_times", "-")],
            section=("Ventetid",),
        ),
        item(
            2, "plan", "Innføre fritt sykehusvalg i hele landet", "measure", section=("Ventetid",)
        ),
        item(3, "plan", "God psykisk helse for alle barn", "goal", section=("Barn",)),
    ]
    rows = {r.goal.id: r for r in goals(plan)}
    assert [m.id for m in rows[1].under] == [2]
    assert rows[3].has_measures is False
