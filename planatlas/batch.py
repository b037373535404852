"""Ingest: read, analyse and store a batch of files; a bad file never stops the batch.

Each file is read and coded in memory first and stored in one transaction; a file that fails
is recorded as an ingestion error and nothing already stored changes.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Protocol

from planatlas.errors import InputError, PlanatlasError
from planatlas.pipeline import analyze, read
from planatlas.reading.metadata import Metadata, is_metadata_file
from planatlas.records import Document


class _AddResult(Protocol):
    status: str
    document_id: int
    version: int


class Store(Protocol):
    """What ingest needs of an Atlas."""

    def add(self, doc: Document) -> _AddResult: ...

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


Progress = Callable[[FileResult], None]


def expand(paths: Iterable[str]) -> Iterator[Path]:
    """Files named directly, found under folders, or matched by globs; sorted and unique."""
    seen: set[Path] = set()
    for given in paths:
        for path in _expand_one(given):
            if path not in seen and not _skipped(path):
                seen.add(path)
                yield path


IGNORE_FILE = ".planatlasignore"


def _expand_one(given: str) -> list[Path]:
    path = Path(given)
    if path.is_dir():
        ignored = _ignore_patterns(path)
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not _matches(p.relative_to(path).as_posix(), ignored)
        )
    if any(ch in given for ch in "*?["):
        return sorted(Path(p) for p in glob.glob(given, recursive=True) if Path(p).is_file())
    return [path]


def _ignore_patterns(folder: Path) -> list[str]:
    """Glob patterns from the folder's .planatlasignore: one per line, # for comments."""
    file = folder / IGNORE_FILE
    if not file.is_file():
        return []
    lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]


def _matches(relative: str, patterns: list[str]) -> bool:
    parts = relative.split("/")
    return any(
        fnmatch(relative, pattern)
        or any(fnmatch(part, pattern) for part in parts[:-1])
        or fnmatch(parts[-1], pattern)
        for pattern in patterns
    )


DATABASE_SUFFIXES = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3")


def _skipped(path: Path) -> bool:
    """Metadata sidecars, hidden files and SQLite database files are never documents."""
    return is_metadata_file(path) or _hidden(path) or path.name.endswith(DATABASE_SUFFIXES)


def _hidden(path: Path) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in path.parts)


def ingest_file(path: Path, store: Store, meta: Metadata | None = None) -> FileResult:
    """Read, code and store one file; an error is recorded, never raised."""
    try:
        doc = analyze(read(path, meta))
        added = store.add(doc)
    except PlanatlasError as error:
        return _failed(path, store, error.code, error.message)
    except Exception as error:  # a bug in one reader or coder must not stop the batch
        return _failed(path, store, "internal", f"uventet feil ({type(error).__name__}: {error})")
    return FileResult(
        str(path),
        added.status,
        statements=len(doc.statements),
        warnings=list(doc.warnings),
        document_id=added.document_id,
        version=added.version,
    )


def _failed(path: Path, store: Store, code: str, message: str) -> FileResult:
    store.record_error(str(path), code, message)
    return FileResult(str(path), "error", error=message, error_code=code)


def ingest(
    paths: Iterable[str],
    store: Store,
    meta: Metadata | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Ingest every file; `progress` is called after each one."""
    results = []
    for path in expand(paths):
        if not path.exists():
            result = _failed(path, store, InputError.code, "filen finnes ikke")
        else:
            result = ingest_file(path, store, meta)
        results.append(result)
        if progress is not None:
            progress(result)
    return results
