"""A one-page briefing on an actor: where it stands, who agrees, where it conflicts, and which
of its demands the national plan answers. export/brief.py writes it as Markdown, HTML or DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planatlas.labels import Labels
from planatlas.questions.allies import Relation, allies, opponents
from planatlas.questions.compare import position_map_of
from planatlas.questions.links import link_item
from planatlas.questions.positions import Cell
from planatlas.questions.snapshot import require_actors, snapshot
from planatlas.questions.trace import TraceRow, trace
from planatlas.store import Atlas
from planatlas.store.records import StoredStatement

MAX_ROWS = 6
GOVERNMENT_KINDS = ("government", "directorate", "health_trust", "agency")


@dataclass
class Brief:
    actor: str
    positions: list[tuple[str, Cell]]  # (issue label, cell)
    allies: list[Relation]
    opponents: list[Relation]
    trace: list[TraceRow] = field(default_factory=list)
    plan_title: str | None = None
    issue_labels: dict[str, str] = field(default_factory=dict)
    labels: Labels = field(default_factory=Labels)

    def label(self, issue: str) -> str:
        return self.issue_labels.get(issue, issue)


@dataclass(frozen=True)
class Line:
    """One line of the briefing: a heading, a bullet, or a quote with its source."""

    kind: str  # title | heading | bullet | quote | note
    text: str
    source: str | None = None


def lines(brief: Brief) -> list[Line]:
    """The briefing's content, independent of the output format."""
    t = brief.labels
    out = [Line("title", t("brief.title", actor=brief.actor))]
    out.append(Line("heading", t("brief.positions")))
    for issue, cell in brief.positions[: MAX_ROWS * 2]:
        out.append(Line("bullet", f"{brief.label(issue)}: {t.direction(cell.direction)}"))
        if cell.evidence:
            e = cell.evidence[0]
            out.append(Line("quote", e.text, _source(e.document, e.section)))
    out += _relations(t("brief.allies"), brief.allies, brief, agreeing=True)
    out += _relations(t("brief.conflicts"), brief.opponents, brief, agreeing=False)
    if brief.trace:
        plan = brief.plan_title or t("brief.the_plan")
        out.append(Line("heading", t("brief.answers", plan=plan)))
        for row in brief.trace[: MAX_ROWS * 2]:
            out.append(Line("bullet", f"{row.demand.text} – {t(f'answered.{row.status}')}"))
            if row.answers:
                answer = row.answers[0]
                out.append(Line("quote", answer.measure.text, answer.measure.document))
    return out


def _relations(title: str, relations: list[Relation], brief: Brief, agreeing: bool) -> list[Line]:
    out = [Line("heading", title)]
    if not relations:
        out.append(Line("note", brief.labels("brief.none_found")))
    for relation in relations[:MAX_ROWS]:
        a = relation.agreement
        said = brief.labels(
            "brief.relation", actor=relation.actor, score=f"{a.score:.0%}", shared=a.shared
        )
        out.append(Line("bullet", said))
        for comparison in relation.issues:
            if (
                comparison.agrees if agreeing else comparison.opposes
            ) and comparison.theirs.evidence:
                e = comparison.theirs.evidence[0]
                out.append(
                    Line(
                        "quote",
                        f"{brief.label(comparison.issue)}: {e.text}",
                        _source(e.document, e.section),
                    )
                )
                break
    return out


def _source(document: str, section: str) -> str:
    return f"{document}, {section}" if section else document


# --- from an atlas


def national_plan(atlas: Atlas) -> StoredStatement | None:
    """A statement of the newest government plan in the atlas, if there is one."""
    snap = snapshot(atlas)
    for s in reversed(snap.statements):
        if snap.actor_kinds.get(s.actor or "") in GOVERNMENT_KINDS:
            return s
    return None


def briefing(atlas: Atlas, actor: str, *, plan: str | int | None = None) -> Brief:
    """Where an actor stands, who agrees and disagrees, and what the plan answers."""
    pmap = position_map_of(atlas)
    require_actors(atlas, [actor])
    labels = Labels().issues()
    positions = sorted(
        ((issue, cell) for (a, issue), cell in pmap.cells.items() if a == actor),
        key=lambda pair: (-len(pair[1].evidence), labels.get(pair[0], pair[0])),
    )
    plan_ref: str | int | None = plan
    if plan_ref is None and (found := national_plan(atlas)) is not None:
        plan_ref = found.document_id
    rows: list[TraceRow] = []
    plan_title = None
    if plan_ref is not None:
        plan_doc = atlas.document(plan_ref)
        plan_title = plan_doc.title
        own = [link_item(s) for s in atlas.statements(actor=actor)]
        measures = [link_item(s) for s in atlas.statements(document=plan_ref)]
        rows = trace(own, measures)
    return Brief(
        actor=actor,
        positions=positions,
        allies=allies(pmap, actor),
        opponents=opponents(pmap, actor),
        trace=rows,
        plan_title=plan_title,
        issue_labels=labels,
    )
