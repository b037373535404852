"""Who stands where: the position map (actor × issue) and salience (actor × topic).

Position map
    actor × issue. A cell holds the actor's direction and the statements that prove it.
    One direction across its statements is that direction; "+" and "-" both is "mixed";
    "~" beside "+" or "-" gives way to the clearer one.

Pure functions over records; questions/snapshot.py loads the records from an atlas and
questions/compare.py asks these questions of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from planatlas.store.records import StoredStatement

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


def evidence_of(statement: StoredStatement) -> list[Evidence]:
    """Each position a statement takes, as evidence for its actor."""
    if not statement.actor:
        return []
    confidence = float(statement.coding.confidence.get("positions", 1.0))
    return [
        Evidence(
            statement_id=statement.id,
            actor=statement.actor,
            issue=p.issue,
            direction=p.direction,
            text=statement.text,
            document=statement.title or statement.source,
            section=" › ".join(statement.section),
            confidence=confidence,
            kind=statement.coding.kind,
            topics=tuple(statement.coding.topics),
        )
        for p in statement.coding.positions
    ]
