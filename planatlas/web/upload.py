"""An uploaded file: its bytes read without holding more than the size limit in memory, then
through the pipeline's ingest like any other file."""

from __future__ import annotations

from typing import Any

from planatlas.pipeline import FileResult, Store, failed, ingest_bytes
from planatlas.reading.metadata import Metadata
from planatlas.reading.readers import max_bytes, too_large


async def read_upload(file: Any, chunk: int = 1 << 20) -> bytes:
    """An uploaded file's bytes, at most one byte past the size limit (enough to refuse it)."""
    limit = max_bytes()
    parts: list[bytes] = []
    size = 0
    while size <= limit and (part := await file.read(min(chunk, limit + 1 - size))):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def ingest_upload(store: Store, data: bytes, name: str, meta: Metadata | None = None) -> FileResult:
    """Read, code and store one uploaded file; a bad file is recorded and reported, not raised."""
    return oversized(store, data, name) or ingest_bytes(data, name, store, meta)


def oversized(store: Store, data: bytes, name: str) -> FileResult | None:
    """The recorded error of a file past the size limit (checked where the upload arrives, with
    the server's settings, before a worker gets it); None when it fits."""
    if len(data) <= max_bytes():
        return None
    error = too_large(None, name)
    return failed(name, store, error.code, error.message)
