"""DOCX: Word documents through python-docx, after the zip safety checks in zipped.py.

Heading styles (Heading 1-9, Overskrift 1-9, Title, or an outline level) become headings;
numbered or bulleted paragraphs and list styles become items; table cells become paragraphs.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from planatlas.reading.readers import common, zipped
from planatlas.records import Block, RawDocument

_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "tittel"}
_LIST_STYLE = re.compile(r"list|punkt", re.IGNORECASE)
_TEXT = {qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " ", qn("w:noBreakHyphen"): "-"}
# Text in these is not the paragraph's own: text boxes, and their duplicate VML fallback.
_ASIDE = {
    qn("w:txbxContent"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_BULLET_FORMATS = {"bullet", "none", ""}
MAX_PAGES = 100_000  # a page count above this is a broken file's, not Word's


class DocxReader:
    name = "docx"

    def sniff(self, head: bytes, path: str) -> bool:
        extensions = (".docx", ".docm", ".dotx")
        return zipped.sniff_zip(head, path, "docx", extensions) or zipped.sniff_container(
            head, path, (".doc", ".docx", ".dot")
        )

    def read(self, data: bytes, source: str) -> RawDocument:
        if data.startswith(zipped.CFB_MAGIC):
            zipped.refuse_container(data, "DOCX", "Word-dokument (.doc)")
        archive = zipped.open_safely(data, "DOCX")
        kind = zipped.kind_of(archive)
        if kind != self.name:
            return zipped.reroute(data, source, kind, "DOCX")
        with common.parser_errors("DOCX"):
            document = docx.Document(io.BytesIO(data))
            blocks = list(_body_blocks(document.element.body, _Context(document)))
            title = common.fold(document.core_properties.title or "") or None
        return RawDocument(
            source, self.name, blocks, title, _pages(archive), common.stamped(blocks)
        )


def _body_blocks(container: Any, context: _Context) -> Iterator[Block]:
    """Blocks of a body or table cell in document order; content controls are opened."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            if (block := _paragraph_block(child, context)) is not None:
                yield block
        elif child.tag == qn("w:tbl"):
            yield from _table_blocks(child, context)
        elif child.tag == qn("w:sdt") and not _is_toc(child):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_blocks(content, context)


def _is_toc(sdt: Any) -> bool:
    """A table of contents repeats the headings with page numbers: skip it."""
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower()


def _table_blocks(table: Any, context: _Context) -> Iterator[Block]:
    """Each cell's text, row by row; a cell's own list items and headings keep their kind."""
    for row in table.iterchildren(qn("w:tr")):
        for cell in row.iterchildren(qn("w:tc")):
            yield from _body_blocks(cell, context)


def _paragraph_block(p: Any, context: _Context) -> Block | None:
    text = common.fold(_paragraph_text(p))
    if not text:
        return None
    styles = _style_chain(p, context.styles)
    if (level := _heading_level(p, styles)) is not None:
        return Block("heading", text, level=level)
    num = _num_pr(p, styles)
    if num is not None:
        num_id, ilvl = num
        return Block("item", text, level=ilvl, marker=context.marker(num_id, ilvl))
    if any(_LIST_STYLE.search(_style_name(s)) for s in styles[:1]):
        return Block("item", text, level=_level_from_name(styles[0]), marker="•")
    if (bullet := common.split_bullet(text)) is not None:
        return Block("item", bullet[1], marker=bullet[0])
    return Block("paragraph", text)


def _paragraph_text(p: Any) -> str:
    """The paragraph's text, tracked insertions included; text boxes and field codes left out."""
    parts: list[str] = []
    for element in p.iter(qn("w:t"), *_TEXT):
        if _in_aside(element, p):
            continue
        parts.append(element.text or "" if element.tag == qn("w:t") else _TEXT[element.tag])
    return "".join(parts)


def _in_aside(element: Any, stop: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _ASIDE:
            return True
        parent = parent.getparent()
    return False


def _style_chain(p: Any, styles: dict[str, Any]) -> list[Any]:
    """The paragraph's style element and those it is based on (most specific first)."""
    chain: list[Any] = []
    style = styles.get(_style_id(p) or "")
    while style is not None and len(chain) < 10:
        chain.append(style)
        style = styles.get(_val(style, "w:basedOn") or "")
    return chain


def _style_id(p: Any) -> str | None:
    node = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return node.get(qn("w:val")) if node is not None else None


def _style_name(style: Any) -> str:
    node = style.find(qn("w:name"))
    return str(node.get(qn("w:val")) or "") if node is not None else ""


def _heading_level(p: Any, styles: list[Any]) -> int | None:
    """Heading N / Overskrift N gives N, Title gives 1, else an explicit outline level."""
    for style in styles:
        name = _style_name(style).strip()
        if name.lower() in _TITLE_STYLES:
            return 1
        if match := _HEADING_STYLE.match(name):
            return max(1, int(match[1]))
    for holder in (p, *styles):
        node = holder.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if node is not None:
            value = common.number(node.get(qn("w:val")), 9, 9)
            return value + 1 if value < 9 else None  # 9 means body text
    return None


def _num_pr(p: Any, styles: list[Any]) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph or its style; numId 0 switches numbering off."""
    for holder in (p, *styles):
        num_pr = holder.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            continue
        num_id = _val(num_pr, "w:numId")
        if num_id in (None, "0"):
            return None
        ilvl = _val(num_pr, "w:ilvl")
        level = common.number(ilvl, _level_from_name(styles[0] if styles else None), 8)
        return str(num_id), min(level, 8)
    return None


def _val(parent: Any, tag: str) -> str | None:
    node = parent.find(qn(tag))
    return node.get(qn("w:val")) if node is not None else None


def _level_from_name(style: Any) -> int:
    """ "List Bullet 2" is the second level."""
    digits = re.search(r"(\d)\s*$", _style_name(style)) if style is not None else None
    return int(digits[1]) - 1 if digits else 0


class _Context:
    """The document's styles and list formats, and running counters for numbered lists."""

    def __init__(self, document: Any) -> None:
        self.styles = _style_map(document)
        self._formats = _number_formats(document)
        self._counters: dict[str, list[int]] = {}

    def marker(self, num_id: str, ilvl: int) -> str:
        fmt = self._formats.get((num_id, ilvl), "bullet")
        if fmt in _BULLET_FORMATS:
            return "•"
        counters = self._counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        counters[ilvl + 1 :] = [0] * (8 - ilvl)
        n = counters[ilvl]
        if fmt in ("lowerLetter", "upperLetter") and n <= 26:
            letter = chr(ord("a") + n - 1)
            return f"{letter.upper() if fmt == 'upperLetter' else letter})"
        return f"{n}."


def _style_map(document: Any) -> dict[str, Any]:
    try:
        root = document.styles.element
    except Exception:  # noqa: BLE001 - a document without a styles part has no styles
        return {}
    return {s.get(qn("w:styleId")): s for s in root.iterchildren(qn("w:style"))}


def _number_formats(document: Any) -> dict[tuple[str, int], str]:
    """numFmt of each (numId, ilvl) from the numbering part, where there is one."""
    try:
        root = document.part.numbering_part.element
    except Exception:  # noqa: BLE001 - no numbering part: every list reads as bullets
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for node in root.iterchildren(qn("w:abstractNum")):
        levels = abstract.setdefault(node.get(qn("w:abstractNumId")) or "", {})
        for lvl in node.iterchildren(qn("w:lvl")):
            ilvl = lvl.get(qn("w:ilvl")) or "0"
            levels[common.number(ilvl, 0, 8)] = _val(lvl, "w:numFmt") or ""
    formats: dict[tuple[str, int], str] = {}
    for num in root.iterchildren(qn("w:num")):
        for ilvl, fmt in abstract.get(_val(num, "w:abstractNumId") or "", {}).items():
            formats[(num.get(qn("w:numId")) or "", ilvl)] = fmt
    return formats


def _pages(archive: zipfile.ZipFile) -> int:
    """The page count Word saved in docProps/app.xml, where it did."""
    try:
        app = archive.read("docProps/app.xml")
    except KeyError:
        return 1
    match = re.search(rb"<(?:\w+:)?Pages>(\d+)<", app)
    return max(1, common.number(match[1], 1, MAX_PAGES)) if match else 1
