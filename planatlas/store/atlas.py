"""The Atlas: stored documents, versions, statements, codings and corrections.

Records go in and come out; the tables behind them are the store's own business.

>>> atlas = Atlas("sqlite:///planatlas.db")      # or postgresql://user@host/db
>>> atlas.add(doc)                               # AddResult(status="new", ...)
>>> atlas.statements(actor="Helsepartiet", kind="demand")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from planatlas import settings
from planatlas.errors import NotFound, StoreError
from planatlas.records import Coding, Document, Filters
from planatlas.store import fulltext, read, write
from planatlas.store.codings import correction_value
from planatlas.store.engine import WRITE, migrate, open_engine, parse_url, reason, safe
from planatlas.store.records import (
    ActorSummary,
    AddResult,
    CorrectionRecord,
    DocumentSummary,
    IngestionErrorRecord,
    StoredStatement,
    VersionSummary,
)
from planatlas.store.schema import (
    ActorRow,
    CodingRow,
    CorrectionRow,
    DocumentRow,
    IngestionErrorRow,
    StatementRow,
    VersionRow,
)

T = TypeVar("T")


class Atlas:
    """A planatlas database: a SQLite file, SQLite in memory, or PostgreSQL."""

    def __init__(self, url: str | None = None) -> None:
        self._url = parse_url(url or str(settings.get("db")))
        self._engine = open_engine(self._url)
        self._writer = self._engine.execution_options(**{WRITE: True})
        try:
            migrate(self._engine, self._url)
        except StoreError:
            self._engine.dispose()
            raise

    @property
    def url(self) -> str:
        """The database URL, without the password."""
        return safe(self._url)

    def __repr__(self) -> str:
        return f"Atlas({self.url!r})"

    def close(self) -> None:
        """Let go of the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Atlas:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing

    def add(self, doc: Document, *, coder: str = "rules-1") -> AddResult:
        """Store a document in one transaction: new, a new version, or unchanged (no writes)."""
        with self._guard():
            try:
                return self._add_once(doc, coder)
            except IntegrityError:
                return self._add_once(doc, coder)  # another writer stored it a moment ago

    def _add_once(self, doc: Document, coder: str) -> AddResult:
        with self._writer.begin() as conn:
            return write.add_document(conn, doc, coder)

    def record_error(self, path: str, code: str, message: str) -> None:
        """Note a file that could not be read or stored."""
        values = {"path": path, "code": code, "message": message}
        self._write(lambda conn: conn.execute(insert(IngestionErrorRow), values))

    def set_coding(self, statement_id: int, coding: Coding, coder: str) -> None:
        """Replace a statement's machine coding (re-analysis); corrections stay in force."""
        self.set_codings([(statement_id, coding)], coder)

    def set_codings(self, codings: list[tuple[int, Coding]], coder: str) -> None:
        """Replace several statements' machine codings in one transaction."""

        def run(conn: Connection) -> None:
            for statement_id, coding in codings:
                _require_statement(conn, statement_id)
                write.write_coding(conn, statement_id, coding, coder)

        self._write(run)

    def reindex(self, document: str | int | None = None) -> int:
        """Normalise the statements for search again, of one document or all; returns how many."""

        def run(conn: Connection) -> int:
            doc_id = None if document is None else read.resolve(conn, document)
            return fulltext.reindex(conn, doc_id)

        return self._write(run)

    def correct(self, statement_id: int, changes: dict[str, Any], author: str) -> None:
        """A person's correction of some coding fields, stored together or not at all; it
        outlives every re-analysis. coding/corrections.py checks it against the taxonomy."""
        if not author or not author.strip():
            raise StoreError("en rettelse må ha en forfatter")
        rows = [
            {"statement_id": statement_id, "field": name, "value": correction_value(name, value),
             "author": author}
            for name, value in changes.items()
        ]  # fmt: skip

        def run(conn: Connection) -> None:
            _require_statement(conn, statement_id)
            if rows:
                conn.execute(insert(CorrectionRow), rows)

        self._write(run)

    def statement_ids(self, ref: str | int) -> dict[int, int]:
        """Statement index -> id in the document's latest version."""
        return {s.index: s.id for s in self.statements(document=ref)}

    # --- reading

    def documents(self) -> list[DocumentSummary]:
        """Every document, as it stands in its latest version."""
        return self._read(read.document_summaries)

    def document(self, ref: str | int, version: int | None = None) -> Document:
        """A stored document (by id, title or source path), latest version unless one is named."""
        return self._read(lambda conn: read.load_document(conn, read.resolve(conn, ref), version))

    def versions(self, ref: str | int) -> list[VersionSummary]:
        """Every version of a document, oldest first."""
        return self._read(lambda conn: read.version_summaries(conn, read.resolve(conn, ref)))

    def statements(
        self,
        *,
        actor: str | None = None,
        document: str | int | None = None,
        kind: str | None = None,
        topic: str | None = None,
        all_versions: bool = False,
    ) -> list[StoredStatement]:
        """Statements of the latest versions (or all), filtered by actor, document, kind, topic."""

        def run(conn: Connection) -> list[StoredStatement]:
            where: list[Any] = []
            if actor is not None:
                where.append(ActorRow.name == actor)
            if document is not None:
                where.append(DocumentRow.id == read.resolve(conn, document))
            return read.stored_statements(conn, *where, latest_only=not all_versions)

        found = self._read(run)
        if kind is not None:
            found = [s for s in found if s.coding.kind == kind]
        if topic is not None:
            found = [s for s in found if topic in s.coding.topics]
        return found

    def statement(self, statement_id: int) -> StoredStatement:
        """One stored statement, of whichever version, with its effective coding."""
        found = self._read(
            lambda conn: read.stored_statements(
                conn, StatementRow.id == statement_id, latest_only=False
            )
        )
        if not found:
            raise NotFound(f"fant ikke utsagn {statement_id}")
        return found[0]

    def find(
        self, words: Sequence[fulltext.Word], filters: Filters, *, limit: int, offset: int
    ) -> tuple[int, list[tuple[StoredStatement, float]]]:
        """How many latest statements match normalised query words, and a page of them, best first.

        The store's half of `planatlas.questions.search.search`, which turns a person's query
        into words.
        """
        return self._read(lambda conn: fulltext.find(conn, words, filters, limit, offset))

    def actors(self) -> list[ActorSummary]:
        """Every actor with its number of documents, by name."""
        stmt = (
            select(ActorRow.id, ActorRow.name, ActorRow.kind, func.count(DocumentRow.id))
            .outerjoin(DocumentRow, DocumentRow.actor_id == ActorRow.id)
            .group_by(ActorRow.id, ActorRow.name, ActorRow.kind)
            .order_by(ActorRow.name)
        )
        return self._read(lambda conn: [ActorSummary(*row) for row in conn.execute(stmt)])

    def corrections(self, statement_id: int | None = None) -> list[CorrectionRecord]:
        """Corrections in the order they were made, of one statement or of all."""
        stmt = select(
            CorrectionRow.id,
            CorrectionRow.statement_id,
            CorrectionRow.field,
            CorrectionRow.value,
            CorrectionRow.author,
            CorrectionRow.created_at,
        ).order_by(CorrectionRow.id)
        if statement_id is not None:
            stmt = stmt.where(CorrectionRow.statement_id == statement_id)
        return self._read(lambda conn: [CorrectionRecord(*row) for row in conn.execute(stmt)])

    def last_coded(self) -> datetime | None:
        """When a statement was last coded (stored or analysed again); None when empty."""
        stmt = select(func.max(CodingRow.coded_at))
        return self._read(lambda conn: conn.execute(stmt).scalar())

    def errors(self) -> list[IngestionErrorRecord]:
        """Files that could not be read or stored, newest first."""
        stmt = select(
            IngestionErrorRow.id,
            IngestionErrorRow.path,
            IngestionErrorRow.code,
            IngestionErrorRow.message,
            IngestionErrorRow.created_at,
        ).order_by(IngestionErrorRow.id.desc())
        return self._read(lambda conn: [IngestionErrorRecord(*row) for row in conn.execute(stmt)])

    def overview(self) -> dict[str, int]:
        """How much is stored: actors, documents, versions, statements, errors, corrections."""
        tables = {
            "actors": ActorRow,
            "documents": DocumentRow,
            "versions": VersionRow,
            "statements": StatementRow,
            "errors": IngestionErrorRow,
            "corrections": CorrectionRow,
        }

        def run(conn: Connection) -> dict[str, int]:
            count = select(func.count()).select_from
            return {name: int(conn.execute(count(t)).scalar_one()) for name, t in tables.items()}

        return self._read(run)

    # --- transactions

    def reading(self, work: Callable[[Connection], T]) -> T:
        """Run work on a connection (for the store modules of accounts, follow-up, contacts)."""
        return self._read(work)

    def writing(self, work: Callable[[Connection], T]) -> T:
        """Run work in one write transaction: all of it is stored, or none."""
        return self._write(work)

    @property
    def backend(self) -> str:
        """sqlite or postgresql."""
        return self._url.get_backend_name()

    def _read(self, work: Callable[[Connection], T]) -> T:
        with self._guard(), self._engine.connect() as conn:
            return work(conn)

    def _write(self, work: Callable[[Connection], T]) -> T:
        with self._guard(), self._writer.begin() as conn:
            return work(conn)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as error:
            raise StoreError(f"databasefeil i {self.url}: {reason(error)}") from error


def _require_statement(conn: Connection, statement_id: int) -> None:
    found = conn.execute(select(StatementRow.id).where(StatementRow.id == statement_id)).first()
    if found is None:
        raise NotFound(f"fant ikke utsagn {statement_id}")
