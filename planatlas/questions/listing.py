"""Lists a person pages through: statements and documents narrowed by filters, and the
actors and documents a form offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planatlas.questions.snapshot import documents_of, memo, snapshot
from planatlas.records import Filters
from planatlas.store import Atlas
from planatlas.store.records import DocumentSummary, StoredStatement


@dataclass(frozen=True)
class Page:
    """One page of a longer list: the items, how many there are in all, and where this starts."""

    items: list[Any]
    total: int
    limit: int
    offset: int

    @property
    def previous(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def page(items: list[Any], limit: int, offset: int) -> Page:
    limit, offset = max(0, limit), max(0, offset)
    return Page(items[offset : offset + limit], len(items), limit, offset)


def statements(atlas: Atlas, filters: Filters | None = None) -> list[StoredStatement]:
    """Latest-version statements that pass the filters (but `period`, which only search
    knows), in document order; from the snapshot unless one document is asked for (then the
    store's index is quicker than a scan)."""
    wanted = filters or Filters()
    if wanted.document is not None:
        found = atlas.statements(actor=wanted.actor, document=wanted.document)
    else:
        found = [s for s in snapshot(atlas).statements if wanted.actor in (None, s.actor)]
    if not wanted.on_coding():
        return found
    return [s for s in found if wanted.passes(s.coding)]


def statement_page(atlas: Atlas, filters: Filters | None, limit: int, offset: int) -> Page:
    """One page of `statements(atlas, filters)`: the statements of only the documents the page
    falls in are read (by the store's index), placed by how many each document has that pass
    (counted once per snapshot)."""
    wanted = filters or Filters()
    limit, offset = max(0, limit), max(0, offset)
    if wanted.document is not None:  # one document: read whole, as `statements` does
        return page(statements(atlas, wanted), limit, offset)
    counts = _passing_by_document(atlas, wanted)
    covering: list[int] = []
    start = seen = 0
    for document, n in counts:
        if seen >= offset + limit:
            break
        if seen + n > offset:
            start = start if covering else seen
            covering.append(document)
        seen += n
    total = sum(n for _, n in counts)
    if not covering:
        return Page([], total, limit, offset)
    found = [
        s
        for s in atlas.latest_statements(covering)
        if not wanted.on_coding() or wanted.passes(s.coding)
    ]
    return Page(found[offset - start : offset - start + limit], total, limit, offset)


def _passing_by_document(atlas: Atlas, wanted: Filters) -> list[tuple[int, int]]:
    """(document id, statements that pass) of every listed document with any, in document
    order: the documents' own counts, or a count over the snapshot where the coding is asked."""
    shown = [d for d in documents_of(atlas) if wanted.actor in (None, d.actor)]
    if not wanted.on_coding():
        return [(d.id, d.statements) for d in shown if d.statements]

    def work() -> dict[int, int]:
        found: dict[int, int] = {}
        for s in statements(atlas, wanted):
            found[s.document_id] = found.get(s.document_id, 0) + 1
        return found

    passing = memo(atlas, ("passing", wanted), work)
    return [(d.id, passing[d.id]) for d in shown if d.id in passing]


def documents(
    atlas: Atlas,
    *,
    actor: str | None = None,
    genre: str | None = None,
    language: str | None = None,
) -> list[DocumentSummary]:
    """Documents in their latest version, filtered by actor, genre and language."""
    wanted = {"actor": actor, "genre": genre, "language": language}
    return [
        d
        for d in documents_of(atlas)
        if all(v is None or getattr(d, k) == v for k, v in wanted.items())
    ]


@dataclass(frozen=True)
class Choices:
    actors: list[str]
    documents: list[DocumentSummary]

    @property
    def document_options(self) -> list[tuple[int, str]]:
        """(id, "Actor: Title (v2)") for a document select."""
        return [(d.id, _document_label(d)) for d in self.documents]


def _document_label(d: DocumentSummary) -> str:
    actor = f"{d.actor}: " if d.actor else ""
    version = f" (v{d.version})" if d.version > 1 else ""
    return f"{actor}{d.title or d.source}{version}"


def choices(atlas: Atlas) -> Choices:
    """The actors and documents a person can pick in the pages' forms."""
    return Choices(sorted(snapshot(atlas).actor_kinds), documents_of(atlas))


def title_of(atlas: Atlas, ref: str | int | None) -> str | None:
    """A document reference as its title (for headings), or the reference itself."""
    if ref is None:
        return None
    for d in documents_of(atlas):
        if ref in (d.id, d.title, d.source):
            return d.title or d.source
    return str(ref)
