"""Roll-up: items -> sections -> the whole plan.

An item's score is 1 when completed (fullført, innfridd); when its progress against a parsed
target can be measured, the share of the target reached; else what its status counts
(data/followup.yaml: pågår and delvis innfridd 0.5, ikke startet 0). An item cancelled
(avbrutt) is left out. Each item weighs its weight (1 unless an editor sets another).

A section's score is the weighted mean of its items' scores; the plan's is the weighted mean of
its sections', each section weighing as much as its items together: so the plan's score is
the weighted mean of all its items, and an area with ten measures counts ten times one with a
single measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planatlas.followup import status
from planatlas.followup.progress import progress_of
from planatlas.followup.records import Item


def item_score(item: Item) -> float | None:
    """0 to 1, or None for an item left out of the roll-up."""
    counted = status.score(item.kind, item.status)
    if counted is None:
        return None
    if status.completed(item.status):
        return 1.0
    fraction = progress_of(item.targets, item.logged).fraction
    return fraction if fraction is not None else counted


@dataclass(frozen=True)
class Rollup:
    """One level of the roll-up: its score, weight and how many items are in each status."""

    title: str
    score: float
    weight: float
    items: int
    by_status: dict[str, int] = field(default_factory=dict)
    sections: list[Rollup] = field(default_factory=list)


def _level(title: str, items: Sequence[Item], scores: dict[int, float | None]) -> Rollup:
    scored = [(i.weight, s) for i in items if (s := scores[i.statement_id]) is not None]
    weight = sum(w for w, _ in scored)
    score = sum(w * s for w, s in scored) / weight if weight else 0.0
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return Rollup(title, score, weight, len(items), counts)


def rollup(title: str, items: Sequence[Item]) -> Rollup:
    """The plan's roll-up, with one child per section in the order the plan has them."""
    scores = {item.statement_id: item_score(item) for item in items}
    areas: dict[str, list[Item]] = {}
    for item in items:
        areas.setdefault(item.area, []).append(item)
    sections = [_level(area, members, scores) for area, members in areas.items()]
    weight = sum(s.weight for s in sections)
    score = sum(s.weight * s.score for s in sections) / weight if weight else 0.0
    whole = _level(title, items, scores)
    return Rollup(title, score, whole.weight, whole.items, whole.by_status, sections)
