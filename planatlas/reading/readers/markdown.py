"""Markdown: headings (#, setext), lists, links read as their text."""

from __future__ import annotations

import re

from planatlas.reading import layout
from planatlas.reading.boilerplate import publication_date
from planatlas.reading.readers.text import decode_text, looks_binary
from planatlas.records import RawDocument


class MarkdownReader:
    name = "markdown"

    def sniff(self, head: bytes, path: str) -> bool:
        if looks_binary(head):
            return False
        if path.lower().endswith((".md", ".markdown")):
            return True
        return re.search(rb"^#{1,6} \S", head, re.MULTILINE) is not None

    def read(self, data: bytes, source: str) -> RawDocument:
        text = decode_text(data)
        blocks = layout.blocks_from_text(text)
        return RawDocument(source, self.name, blocks, published=publication_date(text))
