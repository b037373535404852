"""The analysis pipeline, visible in one place.

    read:    file -> reader (blocks) -> segment (outline, statements) -> describe (metadata)
    analyze: document -> code (kind, language, topics, positions, targets by the codebook)

Each step is a plain function over records; `read` and `analyze` are the library's entry
points, and the CLI, the store and the web app all go through them.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from planatlas.reading import readers
from planatlas.reading.metadata import Metadata, describe, for_file
from planatlas.reading.segment import segment
from planatlas.records import Document, RawDocument

if TYPE_CHECKING:
    from planatlas.coding.taxonomy import Taxonomy


def read(path: str | Path, meta: Metadata | None = None, *, source: str | None = None) -> Document:
    """Read one file into a document with its outline and statements (not yet coded).

    `meta` overrides what the file's sidecar, its folder's manifest and the text itself say.
    """
    p = Path(path)
    raw, content_hash = readers.read_path(p)
    given = (meta or Metadata()).over(for_file(p))
    return from_raw(raw, content_hash, given, source=source or str(path))


def read_bytes(data: bytes, name: str, meta: Metadata | None = None) -> Document:
    """Read uploaded bytes (no file on disk) the same way as `read`."""
    raw = readers.read_bytes(data, name)
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

    The rules code every field; a model trained on corrections (`PLANATLAS_MODEL`, see
    `planatlas train`) then refines them, unless `use_model` is False.
    """
    doc = source if isinstance(source, Document) else read(source, meta)
    from planatlas import coding, training  # the coder loads its lexicons and models on first use

    coded = coding.code_document(doc, active_taxonomy())
    model = training.trained_model() if use_model else None
    if model is not None:
        coded = training.apply(model, coded)
    if meta is not None and meta.language:
        coded = replace(coded, language=meta.language)
    return coded


def active_taxonomy() -> Taxonomy:
    """The taxonomy `PLANATLAS_TAXONOMY` names (checked when read), else the built-in one."""
    from planatlas import settings
    from planatlas.coding.taxonomy import builtin_taxonomy

    given = str(settings.get("taxonomy")).strip()
    if not given:
        return builtin_taxonomy()
    path = Path(given)
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _taxonomy_file(given, mtime)


@lru_cache(maxsize=4)
def _taxonomy_file(path: str, mtime: float) -> Taxonomy:
    from planatlas.coding.taxonomy import load_taxonomy

    return load_taxonomy(path)
