"""PPTX: slides through python-pptx, after the zip safety checks in zipped.py.

A slide's title is a heading (the first slide's level 1, the others level 2). Paragraphs in a
body placeholder are bullet items at their indent level; text boxes give paragraphs unless a
paragraph carries its own bullet. Line breaks inside a paragraph fold to spaces, so a slide
line broken mid-sentence reads as one statement. Speaker notes are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import pptx
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

from planatlas.reading import layout
from planatlas.reading.readers import common, zipped
from planatlas.records import Block, RawDocument

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_BULLETED = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
_AUTO_NUMBER = "#"  # replaced by the running number within the text frame


class PptxReader:
    name = "pptx"

    def sniff(self, head: bytes, path: str) -> bool:
        extensions = (".pptx", ".pptm", ".ppsx", ".potx")
        return zipped.sniff_zip(head, path, "pptx", extensions) or zipped.sniff_container(
            head, path, (".ppt", ".pptx", ".pps")
        )

    def read(self, data: bytes, source: str) -> RawDocument:
        if data.startswith(zipped.CFB_MAGIC):
            zipped.refuse_container(data, "PPTX", "PowerPoint-formatet (.ppt)")
        archive = zipped.open_safely(data, "PPTX")
        kind = zipped.kind_of(archive)
        if kind != self.name:
            return zipped.reroute(data, source, kind, "PPTX")
        with common.parser_errors("PPTX"):
            presentation = pptx.Presentation(io.BytesIO(data))
            slides = list(presentation.slides)
            blocks = [b for n, slide in enumerate(slides, 1) for b in _slide_blocks(slide, n)]
            title = common.fold(presentation.core_properties.title or "") or None
        return RawDocument(
            source, self.name, blocks, title, max(1, len(slides)), common.stamped(blocks)
        )


def _slide_blocks(slide: Any, number: int) -> Iterator[Block]:
    for shape in _reading_order(slide.shapes):
        if _placeholder_type(shape) in _TITLES:
            text = common.fold(shape.text_frame.text) if shape.has_text_frame else ""
            if text:
                yield Block("heading", text, level=1 if number == 1 else 2, page=number)
        else:
            yield from _shape_blocks(shape, number)


def _reading_order(shapes: Iterable[Any]) -> list[Any]:
    """Top to bottom, then left to right: the shape tree is in drawing order, not reading order."""
    return sorted(shapes, key=lambda s: (s.top or 0, s.left or 0))


def _placeholder_type(shape: Any) -> Any:
    return shape.placeholder_format.type if shape.is_placeholder else None


def _shape_blocks(shape: Any, number: int) -> Iterator[Block]:
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for inner in _reading_order(shape.shapes):
            yield from _shape_blocks(inner, number)
    elif getattr(shape, "has_table", False):
        for row in shape.table.rows:
            for cell in row.cells:
                yield from _frame_blocks(cell.text_frame, number, bulleted=False)
    elif shape.has_text_frame:
        bulleted = _placeholder_type(shape) in _BULLETED
        yield from _frame_blocks(shape.text_frame, number, bulleted)


def _frame_blocks(frame: Any, number: int, bulleted: bool) -> list[Block]:
    blocks: list[Block] = []
    counts: dict[int, int] = {}  # auto-numbered paragraphs, per indent level
    for paragraph in frame.paragraphs:
        text = common.fold(paragraph.text)
        if not text:
            continue
        block = _paragraph_block(paragraph, text, number, bulleted)
        if block.marker == _AUTO_NUMBER:
            counts[block.level] = counts.get(block.level, 0) + 1
            block = replace(block, marker=f"{counts[block.level]}.")
        if blocks and _continues(blocks[-1], block):
            blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text} {block.text}")
        else:
            blocks.append(block)
    return blocks


def _continues(previous: Block, block: Block) -> bool:
    """A text box line broken mid-sentence with Enter: the sentence goes on in lower case.
    (Bullet items are left apart: they often start in lower case after a lead-in.)"""
    return (
        previous.kind == block.kind == "paragraph"
        and not previous.text.endswith(layout.TERMINAL + (":", ";"))
        and block.text[:1].islower()
    )


def _paragraph_block(paragraph: Any, text: str, number: int, bulleted: bool) -> Block:
    """An item where the placeholder or the paragraph itself sets a bullet, else a paragraph."""
    level = int(paragraph.level or 0)
    if (typed := common.split_bullet(text)) is not None:
        return Block("item", typed[1], level=level, marker=typed[0], page=number)
    marker = _own_bullet(paragraph)
    if marker == "" or (marker is None and not bulleted):
        return Block("paragraph", text, page=number)
    return Block("item", text, level=level, marker=marker or "•", page=number)


def _own_bullet(paragraph: Any) -> str | None:
    """The bullet a paragraph sets itself: its character, _AUTO_NUMBER, or "" for none."""
    p_pr = paragraph._p.pPr
    if p_pr is None:
        return None
    if p_pr.find(qn("a:buNone")) is not None:
        return ""
    if (char := p_pr.find(qn("a:buChar"))) is not None:
        return str(char.get("char") or "•")
    if p_pr.find(qn("a:buAutoNum")) is not None:
        return _AUTO_NUMBER
    return None
