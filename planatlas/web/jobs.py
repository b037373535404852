"""Uploads read and coded in worker processes, off the server's request loop, as jobs.

Reading and coding a file is CPU work in Python: done in the server process it holds the GIL
and every other request waits (a 5 MB upload held /api/v1/health for 14 s). So an upload
becomes a job for a small process pool (setting `upload_workers`), which opens the atlas itself
and stores through the same `pipeline.ingest_bytes` and the same ownership rules
(web/access.OwnedStore) as before; the server only keeps the job's status, at
/api/v1/jobs/{id}, for the one who uploaded it.

An atlas in memory cannot be opened by another process: its uploads run in one thread of the
server, as before (there is no other way to reach it).

Jobs live in the memory of the server process that took the upload: with several server
processes (`planatlas serve --workers`), a job's status is known to the process that took it
only, so the upload page then waits on the upload's own request (`wait=true`) instead of
polling (setting `web_processes`).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import secrets
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from planatlas import settings
from planatlas.accounts.roles import Viewer
from planatlas.errors import NotFound
from planatlas.pipeline import FileResult
from planatlas.reading.metadata import Metadata

KEEP_SECONDS = 3600  # a finished job's status is kept this long
KEEP_JOBS = 1000  # and at most this many jobs


@dataclass
class Job:
    """One upload: queued, running, then done (stored, or refused with the file's error)."""

    id: str
    owner: str
    file: str
    size: int
    status: str = "queued"  # queued | running | done | failed
    queued_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    result: FileResult | None = None
    error: dict[str, Any] | None = None  # {code, message, path} when the job itself failed
    future: Future[FileResult] | None = field(default=None, repr=False)

    @property
    def state(self) -> str:
        """Queued until a worker takes the job (the pool marks its future running then)."""
        if self.status == "queued" and self.future is not None and self.future.running():
            return "running"
        return self.status

    def as_dict(self) -> dict[str, Any]:
        from planatlas.export.jsonable import jsonable

        end = self.finished_at or time.time()
        found: dict[str, Any] = {
            "id": self.id, "status": self.state, "file": self.file, "size": self.size,
            "seconds": round(end - self.queued_at, 2), "url": f"/api/v1/jobs/{self.id}",
            "result": jsonable(self.result) if self.result is not None else None,
            "error": self.error,
        }  # fmt: skip
        return found


class Jobs:
    """The upload jobs of one app, and the process pool that runs them (started on first use)."""

    def __init__(self, db_url: str, atlas: Any) -> None:
        self.db_url = db_url
        self.atlas = atlas  # the server's own, for an atlas in memory
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self._pool: Executor | None = None

    def pool(self) -> Executor:
        with self.lock:
            if self._pool is None and in_memory(self.db_url):
                self._pool = ThreadPoolExecutor(1)
            if self._pool is None:
                # spawn, not fork: the server has threads (uvicorn, the cache warmer) that a
                # forked child would inherit mid-lock
                self._pool = ProcessPoolExecutor(
                    max_workers=max(1, int(settings.get("upload_workers"))),
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(self.db_url,),
                )
            return self._pool

    def start(self) -> None:
        """Start the workers now (in the background), so that the first upload does not wait
        for a worker to load what reading and coding need."""
        self.pool().submit(_ready)

    def submit(
        self, data: bytes, name: str, meta: Metadata, viewer: Viewer, private: bool
    ) -> tuple[Job, Future[FileResult]]:
        job = Job(secrets.token_urlsafe(16), viewer.username or "", name, len(data))
        with self.lock:
            self._prune()
            self.jobs[job.id] = job
        here = self.atlas if in_memory(self.db_url) else None  # else the worker's own
        args = (data, name, meta, viewer, private, here)
        try:
            future = self.pool().submit(run_upload, *args)
        except BrokenProcessPool:  # a worker died (killed, out of memory): start a new pool
            self._restart()
            future = self.pool().submit(run_upload, *args)
        job.future = future
        future.add_done_callback(lambda done: self._finished(job, done))
        return job, future

    def get(self, job_id: str, viewer: Viewer) -> Job:
        """The job, for the one who started it (anyone else: not found, not forbidden)."""
        with self.lock:
            job = self.jobs.get(job_id)
        if job is None or job.owner != (viewer.username or ""):
            raise NotFound(
                f"fant ikke jobben «{job_id}» (en jobb vises bare for den som startet den)"
            )
        return job

    async def wait(self, future: Future[FileResult]) -> None:
        """Wait for a job without holding the request loop."""
        try:
            await asyncio.wrap_future(future)
        except Exception:  # noqa: BLE001 - recorded on the job by _finished
            return

    def close(self) -> None:
        with self.lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _finished(self, job: Job, future: Future[FileResult]) -> None:
        job.finished_at = time.time()
        error = future.exception() if not future.cancelled() else None
        if future.cancelled():
            job.status = "failed"
            job.error = {"code": "cancelled", "message": "jobben ble avbrutt", "path": job.file}
        elif error is not None:
            job.status = "failed"
            job.error = {"code": "internal", "path": job.file, "message": _failure(error)}
            if isinstance(error, BrokenProcessPool):
                self._restart()
        else:
            job.status, job.result = "done", future.result()
        job.future = None

    def _restart(self) -> None:
        with self.lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _prune(self) -> None:
        now = time.time()
        old = [
            k
            for k, j in self.jobs.items()
            if j.finished_at is not None and now - j.finished_at > KEEP_SECONDS
        ]
        for key in old:
            del self.jobs[key]
        while len(self.jobs) >= KEEP_JOBS:
            del self.jobs[next(iter(self.jobs))]


def in_memory(url: str) -> bool:
    from sqlalchemy.engine import make_url

    found = make_url(url)
    return found.get_backend_name() == "sqlite" and found.database in (None, "", ":memory:")


def _failure(error: BaseException) -> str:
    if isinstance(error, BrokenProcessPool):
        return "lesingen ble avbrutt: arbeidsprosessen stoppet (for lite minne?); prøv igjen"
    return f"uventet feil under lesingen ({type(error).__name__}: {error})"


# --- in the worker process

_worker_atlas: Any = None


def _start_worker(db_url: str) -> None:
    """Open the atlas once per worker, and load what reading and coding load on first use."""
    global _worker_atlas
    from planatlas.pipeline import warm_up
    from planatlas.store import Atlas

    _worker_atlas = Atlas(db_url)
    warm_up()


def _ready() -> None:
    """Nothing: a worker that runs it has started (and loaded what it needs)."""


def run_upload(
    data: bytes, name: str, meta: Metadata, viewer: Viewer, private: bool, atlas: Any = None
) -> FileResult:
    """Read, code and store one upload as the viewer, with the audit entry (in a worker, into
    its own atlas unless one is given)."""
    from planatlas.accounts import store as accounts
    from planatlas.web.access import OwnedStore
    from planatlas.web.upload import ingest_upload

    atlas = atlas if atlas is not None else _worker_atlas
    result = ingest_upload(OwnedStore(atlas, viewer, private), data, name, meta)
    if not result.failed:
        details = {"status": result.status, "file": result.path}
        accounts.audit(atlas, viewer.username or "", "upload", str(result.document_id), details)
    return result
