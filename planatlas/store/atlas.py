"""The Atlas: stored documents, versions, statements, codings and corrections.

Records go in and come out; the tables behind them are the store's own business.

>>> atlas = Atlas("sqlite:///planatlas.db")      # or postgresql://user@host/db
>>> atlas.add(doc)                               # AddResult(status="new", ...)
>>> atlas.statements(actor="Helsepartiet", kind="demand")
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from planatlas import collector, settings
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
    SearchLogRow,
    StatementRow,
    VersionRow,
)
from planatlas.store.searchindex import Problem, SearchIndex, atlas_id

T = TypeVar("T")
# Each attempt that collides with another writer finds more of the document stored (its actor,
# then the document, then the version), so a few attempts always end.
ADD_ATTEMPTS = 4


class Atlas:
    """A planatlas database: a SQLite file, SQLite in memory, or PostgreSQL."""

    def __init__(self, url: str | None = None) -> None:
        self._url = parse_url(url or str(settings.get("db")))
        self._engine = open_engine(self._url)
        self._writer = self._engine.execution_options(**{WRITE: True})
        self._search: SearchIndex | None = None
        self._search_lock = threading.Lock()
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

    def refresh_statistics(self) -> None:
        """Let the database's planner learn the tables' sizes after a batch: PostgreSQL plans
        from statistics that only ANALYZE (or autovacuum, which a server may have off) makes,
        and without them it joins a million statements by nested loops; VACUUM also lets it
        count from the indexes alone (3 s at a million statements). SQLite's own `PRAGMA
        optimize` does the same for it."""
        if self._engine.dialect.name == "postgresql":
            # VACUUM cannot run inside a transaction
            with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM (ANALYZE)")
            return
        with self._writer.begin() as conn:
            conn.exec_driver_sql("PRAGMA optimize")

    # --- writing

    def add(self, doc: Document, *, coder: str = "rules-1") -> AddResult:
        """Store a document in one transaction: new, a new version, or unchanged (no writes)."""
        with self._guard():
            for _ in range(ADD_ATTEMPTS - 1):
                try:
                    return self._add_once(doc, coder)
                except IntegrityError:
                    continue  # another writer stored the actor, document or version a moment ago
            return self._add_once(doc, coder)

    def _add_once(self, doc: Document, coder: str) -> AddResult:
        with collector.paused(), self._writer.begin() as conn:
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
            done = fulltext.reindex(conn, doc_id)
            conn.execute(insert(SearchLogRow), {"document_id": doc_id})  # for every index
            return done

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
        version: int | None = None,
    ) -> list[StoredStatement]:
        """Statements of the latest versions (or all, or of one version number: with a
        document), filtered by actor, document, kind, topic."""

        def run(conn: Connection) -> list[StoredStatement]:
            where: list[Any] = []
            if actor is not None:
                where.append(ActorRow.name == actor)
            if document is not None:
                where.append(DocumentRow.id == read.resolve(conn, document))
            if version is not None:
                where.append(VersionRow.version == version)
            latest_only = not all_versions and version is None
            return read.stored_statements(conn, *where, latest_only=latest_only)

        found = self._read(run)
        if kind is not None:
            found = [s for s in found if s.coding.kind == kind]
        if topic is not None:
            found = [s for s in found if topic in s.coding.topics]
        return found

    def latest_statements(self, documents: Sequence[int]) -> list[StoredStatement]:
        """The latest-version statements of some documents (by id), in document order."""
        where = DocumentRow.id.in_(list(documents))
        return self._read(lambda conn: read.stored_statements(conn, where))

    def actor_topics(self, hidden: Any = ()) -> list[tuple[str | None, list[str]]]:
        """Each latest statement's actor and effective topics (but those of the `hidden`
        documents, by id), without reading the rest."""
        return self._read(lambda conn: read.actor_topics(conn, set(hidden)))

    def normalised_texts(self) -> dict[str, str]:
        """Each latest statement's text -> its stored normalised terms (the search column)."""
        return self._read(read.normalised_texts)

    def marks(self) -> dict[str, Any]:
        """Cheap facts that change whenever statements are stored, corrected or coded again,
        in one round trip: counts of the small tables and when a statement was last coded."""
        return self._read(read.marks)

    def version_ids(self) -> set[int]:
        """The id of every stored version, of every document."""
        return self._read(
            lambda conn: {int(i) for i in conn.execute(select(VersionRow.id)).scalars()}
        )

    def documents_of_versions(self, versions: set[int]) -> set[int]:
        """The ids of the documents these versions (by id) belong to."""
        stmt = select(VersionRow.document_id).where(VersionRow.id.in_(sorted(versions)))
        return self._read(lambda conn: {int(d) for d in conn.execute(stmt).scalars()})

    def recoded_since(self, moment: str | None, versions: set[int]) -> int:
        """How many statements of these versions were coded after a moment (`marks`'s
        `coded`): a re-analysis, not a new document."""
        return self._read(lambda conn: read.recoded_since(conn, moment, versions))

    def statement(self, statement_id: int) -> StoredStatement:
        """One stored statement, of whichever version, with its effective coding."""
        found = self._read(
            lambda conn: read.stored_statements(conn, latest_only=False, ids=[statement_id])
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
        if str(settings.get("search")) == "database":
            return self._read(lambda conn: fulltext.find(conn, words, filters, limit, offset))
        index = self.search_index()
        readings = [w.readings for w in fulltext.usable(words)]

        def run(conn: Connection) -> tuple[int, list[tuple[StoredStatement, float]]]:
            total, page = index.find(conn, readings, filters, limit, offset)
            return total, fulltext.load(conn, page)

        return self._read(run)

    def search_index(self) -> SearchIndex:
        """The search index beside this database (store/searchindex.py), opened once."""
        with self._search_lock:
            if self._search is None:
                folder = self._read(lambda conn: search_folder(self._url, atlas_id(conn)))
                self._search = SearchIndex(folder)
            return self._search

    def check_search_index(self) -> list[Problem]:
        """The documents the search index does not hold as the database does (none: in step)."""
        index = self.search_index()
        return self._read(index.check)

    def rebuild_search_index(self) -> int:
        """Build the search index again from the database; returns the statements indexed."""
        index = self.search_index()
        return self._read(index.rebuild)

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


def search_folder(url: Any, atlas: str) -> Path | None:
    """Where the search index of a database lives: beside a SQLite file, in memory for an
    in-memory one, and for a server in PLANATLAS_SEARCH_DIR under the database's own id."""
    if url.get_backend_name() == "sqlite":
        database = url.database
        if database in (None, "", ":memory:") or "mode=memory" in str(url.query):
            return None
        return Path(f"{database}.search")
    root = str(settings.get("search_dir")) or str(Path.home() / ".cache" / "planatlas" / "search")
    name = hashlib.sha256(f"{url.host}:{url.port}/{url.database}".encode()).hexdigest()[:12]
    return Path(root) / f"{name}-{atlas}"


def _require_statement(conn: Connection, statement_id: int) -> None:
    found = conn.execute(select(StatementRow.id).where(StatementRow.id == statement_id)).first()
    if found is None:
        raise NotFound(f"fant ikke utsagn {statement_id}")
