"""Allies and opponents of one actor, with the quoted statements behind each shared issue.

An ally agrees fully or in part on at least one shared issue; an opponent pushes the other
way on at least one. Relations are scored for one actor's row of the position map only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from planatlas.questions.compare import PRIOR_ISSUES, Agreement, position_map_of
from planatlas.questions.network import Network, alliance_network
from planatlas.questions.positions import Cell, PositionMap
from planatlas.questions.snapshot import memo, require_actors
from planatlas.store import Atlas

SHOWN_RELATIONS = 12  # a page lists this many allies and opponents; downloads have them all
SHOWN_ISSUES = 4  # ... each with this many issues, the ones that make it an ally first


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


# --- from an atlas


@dataclass(frozen=True)
class Alliances:
    actor: str
    allies: list[Relation]
    opponents: list[Relation]


def allies_of(
    atlas: Atlas, actor: str, *, topic: str | None = None, issue: str | None = None
) -> Alliances:
    """An actor's allies and opponents, optionally on one topic or issue, with the quotes."""
    pmap = position_map_of(atlas, topic=topic, issue=issue)
    require_actors(atlas, [actor])

    def work() -> Alliances:
        return Alliances(actor, allies(pmap, actor), opponents(pmap, actor))

    return memo(atlas, ("allies", actor, topic, issue), work)


def strongest(found: Alliances) -> Alliances:
    """The strongest allies and opponents, each with its clearest issues first (for a page)."""

    def trim(relation: Relation, agreeing: bool) -> Relation:
        def first(c: IssueComparison) -> bool:  # False sorts first
            return not (c.agrees or c.partly_agrees) if agreeing else not c.opposes

        issues = sorted(relation.issues, key=first)[:SHOWN_ISSUES]
        return Relation(relation.actor, relation.agreement, issues)

    return Alliances(
        found.actor,
        [trim(r, True) for r in found.allies[:SHOWN_RELATIONS]],
        [trim(r, False) for r in found.opponents[:SHOWN_RELATIONS]],
    )


@dataclass(frozen=True)
class AlliancesPage:
    """An actor's allies and opponents (when one is chosen) beside the alliance network."""

    actor: str | None
    topic: str | None
    alliances: Alliances | None  # every ally and opponent (for downloads)
    network: Network
    shown: Alliances | None = None  # the strongest, with their clearest issues

    @property
    def totals(self) -> tuple[int, int]:
        found = self.alliances
        return (len(found.allies), len(found.opponents)) if found else (0, 0)


def alliances_page(atlas: Atlas, actor: str | None, *, topic: str | None = None) -> AlliancesPage:
    """What the allies page shows: the chosen actor's relations and the whole network."""
    found = allies_of(atlas, actor, topic=topic) if actor else None
    network = alliance_network(atlas, topic=topic)
    return AlliancesPage(actor, topic, found, network, strongest(found) if found else None)
