import math

from planatlas.questions.allies import allies, opponents
from planatlas.questions.compare import agreements
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
