"""The contract output: one plain object per statement. Other tools depend on these names.

Written as JSON lines, as a JSON list of whole documents, or as Markdown for people.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from planatlas.labels import Labels
from planatlas.records import Document, Statement

CONTRACT_FIELDS = (
    "document",
    "actor",
    "index",
    "section",
    "text",
    "kind",
    "language",
    "topics",
    "positions",
    "targets",
    "page",  # the 1-based page it starts on, where the source has pages
    "lines",  # [first, last] line number printed in the margin, where the source prints them
)


def statement_record(doc: Document, statement: Statement) -> dict[str, Any]:
    coding = statement.coding
    return {
        "document": doc.source,
        "actor": doc.actor,
        "index": statement.index,
        "section": list(statement.section),
        "text": statement.text,
        "kind": coding.kind,
        "language": coding.language,
        "topics": list(coding.topics),
        "positions": [p.as_dict() for p in coding.positions],
        "targets": [t.as_dict() for t in coding.targets],
        "page": statement.page,
        "lines": list(statement.lines) if statement.lines else None,
    }


def place(statement: Statement, labels: Labels | None = None) -> str:
    """Where a statement stands in its source: "s. 24, linje 226–228"; "" where unknown."""
    labels = labels or Labels()
    page, lines = statement.page, statement.lines
    if lines is None:
        return labels("place.page", page=page) if page is not None else ""
    first, last = lines
    key = "line" if first == last else "lines"
    if page is None:
        return labels(f"place.{key}", first=first, last=last)
    return labels(f"place.page_{key}", page=page, first=first, last=last)


def document_record(doc: Document) -> dict[str, Any]:
    """A whole document for `--format json`: metadata, outline and statements."""
    return {
        "document": doc.source,
        "title": doc.title,
        "actor": doc.actor,
        "genre": doc.genre,
        "language": doc.language,
        "period": doc.period,
        "content_hash": doc.content_hash,
        "format": doc.format,
        "outline": [
            {"title": s.title, "level": s.level, "statements": s.statements} for s in doc.sections
        ],
        "statements": [statement_record(doc, s) for s in doc.statements],
        "warnings": doc.warnings,
    }


def write_jsonl(doc: Document, stream: TextIO) -> None:
    """One contract object per line, as `analyze --format jsonl` prints it."""
    for statement in doc.statements:
        stream.write(json.dumps(statement_record(doc, statement), ensure_ascii=False) + "\n")


def write_json(documents: list[Document], stream: TextIO) -> None:
    """Whole documents (metadata, outline, statements), as `analyze --format json` prints it."""
    json.dump([document_record(d) for d in documents], stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def coding_summary(statement: Statement) -> str:
    """'krav · Sykehus · Foretaksmodellen: mot · antall 3' for one statement: the catalogue's
    names, as a reader of the outline says them (the ids are in the JSON formats)."""
    c, labels = statement.coding, Labels()
    parts = []
    if c.kind:
        parts.append(labels.kind(c.kind).lower())
    if c.topics:
        parts.append(", ".join(labels.topic(t) for t in c.topics))
    if c.positions:
        parts.append(
            ", ".join(
                f"{labels.issue(p.issue)}: {labels.direction(p.direction, 'direction_short')}"
                for p in c.positions
            )
        )
    if c.targets:
        parts.append(", ".join(f"{labels(f'target.{t.type}')} {t.value}" for t in c.targets))
    return " · ".join(parts)


def markdown(doc: Document) -> str:
    """The document as Markdown: metadata, headings, numbered statements with their coding."""
    lines = [f"# {doc.title or doc.source}", ""]
    for label, value in (
        ("Kilde", doc.source),
        ("Aktør", doc.actor),
        ("Sjanger", Labels()(f"genre.{doc.genre}") if doc.genre else None),
        ("Språk", Labels()(f"language.{doc.language}") if doc.language else None),
        ("Periode", doc.period),
    ):
        if value:
            lines.append(f"- **{label}:** {value}")
    lines.append("")
    for kind, value, level in outline_events(doc):
        if kind == "heading":
            lines += [f"{'#' * min(level + 1, 6)} {value}", ""]
        else:
            assert isinstance(value, Statement)
            summary = " · ".join(p for p in (place(value), coding_summary(value)) if p)
            lines.append(
                f"{value.index}. {value.text}" + (f"  \n   _{summary}_" if summary else "")
            )
    lines.append("")
    return "\n".join(lines) + "\n"


def outline_events(doc: Document) -> list[tuple[str, Any, int]]:
    """Headings and statements in document order."""
    placed = {i for section in doc.sections for i in section.statements}
    events: list[tuple[str, Any, int]] = [
        ("statement", s, 0) for s in doc.statements if s.index not in placed
    ]
    for section in doc.sections:
        events.append(("heading", section.title, section.level))
        events.extend(("statement", doc.statements[i], section.level) for i in section.statements)
    return events
