"""Full-text search in the store: the normalised column, the index over it, and matching.

Each statement keeps, beside its text, `normalised`: the analysis's terms of the text
(coding/normalize.py: lemmas, Nynorsk folded to Bokmål, compounds also split) joined by
spaces. The database keeps an index over both in step by itself (migration 0002 makes it):

- SQLite: the FTS5 table `statement_fts(text, normalised)`, with `statements` as its external
  content, filled by triggers on `statements`; ranked by bm25().
- PostgreSQL: the generated column `statements.search_vector` (normalised weighted A, text B,
  the 'simple' configuration) with a GIN index; ranked by ts_rank().

A query comes here already normalised, as Words. Every term goes into the database as a quoted
FTS5 phrase or a bound parameter, so no query text can be read as an operator. Filters on the
coding use the effective coding: SQL checks the machine coding of statements nobody corrected,
Python the effective coding of the few that were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Float, Integer, Text, cast, func, literal, select, text
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import ColumnElement

from planatlas.coding.normalize import fold
from planatlas.records import Filters
from planatlas.store import read
from planatlas.store.records import StoredStatement
from planatlas.store.schema import (
    ActorRow,
    CodingRow,
    CorrectionRow,
    DocumentAccessRow,
    DocumentRow,
    StatementRow,
    VersionRow,
)

Forms = tuple[str, ...]  # any one of these terms
Scored = tuple[int, float]  # statement id, score (higher is better)

# Column weights: a match on the normalised terms counts double a match on the words as written.
BM25 = "bm25(statement_fts, 0.5, 1.0)"  # (text, normalised); lower is better
TS_RANK_WEIGHTS = "{0, 0, 0.5, 1}"  # (D, C, B = text, A = normalised)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class Word:
    """One query word: it matches when, in any one reading, each part has one of its forms."""

    readings: tuple[tuple[Forms, ...], ...]

    def terms(self) -> set[str]:
        """Every term this word may match."""
        return {term for reading in self.readings for forms in reading for term in forms}


def normalised(text: str, language: str | None) -> str:
    """The value of the normalised column: the text's terms, compound parts included."""
    return fold(text, language or "nb")


def reindex(conn: Connection, document_id: int | None = None, batch: int = 2000) -> int:
    """Normalise stored statements again (after the normalisation changed); the index follows."""
    where = "" if document_id is None else " WHERE v.document_id = :doc"
    rows = conn.execute(
        text(
            "SELECT s.id, s.text, COALESCE(c.language, v.language) FROM statements s "
            "JOIN document_versions v ON v.id = s.version_id "
            "LEFT JOIN codings c ON c.statement_id = s.id" + where
        ).bindparams(**({} if document_id is None else {"doc": document_id}))
    ).all()
    update = text("UPDATE statements SET normalised = :normalised WHERE id = :id")
    for start in range(0, len(rows), batch):
        values = [
            {"id": i, "normalised": normalised(t, language)}
            for i, t, language in rows[start : start + batch]
        ]
        conn.execute(update, values)
    return len(rows)


def find(
    conn: Connection, words: Sequence[Word], filters: Filters, limit: int, offset: int
) -> tuple[int, list[tuple[StoredStatement, float]]]:
    """How many statements of the latest versions match, and one page of them, best first."""
    words = usable(words)
    base = _candidates(conn, words, filters)
    ranked = bool(words)
    if not filters.on_coding():
        total, page = _page(conn, base, limit, offset, ranked)
    else:
        plain = base.where(StatementRow.id.not_in(select(CorrectionRow.statement_id)))
        plain = plain.where(*_machine_filters(conn.dialect.name, filters))
        total, page = _page(conn, plain, offset + limit, 0, ranked)
        corrected = _corrected_matches(conn, base.where(_corrected()), filters)
        total += len(corrected)
        page = sorted(page + corrected, key=_best_first)[offset : offset + limit]
    return total, load(conn, page)


# --- the query


def usable(words: Sequence[Word]) -> list[Word]:
    """The words without terms the index could never hold (no letter or digit)."""
    kept = []
    for word in words:
        readings = tuple(
            reading
            for reading in (
                tuple(tuple(t for t in forms if _indexable(t)) for forms in r)
                for r in word.readings
            )
            if reading and all(reading)
        )
        if readings:
            kept.append(Word(readings))
    return kept


def _indexable(term: str) -> bool:
    return any(ch.isalnum() for ch in term)


def _render(words: Sequence[Word], phrase: Callable[[str], str], all_of: str, any_of: str) -> str:
    """Words as a boolean expression: all words; of a word, any reading; of a reading, all
    parts; of a part, any form. Every group in parentheses, so no precedence rule matters."""

    def group(parts: Iterable[str], operator: str) -> str:
        return "(" + f" {operator} ".join(parts) + ")"

    def reading(parts: tuple[Forms, ...]) -> str:
        return group((group(map(phrase, forms), any_of) for forms in parts), all_of)

    return group((group(map(reading, w.readings), any_of) for w in words), all_of)


def fts5_query(words: Sequence[Word]) -> str:
    """The FTS5 match expression, each term a quoted phrase."""
    return _render(words, lambda term: '"' + term.replace('"', '""') + '"', "AND", "OR")


def tsquery(words: Sequence[Word]) -> tuple[str, dict[str, str]]:
    """A PostgreSQL tsquery expression over bound terms, and the terms by parameter name."""
    params: dict[str, str] = {}

    def phrase(term: str) -> str:
        name = f"term_{len(params)}"
        params[name] = term
        return f"phraseto_tsquery('simple', :{name})"

    return _render(words, phrase, "&&", "||"), params


def _hits(conn: Connection, words: Sequence[Word]) -> Any:
    """A subquery of matching statements: id, score."""
    if conn.dialect.name == "postgresql":
        query, params = tsquery(words)
        sql = (
            f"SELECT id, ts_rank('{TS_RANK_WEIGHTS}', search_vector, {query}, 1) AS score "
            f"FROM statements WHERE search_vector @@ {query}"
        )
        found = text(sql).bindparams(**params)
    else:
        sql = (
            f"SELECT rowid AS id, -{BM25} AS score FROM statement_fts WHERE statement_fts MATCH :q"
        )
        found = text(sql).bindparams(q=fts5_query(words))
    return found.columns(id=Integer, score=Float).subquery("hits")


# --- candidates and filters


def _candidates(conn: Connection, words: Sequence[Word], filters: Filters) -> Any:
    """Matching statements of the latest versions, narrowed by every filter but the coding."""
    if words:
        hits = _hits(conn, words)
        # "+ 0" keeps the index in the lead: otherwise SQLite, when a filter looks selective,
        # starts from that filter and runs the whole MATCH once per row it finds.
        stmt = select(StatementRow.id, hits.c.score).join_from(
            hits, StatementRow, StatementRow.id == hits.c.id + 0
        )
    else:
        stmt = select(StatementRow.id, literal(0.0, Float).label("score"))
    stmt = (
        stmt.add_columns(VersionRow.language.label("document_language"))
        .join(VersionRow, VersionRow.id == StatementRow.version_id)
        .outerjoin(CodingRow, CodingRow.statement_id == StatementRow.id)
        .where(StatementRow.version_id.not_in(_superseded()))
        .where(VersionRow.document_id.not_in(_private()))
    )
    if filters.actor is not None:
        stmt = stmt.join(DocumentRow, DocumentRow.id == VersionRow.document_id).join(
            ActorRow, (ActorRow.id == DocumentRow.actor_id) & (ActorRow.name == filters.actor)
        )
    if filters.document is not None:
        stmt = stmt.where(VersionRow.document_id == read.resolve(conn, filters.document))
    if filters.period is not None:
        stmt = stmt.where(VersionRow.period.in_(matching_periods(conn, str(filters.period))))
    return stmt


def _private() -> Any:
    """Private documents: read by their organisation on their own pages, never in search."""
    return select(DocumentAccessRow.document_id).where(DocumentAccessRow.private.is_(True))


def _superseded() -> Any:
    """The versions that have a newer one: computed once, not once per statement."""
    old, newer = aliased(VersionRow), aliased(VersionRow)
    has_newer = select(newer.id).where(
        newer.document_id == old.document_id, newer.version > old.version
    )
    return select(old.id).where(has_newer.exists())


def _corrected() -> ColumnElement[bool]:
    # A list computed once (people correct statements one by one): the database can start from
    # it, rather than look for corrections of each statement it scans.
    return StatementRow.id.in_(select(CorrectionRow.statement_id))


def _machine_filters(dialect: str, filters: Filters) -> list[ColumnElement[bool]]:
    """The coding filters as SQL over the machine coding."""
    where: list[ColumnElement[bool]] = []
    if filters.kind is not None:
        where.append(CodingRow.kind == filters.kind)
    if filters.language is not None:
        language = func.coalesce(CodingRow.language, VersionRow.language)
        where.append(language == filters.language)
    if filters.topic is not None:
        where.append(_has_topic(dialect, filters.topic))
    if filters.issue is not None or filters.direction is not None:
        where.append(_has_position(dialect, filters.issue, filters.direction))
    return where


def _has_topic(dialect: str, topic: str) -> ColumnElement[bool]:
    if dialect == "postgresql":
        items = func.json_array_elements_text(CodingRow.topics).table_valued("value")
    else:
        items = func.json_each(CodingRow.topics).table_valued("value")
    exact = select(literal(1)).select_from(items).where(items.c.value == topic).exists()
    return _mentions(dialect, CodingRow.topics, topic) & exact


def _mentions(dialect: str, column: Any, value: str) -> ColumnElement[bool]:
    """A cheap first sieve: the stored JSON has the value, as the store's json.dumps wrote it,
    somewhere in it; unpacking the JSON of every row costs three times as much."""
    needle = json.dumps(value)
    if dialect == "postgresql":
        return func.strpos(cast(column, Text), needle) > 0
    return func.instr(column, needle) > 0


def _has_position(dialect: str, issue: str | None, direction: str | None) -> ColumnElement[bool]:
    if dialect == "postgresql":
        items = func.json_array_elements(CodingRow.positions).table_valued("value")

        def field(name: str) -> Any:
            return items.c.value.op("->>")(name)
    else:
        items = func.json_each(CodingRow.positions).table_valued("value")

        def field(name: str) -> Any:
            return func.json_extract(items.c.value, f"$.{name}")

    where = []
    if issue is not None:
        where.append(field("issue") == issue)
    if direction is not None:
        where.append(field("direction") == direction)
    exact = select(literal(1)).select_from(items).where(*where).exists()
    return _mentions(dialect, CodingRow.positions, issue or direction or "") & exact


def matching_periods(conn: Connection, wanted: str) -> list[str]:
    """The stored periods that match: they overlap the years asked for, or read the same."""
    known = conn.execute(select(VersionRow.period).distinct()).scalars()
    return [period for period in known if period is not None and period_matches(period, wanted)]


def period_matches(period: str, wanted: str) -> bool:
    """ "2026" matches "2024–2027", "2025/2029" matches "2024–2027"; text without years, as is."""
    asked, have = _years(wanted), _years(period)
    if asked is not None and have is not None:
        return asked[0] <= have[1] and have[0] <= asked[1]
    return " ".join(period.split()).casefold() == " ".join(wanted.split()).casefold()


def _years(value: str) -> tuple[int, int] | None:
    years = [int(y) for y in _YEAR.findall(value)]
    return (min(years), max(years)) if years else None


# --- corrected statements, pages


def _corrected_matches(conn: Connection, stmt: Any, filters: Filters) -> list[Scored]:
    """The corrected candidates whose effective coding passes the filters."""
    rows = {row.id: row for row in conn.execute(stmt)}
    if not rows:
        return []
    found = read.stored_statements(conn, StatementRow.id.in_(rows), latest_only=False)
    return [
        (s.id, float(rows[s.id].score))
        for s in found
        if filters.passes(s.coding, rows[s.id].document_language)
    ]


def _best_first(item: Scored) -> tuple[float, int]:
    return (-item[1], item[0])


def _page(
    conn: Connection, stmt: Any, limit: int, offset: int, ranked: bool
) -> tuple[int, list[Scored]]:
    """The number of candidates, and `limit` of them from `offset`, best first."""
    found = stmt.subquery("found")
    total = int(conn.execute(select(func.count()).select_from(found)).scalar_one())
    if limit <= 0 or offset >= total:
        return total, []
    # Unranked (no words), statements come in the order they were stored: the database can
    # walk them in that order and stop at the page's end instead of sorting every one.
    order = (found.c.score.desc(), found.c.id) if ranked else (found.c.id,)
    page = select(found.c.id, found.c.score).order_by(*order).limit(limit).offset(offset)
    return total, [(int(i), float(score)) for i, score in conn.execute(page)]


def load(conn: Connection, page: list[Scored]) -> list[tuple[StoredStatement, float]]:
    if not page:
        return []
    found = read.stored_statements(conn, latest_only=False, ids=[i for i, _ in page])
    by_id = {s.id: s for s in found}
    # An index another thread or process brought forward may name statements stored after
    # this read began: they are not in its snapshot of the database, so not in its answer.
    return [(by_id[i], score) for i, score in page if i in by_id]
