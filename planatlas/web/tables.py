"""The rows a page shows, as a flat table for "Last ned CSV" and "Last ned Excel"; the
tables are written by planatlas/export/tables.py.

Statement lists use the export's own columns (planatlas.export.statements); the other views get
their own columns, one row per line the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from planatlas.export import statements as export
from planatlas.export.tables import Table
from planatlas.questions.allies import Alliances
from planatlas.questions.compare import Comparison
from planatlas.questions.diff import PlanDiff
from planatlas.questions.documents import StatementLink
from planatlas.questions.overview import Overview
from planatlas.questions.search import SearchResults
from planatlas.questions.trace import Answer, GoalRow, TraceRow
from planatlas.store.records import IngestionErrorRecord, StoredStatement


def statements_table(name: str, found: Sequence[StoredStatement]) -> Table:
    """Statements with the same columns as `planatlas export`, and their ids."""
    flat = export.table(export.rows_of(found))
    rows = [[*row, s.id] for row, s in zip(flat.rows, found, strict=True)]
    return Table(name, [*flat.columns, "id"], rows)


def overview_table(view: Overview) -> Table:
    rows = [
        [actor, *(round(row.get(t, 0.0), 3) for t in view.topics)]
        for actor, row in view.salience.items()
    ]
    return Table("oversikt", ["actor", *view.topics], rows)


def links_table(links: Sequence[StatementLink]) -> Table:
    rows = [
        [
            link.type,
            link.degree,
            link.issue,
            link.score,
            link.statement.id,
            link.statement.actor,
            link.statement.title,
            link.statement.text,
        ]
        for link in links
    ]
    return Table(
        "lenker", ["type", "degree", "issue", "score", "id", "actor", "title", "text"], rows
    )


def search_table(results: SearchResults) -> Table:
    table = statements_table("sok", [h.statement for h in results.hits])
    scores = [round(h.score, 4) for h in results.hits]
    return Table(
        table.name,
        [*table.columns, "score"],
        [[*r, s] for r, s in zip(table.rows, scores, strict=True)],
    )


def compare_table(view: Comparison) -> Table:
    rows = []
    for row in view.rows:
        for actor in view.actors:
            cell = row.cells.get(actor)
            if cell is not None:
                for e in cell.evidence:
                    rows.append(
                        [
                            row.issue,
                            row.label,
                            round(row.contested, 3),
                            actor,
                            cell.direction,
                            e.text,
                            e.document,
                            e.statement_id,
                        ]
                    )
    return Table(
        "sammenlign",
        ["issue", "label", "contested", "actor", "direction", "quote", "source", "id"],
        rows,
    )


def allies_table(view: Alliances) -> Table:
    sides = [(r, "ally") for r in view.allies] + [(r, "opponent") for r in view.opponents]
    rows = [
        [side, relation.actor, round(relation.agreement.score, 3), c.issue, c.mine.direction,
         c.theirs.direction, _quote(c.mine.evidence), _quote(c.theirs.evidence)]
        for relation, side in sides
        for c in relation.issues
    ]  # fmt: skip
    columns = ["relation", "actor", "score", "issue", "mine", "theirs", "my_quote", "their_quote"]
    return Table("allierte", columns, rows)


def _quote(evidence: Sequence[Any]) -> str:
    return evidence[0].text if evidence else ""


def trace_table(rows: Sequence[TraceRow], goals: Sequence[GoalRow]) -> Table:
    out: list[list[Any]] = []
    for row in rows:
        answers: list[Answer | None] = [*row.answers] or [None]
        for a in answers:
            out.append(["demand", row.demand.id, row.demand.text, row.status,
                        a.degree if a else "", a.measure.text if a else ""])  # fmt: skip
    for g in goals:
        if not g.has_measures:
            out.append(["goal_without_measures", g.goal.id, g.goal.text, "none", "", ""])
    return Table("sporing", ["row", "id", "text", "status", "degree", "measure"], out)


def diff_table(diff: PlanDiff) -> Table:
    rows = [
        [c.status, c.old.text if c.old else "", c.new.text if c.new else "", round(c.similarity, 3)]
        for c in diff.changes
    ]
    return Table("endringer", ["status", "old", "new", "similarity"], rows)


def errors_table(errors: Iterable[IngestionErrorRecord]) -> Table:
    rows = [[e.id, e.path, e.code, e.message, e.created_at.isoformat()] for e in errors]
    return Table("feil", ["id", "path", "code", "message", "created_at"], rows)
