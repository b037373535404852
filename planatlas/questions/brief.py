"""A one-page briefing on an actor: where it stands, who agrees, where it conflicts, and which
of its demands the national plan answers. Rendered as Markdown, HTML or DOCX.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from planatlas.questions.positions import Cell, Relation
from planatlas.questions.trace import TraceRow

DIRECTION_WORDS = {
    "+": "for mer / styrke",
    "-": "for mindre / fjerne",
    "~": "for endring",
    "mixed": "blandet",
}
STATUS_WORDS = {"full": "besvart", "partial": "delvis besvart", "none": "ikke besvart"}
MAX_ROWS = 6


@dataclass
class Brief:
    actor: str
    positions: list[tuple[str, Cell]]  # (issue label, cell)
    allies: list[Relation]
    opponents: list[Relation]
    trace: list[TraceRow] = field(default_factory=list)
    plan_title: str | None = None
    issue_labels: dict[str, str] = field(default_factory=dict)

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
    out = [Line("title", f"Notat: {brief.actor}")]
    out.append(Line("heading", "Hva aktøren mener"))
    for issue, cell in brief.positions[: MAX_ROWS * 2]:
        out.append(Line("bullet", f"{brief.label(issue)}: {DIRECTION_WORDS[cell.direction]}"))
        if cell.evidence:
            e = cell.evidence[0]
            out.append(Line("quote", e.text, _source(e.document, e.section)))
    out += _relations("Hvem er enige", brief.allies, brief, agreeing=True)
    out += _relations("Hvor er det uenighet", brief.opponents, brief, agreeing=False)
    if brief.trace:
        out.append(Line("heading", f"Hva {brief.plan_title or 'planen'} svarer på"))
        for row in brief.trace[: MAX_ROWS * 2]:
            out.append(Line("bullet", f"{row.demand.text} – {STATUS_WORDS[row.status]}"))
            if row.answers:
                answer = row.answers[0]
                out.append(Line("quote", answer.measure.text, answer.measure.document))
    return out


def _relations(title: str, relations: list[Relation], brief: Brief, agreeing: bool) -> list[Line]:
    out = [Line("heading", title)]
    if not relations:
        out.append(Line("note", "Ingen funnet i atlaset."))
    for relation in relations[:MAX_ROWS]:
        a = relation.agreement
        out.append(
            Line("bullet", f"{relation.actor} (enighet {a.score:.0%}, {a.shared} felles saker)")
        )
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


def markdown(brief: Brief) -> str:
    rendered = []
    for line in lines(brief):
        if line.kind == "title":
            rendered.append(f"# {line.text}\n")
        elif line.kind == "heading":
            rendered.append(f"\n## {line.text}\n")
        elif line.kind == "bullet":
            rendered.append(f"- {line.text}")
        elif line.kind == "quote":
            rendered.append(f"  > «{line.text}» ({line.source})")
        else:
            rendered.append(f"_{line.text}_")
    return "\n".join(rendered) + "\n"


def to_html(brief: Brief) -> str:
    """A standalone page; every text from a document is escaped."""
    body = []
    for line in lines(brief):
        text = html.escape(line.text)
        if line.kind == "title":
            body.append(f"<h1>{text}</h1>")
        elif line.kind == "heading":
            body.append(f"<h2>{text}</h2>")
        elif line.kind == "bullet":
            body.append(f"<p class='punkt'>{text}</p>")
        elif line.kind == "quote":
            body.append(
                f"<blockquote>«{text}»<footer>{html.escape(line.source or '')}</footer>"
                "</blockquote>"
            )
        else:
            body.append(f"<p><em>{text}</em></p>")
    title = html.escape(f"Notat: {brief.actor}")
    return (
        "<!doctype html>\n<html lang='nb'><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        "<style>body{font-family:sans-serif;max-width:45em;margin:2em auto}"
        "blockquote{border-left:3px solid #888;margin:.3em 0 .8em 1em;padding-left:.8em}"
        "footer{font-size:.85em;color:#444}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


def write_docx(brief: Brief, target: str | Path | BinaryIO) -> None:
    from docx import Document as Docx

    document = Docx()
    for line in lines(brief):
        if line.kind == "title":
            document.add_heading(line.text, level=0)
        elif line.kind == "heading":
            document.add_heading(line.text, level=1)
        elif line.kind == "bullet":
            document.add_paragraph(line.text, style="List Bullet")
        elif line.kind == "quote":
            paragraph = document.add_paragraph(style="Quote")
            paragraph.add_run(f"«{line.text}» ")
            paragraph.add_run(f"({line.source})").italic = True
        else:
            document.add_paragraph(line.text).runs[0].italic = True
    document.save(target)  # type: ignore[arg-type]
