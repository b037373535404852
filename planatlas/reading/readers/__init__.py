"""Readers: sniff a file's format from its content and turn it into blocks.

Built-in readers register themselves through `register`, the same way a third-party reader
does (or through the ``planatlas.reading.readers`` entry point group).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from planatlas import settings
from planatlas.errors import ConfigError, EmptyFile, FileTooLarge, InputError, UnknownFormat
from planatlas.reading.readers.base import Reader
from planatlas.records import PageRange, RawDocument

ENTRY_POINTS = "planatlas.readers"
# The order built-in formats are sniffed in, most specific first: zipped formats before plain
# text, HTML before Markdown. Other readers are asked before all of them.
SNIFF_ORDER = ("docx", "pptx", "odt", "pdf", "html", "markdown", "text")
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
    order = {name: i for i, name in enumerate(SNIFF_ORDER)}
    return sorted(_registry, key=lambda r: order.get(r.name, -1))


def _load() -> None:
    """Register every reader of the entry point group once: planatlas's own first, so that
    another package's reader of the same name replaces it; one registered by hand stays."""
    global _loaded
    if _loaded:
        return
    points = sorted(entry_points(group=ENTRY_POINTS), key=lambda ep: _dist(ep) != "planatlas")
    if not points:
        raise ConfigError(
            f"ingen lesere er registrert (inngangspunktet «{ENTRY_POINTS}»): "
            "installer planatlas med pip install -e ."
        )
    by_hand = {r.name for r in _registry}
    for point in points:
        reader = point.load()()
        if reader.name not in by_hand:
            register(reader)
    _loaded = True


def _dist(point: EntryPoint) -> str:
    return point.dist.name if point.dist is not None else ""


def detect(data: bytes, path: str) -> Reader:
    """The reader whose sniff accepts this content."""
    head = data[:SNIFF_BYTES]
    for reader in readers():
        if reader.sniff(head, path):
            return reader
    raise UnknownFormat(
        "ukjent filtype: innholdet ligner ikke tekst, HTML, PDF, DOCX, PPTX eller ODT"
    )


def max_bytes() -> int:
    """The largest file planatlas reads (PLANATLAS_MAX_FILE_MB), in bytes."""
    return int(settings.get("max_file_mb")) * 1024 * 1024


def too_large(size: int | None, path: str | None = None) -> FileTooLarge:
    """The one error for a file over the size limit, wherever it is found out (an upload
    is cut off at the limit, so its size is not known)."""
    limit = max_bytes() // 1048576
    known = f"filen er {size / 1048576:.1f} MB, over" if size is not None else "filen er over"
    return FileTooLarge(
        f"{known} grensen på {limit} MB (endre med PLANATLAS_MAX_FILE_MB)", path=path
    )


def check_size(data: bytes) -> None:
    if not data.strip():
        raise EmptyFile("filen er tom")
    if len(data) > max_bytes():
        raise too_large(len(data))


def read_bytes(data: bytes, source: str, pages: PageRange | None = None) -> RawDocument:
    """Sniff and read one file's bytes (only `pages` of it, where given); every failure is an
    InputError naming the file."""
    try:
        check_size(data)
        raw = _read(detect(data, source), data, source, pages)
    except InputError as error:
        error.path = error.path or source
        raise
    if not any(b.text.strip() for b in raw.blocks):
        raise EmptyFile("fant ingen tekst i filen", path=source)
    return raw


def _read(reader: Reader, data: bytes, source: str, pages: PageRange | None) -> RawDocument:
    """A reader that takes a page range (`reads_pages`) reads only those pages; of another
    reader's blocks, those on the pages are kept (a slide deck's slides)."""
    if pages is None:
        return reader.read(data, source)
    if getattr(reader, "reads_pages", False):
        paged: RawDocument = reader.read(data, source, pages=pages)  # type: ignore[call-arg]
        return paged
    raw = reader.read(data, source)
    if not any(block.page for block in raw.blocks):
        raise InputError(f"filen har ingen sider å velge blant (sideutvalget {pages})")
    return replace(raw, blocks=[b for b in raw.blocks if b.page in pages])


def read_path(path: str | Path, pages: PageRange | None = None) -> tuple[RawDocument, str]:
    """Read a file from disk; returns the raw document and the content hash."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as error:
        raise InputError(f"kan ikke åpne filen ({error.strerror})", path=str(path)) from error
    if size > max_bytes():
        raise too_large(size, str(path))
    data = p.read_bytes()
    return read_bytes(data, str(path), pages), content_hash(data)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
