"""Readers: sniff a file's format from its content and turn it into blocks.

Built-in readers register themselves through `register`, the same way a third-party reader
does (or through the ``planatlas.reading.readers`` entry point group).
"""

from __future__ import annotations

import hashlib
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

from planatlas import settings
from planatlas.errors import EmptyFile, FileTooLarge, InputError, UnknownFormat
from planatlas.reading.readers.base import Reader
from planatlas.records import RawDocument

# Most specific first: zipped formats before plain text, HTML before Markdown.
BUILTIN_READERS = ("docx", "pptx", "odt", "pdf", "html", "markdown", "text")
SNIFF_BYTES = 8192

_registry: list[Reader] = []
_loaded = False


def register(reader: Reader) -> None:
    """Add a reader; later registrations of the same name replace earlier ones."""
    _registry[:] = [r for r in _registry if r.name != reader.name]
    _registry.append(reader)


def readers() -> list[Reader]:
    """Every registered reader, in sniffing order."""
    _load()
    order = {name: i for i, name in enumerate(BUILTIN_READERS)}
    return sorted(_registry, key=lambda r: order.get(r.name, -1))


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in BUILTIN_READERS:
        import_module(f"planatlas.reading.readers.{name}")
    for ep in entry_points(group="planatlas.reading.readers"):
        register(ep.load()())


def detect(data: bytes, path: str) -> Reader:
    """The reader whose sniff accepts this content."""
    head = data[:SNIFF_BYTES]
    for reader in readers():
        if reader.sniff(head, path):
            return reader
    raise UnknownFormat(
        "ukjent filtype: innholdet ligner ikke tekst, HTML, PDF, DOCX, PPTX eller ODT"
    )


def check_size(data: bytes) -> None:
    if not data.strip():
        raise EmptyFile("filen er tom")
    limit = int(settings.get("max_file_mb")) * 1024 * 1024
    if len(data) > limit:
        raise FileTooLarge(
            f"filen er {len(data) / 1048576:.1f} MB, over grensen på {limit // 1048576} MB "
            "(endre med PLANATLAS_MAX_FILE_MB)"
        )


def read_bytes(data: bytes, source: str) -> RawDocument:
    """Sniff and read one file's bytes; every failure is an InputError naming the file."""
    try:
        check_size(data)
        raw = detect(data, source).read(data, source)
    except InputError as error:
        error.path = error.path or source
        raise
    if not any(b.text.strip() for b in raw.blocks):
        raise EmptyFile("fant ingen tekst i filen", path=source)
    return raw


def read_path(path: str | Path) -> tuple[RawDocument, str]:
    """Read a file from disk; returns the raw document and the content hash."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as error:
        raise InputError(f"kan ikke åpne filen ({error.strerror})", path=str(path)) from error
    limit = int(settings.get("max_file_mb")) * 1024 * 1024
    if size > limit:
        raise FileTooLarge(
            f"filen er {size / 1048576:.1f} MB, over grensen på {limit // 1048576} MB "
            "(endre med PLANATLAS_MAX_FILE_MB)",
            path=str(path),
        )
    data = p.read_bytes()
    return read_bytes(data, str(path)), content_hash(data)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
