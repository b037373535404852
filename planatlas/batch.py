"""A batch of files: folders and globs expanded, then each file through the pipeline's ingest.

Each file is read and coded in memory first and stored in one transaction; a file that fails
is recorded as an ingestion error, nothing already stored changes, and the batch goes on.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from planatlas.errors import InputError
from planatlas.pipeline import FileResult, Store, failed, ingest_file, reanalyze
from planatlas.reading.metadata import Metadata, is_metadata_file

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
            result = failed(str(path), store, InputError.code, "filen finnes ikke")
        else:
            result = ingest_file(path, store, meta)
        results.append(result)
        if progress is not None:
            progress(result)
    return results


def recode(atlas: Any, document: str | int | None = None, *, coder: str = "rules-1") -> int:
    """Code stored documents again (all, or one) the way `analyze` codes a new one;
    corrections stay in force. Returns the number of statements coded."""
    refs = [document] if document is not None else [d.id for d in atlas.documents()]
    return sum(reanalyze(atlas, ref, coder=coder) for ref in refs)
