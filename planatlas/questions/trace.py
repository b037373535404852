"""Trace demands to a plan's measures, and a plan's goals to the measures that serve them.

A demand is answered `full` by a measure that pushes the same issue the same way, `partial`
by one that shares the issue without opposing it or shares a topic and enough words
(links.PARTIAL_ANSWER), and `none` when nothing in the plan meets it.

A goal is served by the measures in its own section (under the same heading) and by measures
elsewhere in the plan that link to it the same way; a goal with neither is listed as a goal
without measures: what user organisations mean by "little in the plan says how the goals will
be reached".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planatlas.questions.links import (
    DEMAND_KINDS,
    MEASURE_KINDS,
    LinkIndex,
    LinkItem,
    Terms,
    classify,
    link_item,
)
from planatlas.questions.listing import title_of
from planatlas.questions.snapshot import memo
from planatlas.store import Atlas

DEGREE_ORDER = {"full": 2, "partial": 1}


@dataclass(frozen=True)
class Answer:
    measure: LinkItem
    degree: str  # full | partial
    score: float
    issue: str | None = None


@dataclass
class TraceRow:
    demand: LinkItem
    answers: list[Answer] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.answers:
            return "none"
        return max(self.answers, key=lambda a: DEGREE_ORDER[a.degree]).degree


def trace(
    demands: Sequence[LinkItem], plan: Sequence[LinkItem], terms: Terms | None = None, top: int = 3
) -> list[TraceRow]:
    """Each demand (or goal) of one document with the plan's measures that answer it."""
    wanted = [d for d in demands if d.kind in DEMAND_KINDS]
    measures = [m for m in plan if m.kind in MEASURE_KINDS]
    rows = [TraceRow(d) for d in wanted]
    if not measures or not wanted:
        return rows
    sims = LinkIndex(measures, terms).similarities(wanted)
    for r, row in enumerate(rows):
        for c, measure in enumerate(measures):
            link = classify(row.demand, measure, float(sims[r, c]))
            if link is not None and link.type == "answers" and link.degree is not None:
                row.answers.append(Answer(measure, link.degree, link.score, link.issue))
        row.answers.sort(key=lambda a: (-DEGREE_ORDER[a.degree], -a.score))
        del row.answers[top:]
    return rows


@dataclass
class GoalRow:
    goal: LinkItem
    under: list[LinkItem] = field(default_factory=list)  # measures in the goal's own section
    linked: list[Answer] = field(default_factory=list)  # measures elsewhere that answer it

    @property
    def has_measures(self) -> bool:
        return bool(self.under or self.linked)


def goals(plan: Sequence[LinkItem], terms: Terms | None = None) -> list[GoalRow]:
    """Every goal of a plan with the measures under it or linked to it."""
    rows = []
    goal_items = [g for g in plan if g.kind == "goal"]
    linked = {row.demand.id: row.answers for row in trace(goal_items, plan, terms)}
    for goal in goal_items:
        under = [
            m
            for m in plan
            if m.kind in MEASURE_KINDS and goal.section and m.section == goal.section
        ]
        rows.append(
            GoalRow(goal, under, [a for a in linked.get(goal.id, []) if a.measure not in under])
        )
    return rows


# --- from an atlas


def trace_documents(atlas: Atlas, demands: str | int, plan: str | int) -> list[TraceRow]:
    """Each demand (and goal) of one document with the plan's measures that answer it."""

    def work() -> list[TraceRow]:
        wanted = [link_item(s) for s in atlas.statements(document=demands)]
        measures = [link_item(s) for s in atlas.statements(document=plan)]
        return trace(wanted, measures)

    return memo(atlas, ("trace", demands, plan), work)


def plan_goals(atlas: Atlas, plan: str | int) -> list[GoalRow]:
    """Every goal of a plan with the measures under it or linked to it."""

    def work() -> list[GoalRow]:
        return goals([link_item(s) for s in atlas.statements(document=plan)])

    return memo(atlas, ("goals", plan), work)


@dataclass(frozen=True)
class TraceView:
    demands: str | int | None
    plan: str | int | None
    demands_title: str | None
    plan_title: str | None
    rows: list[TraceRow]
    goals: list[GoalRow]

    @property
    def goals_without_measures(self) -> list[GoalRow]:
        return [g for g in self.goals if not g.has_measures]


def trace_view(atlas: Atlas, demands: str | int | None, plan: str | int | None) -> TraceView:
    """The demands of one document traced to a plan's measures, and the plan's bare goals."""
    rows = trace_documents(atlas, demands, plan) if demands is not None and plan else []
    goals = plan_goals(atlas, plan) if plan is not None else []
    return TraceView(demands, plan, title_of(atlas, demands), title_of(atlas, plan), rows, goals)
