"""Readers, built-in or a third party's, come through the `planatlas.readers` entry point."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from planatlas.reading import readers
from planatlas.records import Block, RawDocument


def test_every_built_in_reader_is_registered_through_the_entry_point() -> None:
    declared = {ep.name for ep in entry_points(group=readers.ENTRY_POINTS)}
    assert set(readers.SNIFF_ORDER) <= declared
    assert [r.name for r in readers.readers()][: len(readers.SNIFF_ORDER)] == list(
        readers.SNIFF_ORDER
    )


class Slides:
    """A third party's reader of a made-up format."""

    name = "slides-x"

    def sniff(self, head: bytes, path: str) -> bool:
        return head.startswith(b"SLIDES-X")

    def read(self, data: bytes, source: str) -> RawDocument:
        text = data.decode()[len("SLIDES-X") :].strip()
        return RawDocument(source, self.name, [Block("paragraph", text)])


def test_a_registered_reader_is_asked_before_the_built_in_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(readers, "_registry", list(readers.readers()))
    readers.register(Slides())
    raw = readers.read_bytes(b"SLIDES-X Styrke fastlegeordningen.", "plan.sx")
    assert raw.format == "slides-x" and raw.blocks[0].text == "Styrke fastlegeordningen."
