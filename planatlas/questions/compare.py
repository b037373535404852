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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from planatlas.coding.taxonomy import active_taxonomy
from planatlas.labels import Labels
from planatlas.questions.positions import Cell, Evidence, PositionMap, position_map
from planatlas.questions.snapshot import require_actors, snapshot
from planatlas.store import Atlas

PRIOR_ISSUES = 1.0
MIN_SHARED = 2


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
class IssueRow:
    issue: str
    label: str
    cells: dict[str, Cell | None]  # actor -> cell (None: takes no position)


@dataclass(frozen=True)
class Comparison:
    actors: list[str]
    rows: list[IssueRow]
    agreements: list[Agreement]  # every pair of the chosen actors that shares an issue


def compare_actors(atlas: Atlas, actors: Sequence[str], *, topic: str | None = None) -> Comparison:
    """Two or more actors issue by issue, with the agreement score of each pair."""
    pmap = position_map_of(atlas, topic=topic)
    require_actors(atlas, actors)
    chosen = list(dict.fromkeys(actors))
    sub = PositionMap(
        chosen, pmap.issues, {k: v for k, v in pmap.cells.items() if k[0] in set(chosen)}
    )
    labels = Labels().issues()
    rows = [
        IssueRow(issue, labels.get(issue, issue), {a: sub.cell(a, issue) for a in chosen})
        for issue in pmap.issues
        if any(sub.cell(a, issue) for a in chosen)
    ]
    rows.sort(key=lambda r: (-sum(c is not None for c in r.cells.values()), r.label))
    return Comparison(chosen, rows, agreements(sub))


def agreement_of(atlas: Atlas, *, topic: str | None = None) -> list[Agreement]:
    """Every pair of actors in the atlas that shares an issue, most agreeing first."""
    return agreements(position_map_of(atlas, topic=topic))
