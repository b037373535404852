"""Actors side by side: the position map of an atlas, salience, and who agrees with whom.

Agreement (documented in README, "How agreement is scored")
    Directions are placed on a line: "-" = -1, "~" = 0, "+" = +1 ("mixed" = 0). On each
    issue both actors take a position on, agreement is 1 - |a - b| / 2: same direction 1,
    opposite 0, "~" against a direction 0.5. This is the city-block (Manhattan) agreement
    that voting advice applications use, in a form a reader can check by hand ("agree on
    three of four issues"). The score is the mean over shared issues, shrunk towards the
    neutral 0.5 by a prior of PRIOR_ISSUES pseudo-issues, so that two actors who share one
    issue do not come out as perfect allies: score = (sum + 0.5 * k) / (n + k). Pairs with
    fewer than MIN_SHARED shared issues are kept but marked `thin`.

Weighted agreement: the contested issues count most (README, "How agreement is weighted")
    Agreement over every shared issue is dominated by issues on which every actor wants more
    (shorter waiting times, more for mental health): two parties agree there whatever else
    divides them. So each issue gets a weight from how much the actors of the whole atlas
    (not only the pair) disagree on it: its contestedness c, the mean disagreement
    |a - b| / 2 over every pair of actors that take a position on it (0 when all push the
    same way, 1 when two actors push opposite ways, 0.5 for an even split among many).
    An issue only one actor takes a position on has no one to disagree with: c = 0. The
    weight is w = FLOOR + (1 - FLOOR) * c, so that agreement on a consensual issue still
    counts a little. The weighted score is (sum of w * agreement + 0.5 * k) / (sum of w + k),
    with the same prior of k = PRIOR_ISSUES pseudo-issues of full weight. The unweighted
    score is kept beside it (`score`, `raw`); the weighted one is `weighted`.

Support: what a cell rests on (README, "How the contested issues are ordered")
    A coder that reads whole programmes codes a stray sentence now and then (a sentence on
    police methods read as new treatments). On a map of many statements such a cell is one
    among many; in a comparison that leads with the issues dividing two actors it would
    lead. So each actor's cell on an issue carries its support: how many statements it rests
    on, their mean confidence and the sum of their confidences (`weight`). A cell resting on
    fewer than FIRM_STATEMENTS statements is `thin`, shown as "ett utsagn", never hidden.
    An issue's side is the actors that push it one way; a side is as strong as its best
    supported cell, and the issue's `weakest` is its weaker side; an issue with a thin
    weaker side is `thin`. The firm issues come first, the thin ones after them, so that
    what a comparison leads with always rests on two statements or more a side. Within
    each, the issues that divide the chosen actors come first (the more they disagree on it
    the earlier, then the better supported its weaker side, then the more contested in the
    atlas), then those that do not (the most contested in the atlas first). The coder's
    confidence does not tell a stray from a sound position (a stray read off a direction
    word next to an issue term is as sure as any), so thinness is counted in statements.
    Agreement scores count every cell as it is (a thin cell is still the actor's position):
    support orders and marks, it does not weigh.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from planatlas.coding.taxonomy import active_taxonomy
from planatlas.labels import Labels
from planatlas.questions.positions import (
    DIRECTION_VALUE,
    Cell,
    Evidence,
    PositionMap,
    position_map,
)
from planatlas.questions.snapshot import require_actors, snapshot
from planatlas.store import Atlas

PRIOR_ISSUES = 1.0
MIN_SHARED = 2
FLOOR = 0.1  # the weight of an issue on which every actor agrees
BLOCK_ACTORS = 64  # actors whose rows of agreement are made at a time
FIRM_STATEMENTS = 2  # a cell resting on fewer statements is thin ("ett utsagn")


@dataclass(frozen=True)
class Agreement:
    a: str
    b: str
    score: float  # 0 = opposed on everything shared, 1 = agree on everything, 0.5 = neutral
    raw: float  # mean agreement over shared issues, without the prior
    shared: int  # issues both take a position on
    agree: int  # shared issues with the same direction
    disagree: int  # shared issues with opposite directions
    weighted: float | None = None  # score with the contested issues counting most
    weighted_raw: float | None = None  # weighted mean over shared issues, without the prior

    @property
    def thin(self) -> bool:
        return self.shared < MIN_SHARED


@dataclass(frozen=True)
class AgreementMatrices:
    """actors × actors: shrunk score, raw mean, counts of shared/agreeing/opposed issues,
    and the weighted score and mean (contested issues counting most)."""

    score: np.ndarray
    raw: np.ndarray
    shared: np.ndarray
    agree: np.ndarray
    disagree: np.ndarray
    weighted: np.ndarray
    weighted_raw: np.ndarray


def contestedness(pmap: PositionMap) -> dict[str, float]:
    """issue -> mean disagreement |a - b| / 2 over every pair of actors that take a position
    on it (0: all push the same way; 1: two actors, opposite ways). One actor alone: 0."""
    values = pmap.matrix()
    found: dict[str, float] = {}
    for k, issue in enumerate(pmap.issues):
        column = values[:, k]
        taken = column[~np.isnan(column)]
        n = len(taken)
        if n < 2:
            found[issue] = 0.0
            continue
        # counted, not drawn as an n × n table (thousands of actors): over ordered pairs, a
        # direction against "~" is half a step apart, "+" against "-" a whole step
        minus, zero, plus = (int(np.count_nonzero(taken == v)) for v in (-1.0, 0.0, 1.0))
        apart = minus * zero + zero * plus + 2 * minus * plus
        found[issue] = float(apart) / (n * (n - 1))
    return found


def issue_weights(contested: dict[str, float], issues: Sequence[str]) -> np.ndarray:
    """The weight of each issue: FLOOR + (1 - FLOOR) * contestedness (unknown issues: FLOOR)."""
    return np.array([FLOOR + (1.0 - FLOOR) * contested.get(i, 0.0) for i in issues])


def agreement_matrix(
    pmap: PositionMap, contested: dict[str, float] | None = None
) -> AgreementMatrices:
    """Every pair at once, vectorised over actors × actors × issues, a block of actors' rows at
    a time (the whole table of thousands of actors takes gigabytes). `contested` is the
    contestedness of each issue over the whole atlas (default: over this map's actors)."""
    values = pmap.matrix()
    w = issue_weights(contested if contested is not None else contestedness(pmap), pmap.issues)
    starts = range(0, len(values), BLOCK_ACTORS) or range(1)
    parts = [_agreement_rows(values, start, start + BLOCK_ACTORS, w) for start in starts]
    return AgreementMatrices(*(np.concatenate(part, axis=0) for part in zip(*parts, strict=True)))


def _agreement_rows(
    values: np.ndarray, start: int, stop: int, w: np.ndarray
) -> tuple[np.ndarray, ...]:
    """The rows start:stop of each agreement matrix: each cell summed over its own row of
    issues, as when the whole table is made at once."""
    present = ~np.isnan(values)
    filled = np.nan_to_num(values)
    both = present[start:stop, None, :] & present[None, :, :]
    distance = np.abs(filled[start:stop, None, :] - filled[None, :, :])
    agreeing = np.where(both, 1.0 - distance / 2.0, 0.0)
    total = agreeing.sum(axis=2)
    shared = both.sum(axis=2)
    raw = np.divide(total, shared, out=np.full(total.shape, np.nan), where=shared > 0)
    score = (total + 0.5 * PRIOR_ISSUES) / (shared + PRIOR_ISSUES)
    agree = (both & (distance == 0)).sum(axis=2)
    disagree = (both & (distance == 2)).sum(axis=2)
    w_total = (agreeing * w).sum(axis=2)
    w_shared = (both * w).sum(axis=2)
    weighted_raw = np.divide(
        w_total, w_shared, out=np.full(total.shape, np.nan), where=w_shared > 0
    )
    weighted = (w_total + 0.5 * PRIOR_ISSUES) / (w_shared + PRIOR_ISSUES)
    return score, raw, shared, agree, disagree, weighted, weighted_raw


def agreements(pmap: PositionMap, contested: dict[str, float] | None = None) -> list[Agreement]:
    """Every pair of actors that shares at least one issue, most agreeing first (by the
    unweighted score; each pair carries its weighted score too)."""
    m = agreement_matrix(pmap, contested)
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
            weighted=float(m.weighted[i, j]),
            weighted_raw=float(m.weighted_raw[i, j]),
        )
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
    ]
    return sorted(pairs, key=lambda p: (-p.score, -p.shared, p.a, p.b))


def by_weighted(pairs: list[Agreement]) -> list[Agreement]:
    """Pairs most agreeing first on the contested issues."""
    return sorted(pairs, key=lambda p: (-(p.weighted or 0.0), -p.shared, p.a, p.b))


# --- from an atlas


def position_map_of(
    atlas: Atlas, *, topic: str | None = None, issue: str | None = None
) -> PositionMap:
    """actor × issue: each actor's direction on each issue, with the statements behind it."""
    snap = snapshot(atlas)
    return snap.remember(("map", topic, issue), lambda: _position_map(snap.evidence, topic, issue))


def _position_map(
    evidence: Iterable[Evidence], topic: str | None, issue: str | None
) -> PositionMap:
    if issue is not None:
        evidence = [e for e in evidence if e.issue == issue]
    if topic is not None:
        topics_of = {key: i.topics for key, i in active_taxonomy().issues.items()}
        evidence = [e for e in evidence if topic in topics_of.get(e.issue, ()) or topic in e.topics]
    return position_map(evidence)


def contestedness_of(atlas: Atlas, *, topic: str | None = None) -> dict[str, float]:
    """The contestedness of each issue over the whole atlas, once per snapshot."""
    snap = snapshot(atlas)
    return snap.remember(
        ("contested", topic), lambda: contestedness(position_map_of(atlas, topic=topic))
    )


def _cells_by_actor(atlas: Atlas, topic: str | None) -> dict[str, dict[str, Cell]]:
    """actor -> issue -> cell of the position map, once per snapshot: a comparison of a few
    actors reads their rows, not every cell of thousands of actors."""

    def work() -> dict[str, dict[str, Cell]]:
        found: dict[str, dict[str, Cell]] = {}
        for (actor, issue), cell in position_map_of(atlas, topic=topic).cells.items():
            found.setdefault(actor, {})[issue] = cell
        return found

    return snapshot(atlas).remember(("cells by actor", topic), work)


def salience_of(atlas: Atlas) -> dict[str, dict[str, float]]:
    """actor -> topic -> share of the actor's statements that carry the topic."""
    return snapshot(atlas).salience


def position_rows(pmap: PositionMap) -> list[dict[str, str]]:
    """The position map as rows (one per actor) of issue name -> direction (+, -, ~ or
    "blandet"), for tables and spreadsheets."""
    labels = Labels()

    def shown(direction: str) -> str:
        return labels.direction(direction) if direction == "mixed" else direction

    return [
        {"aktør": actor}
        | {
            labels.issue(issue): shown(cell.direction)
            for issue in pmap.issues
            if (cell := pmap.cells.get((actor, issue)))
        }
        for actor in pmap.actors
    ]


def salience_rows(shares: dict[str, dict[str, float]]) -> list[dict[str, str]]:
    """Actor × topic salience as rows of topic name -> share in percent."""
    labels = Labels()
    return [
        {"aktør": actor}
        | {labels.topic(topic): f"{share * 100:.0f}" for topic, share in topics.items()}
        for actor, topics in sorted(shares.items())
    ]


@dataclass(frozen=True)
class Support:
    """What one actor's cell on an issue rests on."""

    statements: int  # distinct statements behind the cell
    confidence: float  # the mean confidence of their positions, 0-1
    weight: float  # the sum of their confidences
    thin: bool  # fewer than FIRM_STATEMENTS statements: shown as "ett utsagn"


def support_of(cell: Cell) -> Support:
    """A cell's support: its distinct statements and the coder's confidence in them."""
    sure: dict[int, float] = {}
    for e in cell.evidence:
        sure[e.statement_id] = max(sure.get(e.statement_id, 0.0), e.confidence)
    n, total = len(sure), sum(sure.values())
    return Support(n, round(total / n, 3) if n else 0.0, round(total, 3), n < FIRM_STATEMENTS)


@dataclass(frozen=True)
class IssueRow:
    issue: str
    label: str
    cells: dict[str, Cell | None]  # actor -> cell (None: takes no position)
    contested: float = 0.0  # how much the atlas's actors disagree on it, 0-1
    support: dict[str, Support] = field(init=False)  # actor -> support, of those taking one
    disagreement: float = field(init=False)  # mean |a - b| / 2 over the chosen actors' pairs
    weakest: float = field(init=False)  # the support weight of its weaker side
    thin: bool = field(init=False)  # its weaker side rests on one statement

    def __post_init__(self) -> None:
        support = {a: support_of(c) for a, c in self.cells.items() if c is not None}
        weaker = min(
            (max(side, key=_firmness) for side in self._sides(support)),
            key=_firmness,
            default=None,
        )
        object.__setattr__(self, "support", support)
        object.__setattr__(self, "disagreement", self._disagreement())
        object.__setattr__(self, "weakest", weaker.weight if weaker else 0.0)
        object.__setattr__(self, "thin", weaker.thin if weaker else True)

    @property
    def divides(self) -> bool:
        """The chosen actors push this issue opposite ways."""
        directions = {c.direction for c in self.cells.values() if c is not None}
        return {"+", "-"} <= directions

    def _sides(self, support: dict[str, Support]) -> list[list[Support]]:
        """The supports of the actors pushing each way ("+" against "-" where it divides)."""
        sides: dict[str, list[Support]] = {}
        for actor, cell in self.cells.items():
            if cell is not None:
                sides.setdefault(cell.direction, []).append(support[actor])
        if self.divides:
            return [sides["+"], sides["-"]]
        return list(sides.values())

    def _disagreement(self) -> float:
        values = [DIRECTION_VALUE[c.direction] for c in self.cells.values() if c is not None]
        pairs = [(a, b) for i, a in enumerate(values) for b in values[i + 1 :]]
        return sum(abs(a - b) / 2 for a, b in pairs) / len(pairs) if pairs else 0.0


def _firmness(support: Support) -> tuple[bool, float]:
    return not support.thin, support.weight


@dataclass(frozen=True)
class Comparison:
    actors: list[str]
    rows: list[IssueRow]  # the issues that divide the chosen actors first, then the contested
    agreements: list[Agreement]  # every pair of the chosen actors that shares an issue


def compare_actors(atlas: Atlas, actors: Sequence[str], *, topic: str | None = None) -> Comparison:
    """Two or more actors issue by issue, with the agreement score of each pair: the issues
    that divide them and those the atlas's actors disagree most on come first."""
    pmap = position_map_of(atlas, topic=topic)
    require_actors(atlas, actors)
    chosen = list(dict.fromkeys(actors))
    by_actor = _cells_by_actor(atlas, topic)
    cells = {(a, issue): cell for a in chosen for issue, cell in by_actor.get(a, {}).items()}
    sub = PositionMap(chosen, pmap.issues, cells)
    contested = contestedness_of(atlas, topic=topic)
    return Comparison(chosen, issue_rows(sub, contested), by_weighted(agreements(sub, contested)))


def issue_rows(pmap: PositionMap, contested: dict[str, float]) -> list[IssueRow]:
    """The issues any of the map's actors takes a position on, in the order a comparison
    shows them (see the module: Support)."""
    labels = Labels().issues()
    rows = [
        IssueRow(
            issue,
            labels.get(issue, issue),
            {a: pmap.cell(a, issue) for a in pmap.actors},
            contested.get(issue, 0.0),
        )
        for issue in pmap.issues
        if any(pmap.cell(a, issue) for a in pmap.actors)
    ]
    return sorted(rows, key=_contested_first)


def _contested_first(row: IssueRow) -> tuple[bool, bool, float, float, float, int, str]:
    """Firm before thin, and within each the divisions first (see the module: Support)."""
    taking = -sum(c is not None for c in row.cells.values())
    if row.divides:
        return (row.thin, False, -row.disagreement, -row.weakest, -row.contested, taking, row.label)
    return (row.thin, True, -row.contested, -row.disagreement, -row.weakest, taking, row.label)


def agreement_of(atlas: Atlas, *, topic: str | None = None) -> list[Agreement]:
    """Every pair of actors in the atlas that shares an issue, most agreeing on the contested
    issues first (each with its unweighted score too)."""
    return by_weighted(agreements(position_map_of(atlas, topic=topic)))
