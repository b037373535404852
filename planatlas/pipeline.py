"""The analysis pipeline, visible in one place: the one door every caller goes through.

    read:    file -> reader (blocks) -> segment (outline, statements) -> describe (metadata)
    analyze: document -> code (kind, language, topics, positions, targets by the codebook)
             -> the learned coder over the rules: the model shipped in the package
                (data/coder.zip), another file (PLANATLAS_MODEL), or none (=rules)
    ingest:  read -> analyze -> store, for a file, uploaded bytes, or a stored document
             coded again (`reanalyze`); a bad file is recorded, never raised; a document
             analysed elsewhere (batch.py's worker processes) is stored by `store_analysed`

Each step is a plain function over records. The CLI, the web upload and `recode` all call
the functions here, so a document is coded the same way whichever way it came in.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from planatlas import coding, collector
from planatlas.coding import model
from planatlas.coding.taxonomy import active_taxonomy
from planatlas.errors import PlanatlasError
from planatlas.reading import readers
from planatlas.reading.metadata import Metadata, describe, for_file
from planatlas.reading.segment import segment
from planatlas.records import Coding, Document, PageRange, RawDocument


def read(
    path: str | Path,
    meta: Metadata | None = None,
    *,
    source: str | None = None,
    pages: PageRange | None = None,
) -> Document:
    """Read one file into a document with its outline and statements (not yet coded).

    `meta` overrides what the file's sidecar, its folder's manifest and the text itself say;
    `pages` reads only those pages of a PDF (or slides of a deck).
    """
    p = Path(path)
    with collector.paused():
        raw, content_hash = readers.read_path(p, pages)
        given = (meta or Metadata()).over(for_file(p))
        return from_raw(raw, content_hash, given, source=source or str(path))


def read_bytes(
    data: bytes, name: str, meta: Metadata | None = None, *, pages: PageRange | None = None
) -> Document:
    """Read uploaded bytes (no file on disk) the same way as `read`."""
    with collector.paused():
        raw = readers.read_bytes(data, name, pages)
        return from_raw(raw, readers.content_hash(data), meta or Metadata(), source=name)


def from_raw(raw: RawDocument, content_hash: str, given: Metadata, source: str) -> Document:
    outline = segment(raw.blocks)
    doc = Document(
        source=source,
        format=raw.format,
        content_hash=content_hash,
        pages=raw.pages,
        published=raw.published,
        sections=outline.sections,
        statements=outline.statements,
        warnings=list(raw.warnings),
    )
    return describe(doc, given, raw_title=raw.title)


def analyze(
    source: Document | str | Path, meta: Metadata | None = None, *, use_model: bool = True
) -> Document:
    """Code every statement of a document (read first when given a path).

    The rules code every field with the taxonomy in use (`PLANATLAS_TAXONOMY`); the learned
    coder then decides over them (the shipped model, or `PLANATLAS_MODEL`, see `planatlas
    train`), unless `use_model` is False or PLANATLAS_MODEL is `rules`.
    """
    doc = source if isinstance(source, Document) else read(source, meta)
    with collector.paused():
        coded = coding.code_document(doc, active_taxonomy())
        trained = model.trained_model() if use_model else None
        if trained is not None:
            coded = model.apply(trained, coded)
    if meta is not None and meta.language:
        coded = replace(coded, language=meta.language)
    return coded


# --- ingest: read, analyze, store


class _Added(Protocol):
    @property
    def status(self) -> str: ...

    @property
    def document_id(self) -> int: ...

    @property
    def version(self) -> int: ...


class Store(Protocol):
    """What ingest needs of an Atlas."""

    def add(self, doc: Document) -> _Added: ...

    def record_error(self, path: str, code: str, message: str) -> None: ...


@dataclass
class FileResult:
    """What happened to one file."""

    path: str
    status: str  # new | new_version | unchanged | error
    statements: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    error_code: str | None = None
    document_id: int | None = None
    version: int | None = None

    @property
    def failed(self) -> bool:
        return self.status == "error"


def ingest_file(
    path: Path, store: Store, meta: Metadata | None = None, *, pages: PageRange | None = None
) -> FileResult:
    """Read, code and store one file (only `pages` of it, where given); an error is
    recorded, never raised."""
    return _ingest(str(path), store, lambda: analyze(read(path, meta, pages=pages)))


def ingest_bytes(data: bytes, name: str, store: Store, meta: Metadata | None = None) -> FileResult:
    """Read, code and store an uploaded file the same way; an error is recorded, never raised."""
    return _ingest(name, store, lambda: analyze(read_bytes(data, name, meta)))


def _ingest(name: str, store: Store, analysed: Callable[[], Document]) -> FileResult:
    try:
        doc = analysed()
    except PlanatlasError as error:
        return failed(name, store, error.code, error.message)
    except Exception as error:  # a bug in one reader or coder must not stop the batch
        return failed(name, store, *unexpected(error))
    return store_analysed(name, doc, store)


def unexpected(error: Exception) -> tuple[str, str]:
    """The error code and message of a failure that is a bug, not the file's fault."""
    return "internal", f"uventet feil ({type(error).__name__}: {error})"


def store_analysed(name: str, doc: Document, store: Store) -> FileResult:
    """Store a read and coded document in one transaction; an error is recorded, never raised."""
    try:
        added = store.add(doc)
    except PlanatlasError as error:
        return failed(name, store, error.code, error.message)
    except Exception as error:  # a bug in the store must not stop the batch
        return failed(name, store, *unexpected(error))
    return FileResult(
        name,
        added.status,
        statements=len(doc.statements),
        warnings=list(doc.warnings),
        document_id=added.document_id,
        version=added.version,
    )


def failed(name: str, store: Store, code: str, message: str) -> FileResult:
    """Record that a file could not be ingested, and say so."""
    store.record_error(name, code, message)
    return FileResult(name, "error", error=message, error_code=code)


class Recodable(Protocol):
    """What re-analysis needs of an Atlas."""

    def document(self, ref: str | int, version: int | None = None) -> Document: ...

    def statement_ids(self, ref: str | int) -> dict[int, int]: ...

    def set_codings(self, codings: list[tuple[int, Coding]], coder: str) -> None: ...

    def reindex(self, ref: str | int) -> None: ...


def warm_up() -> None:
    """Load what reading and coding load on first use (dictionaries, the taxonomy, a trained
    model), so that worker processes forked afterwards share it instead of each loading it."""
    from planatlas.coding import language
    from planatlas.reading import glyphs

    glyphs.repairs(["oWentlige", "eWektive", "treWer"])  # loads the dictionaries
    language.load()  # lingua's models, which the warm-up text below need not reach
    analyze(read_bytes(b"Plan\n\nVi vil styrke sykehusene.\n", "oppvarming.txt"))
    # What was loaded stays for the life of the process: the collector need not walk its
    # millions of objects again (a fifth of an ingest's time went to that), and workers
    # forked from here do not copy its pages by touching them.
    gc.collect()
    gc.freeze()


def reanalyze(atlas: Recodable, ref: str | int, *, coder: str = "rules-1") -> int:
    """Code a stored document again, as `analyze` codes a new one; corrections stay in force.

    Returns the number of statements coded.
    """
    coded = analyze(atlas.document(ref))
    ids = atlas.statement_ids(ref)
    codings = [(ids[s.index], s.coding) for s in coded.statements]
    atlas.set_codings(codings, coder)
    atlas.reindex(ref)  # the search index follows the analysis's current normalisation
    return len(codings)
