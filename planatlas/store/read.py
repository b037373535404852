"""Reading stored documents and statements back as plain records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, func, select, text
from sqlalchemy.sql.expression import Subquery

from planatlas.errors import NotFound, StoreError
from planatlas.records import Coding, Document, Section, Statement
from planatlas.store.codings import coding_from_values, effective_coding
from planatlas.store.records import DocumentSummary, StoredStatement, VersionSummary
from planatlas.store.schema import (
    ActorRow,
    CodingRow,
    CorrectionRow,
    DocumentRow,
    SectionRow,
    StatementRow,
    VersionRow,
)

Corrections = dict[int, list[tuple[str, Any]]]
AnyRow = Row[*tuple[Any, ...]]
AnySelect = Select[*tuple[Any, ...]]

# Ids are INTEGER columns: PostgreSQL's int4 ends here (SQLite's at 2**63 - 1); a larger
# number given as an id names nothing, and must not reach the driver (an overflow there).
MAX_ID = 2**31 - 1

_CODING = (
    CodingRow.statement_id,
    CodingRow.kind,
    CodingRow.language,
    CodingRow.topics,
    CodingRow.positions,
    CodingRow.targets,
    CodingRow.references,
    CodingRow.organisations,
    CodingRow.confidence,
)
_STATEMENT = (
    StatementRow.id,
    StatementRow.idx,
    StatementRow.text,
    StatementRow.form,
    StatementRow.lead_in,
    StatementRow.lead_in_actor,
    StatementRow.modality,
    StatementRow.speaker,
    StatementRow.page,
    StatementRow.line_start,
    StatementRow.line_end,
    StatementRow.section_id,
)


def latest_versions() -> Subquery:
    """document_id -> its highest version number."""
    return (
        select(VersionRow.document_id, func.max(VersionRow.version).label("latest"))
        .group_by(VersionRow.document_id)
        .subquery("latest")
    )


def is_id(value: str | int) -> bool:
    """Whether a value can be a stored row's id (ASCII digits, within an INTEGER column)."""
    if isinstance(value, int):
        return 0 <= value <= MAX_ID
    text = value.strip()
    return text.isascii() and text.isdigit() and int(text) <= MAX_ID


def resolve(conn: Connection, ref: str | int) -> int:
    """The id of the document a reference names: an id, a title or a source path."""
    if is_id(ref):  # a number too large for an id can only be a title
        found = conn.execute(select(DocumentRow.id).where(DocumentRow.id == int(ref))).scalar()
        if found is not None:
            return int(found)
    text = str(ref).strip()
    by_title = select(DocumentRow.id).where(DocumentRow.title == text)
    by_source = select(VersionRow.document_id).where(VersionRow.source == text)
    ids = sorted({int(i) for i in conn.execute(by_title.union(by_source)).scalars()})
    if not ids:
        raise NotFound(f"fant ikke dokumentet «{ref}» (oppgi id, tittel eller filsti)")
    if len(ids) > 1:
        listed = ", ".join(str(i) for i in ids)
        raise StoreError(f"«{ref}» passer til flere dokumenter (id {listed}); oppgi id")
    return ids[0]


def version_row(conn: Connection, document_id: int, version: int | None) -> AnyRow:
    stmt = select(VersionRow.__table__, DocumentRow.title, ActorRow.name, ActorRow.kind).join(
        DocumentRow, DocumentRow.id == VersionRow.document_id
    )
    stmt = stmt.outerjoin(ActorRow, ActorRow.id == DocumentRow.actor_id).where(
        VersionRow.document_id == document_id
    )
    if version is None:
        stmt = stmt.order_by(VersionRow.version.desc()).limit(1)
    else:
        stmt = stmt.where(VersionRow.version == version)
    row = conn.execute(stmt).first()
    if row is None:
        raise NotFound(f"dokument {document_id} har ingen versjon {version}")
    return row


def load_document(conn: Connection, document_id: int, version: int | None) -> Document:
    """The stored document version rebuilt as a Document with its effective codings."""
    v = version_row(conn, document_id, version)
    section_rows = conn.execute(
        select(SectionRow.id, SectionRow.title, SectionRow.level, SectionRow.path)
        .where(SectionRow.version_id == v.id)
        .order_by(SectionRow.position)
    ).all()
    paths = {s.id: tuple(s.path) for s in section_rows}
    corrections = corrections_for(conn, StatementRow.version_id == v.id)
    statement_rows = conn.execute(
        _statement_select().where(StatementRow.version_id == v.id).order_by(StatementRow.idx)
    ).all()
    statements = [_statement(r, paths, corrections) for r in statement_rows]
    return Document(
        source=v.source,
        format=v.format,
        content_hash=v.content_hash,
        title=v.title,
        actor=v.name,
        actor_kind=v.kind,
        genre=v.genre,
        language=v.language,
        period=v.period,
        url=v.url,
        published=v.published,
        pages=v.pages,
        sections=_sections(section_rows, statement_rows),
        statements=statements,
        warnings=list(v.warnings or []),
    )


def _sections(section_rows: Sequence[AnyRow], statement_rows: Sequence[AnyRow]) -> list[Section]:
    members: dict[int, list[int]] = defaultdict(list)
    for r in statement_rows:
        if r.section_id is not None:
            members[r.section_id].append(r.idx)
    return [Section(s.title, s.level, tuple(s.path), members[s.id]) for s in section_rows]


def _statement_select() -> AnySelect:
    return select(*_STATEMENT, *_CODING[1:], CodingRow.statement_id.label("coded")).outerjoin(
        CodingRow, CodingRow.statement_id == StatementRow.id
    )


def _coding(row: AnyRow, corrections: Corrections) -> Coding:
    machine = coding_from_values(row._mapping) if row.coded is not None else Coding()
    return effective_coding(machine, corrections.get(row.id, ()))


def _statement(
    row: AnyRow, paths: dict[int, tuple[str, ...]], corrections: Corrections
) -> Statement:
    return Statement(
        index=row.idx,
        text=row.text,
        section=paths.get(row.section_id, ()) if row.section_id is not None else (),
        lead_in=row.lead_in,
        lead_in_actor=row.lead_in_actor,
        modality=row.modality,
        form=row.form,
        speaker=row.speaker,
        page=row.page,
        lines=_lines(row),
        coding=_coding(row, corrections),
    )


def _lines(row: AnyRow) -> tuple[int, int] | None:
    """The printed line numbers a statement covers, where it has them."""
    if row.line_start is None:
        return None
    return (row.line_start, row.line_end if row.line_end is not None else row.line_start)


def corrections_for(conn: Connection, *where: Any) -> Corrections:
    """statement id -> its corrections (field, value) in the order they were made."""
    stmt = (
        select(CorrectionRow.statement_id, CorrectionRow.field, CorrectionRow.value)
        .join(StatementRow, StatementRow.id == CorrectionRow.statement_id)
        .where(*where)
        .order_by(CorrectionRow.id)
    )
    found: Corrections = defaultdict(list)
    for statement_id, field, value in conn.execute(stmt):
        found[statement_id].append((field, value))
    return found


def stored_statements(
    conn: Connection, *where: Any, latest_only: bool = True, ids: Sequence[int] | None = None
) -> list[StoredStatement]:
    """Statements with their effective coding and where they live, in document order; only
    those of `ids` where given (a page of search hits: their corrections alone are read)."""
    if ids is not None:
        where = (*where, StatementRow.id.in_(ids))
    stmt = (
        _statement_select()
        .add_columns(
            SectionRow.path,
            VersionRow.version,
            VersionRow.source,
            DocumentRow.id.label("document_id"),
            DocumentRow.title,
            ActorRow.name.label("actor"),
        )
        .join(VersionRow, VersionRow.id == StatementRow.version_id)
        .join(DocumentRow, DocumentRow.id == VersionRow.document_id)
        .outerjoin(ActorRow, ActorRow.id == DocumentRow.actor_id)
        .outerjoin(SectionRow, SectionRow.id == StatementRow.section_id)
        .where(*where)
        .order_by(DocumentRow.id, VersionRow.version, StatementRow.idx)
    )
    if latest_only:
        latest = latest_versions()
        stmt = stmt.join(
            latest,
            (latest.c.document_id == VersionRow.document_id)
            & (latest.c.latest == VersionRow.version),
        )
    rows = conn.execute(stmt).all()
    # few: people make them one by one
    corrections = corrections_for(conn) if ids is None else corrections_for(conn, *where[-1:])
    paths = {r.section_id: tuple(r.path) for r in rows if r.section_id is not None}
    return [_stored(r, paths, corrections) for r in rows]


def _stored(
    row: AnyRow, paths: dict[int, tuple[str, ...]], corrections: Corrections
) -> StoredStatement:
    plain = _statement(row, paths, corrections)
    return StoredStatement(
        **vars(plain),
        id=row.id,
        document_id=row.document_id,
        title=row.title,
        source=row.source,
        actor=row.actor,
        version=row.version,
        corrected=row.id in corrections,
    )


def _statement_counts(*where: Any) -> Subquery:
    return (
        select(StatementRow.version_id, func.count().label("n"))
        .where(*where)
        .group_by(StatementRow.version_id)
        .subquery("counts")
    )


def document_summaries(conn: Connection) -> list[DocumentSummary]:
    """Every document as it stands in its latest version, in the order they were added."""
    latest, counts = latest_versions(), _statement_counts()
    stmt = (
        select(
            DocumentRow.id,
            DocumentRow.title,
            ActorRow.name,
            VersionRow.source,
            VersionRow.genre,
            VersionRow.language,
            VersionRow.period,
            VersionRow.version,
            func.coalesce(counts.c.n, 0),
        )
        .join(latest, latest.c.document_id == DocumentRow.id)
        .join(
            VersionRow,
            (VersionRow.document_id == DocumentRow.id) & (VersionRow.version == latest.c.latest),
        )
        .outerjoin(ActorRow, ActorRow.id == DocumentRow.actor_id)
        .outerjoin(counts, counts.c.version_id == VersionRow.id)
        .order_by(DocumentRow.id)
    )
    return [DocumentSummary(*row) for row in conn.execute(stmt)]


def version_summaries(conn: Connection, document_id: int) -> list[VersionSummary]:
    """Every version of one document, oldest first."""
    # its versions' statements counted alone, not every statement of the atlas
    mine = select(VersionRow.id).where(VersionRow.document_id == document_id)
    counts = _statement_counts(StatementRow.version_id.in_(mine))
    stmt = (
        select(
            VersionRow.version,
            VersionRow.content_hash,
            VersionRow.source,
            VersionRow.format,
            VersionRow.genre,
            VersionRow.language,
            VersionRow.period,
            VersionRow.pages,
            VersionRow.ingested_at,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.version_id == VersionRow.id)
        .where(VersionRow.document_id == document_id)
        .order_by(VersionRow.version)
    )
    return [VersionSummary(*row) for row in conn.execute(stmt)]


_MARKS = text(
    "SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM documents), "
    "(SELECT count(*) FROM document_versions), (SELECT count(*) FROM corrections), "
    "(SELECT max(id) FROM corrections), (SELECT count(*) FROM ingestion_errors), "
    "(SELECT max(coded_at) FROM codings)"
)


def marks(conn: Connection) -> dict[str, Any]:
    """Counts of the small tables and the newest coding (as ISO text), in one round trip."""
    row = conn.execute(_MARKS).one()
    names = ("actors", "documents", "versions", "corrections", "last_correction", "errors")
    found: dict[str, Any] = {name: int(value or 0) for name, value in zip(names, row, strict=False)}
    found["coded"] = iso(row[-1])
    return found


def iso(moment: Any) -> str | None:
    """A stored moment as ISO text, the same whether the driver gave text or a datetime."""
    if moment is None:
        return None
    found = moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment))
    return found.isoformat()


def recoded_since(conn: Connection, moment: str | None, versions: set[int]) -> int:
    """Statements of these versions coded after the moment (the index on coded_at leads)."""
    if moment is None:
        return 0
    stmt = (
        select(StatementRow.version_id)
        .join(CodingRow, CodingRow.statement_id == StatementRow.id)
        .where(CodingRow.coded_at > datetime.fromisoformat(moment))
    )
    return sum(1 for version in conn.execute(stmt).scalars() if version in versions)


def normalised_texts(conn: Connection) -> dict[str, str]:
    """text -> normalised of every latest statement, as the store normalised them."""
    latest = latest_versions()
    stmt = (
        select(StatementRow.text, StatementRow.normalised)
        .join(VersionRow, VersionRow.id == StatementRow.version_id)
        .join(
            latest,
            (latest.c.document_id == VersionRow.document_id)
            & (latest.c.latest == VersionRow.version),
        )
    )
    return {text: normalised for text, normalised in conn.execute(stmt)}


def actor_topics(conn: Connection, hidden: set[int]) -> list[tuple[str | None, list[str]]]:
    """(actor, effective topics) of every latest statement: what the overview's heatmap needs."""
    latest = latest_versions()
    stmt = (
        select(StatementRow.id, ActorRow.name, CodingRow.topics)
        .join(VersionRow, VersionRow.id == StatementRow.version_id)
        .join(
            latest,
            (latest.c.document_id == VersionRow.document_id)
            & (latest.c.latest == VersionRow.version),
        )
        .join(DocumentRow, DocumentRow.id == VersionRow.document_id)
        .outerjoin(ActorRow, ActorRow.id == DocumentRow.actor_id)
        .outerjoin(CodingRow, CodingRow.statement_id == StatementRow.id)
        .where(DocumentRow.id.not_in(sorted(hidden)))
    )
    corrections = corrections_for(conn)
    found: list[tuple[str | None, list[str]]] = []
    for statement_id, actor, topics in conn.execute(stmt):
        topics = list(topics or [])
        if statement_id in corrections:
            topics = effective_coding(Coding(topics=topics), corrections[statement_id]).topics
        found.append((actor, topics))
    return found
