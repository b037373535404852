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


def test_the_index_built_in_flat_arrays_is_the_one_built_bag_by_bag():
    """The index over many items is built without keeping every bag of words; its weights,
    and so every score, are those of the bag-by-bag build (`_vectors`), to the last bit."""
    from collections import Counter

    import numpy as np

    from planatlas.coding.normalize import terms

    texts = [
        "Regjeringa vil styrkje helsefellesskapa mellom kommunar og sjukehus",
        "Styrke helsefellesskapene mellom kommuner og sykehus, sykehus og kommuner",
        "Ventetidene i psykisk helsevern skal ned, ned og ned",
        "Flere fastleger i distriktene og i byene",
        "",
        "Fastlegeordningen må styrkes i små kommuner i distriktene",
    ]
    stored = [item(i, f"d{i % 3}", text, "measure", lang="nn" if i == 0 else "nb")
              for i, text in enumerate(texts * 3)]  # fmt: skip
    index = LinkIndex(stored)
    bags = [Counter(terms(i.text, i.language or "nb")) for i in stored]
    vocabulary: dict[str, int] = {}
    for bag in bags:
        for term in bag:
            vocabulary.setdefault(term, len(vocabulary))
    df = np.zeros(len(vocabulary))
    for bag in bags:
        for term in bag:
            df[vocabulary[term]] += 1
    assert index.vocabulary == vocabulary
    assert np.array_equal(index.idf, np.log((1 + len(bags)) / (1 + df)) + 1.0)
    by_bags = index._vectors(bags)
    for part in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(index.matrix, part), getattr(by_bags, part))
    asked = [item(99, "ny", "Styrke fastlegene i kommunene og sykehusene", "demand")]
    asked_bags = [Counter(terms(i.text, "nb")) for i in asked]
    drawn = np.asarray((index._vectors(asked_bags) @ index.matrix.T).todense())
    assert np.array_equal(index.similarities(asked), drawn)
