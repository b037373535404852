import math

from planatlas.questions.allies import allies, opponents
from planatlas.questions.compare import agreements, by_weighted
from planatlas.questions.positions import Evidence, combine_directions, position_map, salience


def ev(actor: str, issue: str, direction: str, n: int = 0) -> Evidence:
    return Evidence(n, actor, issue, direction, f"{actor} om {issue}", f"{actor}.txt")


def test_directions_combine_to_mixed_only_for_plus_and_minus():
    assert combine_directions(["+", "+"]) == "+"
    assert combine_directions(["+", "-"]) == "mixed"
    assert combine_directions(["~", "-"]) == "-"
    assert combine_directions(["~"]) == "~"


def test_agreement_is_manhattan_with_a_prior_towards_neutral():
    pmap = position_map(
        [
            ev("A", "isf", "-"),
            ev("B", "isf", "-"),
            ev("A", "ramme", "+"),
            ev("B", "ramme", "~"),
            ev("A", "foretak", "-"),
            ev("C", "foretak", "+"),
        ]
    )
    pairs = {(p.a, p.b): p for p in agreements(pmap)}
    ab = pairs[("A", "B")]
    assert (ab.shared, ab.agree, ab.disagree) == (2, 1, 0)
    assert math.isclose(ab.raw, (1 + 0.5) / 2)
    assert math.isclose(ab.score, (1 + 0.5 + 0.5) / 3)
    ac = pairs[("A", "C")]
    assert (ac.shared, ac.disagree, ac.thin) == (1, 1, True)
    assert math.isclose(ac.score, 0.25)
    assert ("B", "C") not in pairs


def test_allies_and_opponents_come_with_the_statements_behind_them():
    pmap = position_map(
        [
            ev("Parti", "isf", "-", 1),
            ev("Aksjon", "isf", "-", 2),
            ev("Regjering", "isf", "-", 3),
            ev("Parti", "foretak", "-", 4),
            ev("Aksjon", "foretak", "~", 5),
            ev("Regjering", "foretak", "+", 6),
        ]
    )
    found = allies(pmap, "Parti")
    assert [r.actor for r in found] == ["Aksjon", "Regjering"]
    isf = next(c for c in found[0].issues if c.issue == "isf")
    assert [e.statement_id for e in isf.theirs.evidence] == [2]
    assert [r.actor for r in opponents(pmap, "Parti")] == ["Regjering"]
    # on the trust model only: "~" (change it) beside "-" (remove it) is agreement in part
    on_trust_model = allies(pmap, "Parti", issues=["foretak"])
    assert [r.actor for r in on_trust_model] == ["Aksjon"]
    assert on_trust_model[0].issues[0].partly_agrees


def test_salience_is_the_share_of_statements_with_the_topic():
    shares = salience({"A": [("financing",), ("financing", "hospitals"), ()]})
    assert shares == {"A": {"financing": 2 / 3, "hospitals": 1 / 3}}


def test_contestedness_is_the_mean_disagreement_over_actor_pairs():
    from planatlas.questions.compare import contestedness

    pmap = position_map(
        [
            ev("A", "kø", "-"),
            ev("B", "kø", "-"),
            ev("C", "kø", "-"),
            ev("A", "privat", "+"),
            ev("B", "privat", "-"),
            ev("C", "privat", "~"),
            ev("A", "alene", "+"),
        ]
    )
    found = contestedness(pmap)
    assert found["kø"] == 0.0
    # pairs A-B 1, A-C 0.5, B-C 0.5: mean 2/3
    assert math.isclose(found["privat"], 2 / 3)
    assert found["alene"] == 0.0


def test_weighted_agreement_lets_the_contested_issues_decide():
    from planatlas.questions.compare import FLOOR, PRIOR_ISSUES

    # everyone wants shorter queues and more for mental health; only A and B split on
    # private provision, where C sides with B
    evidence = [ev(a, "kø", "-") for a in "ABC"] + [ev(a, "psykisk", "+") for a in "ABC"]
    evidence += [ev("A", "privat", "+"), ev("B", "privat", "-"), ev("C", "privat", "-")]
    pairs = {(p.a, p.b): p for p in agreements(position_map(evidence))}
    ab, bc = pairs[("A", "B")], pairs[("B", "C")]
    assert ab.score > 0.6  # unweighted, the consensual issues make A and B look close
    weight = FLOOR + (1 - FLOOR) * (2 / 3)  # privat: pairs A-B 1, A-C 1, B-C 0
    expected = (2 * FLOOR + 0.5 * PRIOR_ISSUES) / (2 * FLOOR + weight + PRIOR_ISSUES)
    assert ab.weighted is not None and math.isclose(ab.weighted, expected)
    assert ab.weighted < 0.5 < ab.score
    assert bc.weighted is not None and bc.weighted > ab.weighted
    assert ab.weighted_raw is not None
    assert math.isclose(ab.weighted_raw, 2 * FLOOR / (2 * FLOOR + weight))


def test_the_issues_that_divide_come_first_then_the_contested():
    from planatlas.questions.compare import IssueRow, _contested_first
    from planatlas.questions.positions import Cell

    both_more = IssueRow("kø", "Kø", {"A": Cell("-"), "B": Cell("-")}, contested=0.0)
    split = IssueRow("privat", "Privat", {"A": Cell("+"), "B": Cell("-")}, contested=0.6)
    elsewhere = IssueRow("ramme", "Ramme", {"A": Cell("+"), "B": None}, contested=0.9)
    rows = sorted([both_more, elsewhere, split], key=_contested_first)
    assert [r.issue for r in rows] == ["privat", "ramme", "kø"]
    assert split.divides and not both_more.divides


def test_contestedness_counted_is_the_mean_over_every_pair_drawn_out():
    """The counted form gives, to the last bit, the mean over an n × n table of every pair."""
    import random

    import numpy as np

    from planatlas.questions.compare import contestedness

    rng = random.Random(3)
    evidence = [
        ev(f"A{a}", f"sak{i}", rng.choice("+-~"), n)
        for n, (a, i) in enumerate((rng.randrange(40), rng.randrange(6)) for _ in range(300))
    ]
    pmap = position_map(evidence)
    values = pmap.matrix()
    for k, issue in enumerate(pmap.issues):
        taken = values[:, k][~np.isnan(values[:, k])]
        n = len(taken)
        drawn = np.abs(taken[:, None] - taken[None, :]) / 2.0
        assert contestedness(pmap)[issue] == (float(drawn.sum() / (n * (n - 1))) if n > 1 else 0)


def test_comparing_actors_in_an_atlas_reads_their_rows_of_the_whole_map():
    from store_fixtures import plan

    from planatlas.questions.compare import compare_actors, contestedness, position_map_of
    from planatlas.questions.positions import PositionMap
    from planatlas.questions.snapshot import snapshot
    from planatlas.records import Position
    from planatlas.store import Atlas

    atlas = Atlas("sqlite://")
    atlas.add(plan())
    other = plan("sha256:to", title="Kystplan", actor="Kystpartiet", source="kyst.txt")
    other.statements[1].coding.positions = [Position("fastlegeordningen", "-")]
    atlas.add(other)
    atlas.add(plan("sha256:tre", title="Fjordplan", actor="Fjordlista", source="fjord.txt"))
    _ = snapshot(atlas).statements  # as the web app has it: answers kept per snapshot
    for chosen in (["Helsepartiet", "Kystpartiet"], ["Kystpartiet", "Fjordlista", "Kystpartiet"]):
        found = compare_actors(atlas, chosen)
        whole = position_map_of(atlas)
        names = list(dict.fromkeys(chosen))
        rows = {k: v for k, v in whole.cells.items() if k[0] in names}
        sub = PositionMap(names, whole.issues, rows)
        assert [r.issue for r in found.rows] == [
            i for i in whole.issues if any(sub.cell(a, i) for a in names)
        ]
        assert all(r.cells == {a: sub.cell(a, r.issue) for a in names} for r in found.rows)
        contested = contestedness(whole)
        assert [r.contested for r in found.rows] == [contested[r.issue] for r in found.rows]
        assert [(p.a, p.b, p.weighted) for p in found.agreements] == [
            (p.a, p.b, p.weighted) for p in by_weighted(agreements(sub, contestedness(whole)))
        ]
    assert compare_actors(atlas, ["Helsepartiet", "Kystpartiet"]).rows[0].divides


def test_agreement_made_a_block_of_actors_at_a_time_is_made_at_once(monkeypatch):
    """The agreement matrices made in blocks of actors' rows are those made as one table."""
    import random

    import numpy as np

    from planatlas.questions import compare

    rng = random.Random(5)
    evidence = [
        ev(f"A{rng.randrange(30)}", f"sak{rng.randrange(9)}", rng.choice("+-~"), n)
        for n in range(200)
    ]
    pmap = position_map(evidence)
    monkeypatch.setattr(compare, "BLOCK_ACTORS", len(pmap.actors))
    whole = compare.agreement_matrix(pmap)
    for block in (1, 4, 7):
        monkeypatch.setattr(compare, "BLOCK_ACTORS", block)
        found = compare.agreement_matrix(pmap)
        for name in ("score", "raw", "shared", "agree", "disagree", "weighted", "weighted_raw"):
            assert np.array_equal(getattr(found, name), getattr(whole, name), equal_nan=True)
    assert compare.agreement_matrix(position_map([])).score.shape == (0, 0)


def sure(actor: str, issue: str, direction: str, n: int, confidence: float = 0.8) -> Evidence:
    return Evidence(
        n, actor, issue, direction, f"{actor} om {issue}", f"{actor}.txt", confidence=confidence
    )


def test_a_cell_counts_its_statements_and_their_confidence():
    from planatlas.questions.compare import support_of
    from planatlas.questions.positions import Cell

    # the same statement twice (two documents' copies are two ids; one id is one statement)
    cell = Cell(
        "+",
        [
            sure("A", "sak", "+", 1, 0.6),
            sure("A", "sak", "+", 1, 0.8),
            sure("A", "sak", "+", 2, 0.5),
        ],
    )
    found = support_of(cell)
    assert (found.statements, found.thin) == (2, False)
    assert math.isclose(found.weight, 0.8 + 0.5)
    assert math.isclose(found.confidence, (0.8 + 0.5) / 2)
    assert support_of(Cell("-", [sure("A", "sak", "-", 3)])).thin


def test_a_division_resting_on_one_statement_does_not_lead():
    from planatlas.questions.compare import issue_rows

    evidence = [
        # A against, B for, each on three statements: a firm division
        *(sure("A", "privat", "-", n) for n in (1, 2, 3)),
        *(sure("B", "privat", "+", n) for n in (4, 5, 6)),
        # B for on four statements, A against on one stray sentence
        *(sure("B", "metoder", "+", n) for n in (7, 8, 9, 10)),
        sure("A", "metoder", "-", 11, confidence=0.5),
        # both for: no division
        sure("A", "kø", "-", 12),
        sure("B", "kø", "-", 13),
        # only A, on two statements: firm, though it divides no one
        *(sure("A", "ramme", "+", n) for n in (14, 15)),
    ]
    # the stray's issue is the most contested in the atlas: still not first, nor before a
    # firm issue that divides no one
    contested = {"privat": 0.5, "metoder": 1.0, "kø": 0.0, "ramme": 0.2}
    rows = issue_rows(position_map(evidence), contested)
    assert [r.issue for r in rows] == ["privat", "ramme", "metoder", "kø"]
    firm, _, stray, consensual = rows
    assert firm.divides and not firm.thin
    assert math.isclose(firm.weakest, 3 * 0.8)
    assert stray.divides and stray.thin  # marked, not hidden
    assert math.isclose(stray.weakest, 0.5)
    assert stray.support["A"].statements == 1 and not stray.support["B"].thin
    assert not consensual.divides and consensual.thin


def test_among_firm_divisions_the_better_supported_weaker_side_comes_first():
    from planatlas.questions.compare import issue_rows

    evidence = [
        *(sure("A", "isf", "-", n, 0.6) for n in (1, 2)),
        *(sure("B", "isf", "+", n) for n in (3, 4, 5)),
        *(sure("A", "foretak", "-", n) for n in (6, 7, 8)),
        *(sure("B", "foretak", "+", n) for n in (9, 10, 11)),
    ]
    rows = issue_rows(position_map(evidence), {"isf": 0.9, "foretak": 0.4})
    assert [r.issue for r in rows] == ["foretak", "isf"]  # support before the atlas's strife


def test_issues_that_do_not_divide_keep_the_atlas_order_firm_before_thin():
    from planatlas.questions.compare import issue_rows

    evidence = [
        sure("A", "ramme", "+", 1),  # only A, on one statement, most contested in the atlas
        *(sure("A", "kø", "-", n) for n in (2, 3)),
        sure("B", "kø", "-", 4),  # both the same way: the "-" side has a firm cell
        *(sure("B", "psykisk", "+", n) for n in (5, 6)),
    ]
    rows = issue_rows(position_map(evidence), {"ramme": 0.9, "kø": 0.1, "psykisk": 0.5})
    assert [r.issue for r in rows] == ["psykisk", "kø", "ramme"]
    assert [r.thin for r in rows] == [False, False, True]
