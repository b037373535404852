"""Ingest on a Dask cluster: the workers read and code, this process stores, in input order.

    planatlas ingest plans/ --cluster tcp://scheduler:8786 --db postgresql://...
    planatlas ingest plans/ --workers 4          # a local cluster of 4 worker processes

Reading and coding is nearly all the work of an ingest and needs nothing but the file's bytes,
so that is what a worker gets: this process reads each file (and its sidecar and manifest
metadata), sends the bytes, and stores the coded document that comes back, in the order the
files were given, so that versions of one document are numbered as a plain ingest numbers
them. The workers need planatlas installed and nothing else: no shared folder, no database.

Nothing is lost or doubled. A worker only computes; if it dies mid-task, the scheduler runs
the task again elsewhere, and nothing was written. Each document is stored in one
transaction, and a document whose content (its hash) is stored already is left as it is, so a
task run twice, a file given twice, or two ingests of the same files at once (on PostgreSQL,
several clients writing together) store each content once. At most a few tasks per worker are
in flight, so a million files never sit in memory at once.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planatlas import pipeline, settings
from planatlas.batch import Progress, expand, refresh_statistics
from planatlas.errors import InputError, PlanatlasError
from planatlas.pipeline import FileResult, Store, failed
from planatlas.reading import readers
from planatlas.reading.metadata import Metadata, for_file
from planatlas.records import Document, PageRange

IN_FLIGHT = 4  # tasks per worker submitted ahead of the one being stored
RETRIES = 2  # a task that raised (not one whose worker died: that is always run again)
# The settings that decide how a file is read and coded; a worker takes the client's.
CODING_SETTINGS = ("taxonomy", "model", "max_file_mb", "max_unzipped_mb", "max_zip_ratio",
                   "max_pages")  # fmt: skip


@dataclass(frozen=True)
class Task:
    """One file as a worker gets it: its bytes, name and the metadata known before reading."""

    data: bytes
    name: str
    meta: Metadata
    environment: dict[str, str]
    pages: PageRange | None = None


@dataclass(frozen=True)
class Outcome:
    """What a worker made of one file: the coded document, or why it could not be read."""

    document: Document | None = None
    code: str | None = None
    message: str | None = None


def analyse(task: Task) -> Outcome:
    """Read and code one file's bytes (on a worker); a bad file is an outcome, never raised."""
    for name, value in task.environment.items():
        if os.environ.get(name) != value:
            os.environ[name] = value
    try:
        raw = readers.read_bytes(task.data, task.name, task.pages)
        doc = pipeline.from_raw(raw, readers.content_hash(task.data), task.meta, task.name)
        return Outcome(pipeline.analyze(doc))
    except PlanatlasError as error:
        return Outcome(code=error.code, message=error.message)
    except Exception as error:  # a bug in one reader or coder must not stop the batch
        return Outcome(code="internal", message=f"uventet feil ({type(error).__name__}: {error})")


def ingest(
    paths: Iterable[str],
    store: Store,
    meta: Metadata | None = None,
    progress: Progress | None = None,
    *,
    address: str | None = None,
    workers: int | None = None,
    client: Any = None,
    pages: PageRange | None = None,
    jobs: int | None = None,
) -> list[FileResult]:
    """Ingest every file as `batch.ingest` does (only `pages` of each, where given), reading
    and coding on a Dask cluster: the scheduler at `address`, a local cluster of `workers`
    processes, or a `distributed.Client` the caller made (and closes). `jobs` is the
    cluster's business here, and ignored."""
    if client is not None:
        return _ingest(client, paths, store, meta, progress, pages)
    client, cluster = _connect(address, workers)
    try:
        return _ingest(client, paths, store, meta, progress, pages)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ingest(
    client: Any,
    paths: Iterable[str],
    store: Store,
    meta: Metadata | None,
    progress: Any,
    pages: PageRange | None,
) -> list[FileResult]:
    results = []
    for result in _stored(client, list(expand(paths)), store, meta or Metadata(), pages):
        results.append(result)
        if progress is not None:
            progress(result)
    refresh_statistics(store, results)
    return results


def _connect(address: str | None, workers: int | None) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise InputError(
            "Dask er ikke installert: pip install 'planatlas[cluster]' for --cluster og --workers"
        ) from error
    if address:
        try:
            return Client(address, timeout=30), None  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as error:
            raise InputError(f"fikk ikke kontakt med Dask-klyngen på {address}: {error}") from error
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def _stored(
    client: Any, files: list[Path], store: Store, meta: Metadata, pages: PageRange | None
) -> Iterator[FileResult]:
    """Each file's result in input order, tasks submitted a few ahead of the one stored."""
    ahead = IN_FLIGHT * max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque[tuple[Path, Any]] = deque()
    queue = iter(files)
    environment = {f"PLANATLAS_{n.upper()}": str(settings.get(n)) for n in CODING_SETTINGS}
    while True:
        while len(pending) < ahead and (path := next(queue, None)) is not None:
            pending.append((path, _submit(client, path, meta, environment, pages)))
        if not pending:
            return
        path, submitted = pending.popleft()
        yield _store(path, submitted if isinstance(submitted, Outcome) else submitted.result(),
                     store)  # fmt: skip


def _submit(
    client: Any, path: Path, meta: Metadata, environment: dict[str, str], pages: PageRange | None
) -> Any:
    """The future of one file's outcome, or the outcome itself when the file cannot be sent."""
    try:
        size = path.stat().st_size
        if size > readers.max_bytes():
            raise readers.too_large(size, str(path))
        given = meta.over(for_file(path))
        task = Task(path.read_bytes(), str(path), given, environment, pages)
    except FileNotFoundError:
        return Outcome(code=InputError.code, message="filen finnes ikke")
    except OSError as error:
        return Outcome(code=InputError.code, message=f"kan ikke åpne filen ({error.strerror})")
    except PlanatlasError as error:
        return Outcome(code=error.code, message=error.message)
    return client.submit(analyse, task, pure=False, retries=RETRIES)


def _store(path: Path, outcome: Outcome, store: Store) -> FileResult:
    """Store a coded document (or record why there is none), as a plain ingest does."""
    if outcome.document is None:
        return failed(str(path), store, outcome.code or "internal", outcome.message or "")
    doc = outcome.document
    try:
        added = store.add(doc)
    except PlanatlasError as error:
        return failed(str(path), store, error.code, error.message)
    return FileResult(
        str(path),
        added.status,
        statements=len(doc.statements),
        warnings=list(doc.warnings),
        document_id=added.document_id,
        version=added.version,
    )
