"""Compare actors: who stands where on every issue, and who agrees with whom.

Position map
    actor × issue. A cell holds the actor's direction and the statements that prove it.
    One direction across its statements is that direction; "+" and "-" both is "mixed";
    "~" beside "+" or "-" gives way to the clearer one.

Agreement (documented in README, "How agreement is scored")
    Directions are placed on a line: "-" = -1, "~" = 0, "+" = +1 ("mixed" = 0). On each
    issue both actors take a position on, agreement is 1 - |a - b| / 2: same direction 1,
    opposite 0, "~" against a direction 0.5. This is the city-block (Manhattan) agreement
    that voting advice applications use, in a form a reader can check by hand ("agree on
    three of four issues"). The score is the mean over shared issues, shrunk towards the
    neutral 0.5 by a prior of PRIOR_ISSUES pseudo-issues, so that two actors who share one
    issue do not come out as perfect allies: score = (sum + 0.5 * k) / (n + k). Pairs with
    fewer than MIN_SHARED shared issues are kept but marked `thin`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

PRIOR_ISSUES = 1.0
MIN_SHARED = 2
DIRECTION_VALUE = {"-": -1.0, "~": 0.0, "+": 1.0, "mixed": 0.0}


@dataclass(frozen=True)
class Evidence:
    """One coded position of one statement: the unit every comparison is built from."""

    statement_id: int
    actor: str
    issue: str
    direction: str
    text: str
    document: str
    section: str = ""
    confidence: float = 1.0
    kind: str | None = None
    topics: tuple[str, ...] = ()


@dataclass
class Cell:
    direction: str  # + - ~ mixed
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)


@dataclass
class PositionMap:
    actors: list[str]
    issues: list[str]
    cells: dict[tuple[str, str], Cell]

    def cell(self, actor: str, issue: str) -> Cell | None:
        return self.cells.get((actor, issue))

    def matrix(self) -> np.ndarray:
        """actors × issues of -1, 0, +1 and NaN where the actor takes no position."""
        values = np.full((len(self.actors), len(self.issues)), np.nan)
        a_index = {a: i for i, a in enumerate(self.actors)}
        i_index = {s: j for j, s in enumerate(self.issues)}
        for (actor, issue), cell in self.cells.items():
            values[a_index[actor], i_index[issue]] = DIRECTION_VALUE[cell.direction]
        return values


def combine_directions(directions: Iterable[str]) -> str:
    found = set(directions)
    if {"+", "-"} <= found:
        return "mixed"
    clear = found - {"~"}
    return next(iter(clear)) if clear else "~"


def position_map(evidence: Iterable[Evidence], issues: Iterable[str] | None = None) -> PositionMap:
    grouped: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for item in evidence:
        grouped[(item.actor, item.issue)].append(item)
    cells = {
        key: Cell(combine_directions(e.direction for e in items), items)
        for key, items in grouped.items()
    }
    actors = sorted({a for a, _ in cells})
    issue_list = sorted(set(issues) if issues is not None else {i for _, i in cells})
    cells = {k: v for k, v in cells.items() if k[1] in set(issue_list)}
    return PositionMap(actors, issue_list, cells)


@dataclass(frozen=True)
class Agreement:
    a: str
    b: str
    score: float  # 0 = opposed on everything shared, 1 = agree on everything, 0.5 = neutral
    raw: float  # mean agreement over shared issues, without the prior
    shared: int  # issues both take a position on
    agree: int  # shared issues with the same direction
    disagree: int  # shared issues with opposite directions

    @property
    def thin(self) -> bool:
        return self.shared < MIN_SHARED


@dataclass(frozen=True)
class AgreementMatrices:
    """actors × actors: shrunk score, raw mean, counts of shared/agreeing/opposed issues."""

    score: np.ndarray
    raw: np.ndarray
    shared: np.ndarray
    agree: np.ndarray
    disagree: np.ndarray


def agreement_matrix(pmap: PositionMap) -> AgreementMatrices:
    """Every pair at once, vectorised over actors × actors × issues."""
    values = pmap.matrix()
    present = ~np.isnan(values)
    filled = np.nan_to_num(values)
    both = present[:, None, :] & present[None, :, :]
    distance = np.abs(filled[:, None, :] - filled[None, :, :])
    total = np.where(both, 1.0 - distance / 2.0, 0.0).sum(axis=2)
    shared = both.sum(axis=2)
    raw = np.divide(total, shared, out=np.full(total.shape, np.nan), where=shared > 0)
    score = (total + 0.5 * PRIOR_ISSUES) / (shared + PRIOR_ISSUES)
    agree = (both & (distance == 0)).sum(axis=2)
    disagree = (both & (distance == 2)).sum(axis=2)
    return AgreementMatrices(score, raw, shared, agree, disagree)


def agreements(pmap: PositionMap) -> list[Agreement]:
    """Every pair of actors that shares at least one issue, most agreeing first."""
    m = agreement_matrix(pmap)
    rows, cols = np.nonzero(np.triu(m.shared, k=1))
    pairs = [
        Agreement(
            pmap.actors[i],
            pmap.actors[j],
            float(m.score[i, j]),
            float(m.raw[i, j]),
            int(m.shared[i, j]),
            int(m.agree[i, j]),
            int(m.disagree[i, j]),
        )
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
    ]
    return sorted(pairs, key=lambda p: (-p.score, -p.shared, p.a, p.b))


@dataclass(frozen=True)
class IssueComparison:
    """One shared issue between an actor and another: both cells with their quotes."""

    issue: str
    mine: Cell
    theirs: Cell

    @property
    def agrees(self) -> bool:
        return self.mine.direction == self.theirs.direction and self.mine.direction != "mixed"

    @property
    def partly_agrees(self) -> bool:
        """One wants change ("~") where the other pushes a direction: agreement in part."""
        directions = {self.mine.direction, self.theirs.direction}
        return "~" in directions and len(directions - {"~", "mixed"}) == 1

    @property
    def opposes(self) -> bool:
        return {self.mine.direction, self.theirs.direction} == {"+", "-"}


@dataclass(frozen=True)
class Relation:
    """Another actor, seen from one actor: the score and the issues behind it."""

    actor: str
    agreement: Agreement
    issues: list[IssueComparison]


def relations(pmap: PositionMap, actor: str, issues: Iterable[str] | None = None) -> list[Relation]:
    """Every other actor sharing an issue with `actor`, on the given issues only if given.

    Scored for one actor's row only (actors × issues), not for every pair.
    """
    if actor not in pmap.actors:
        return []
    if issues is not None:
        wanted = set(issues)
        pmap = PositionMap(
            pmap.actors,
            [i for i in pmap.issues if i in wanted],
            {k: v for k, v in pmap.cells.items() if k[1] in wanted},
        )
    values = pmap.matrix()
    me = pmap.actors.index(actor)
    present = ~np.isnan(values)
    filled = np.nan_to_num(values)
    both = present[me][None, :] & present
    distance = np.abs(filled[me][None, :] - filled)
    total = np.where(both, 1.0 - distance / 2.0, 0.0).sum(axis=1)
    shared = both.sum(axis=1)
    agree = (both & (distance == 0)).sum(axis=1)
    disagree = (both & (distance == 2)).sum(axis=1)
    out = []
    for j in np.nonzero(shared)[0].tolist():
        if j == me:
            continue
        other = pmap.actors[j]
        a, b = sorted((actor, other))
        n = int(shared[j])
        score = (float(total[j]) + 0.5 * PRIOR_ISSUES) / (n + PRIOR_ISSUES)
        pair = Agreement(a, b, score, float(total[j]) / n, n, int(agree[j]), int(disagree[j]))
        compared = [
            IssueComparison(issue, pmap.cells[(actor, issue)], pmap.cells[(other, issue)])
            for k, issue in enumerate(pmap.issues)
            if both[j, k]
        ]
        out.append(Relation(other, pair, compared))
    return sorted(out, key=lambda r: (-r.agreement.score, -r.agreement.shared, r.actor))


def allies(pmap: PositionMap, actor: str, issues: Iterable[str] | None = None) -> list[Relation]:
    """Actors that agree with `actor`, fully or in part, on a shared issue, strongest first."""
    found = [
        r
        for r in relations(pmap, actor, issues)
        if any(c.agrees or c.partly_agrees for c in r.issues)
    ]
    return sorted(found, key=lambda r: (-r.agreement.score, -r.agreement.agree, r.actor))


def opponents(pmap: PositionMap, actor: str, issues: Iterable[str] | None = None) -> list[Relation]:
    """Actors that oppose `actor` on at least one shared issue, most opposed first."""
    found = [r for r in relations(pmap, actor, issues) if any(c.opposes for c in r.issues)]
    return sorted(found, key=lambda r: (r.agreement.score, -r.agreement.disagree, r.actor))


def salience(topics_by_actor: dict[str, list[tuple[str, ...]]]) -> dict[str, dict[str, float]]:
    """actor -> topic -> share of the actor's statements that carry the topic."""
    result: dict[str, dict[str, float]] = {}
    for actor, statements in topics_by_actor.items():
        counts: dict[str, int] = defaultdict(int)
        for topics in statements:
            for topic in topics:
                counts[topic] += 1
        total = len(statements) or 1
        result[actor] = {t: c / total for t, c in sorted(counts.items())}
    return result
