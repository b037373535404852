"""ODT: OpenDocument text read as plain XML with lxml, after the zip safety checks.

text:h is a heading at its outline level, text:p a paragraph, text:list an item per
text:list-item at its nesting depth. Tables, sections and frames are read through; tables
of contents, tracked deletions, footnotes and comments are left out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from planatlas.reading.readers import common, zipped
from planatlas.records import Block, RawDocument

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def _tag(qualified: str) -> str:
    prefix, local = qualified.split(":")
    return f"{{{_NS[prefix]}}}{local}"


H, P, LIST = _tag("text:h"), _tag("text:p"), _tag("text:list")
_SPACE = {_tag("text:s"), _tag("text:tab"), _tag("text:line-break")}
# Not the running text: footnotes, comments, frames (text boxes, images), tracked deletions.
_INLINE_SKIP = {_tag("text:note"), _tag("office:annotation"), _tag("draw:frame")}
_BLOCK_SKIP = {
    _tag(name)
    for name in (
        "text:tracked-changes",
        "text:table-of-content",
        "text:illustration-index",
        "text:alphabetical-index",
        "text:bibliography",
        "text:sequence-decls",
        "text:variable-decls",
        "text:user-field-decls",
        "office:forms",
    )
}
# No DTDs were let through zipped.check_member_xml; this parser would not load one anyway.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class OdtReader:
    name = "odt"

    def sniff(self, head: bytes, path: str) -> bool:
        return zipped.sniff_zip(head, path, "odt", (".odt", ".ott"))

    def read(self, data: bytes, source: str) -> RawDocument:
        archive = zipped.open_safely(data, "ODT")
        kind = zipped.kind_of(archive)
        if kind != self.name:
            return zipped.reroute(data, source, kind, "ODT")
        with common.parser_errors("ODT"):
            content = etree.fromstring(archive.read("content.xml"), _PARSER)
            body = content.find(f"{_tag('office:body')}/{_tag('office:text')}")
            blocks = list(_container_blocks(body)) if body is not None else []
            title, pages = _meta(archive)
        return RawDocument(source, self.name, blocks, title, pages, common.stamped(blocks))


def _container_blocks(node: Any, depth: int = 0) -> Iterator[Block]:
    """Blocks of the body or of anything that holds paragraphs (sections, tables, cells)."""
    for child in node:
        if child.tag == H:
            if text := _text(child):
                yield Block("heading", text, level=_outline_level(child))
        elif child.tag == P:
            if text := _text(child):
                typed = common.split_bullet(text)
                yield (
                    Block("item", typed[1], marker=typed[0]) if typed else Block("paragraph", text)
                )
        elif child.tag == LIST:
            yield from _list_blocks(child, depth)
        elif isinstance(child.tag, str) and child.tag not in _BLOCK_SKIP:
            yield from _container_blocks(child, depth)


def _list_blocks(node: Any, depth: int) -> Iterator[Block]:
    """An item per list item at this depth; a heading in a list (numbered outline) stays one."""
    for entry in node:
        texts: list[str] = []
        for child in entry:
            if child.tag == P:
                texts.append(_text(child))
                continue
            if any(texts):
                yield Block("item", common.fold(" ".join(texts)), level=depth, marker="•")
            texts = []
            if child.tag == H and (text := _text(child)):
                yield Block("heading", text, level=_outline_level(child))
            elif child.tag == LIST:
                yield from _list_blocks(child, depth + 1)
        if any(texts):
            yield Block("item", common.fold(" ".join(texts)), level=depth, marker="•")


def _outline_level(heading: Any) -> int:
    value = heading.get(_tag("text:outline-level")) or "1"
    return max(1, common.number(value, 1, 10))


def _text(node: Any) -> str:
    parts: list[str] = []
    _collect(node, parts)
    return common.fold("".join(parts))


def _collect(node: Any, parts: list[str]) -> None:
    parts.append(node.text or "")
    for child in node:
        if child.tag in _SPACE:
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag not in _INLINE_SKIP:
            _collect(child, parts)
        parts.append(child.tail or "")


def _meta(archive: zipfile.ZipFile) -> tuple[str | None, int]:
    """Title and page count from meta.xml, where the file has one."""
    try:
        meta = etree.fromstring(archive.read("meta.xml"), _PARSER)
    except KeyError:
        return None, 1
    title = meta.findtext(".//dc:title", namespaces=_NS)
    stats = meta.find(".//meta:document-statistic", namespaces=_NS)
    count = stats.get(_tag("meta:page-count")) if stats is not None else None
    pages = common.number(count, 1, 100_000)
    return common.fold(title or "") or None, max(1, pages)
