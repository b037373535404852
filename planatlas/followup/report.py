"""The status report a board presents at the annual meeting: progress per area, what was done,
what was not and why, and (for a new version of the plan) what was carried over.

Built from a follow-up board (store.board), so it shows what the viewer may see: the notes
that say why something was not done only to the plan's own organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planatlas.followup import status
from planatlas.followup.progress import progress_of
from planatlas.followup.records import Item
from planatlas.followup.rollup import item_score
from planatlas.followup.store import Board
from planatlas.labels import Labels


@dataclass(frozen=True)
class ReportItem:
    statement_id: int
    text: str
    kind: str
    status: str
    status_label: str
    progress: str
    score: float | None
    responsible: str | None
    due: str | None
    note: str


@dataclass(frozen=True)
class Area:
    title: str
    score: float
    items: int
    done: list[ReportItem] = field(default_factory=list)
    not_done: list[ReportItem] = field(default_factory=list)
    ended: list[ReportItem] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    title: str
    actor: str | None
    period: str | None
    version: int
    made: str  # ISO date the report was made
    score: float
    items: int
    by_status: dict[str, int]
    areas: list[Area]
    carried: dict[str, int]  # carried, completed, dropped, new (empty: no earlier version)
    carried_from: int | None
    show_notes: bool
    labels: Labels


def _row(item: Item, labels: Labels) -> ReportItem:
    return ReportItem(
        item.statement_id, item.text, item.kind, item.status,
        labels(f"followup.status.{item.status}"), progress_of(item.targets, item.logged).label(),
        item_score(item), item.responsible, item.due, item.note,
    )  # fmt: skip


def build_report(shown: Board, locale: str = "nb", today: date | None = None) -> Report:
    labels = Labels(locale)
    areas = []
    for section in shown.rollup.sections:
        members = [i for i in shown.items if i.area == section.title]
        rows = [_row(i, labels) for i in members]
        areas.append(
            Area(
                section.title or labels("followup.no_section"),
                section.score,
                section.items,
                [r for r in rows if status.completed(r.status)],
                [r for r in rows if not status.completed(r.status) and not status.ended(r.status)],
                [r for r in rows if status.ended(r.status)],
            )
        )
    carried = shown.carry
    return Report(
        shown.plan.title, shown.plan.actor, shown.plan.period, shown.plan.version,
        (today or date.today()).isoformat(), shown.rollup.score, shown.rollup.items,
        shown.rollup.by_status, areas,
        {k: len(v) for k, v in carried.outcome.items()} if carried else {},
        carried.from_version if carried else None, shown.can_read_notes, labels,
    )  # fmt: skip
