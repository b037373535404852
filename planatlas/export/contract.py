"""The contract output: one plain object per statement. Other tools depend on these names."""

from __future__ import annotations

from typing import Any

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
    }


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
