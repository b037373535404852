"""The text of PDF pages from pdfium, as spans: runs of text with their box and font.

pdfium gives a page's text in its own line order, with a generated line break between lines,
and rectangles around each run of characters of one text object. A pdfium line is cut into
spans where its rectangles leave a gap wider than a letter or change baseline (a margin line
number, a second column, a hyphenated line that pdfium joined to the next). Each span asks
pdfium for its font only once, at one character; asking for every character costs many times
more than the text itself.

The pages of a long PDF can be read by several processes at once (`in_parallel`): each opens
the file from its bytes and reads a part of the pages.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from collections.abc import Iterator
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

SOFT_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen that ends a line
_BREAKS = (" ", SOFT_HYPHEN, "\t")  # where, in a pdfium line, another run of text may begin
MIN_SIZE = 3.0  # points: text said to be set smaller than this is placed wrongly
MIN_HEIGHT = 1.5  # points: a rectangle flatter than this is not where its text is
GAP_EMS = 0.9  # a gap this many font heights wide between rectangles starts a new span
_NAME_BUFFER = 128
_BOLD_NAME = re.compile(rb"bold|black|heavy|demi", re.IGNORECASE)
_FORCE_BOLD = 1 << 18  # the font descriptor's ForceBold flag


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text on one baseline, in page coordinates from the top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size it is set in, in points, as printed
    bold: bool

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class PageText:
    """One page's spans in pdfium's order."""

    number: int  # 1-based
    width: float
    height: float
    spans: list[Span]


def _unchecked(function: Any, restype: Any) -> Any:
    """pdfium's `function`, called without ctypes checking each argument against its declared
    type: in the calls made for every line and span, the checks cost twice the call."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None  # pdfium's library is loaded
    return ctypes.CFUNCTYPE(restype)(address)


_count_rects = _unchecked(raw.FPDFText_CountRects, ctypes.c_int)
_get_rect = _unchecked(raw.FPDFText_GetRect, ctypes.c_int)
_get_char_box = _unchecked(raw.FPDFText_GetCharBox, ctypes.c_int)
_font_size = _unchecked(raw.FPDFText_GetFontSize, ctypes.c_double)
_get_matrix = _unchecked(raw.FPDFText_GetMatrix, ctypes.c_int)
_font_info = _unchecked(raw.FPDFText_GetFontInfo, ctypes.c_ulong)

Font = tuple[float, bool, bool]  # (size in points as printed, bold, upright)


class _Probe:
    """Reusable ctypes out-parameters for pdfium's per-line and per-character calls."""

    def __init__(self) -> None:
        self.box = (ctypes.c_double * 4)()  # read in one slice, box[:]
        self.refs = [ctypes.byref(self.box, 8 * i) for i in range(4)]
        self.matrix = raw.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.name = ctypes.create_string_buffer(_NAME_BUFFER)
        self.name_size = ctypes.c_ulong(_NAME_BUFFER)  # unchecked: give its C type
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.height = 0.0  # the page's


PART = 16  # pages a process reads at a time, where several read one file
_POOL: ContextVar[Executor | None] = ContextVar("pdf_page_pool", default=None)


@contextmanager
def in_parallel(pool: Executor) -> Iterator[None]:
    """Within this block, long PDFs are read by the processes of `pool`, a part each."""
    token = _POOL.set(pool)
    try:
        yield
    finally:
        _POOL.reset(token)


def read_pages(pdf: pdfium.PdfDocument, data: bytes, numbers: list[int]) -> list[PageText]:
    """The text of the given pages of an open PDF, read here or, for a long one within
    `in_parallel`, in parts by the pool's processes (from the file's bytes)."""
    pool = _POOL.get()
    if pool is None or len(numbers) < 2 * PART:
        return list(pages(pdf, numbers))
    parts = [numbers[i : i + PART] for i in range(0, len(numbers), PART)]
    try:
        found = list(pool.map(read_part, [data] * len(parts), parts))
    except BrokenProcessPool:  # a worker died: read the pages here, the same way
        return list(pages(pdf, numbers))
    return [page for part in found for page in part]


def read_part(data: bytes, numbers: list[int]) -> list[PageText]:
    """The text of some pages of a PDF given as bytes: what one process reads of a long file."""
    pdf = pdfium.PdfDocument(data)
    try:
        return list(pages(pdf, numbers))
    finally:
        pdf.close()


def pages(pdf: pdfium.PdfDocument, numbers: list[int]) -> Iterator[PageText]:
    """The text of the given pages (1-based), one at a time."""
    probe = _Probe()
    for number in numbers:
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            probe.height = height
            try:
                spans = _spans(textpage.raw, textpage.get_text_range(), height, probe)
            finally:
                textpage.close()
        finally:
            page.close()
        yield PageText(number, width, height, spans)


def _spans(handle: object, text: str, height: float, probe: _Probe) -> list[Span]:
    out: list[Span] = []
    start = 0
    refs, box = probe.refs, probe.box
    for line in text.split("\r\n"):
        count = len(line)
        if count and not line.isspace():
            rects = _count_rects(handle, start, count)
            if rects == 1:  # most lines: one run of text, one span
                _get_rect(handle, 0, *refs)
                left, top, right, bottom = box[:]
                rect = (left, height - top, right, height - bottom)
                _add(out, handle, line, start, 0, count, [rect], probe)
            elif rects > 1:
                _add_split(out, handle, line, start, _rects(handle, rects, height, probe), probe)
        start += count + 2
    return out


def _add_split(
    out: list[Span],
    handle: object,
    line: str,
    start: int,
    rects: list[tuple[float, float, float, float]],
    probe: _Probe,
) -> None:
    """The spans of a line whose rectangles leave gaps or change baseline. A rectangle with
    no height (some printer drivers set glyphs that way) says nothing of where it is."""
    sound = [r for r in rects if r[3] - r[1] >= MIN_HEIGHT]
    if not sound:
        return
    groups = _groups(sound)
    cuts = [0]
    for group in groups[1:]:
        cut = _cut(handle, line, start, cuts[-1] + 1, group[0], probe)
        if not cuts[-1] < cut < len(line):
            # pdfium could not place the cut: keep the line whole rather than guess
            groups, cuts = [[r for g in groups for r in g]], [0]
            break
        cuts.append(cut)
    cuts.append(len(line))
    pieces: list[Span] = []
    for group, a, b in zip(groups, cuts, cuts[1:], strict=False):
        _add(pieces, handle, line, start, a, b, group, probe)
    out.extend(_without_dwarfs(pieces))


def _without_dwarfs(pieces: list[Span]) -> list[Span]:
    """Pieces set in a size no one reads (a printer driver's glyphs placed by a degenerate
    matrix) join the piece after them, or before them at the end of the line."""
    if len(pieces) < 2 or all(p.size >= MIN_SIZE for p in pieces):
        return pieces
    kept: list[Span] = []
    pending = ""
    for piece in pieces:
        if piece.size < MIN_SIZE:
            pending += piece.text if not pending else " " + piece.text
            continue
        if pending:
            piece = replace(piece, text=f"{pending} {piece.text}")
            pending = ""
        kept.append(piece)
    if pending and kept:
        kept[-1] = replace(kept[-1], text=f"{kept[-1].text} {pending}")
    return kept or pieces


def _add(
    out: list[Span],
    handle: object,
    line: str,
    start: int,
    a: int,
    b: int,
    boxes: list[tuple[float, float, float, float]],
    probe: _Probe,
) -> None:
    """Add line[a:b] as a span over these boxes, unless it is blank or set on its side."""
    piece = line[a:b]
    if SOFT_HYPHEN in piece or "\t" in piece:
        piece = piece.replace(SOFT_HYPHEN, "-").replace("\t", " ")
    piece = piece.strip()
    if not piece:
        return
    size, bold, upright = _font(handle, start + a + _middle(line, a, b), probe)
    if not upright:
        return  # text set on its side: a margin label, not the body
    if len(boxes) == 1:
        x0, top, x1, bottom = boxes[0]
    else:
        x0, x1 = min(r[0] for r in boxes), max(r[2] for r in boxes)
        top, bottom = min(r[1] for r in boxes), max(r[3] for r in boxes)
    out.append(Span(piece, x0, x1, top, bottom, size, bold))


def _rects(
    handle: object, n: int, height: float, probe: _Probe
) -> list[tuple[float, float, float, float]]:
    """The rectangles pdfium counted last, as (left, top, right, bottom) from the page's top."""
    refs, box = probe.refs, probe.box
    out = []
    for i in range(n):
        _get_rect(handle, i, *refs)
        left, top, right, bottom = box[:]
        out.append((left, height - top, right, height - bottom))
    return out


def _groups(
    rects: list[tuple[float, float, float, float]],
) -> list[list[tuple[float, float, float, float]]]:
    """Rectangles in runs on one baseline without a wide gap between them."""
    groups = [[rects[0]]]
    for rect in rects[1:]:
        last = groups[-1][-1]
        small = max(min(last[3] - last[1], rect[3] - rect[1]), 0.5)
        letter = max(last[3] - last[1], rect[3] - rect[1], 1.0)
        overlap = min(last[3], rect[3]) - max(last[1], rect[1])
        same_line = overlap > 0.4 * small
        if same_line and -letter < rect[0] - last[2] < GAP_EMS * letter:
            groups[-1].append(rect)
        else:
            groups.append([rect])
    return groups


def _cut(
    handle: object,
    line: str,
    start: int,
    lowest: int,
    rect: tuple[float, float, float, float],
    probe: _Probe,
) -> int:
    """Where in the line the text of a rectangle begins: the first character after a space or
    a line-end hyphen (from `lowest` on) whose box lies in the rectangle; -1 where none does.
    (pdfium's own lookup by position reads every character of the page for each call.)"""
    left, top, right, bottom = rect
    refs, box = probe.refs, probe.box
    height = probe.height
    for offset in range(max(lowest, 1), len(line)):
        if line[offset - 1] not in _BREAKS or line[offset].isspace():
            continue
        _get_char_box(handle, start + offset, *refs)
        box_left, _, box_bottom, box_top = box[:]
        middle = height - (box_bottom + box_top) / 2
        if left - 1.0 <= box_left <= right and top - 1.0 <= middle <= bottom + 1.0:
            return offset
    return -1


def _middle(line: str, a: int, b: int) -> int:
    """An offset into the line, near the middle of line[a:b], that is not a space."""
    mid = a + (b - a) // 2
    if not line[mid].isspace():
        return mid - a
    for offset in itertools.chain(range(mid + 1, b), range(mid - 1, a - 1, -1)):
        if not line[offset].isspace():
            return offset - a
    return 0


def _font(handle: object, index: int, probe: _Probe) -> Font:
    """(size in points as printed, bold, upright) of the character at `index`."""
    size = float(_font_size(handle, index))
    m = probe.matrix
    scale = 1.0
    upright = True
    if _get_matrix(handle, index, probe.matrix_ref):
        scale = math.sqrt(abs(m.a * m.d - m.b * m.c)) or 1.0
        upright = abs(m.b) <= abs(m.a) and m.a > 0
    _font_info(handle, index, probe.name, probe.name_size, probe.flags_ref)
    bold = bool(_BOLD_NAME.search(probe.name.value)) or bool(probe.flags.value & _FORCE_BOLD)
    return round(size * scale * 2) / 2, bold, upright
