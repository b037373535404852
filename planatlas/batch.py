"""A batch of files: folders and globs expanded, then each file through the pipeline.

Files are read and coded in worker processes (`jobs` of them, the machine's cores by
default) and stored by the parent, one document per transaction, in the order the files were
given; a single file is read by the parent, the pages of a long PDF by the workers, a part
each; a file that fails is recorded as an ingestion error, nothing already stored changes,
and the batch goes on. A run that is stopped loses nothing it stored. A worker that dies (a
crash in a parser) fails its file and the batch goes on with a fresh pool.

    worker:  analyse_file(Job) -> Outcome       plain, picklable records in and out
    parent:  Outcome -> pipeline.store_analysed  (or pipeline.failed) -> progress
"""

from __future__ import annotations

import glob
import logging
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from planatlas import collector, pipeline
from planatlas.errors import InputError, PlanatlasError
from planatlas.pipeline import FileResult, Store, failed, reanalyze
from planatlas.reading import pdftext
from planatlas.reading.metadata import Metadata, is_metadata_file
from planatlas.records import Document, PageRange

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
    if path.is_file():  # a name with [ or * in it is the file so named, not a pattern
        return [path]
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


# --- the worker: one file in, one analysed document (or the reason why not) out


@dataclass(frozen=True)
class Job:
    """One file to read and code: what a worker process is handed."""

    path: str
    meta: Metadata | None = None
    pages: PageRange | None = None


@dataclass(frozen=True)
class Outcome:
    """What a worker hands back: the coded document, or the error that stopped it."""

    path: str
    document: Document | None = None
    error_code: str | None = None
    error: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # The document travels as bytes of its own, to be unpacked with the collector paused:
        # a coded document is half a million objects, and the collections that making them
        # sets off cost four times the making (in the parent, which stores as they come).
        packed = None if self.document is None else pickle.dumps(self.document, PROTOCOL)
        return (_unpacked, (self.path, packed, self.error_code, self.error))


PROTOCOL = pickle.HIGHEST_PROTOCOL


def _unpacked(
    path: str, packed: bytes | None, error_code: str | None, error: str | None
) -> Outcome:
    with collector.paused():
        document = None if packed is None else pickle.loads(packed)
    return Outcome(path, document, error_code, error)


def analyse_file(job: Job) -> Outcome:
    """Read and code one file through the pipeline; never raises. A plain top-level function
    over plain records, so that any pool of processes (or a cluster) can run it."""
    if not Path(job.path).exists():
        return Outcome(job.path, error_code=InputError.code, error="filen finnes ikke")
    try:
        doc = pipeline.analyze(pipeline.read(job.path, job.meta, pages=job.pages))
    except PlanatlasError as error:
        return Outcome(job.path, error_code=error.code, error=error.message)
    except Exception as error:  # a bug in one reader or coder must not stop the batch
        code, message = pipeline.unexpected(error)
        return Outcome(job.path, error_code=code, error=message)
    return Outcome(job.path, document=doc)


def store_outcome(outcome: Outcome, store: Store) -> FileResult:
    """Store a worker's document, or record its error."""
    if outcome.document is None:
        code = outcome.error_code or "internal"
        return failed(outcome.path, store, code, outcome.error or "ukjent feil")
    return pipeline.store_analysed(outcome.path, outcome.document, store)


# --- the parent: hand out files, store what comes back in order


def default_jobs() -> int:
    """The machine's cores, as many as this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ingest(
    paths: Iterable[str],
    store: Store,
    meta: Metadata | None = None,
    progress: Progress | None = None,
    *,
    jobs: int | None = None,
    pages: PageRange | None = None,
) -> list[FileResult]:
    """Ingest every file with `jobs` worker processes (1: in this process); `progress` is
    called after each file is stored, in the order the files come."""
    work = [Job(str(path), meta, pages) for path in expand(paths)]
    wanted = jobs or default_jobs()
    if len(work) == 1 and wanted > 1:
        outcomes: Iterable[Outcome] = _pages_in_pool(work[0], wanted)
    elif min(wanted, len(work)) <= 1:
        outcomes = map(analyse_file, work)
    else:
        outcomes = _in_pool(work, min(wanted, len(work)))
    results = []
    with collector.fewer_collections():
        for outcome in outcomes:
            result = store_outcome(outcome, store)
            results.append(result)
            if progress is not None:
                progress(result)
    refresh_statistics(store, results)
    return results


def refresh_statistics(store: Store, results: list[FileResult]) -> None:
    """After a batch that stored documents, the database's planner learns the new sizes
    (PostgreSQL may run without autovacuum, and plans badly without them)."""
    refresh = getattr(store, "refresh_statistics", None)
    if refresh is None or not any(r.status in ("new", "new_version") for r in results):
        return
    try:
        refresh()
    except Exception:  # what was stored stays stored; only the planner's figures lag behind
        logging.getLogger("planatlas.batch").warning(
            "kunne ikke oppdatere databasens statistikk etter innlesingen", exc_info=True
        )


CRASHED = "leseprosessen stoppet uventet (krasj i tolkeren eller for lite minne)"


def _in_pool(work: list[Job], workers: int) -> Iterator[Outcome]:
    """Outcomes in the order of `work`, from a pool of processes that keeps a few files ahead
    of the one being stored; a pool that breaks fails the file it was on and is replaced."""
    pipeline.warm_up()  # forked workers share what this loaded
    queue = deque(work)
    while queue:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            ahead: deque[tuple[Job, Future[Outcome]]] = deque()
            try:
                while queue or ahead:
                    while queue and len(ahead) < 2 * workers:
                        future = pool.submit(analyse_file, queue[0])
                        ahead.append((queue.popleft(), future))
                    outcome = ahead[0][1].result()
                    ahead.popleft()
                    yield outcome
            except BrokenProcessPool:
                if ahead:  # the first file not yet stored: was it the one?
                    yield _alone(ahead.popleft()[0])
                queue.extendleft(reversed([j for j, _ in ahead]))  # again, in a fresh pool


def _pages_in_pool(job: Job, workers: int) -> Iterator[Outcome]:
    """One file, read here, a long PDF's pages by a pool of processes."""
    pipeline.warm_up()
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool, pdftext.in_parallel(pool):
        yield analyse_file(job)


def _alone(job: Job) -> Outcome:
    """A file whose pool broke, read again in a process of its own: it fails only if it is
    the one that breaks it."""
    with ProcessPoolExecutor(1, mp_context=_context()) as pool:
        try:
            return pool.submit(analyse_file, job).result()
        except BrokenProcessPool:
            return Outcome(job.path, error_code="internal", error=CRASHED)


def _context() -> Any:
    """Fork where the platform has it: workers start at once and share the loaded data."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def recode(atlas: Any, document: str | int | None = None, *, coder: str = "rules-1") -> int:
    """Code stored documents again (all, or one) the way `analyze` codes a new one;
    corrections stay in force. Returns the number of statements coded."""
    refs = [document] if document is not None else [d.id for d in atlas.documents()]
    return sum(reanalyze(atlas, ref, coder=coder) for ref in refs)
