"""The search index beside the database: tantivy over the normalised column and the coding.

At a million statements the database's own full-text index is fast at finding a common word
but slow at what search does next: joining every match to the versions, codings and actors
to filter and count them, twice (once to count, once for the page). This index holds, per
statement of a latest version, everything a search filters on, so one query counts and
ranks: the text and the normalised column (coding/normalize.py: lemmas, Nynorsk folded to
Bokmål, compound parts) split into words the way SQLite's unicode61 tokenizer splits them,
the document, actor and period, and the effective coding (a person's correction wins): kind,
language (the statement's, else its document's), topics and positions. The database stays the
truth; the index is derived from it and can always be built again.

Where it lives: beside a SQLite file (`planatlas.db.search/`), in memory for an in-memory
atlas, and for PostgreSQL in `PLANATLAS_SEARCH_DIR` (default `~/.cache/planatlas/search`) in
a folder named by the database's own id (table `atlas_meta`, migration 0010), so that a
database made again under the same name never meets an old index.

How it follows the database: before each search it compares cheap marks of the database (the
number of versions, of corrections and of `search_log` rows, the newest `coded_at`) with the
marks it was built at, kept in `state.json` beside the index. When they differ, it reads again
every document with a version, a correction, a re-coding or a re-normalisation it has not
seen (sets of ids, not "greater than", so a transaction that commits late is not skipped):
it deletes the document's entries and adds those of its latest version. The index commits
first and the state is written after, so a crash between the two only makes the next search
read those documents again. `check` compares every document's count of latest statements
with the index; `rebuild` starts from nothing (`planatlas index --check / --rebuild`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import tantivy
from sqlalchemy import Connection, func, select, text

from planatlas.errors import StoreError
from planatlas.records import Coding, Filters, Position
from planatlas.store import read
from planatlas.store.codings import effective_coding
from planatlas.store.schema import (
    ActorRow,
    AtlasMetaRow,
    CodingRow,
    CorrectionRow,
    DocumentAccessRow,
    DocumentRow,
    SearchLogRow,
    StatementRow,
    VersionRow,
)

SCHEMA_VERSION = 1  # raised whenever the fields change: an older index is built again
NORMALISED_BOOST = 2.0  # a match on the normalised terms counts double one on the text
STATE = "state.json"
WRITER_HEAP = 64_000_000
WRITER_WAIT = 60.0  # seconds to wait for another process that is updating the index
RECODED_SLACK = 10.0  # seconds: codings this much older than the newest seen are read again,
# in case their transaction committed late
BATCH = 500  # documents read from the database at a time
_TOKEN = re.compile(r"[^\W_]+")
_FILTERS = ("actor", "period", "kind", "language", "topic", "position")

Forms = tuple[str, ...]
Scored = tuple[int, float]


def tokens(text: str) -> list[str]:
    """Words as SQLite's unicode61 tokenizer finds them: runs of letters and digits, lower case."""
    return _TOKEN.findall(text.lower())


WORDS = "planatlas_words"  # the tokenizer: `tokens`, in Rust


def _analyzer() -> tantivy.TextAnalyzer:
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(_TOKEN.pattern))
    return builder.filter(tantivy.Filter.lowercase()).build()


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("document", indexed=True, fast=True)
    for name in ("text", "normalised"):
        builder.add_text_field(name, tokenizer_name=WORDS, index_option="position")
    for name in _FILTERS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    return builder.build()


@dataclass
class State:
    """What the index was built from: the database's id and marks, and the ids it has seen."""

    atlas_id: str
    schema: int = SCHEMA_VERSION
    marks: list[Any] = field(default_factory=list)
    versions: list[int] = field(default_factory=list)
    corrections: list[int] = field(default_factory=list)
    log: list[int] = field(default_factory=list)
    coded_at: str | None = None


@dataclass(frozen=True)
class Problem:
    """A document whose count of latest statements in the index differs from the database."""

    document_id: int
    in_database: int
    in_index: int


class SearchIndex:
    """A tantivy index of an atlas's latest statements, kept in step with the database."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.schema = _schema()
        self._lock = threading.Lock()
        self._state: State | None = None
        self._index = self._open()
        # Set by a server that keeps the index in step in a thread of its own (web/__init__.py):
        # a search then answers from the index as it stands instead of catching up itself.
        self.followed = False

    # --- following the database

    def sync(self, conn: Connection, *, follower: bool = False) -> None:
        """Bring the index in step with what the database holds now (unless another thread
        is at it, or follows the database for every search)."""
        marks = _marks(conn)
        if self._state is not None and self._state.marks == marks:
            return
        if self._state is not None and (self._lock.locked() or (self.followed and not follower)):
            return  # answer from the index as it stands; it is being brought in step
        with self._lock:
            self._state = self._load_state()
            if self._state is not None and self._state.marks == marks:
                self._index.reload()
                return
            with self._writer() as writer:
                self._state = self._load_state()  # another process may have just done it
                if self._state is None or self._state.atlas_id != marks[0]:
                    self._build(conn, writer, marks)
                elif self._state.marks != marks:
                    self._catch_up(conn, writer, self._state, marks)
            self._index.reload()

    def rebuild(self, conn: Connection) -> int:
        """Build the index again from nothing; returns the number of statements indexed."""
        with self._lock:
            if self.folder is not None and self.folder.exists():
                shutil.rmtree(self.folder)
            self._state = None
            self._index = self._open()
            with self._writer() as writer:
                self._build(conn, writer, _marks(conn))
            self._index.reload()
        return int(self._index.searcher().num_docs)

    def check(self, conn: Connection) -> list[Problem]:
        """Every document whose latest statements the index does not hold one for one."""
        self.sync(conn)
        wanted = dict(_latest_counts(conn))
        held = self._document_counts()
        return [
            Problem(doc, wanted.get(doc, 0), held.get(doc, 0))
            for doc in sorted(wanted.keys() | held.keys())
            if wanted.get(doc, 0) != held.get(doc, 0)
        ]

    def _build(self, conn: Connection, writer: Any, marks: list[Any]) -> None:
        writer.delete_all_documents()
        for rows in _batches(_statement_rows(conn, None)):
            _add(writer, self.schema, rows)
        state = State(atlas_id=marks[0], marks=marks)
        state.versions, state.corrections, state.log = _seen(conn)
        state.coded_at = _newest_coding(conn)
        self._commit(writer, state)

    def _catch_up(self, conn: Connection, writer: Any, state: State, marks: list[Any]) -> None:
        versions, corrections, log = _seen(conn)
        if None in _log_documents(conn, set(log) - set(state.log)):
            self._build(conn, writer, marks)
            return
        changed = _changed_documents(conn, state, set(versions), set(corrections), set(log))
        ordered = sorted(changed)
        for start in range(0, len(ordered), BATCH):
            chunk = ordered[start : start + BATCH]
            for doc in chunk:
                term = tantivy.Query.term_query(self.schema, "document", doc)
                writer.delete_documents_by_query(term)  # by term would take it as signed
            _add(writer, self.schema, list(_statement_rows(conn, chunk)))
        fresh = State(atlas_id=marks[0], marks=marks, versions=versions)
        fresh.corrections, fresh.log, fresh.coded_at = corrections, log, _newest_coding(conn)
        self._commit(writer, fresh)

    def _commit(self, writer: Any, state: State) -> None:
        writer.commit()
        writer.wait_merging_threads()
        self._state = state
        if self.folder is not None:  # after the commit: a crash between only repeats work
            temporary = self.folder / (STATE + ".tmp")
            temporary.write_text(json.dumps(asdict(state)), encoding="utf-8")
            os.replace(temporary, self.folder / STATE)

    # --- searching

    def find(
        self, conn: Connection, words: Sequence[Sequence[Sequence[Forms]]], filters: Filters,
        limit: int, offset: int,
    ) -> tuple[int, list[Scored]]:  # fmt: skip
        """How many latest statements match, and one page of (id, score), best first.

        `words` are the query's words, each as its readings, each reading as its parts, each
        part as the forms it may take (store/fulltext.py's Word.readings)."""
        self.sync(conn)
        musts = [self._word(readings) for readings in words]
        wanted = self._filters(conn, filters)
        if wanted is None:
            return 0, []
        musts += [tantivy.Query.const_score_query(q, 0.0) for q in wanted]
        clauses = [(tantivy.Occur.Must, q) for q in musts or [tantivy.Query.all_query()]]
        private = _private(conn)  # read by their organisations on their own pages, not found
        if private:
            hidden = tantivy.Query.term_set_query(self.schema, "document", private)
            clauses.append((tantivy.Occur.MustNot, hidden))
        query = tantivy.Query.boolean_query(clauses)
        searcher = self._index.searcher()
        size = max(1, limit)
        if words:
            found = searcher.search(query, size, count=True, offset=offset)
        else:  # no words: in the order they were stored, like the database
            found = searcher.search(
                query, size, count=True, offset=offset, order_by_field="id",
                order=tantivy.Order.Asc,
            )  # fmt: skip
        total = int(getattr(found, "count", 0) or 0)
        if limit <= 0:
            return total, []
        page = [
            (int(searcher.doc(address)["id"][0]), float(key) if words else 0.0)
            for key, address in found.hits
        ]
        return total, sorted(page, key=lambda item: (-item[1], item[0]))

    def _word(self, readings: Sequence[Sequence[Forms]]) -> tantivy.Query:
        """Any reading; of a reading, every part; of a part, any form; a form in either field."""
        return _any(_all(_any(self._form(f) for f in forms) for forms in r) for r in readings)

    def _form(self, term: str) -> tantivy.Query:
        words = tokens(term)
        queries = []
        for name, boost in (("text", 1.0), ("normalised", NORMALISED_BOOST)):
            if len(words) == 1:
                query = tantivy.Query.term_query(self.schema, name, words[0])
            else:
                phrase: list[str | tuple[int, str]] = list(words)
                query = tantivy.Query.phrase_query(self.schema, name, phrase)
            queries.append(query if boost == 1.0 else tantivy.Query.boost_query(query, boost))
        return _any(queries)

    def _filters(self, conn: Connection, filters: Filters) -> list[tantivy.Query] | None:
        """The filters as term queries; None when one can match nothing."""
        schema, term = self.schema, tantivy.Query.term_query
        found = []
        if filters.document is not None:
            doc = read.resolve(conn, filters.document)
            found.append(term(schema, "document", doc))
        if filters.period is not None:
            from planatlas.store.fulltext import matching_periods

            periods = matching_periods(conn, str(filters.period))
            if not periods:
                return None
            found.append(tantivy.Query.term_set_query(schema, "period", periods))
        values = {"actor": filters.actor, "kind": filters.kind, "language": filters.language,
                  "topic": filters.topic}  # fmt: skip
        found += [term(schema, name, value) for name, value in values.items() if value is not None]
        if filters.issue is not None or filters.direction is not None:
            found.append(term(schema, "position", _position(filters.issue, filters.direction)))
        return found

    def _document_counts(self) -> dict[int, int]:
        searcher = self._index.searcher()
        agg = {"docs": {"terms": {"field": "document", "size": 10_000_000}}}
        result = searcher.aggregate(tantivy.Query.all_query(), agg)
        return {int(b["key"]): int(b["doc_count"]) for b in result["docs"]["buckets"]}

    # --- the index on disk

    def _open(self) -> tantivy.Index:
        if self.folder is None:
            index = tantivy.Index(self.schema)
        else:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
            except ValueError:  # damaged or of another schema: derived data, so start again
                shutil.rmtree(self.folder)
                self.folder.mkdir(parents=True)
                index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
        index.register_tokenizer(WORDS, _analyzer())
        return index

    def _load_state(self) -> State | None:
        if self.folder is None:
            return self._state
        try:
            state = State(**json.loads((self.folder / STATE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        return state if state.schema == SCHEMA_VERSION else None

    def _writer(self) -> _Writer:
        return _Writer(self._index, self.folder)


class _Writer:
    """The index's one writer, waited for while another process holds it."""

    def __init__(self, index: tantivy.Index, folder: Path | None) -> None:
        self.index, self.folder = index, folder
        self.writer: Any = None

    def __enter__(self) -> Any:
        deadline = time.monotonic() + WRITER_WAIT
        while True:
            try:
                self.writer = self.index.writer(WRITER_HEAP, 1)
                return self.writer
            except ValueError as error:
                if time.monotonic() > deadline:
                    raise StoreError(f"søkeindeksen i {self.folder} er låst: {error}") from error
                time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            self.writer.rollback()
        self.writer = None  # dropping the writer lets go of its lock


def _any(queries: Iterable[tantivy.Query]) -> tantivy.Query:
    found = list(queries)
    if len(found) == 1:
        return found[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in found])


def _all(queries: Iterable[tantivy.Query]) -> tantivy.Query:
    found = list(queries)
    if len(found) == 1:
        return found[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in found])


def _position(issue: str | None, direction: str | None) -> str:
    return f"{issue or '*'}\x1f{direction or '*'}"


# --- reading the database


def atlas_id(conn: Connection) -> str:
    """The database's own id (migration 0010)."""
    found = conn.execute(select(AtlasMetaRow.value).where(AtlasMetaRow.key == "atlas_id")).scalar()
    if found is None:
        raise StoreError("databasen mangler atlas_id (migrering 0010)")
    return str(found)


_MARKS = text(
    "SELECT (SELECT value FROM atlas_meta WHERE key = 'atlas_id'), "
    "(SELECT count(*) FROM document_versions), (SELECT count(*) FROM corrections), "
    "(SELECT count(*) FROM search_log), (SELECT max(coded_at) FROM codings)"
)


def _private(conn: Connection) -> list[int]:
    """The documents search never finds (accounts: a private document of an organisation)."""
    stmt = select(DocumentAccessRow.document_id).where(DocumentAccessRow.private.is_(True))
    return sorted(int(d) for d in conn.execute(stmt).scalars())


def _marks(conn: Connection) -> list[Any]:
    """Cheap facts that change whenever the index must: counts and the newest coding, read
    in one round trip (this runs before every search)."""
    found, versions, corrections, log, coded = conn.execute(_MARKS).one()
    if found is None:
        raise StoreError("databasen mangler atlas_id (migrering 0010)")
    return [str(found), int(versions), int(corrections), int(log), _newest_coding(conn, coded)]


def _newest_coding(conn: Connection, raw: Any = ...) -> str | None:
    """The newest coded_at as ISO text, the same whichever way it was read."""
    newest = conn.execute(select(func.max(CodingRow.coded_at))).scalar() if raw is ... else raw
    return read.iso(newest)


def _seen(conn: Connection) -> tuple[list[int], list[int], list[int]]:
    """Every version, correction and search_log id there is now."""
    ids = [
        sorted(int(i) for i in conn.execute(select(column)).scalars())
        for column in (VersionRow.id, CorrectionRow.id, SearchLogRow.id)
    ]
    return ids[0], ids[1], ids[2]


def _log_documents(conn: Connection, ids: set[int]) -> set[int | None]:
    if not ids:
        return set()
    stmt = select(SearchLogRow.document_id).where(SearchLogRow.id.in_(ids))
    return {None if d is None else int(d) for d in conn.execute(stmt).scalars()}


def _changed_documents(
    conn: Connection, state: State, versions: set[int], corrections: set[int], log: set[int]
) -> set[int]:
    """The documents with a version, correction, coding or re-normalisation not yet indexed."""
    changed: set[int] = set()
    new_versions = versions - set(state.versions)
    if new_versions:
        stmt = select(VersionRow.document_id).where(VersionRow.id.in_(new_versions))
        changed |= {int(d) for d in conn.execute(stmt).scalars()}
    new_corrections = corrections - set(state.corrections)
    if new_corrections:
        stmt = (
            select(VersionRow.document_id)
            .join(StatementRow, StatementRow.version_id == VersionRow.id)
            .join(CorrectionRow, CorrectionRow.statement_id == StatementRow.id)
            .where(CorrectionRow.id.in_(new_corrections))
        )
        changed |= {int(d) for d in conn.execute(stmt).scalars()}
    changed |= {d for d in _log_documents(conn, log - set(state.log)) if d is not None}
    if state.coded_at is not None:
        changed |= _recoded(conn, state.coded_at)
    return changed


def _recoded(conn: Connection, since: str) -> set[int]:
    """Documents with codings written since a moment (less a slack for late commits)."""
    newest = _newest_coding(conn)
    if newest is None or newest == since:
        return set()
    moment = datetime.fromisoformat(since) - timedelta(seconds=RECODED_SLACK)
    stmt = (
        select(VersionRow.document_id)
        .join(StatementRow, StatementRow.version_id == VersionRow.id)
        .join(CodingRow, CodingRow.statement_id == StatementRow.id)
        .where(CodingRow.coded_at > moment)
        .distinct()
    )
    return {int(d) for d in conn.execute(stmt).scalars()}


# id, document, text, normalised, actor, period, document language, kind, language, topics,
# positions (issue, direction): the effective coding's fields
_Row = tuple[int, int, str, str, str | None, str | None, str | None, str | None, str | None,
             list[str], list[tuple[str, str]]]  # fmt: skip


def _statement_rows(conn: Connection, documents: Sequence[int] | None) -> Iterator[_Row]:
    """The latest statements of some documents (None: all), with their effective coding."""
    latest = read.latest_versions()
    where = [] if documents is None else [VersionRow.document_id.in_(documents)]
    stmt = (
        select(
            StatementRow.id,
            VersionRow.document_id,
            StatementRow.text,
            StatementRow.normalised,
            ActorRow.name,
            VersionRow.period,
            VersionRow.language,
            CodingRow.kind,
            CodingRow.language.label("coding_language"),
            CodingRow.topics,
            CodingRow.positions,
        )  # fmt: skip
        .join(VersionRow, VersionRow.id == StatementRow.version_id)
        .join(
            latest,
            (latest.c.document_id == VersionRow.document_id)
            & (latest.c.latest == VersionRow.version),
        )
        .join(DocumentRow, DocumentRow.id == VersionRow.document_id)
        .outerjoin(ActorRow, ActorRow.id == DocumentRow.actor_id)
        .outerjoin(CodingRow, CodingRow.statement_id == StatementRow.id)
        .where(*where)
        .order_by(StatementRow.id)
    )
    corrections = read.corrections_for(conn)  # few: people make them one by one
    for row in conn.execute(stmt.execution_options(yield_per=5000)):
        sid, doc, text, norm, actor, period, doc_language, kind, language, topics, positions = row
        pairs = [(p["issue"], p["direction"]) for p in positions or []]
        if sid in corrections:
            kind, language, topics, pairs = _corrected(kind, language, topics, pairs,
                                                       corrections[sid])  # fmt: skip
        yield (sid, doc, text, norm or "", actor, period, doc_language, kind, language,
               list(topics or []), pairs)  # fmt: skip


def _corrected(
    kind: str | None, language: str | None, topics: Any, pairs: list[tuple[str, str]],
    corrections: list[tuple[str, Any]],
) -> tuple[str | None, str | None, list[str], list[tuple[str, str]]]:  # fmt: skip
    machine = Coding(kind=kind, language=language, topics=list(topics or []),
                     positions=[Position(i, d) for i, d in pairs])  # type: ignore[arg-type]  # fmt: skip
    coding = effective_coding(machine, corrections)
    return (coding.kind, coding.language, list(coding.topics),
            [(p.issue, p.direction) for p in coding.positions])  # fmt: skip


def _batches(rows: Iterable[_Row], size: int = 5000) -> Iterator[list[_Row]]:
    batch: list[_Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _add(writer: Any, schema: tantivy.Schema, rows: list[_Row]) -> None:
    for row in rows:
        writer.add_document(tantivy.Document.from_dict(_fields(row), schema))


def _fields(row: _Row) -> dict[str, Any]:
    sid, doc, text, norm, actor, period, doc_language, kind, language, topics, pairs = row
    fields: dict[str, Any] = {
        "id": sid,
        "document": doc,
        "text": text,
        "normalised": norm,
        "topic": topics,
        "position": sorted(
            {
                key
                for issue, direction in pairs
                for key in (
                    _position(issue, direction),
                    _position(issue, None),
                    _position(None, direction),
                )
            }
        ),  # fmt: skip
    }
    language = language or doc_language
    for name, value in (("actor", actor), ("period", period), ("kind", kind),
                        ("language", language)):  # fmt: skip
        if value is not None:
            fields[name] = value
    return fields


def _latest_counts(conn: Connection) -> list[tuple[int, int]]:
    latest = read.latest_versions()
    stmt = (
        select(VersionRow.document_id, func.count())
        .join(StatementRow, StatementRow.version_id == VersionRow.id)
        .join(
            latest,
            (latest.c.document_id == VersionRow.document_id)
            & (latest.c.latest == VersionRow.version),
        )
        .group_by(VersionRow.document_id)
    )
    return [(int(d), int(n)) for d, n in conn.execute(stmt)]
