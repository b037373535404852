"""The interface every reader implements, built-in or a user's own."""

from __future__ import annotations

from typing import Protocol

from planatlas.records import RawDocument


class Reader(Protocol):
    """Turns the bytes of one file format into blocks in reading order."""

    name: str  # the format it reads: "pdf", "docx", ...

    def sniff(self, head: bytes, path: str) -> bool:
        """True when the content (first bytes; the path only as a hint) is this format."""
        ...

    def read(self, data: bytes, source: str) -> RawDocument:
        """Read the whole file; raise a planatlas.errors.InputError when it cannot."""
        ...
