"""Writing one document: identity, versions, outline and codings, in the caller's transaction.

Rows go in with one executemany per table, not one round trip per statement.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from planatlas.records import Coding, Document, Section, Statement
from planatlas.store.codings import coding_values
from planatlas.store.fulltext import normalised
from planatlas.store.records import AddResult
from planatlas.store.schema import (
    ActorRow,
    CodingRow,
    CorrectionRow,
    DocumentRow,
    SectionRow,
    StatementRow,
    VersionRow,
    utcnow,
)

_EMPTY = Coding()


def identity(doc: Document) -> str:
    """The stable identity of a document: its actor and title, or its source without a title."""
    if doc.title and doc.title.strip():
        return json.dumps(["title", _fold(doc.actor), _fold(doc.title)], ensure_ascii=False)
    return json.dumps(["path", doc.source], ensure_ascii=False)


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def add_document(conn: Connection, doc: Document, coder: str) -> AddResult:
    """Store the document as new, as a new version, or not at all when its content is known."""
    key = identity(doc)
    document_id = conn.execute(select(DocumentRow.id).where(DocumentRow.path_key == key)).scalar()
    if document_id is None:
        document_id = _insert_document(conn, doc, key)
        _insert_version(conn, document_id, 1, doc, coder)
        return AddResult("new", document_id, 1)
    known = conn.execute(
        select(VersionRow.version).where(
            VersionRow.document_id == document_id, VersionRow.content_hash == doc.content_hash
        )
    ).scalar()
    if known is not None:
        return AddResult("unchanged", document_id, known)
    previous = _latest_version_id(conn, document_id)
    number = _next_version(conn, document_id)
    version_id = _insert_version(conn, document_id, number, doc, coder)
    _carry_corrections(conn, previous, version_id)
    return AddResult("new_version", document_id, number)


def _insert_document(conn: Connection, doc: Document, key: str) -> int:
    actor_id = _actor_id(conn, doc.actor, doc.actor_kind)
    values = {"actor_id": actor_id, "title": doc.title, "path_key": key}
    return int(conn.execute(insert(DocumentRow).returning(DocumentRow.id), values).scalar_one())


def _actor_id(conn: Connection, name: str | None, kind: str | None) -> int | None:
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    row = conn.execute(select(ActorRow.id, ActorRow.kind).where(ActorRow.name == name)).first()
    if row is None:
        stmt = insert(ActorRow).returning(ActorRow.id)
        return int(conn.execute(stmt, {"name": name, "kind": kind}).scalar_one())
    if row.kind is None and kind:
        conn.execute(update(ActorRow).where(ActorRow.id == row.id).values(kind=kind))
    return int(row.id)


def _latest_version_id(conn: Connection, document_id: int) -> int:
    stmt = (
        select(VersionRow.id)
        .where(VersionRow.document_id == document_id)
        .order_by(VersionRow.version.desc())
        .limit(1)
    )
    return int(conn.execute(stmt).scalar_one())


def _next_version(conn: Connection, document_id: int) -> int:
    stmt = select(func.max(VersionRow.version)).where(VersionRow.document_id == document_id)
    return int(conn.execute(stmt).scalar() or 0) + 1


def _insert_version(
    conn: Connection, document_id: int, number: int, doc: Document, coder: str
) -> int:
    values = {
        "document_id": document_id,
        "version": number,
        "content_hash": doc.content_hash,
        "source": doc.source,
        "url": doc.url,
        "format": doc.format,
        "genre": doc.genre,
        "language": doc.language,
        "period": doc.period,
        "published": doc.published,
        "pages": doc.pages,
        "warnings": list(doc.warnings),
    }
    version_id = int(conn.execute(insert(VersionRow).returning(VersionRow.id), values).scalar_one())
    section_ids = _insert_sections(conn, version_id, doc.sections)
    owners = _section_owners(doc.sections, doc.statements)
    statement_ids = _insert_statements(
        conn, version_id, doc.statements, owners, section_ids, doc.language
    )
    _insert_codings(conn, zip(statement_ids, doc.statements, strict=True), coder)
    return version_id


def _insert_many(conn: Connection, table: Any, rows: list[dict[str, Any]], order: Any) -> list[int]:
    """Insert all rows of one version in one executemany; their new ids, in the rows' order.

    The ids are read back by the column that orders the rows within their version (RETURNING
    with an order would send SQLite one row at a time).
    """
    if not rows:
        return []
    conn.execute(insert(table), rows)
    found = select(table.id, order).where(table.version_id == rows[0]["version_id"])
    ids = {number: int(row_id) for row_id, number in conn.execute(found)}
    return [ids[row[order.key]] for row in rows]


def _insert_sections(conn: Connection, version_id: int, sections: list[Section]) -> list[int]:
    rows = [
        {
            "version_id": version_id,
            "position": position,
            "level": section.level,
            "title": section.title,
            "path": list(section.path),
        }
        for position, section in enumerate(sections)
    ]
    return _insert_many(conn, SectionRow, rows, SectionRow.position)


def _section_owners(sections: list[Section], statements: list[Statement]) -> dict[int, int]:
    """Statement index -> position of the section it stands under."""
    by_path = {tuple(s.path): position for position, s in enumerate(sections)}
    owners = {s.index: by_path[s.section] for s in statements if s.section in by_path}
    for position, section in enumerate(sections):
        owners.update(dict.fromkeys(section.statements, position))
    return owners


def _insert_statements(
    conn: Connection,
    version_id: int,
    statements: list[Statement],
    owners: dict[int, int],
    section_ids: Sequence[int],
    language: str | None,
) -> list[int]:
    """The statements' rows; the database's triggers or generated column index them for search."""
    rows = [
        {
            "version_id": version_id,
            "section_id": section_ids[owners[s.index]] if s.index in owners else None,
            "idx": s.index,
            "text": s.text,
            "normalised": normalised(s.text, s.coding.language or language),
            "form": s.form,
            "lead_in": s.lead_in,
            "lead_in_actor": s.lead_in_actor,
            "modality": s.modality,
            "speaker": s.speaker,
            "page": s.page,
            "line_start": s.lines[0] if s.lines else None,
            "line_end": s.lines[1] if s.lines else None,
        }
        for s in statements
    ]
    return _insert_many(conn, StatementRow, rows, StatementRow.idx)


def _insert_codings(conn: Connection, pairs: Any, coder: str) -> None:
    rows = [
        {"statement_id": statement_id, "coder": coder, **coding_values(s.coding)}
        for statement_id, s in pairs
        if s.coding != _EMPTY
    ]
    if rows:
        conn.execute(insert(CodingRow), rows)


def write_coding(conn: Connection, statement_id: int, coding: Coding, coder: str) -> None:
    """Replace the machine coding of one statement; corrections stay where they are."""
    values = {"coder": coder, "coded_at": utcnow(), **coding_values(coding)}
    done = conn.execute(
        update(CodingRow).where(CodingRow.statement_id == statement_id).values(**values)
    )
    if done.rowcount == 0:
        conn.execute(insert(CodingRow), {"statement_id": statement_id, **values})


def _carry_corrections(conn: Connection, old_version_id: int, new_version_id: int) -> None:
    """A person's corrections follow a statement into the new version where its text is the same."""
    old = (
        select(
            StatementRow.text,
            CorrectionRow.field,
            CorrectionRow.value,
            CorrectionRow.author,
            CorrectionRow.created_at,
        )
        .join(StatementRow, StatementRow.id == CorrectionRow.statement_id)
        .where(StatementRow.version_id == old_version_id)
        .order_by(CorrectionRow.id)
    )
    corrections = conn.execute(old).all()
    if not corrections:
        return
    new = select(StatementRow.text, StatementRow.id).where(
        StatementRow.version_id == new_version_id
    )
    ids: dict[str, int] = {}
    for text, statement_id in conn.execute(new):
        ids.setdefault(text, statement_id)
    rows = [
        {
            "statement_id": ids[c.text],
            "field": c.field,
            "value": c.value,
            "author": c.author,
            "created_at": c.created_at,
        }
        for c in corrections
        if c.text in ids
    ]
    if rows:
        conn.execute(insert(CorrectionRow), rows)
