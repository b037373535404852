"""Page layout: PDF spans (pdftext.py) -> layout.Lines in reading order.

Per page:
1. Margin line numbers (a column of numbers counting down the page, as draft programmes
   print them for amendments) are taken out of the text and kept as each line's number.
2. Running headers and footers (text that repeats, digits aside, at the same place in the top
   or bottom margin of many pages) and page numbers are dropped.
3. The rest is cut into columns where a gutter runs down the page; a two-page spread is two
   columns of this kind. Text that crosses the gutter (a title over both columns) cuts the
   page into bands, read top to bottom, each band column by column.
4. Within a column, spans on one baseline make a line.

Across pages: the body text's size and weight are the ones most text is set in; a short run
of lines set clearly larger, or bold where the body is not, is a heading, the largest level 1
(not a bulleted item set in bold, nor a bold start that runs on into the text below). Where
enough headings are set apart so, the other lines are marked as running text
(layout.Line.body), which no rule of words makes a heading. A blank line marks a paragraph
gap, a change of column or page and a change of font (unless the text goes on across it);
each line carries how far across its column it runs (layout.Line.fill). Pages that are a
table of contents (most lines end in a page number, or name headings that follow later, or,
on a spread, both) are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from planatlas.reading import layout
from planatlas.reading.pdftext import PageText, Span

MARGIN = 0.12  # the top and bottom share of a page where running headers and footers sit
HEADING_RATIO = 1.1  # this much larger than the body text is a heading
MAX_HEADING_WORDS = 25
MAX_HEADING_LINES = 3
STYLED_HEADINGS = 3  # headings set apart by their type, at the least, for a document to
PAGES_PER_HEADING = 8  # ... show its headings that way; and one for so many pages
PARAGRAPH_GAP = 1.4  # line spacing this many times the body's is a paragraph gap
GUTTER = 0.9  # a gutter is at least this many body-text heights wide
FURNITURE_SHARE = 0.4  # of the pages, where a repeating header or footer appears
MIN_LINE_NUMBERS = 5
SMALL = 0.8  # text in a margin set this much smaller than the body is a footer or a credit
_PAGE_NUMBER = re.compile(
    r"^(?:side|s\.|page)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(?:(?:av|/|of)\s*\d{1,4})?$"
    r"|^\d{1,4}\s+\d{1,4}$",  # a spread's two page numbers
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\d{1,5}$")
_CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|…|\s)\s*(?P<page>\d{1,4})$")
_SENTENCE_END = re.compile(r"[a-zæøå]{2}[.!?] [A-ZÆØÅ]")
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?")
_PRIVATE_BULLET = re.compile(r"^[\ue000-\uf8ff]\s*")  # a symbol font's bullet, unmapped


@dataclass
class PrintedLine:
    """A line as printed: its spans on one baseline within one column."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    left: float = 0.0  # the column's edges
    right: float = 0.0
    number: int | None = None  # the margin line number printed beside it
    column: int = 0  # which column of the page, in reading order
    style: tuple[float, bool] = field(init=False)

    def __post_init__(self) -> None:
        self.style = (self.size, self.bold)

    @property
    def fill(self) -> float:
        width = self.right - self.left
        return (self.x1 - self.left) / width if width > 0 else 1.0


def lines_of(pages: Sequence[PageText]) -> list[layout.Line]:
    """The layout lines of these pages, in reading order, contents pages left out."""
    margins = [_margin_rows(page) for page in pages]
    furniture = _furniture(pages, margins)
    numbered = [_line_numbers(page.spans, page.height) for page in pages]
    known = {c for _, _, c in numbered if c is not None}
    printed = [
        _page_lines(page, rows, furniture, found if found[2] or not known else None, known)
        for page, rows, found in zip(pages, margins, numbered, strict=True)
    ]
    every = [line for lines in printed for line in lines]
    if not every:
        return []
    body = _body_style(every)
    headings = _heading_styles(every, body)
    contents = _contents_pages(printed)
    kept = [
        _title_lines(lines, headings) if page.number in contents else lines
        for lines, page in zip(printed, pages, strict=True)
    ]
    return _to_layout([line for lines in kept for line in lines], body)


# --- 1. margin line numbers


# Where a page's line numbers stand: which edge they are flush with, and where it is.
NumberColumn = tuple[str, int]


def _line_numbers(
    spans: list[Span], height: float, known: set[NumberColumn] | None = None
) -> tuple[list[Span], list[Span], NumberColumn | None]:
    """(numbers, the other spans, where the numbers stand): the spans that are a column of
    margin line numbers. A page with few of them (the end of a chapter) has them where the
    other pages (`known`) have theirs."""
    printed = spans
    spans = [_unmarked(s) for s in spans]
    candidates = [s for s in spans if _NUMBER.match(s.text)]
    if not candidates:
        return [], printed, None
    body = [s for s in spans if _zone(s, height) is None]
    for side, key in (("left", _left_edge), ("right", _right_edge)):
        groups: dict[int, list[Span]] = {}
        for span in candidates:
            groups.setdefault(key(span), []).append(span)
        at = max(groups, key=lambda k: len(groups[k]))
        column = [s for s in candidates if abs(key(s) - at) <= 1]
        enough = (
            len(column) >= MIN_LINE_NUMBERS
            or (len(column) >= 2 and _consecutive(column))
            or any(side == k and abs(at - x) <= 1 for k, x in known or ())
        )
        if not (enough and _counts_down(column)):
            continue
        # pdfium may run a line number into the text beside it ("1219 –"): that span is cut
        # into the number and the rest, so that neither the number nor the cut-off text
        # keeps the column from being a margin
        joined = {id(s): cut for s in spans if (cut := _cut_number(s, key, at, column))}
        numbers = column + [number for number, _ in joined.values()]
        rest = [joined[id(s)][1] if id(s) in joined else s for s in spans]
        if _in_margin(numbers, [joined[id(s)][1] if id(s) in joined else s for s in body]):
            chosen = set(map(id, column))
            return numbers, [s for s in rest if id(s) not in chosen], (side, at)
    return [], printed, None


_MARKED_NUMBER = re.compile(r"^[^\w\s]{1,2}\s*(\d{1,5})$")


def _unmarked(span: Span) -> Span:
    """A line number with a draft's mark for a changed line before it ("- 3111"): the number."""
    if span.text[:1].isalnum() or (m := _MARKED_NUMBER.match(span.text)) is None:
        return span
    return replace(span, text=m[1])


_JOINED_NUMBER = re.compile(r"^(\d{1,5})\s+(\S.*)$")


def _cut_number(
    span: Span, key: Callable[[Span], int], at: int, column: list[Span]
) -> tuple[Span, Span] | None:
    """A span that begins with a line number of the column, cut into the number and the rest
    (the rest placed where the body text begins, beside the column)."""
    m = _JOINED_NUMBER.match(span.text)
    if m is None or abs(key(span) - at) > 1:
        return None
    values = [int(s.text) for s in column]
    if not min(values) <= int(m[1]) <= max(values) + 1:
        return None
    width = max(s.x1 for s in column) - min(s.x0 for s in column)
    number = replace(span, text=m[1], x1=span.x0 + width)
    body_x0 = span.x0 + (span.x1 - span.x0) * len(span.text[: m.start(2)]) / len(span.text)
    return number, replace(span, text=m[2], x0=max(body_x0, number.x1 + 1))


def _left_edge(span: Span) -> int:
    return round(span.x0 / 2)  # to two points: numbers set flush left share it


def _right_edge(span: Span) -> int:
    return round(span.x1 / 2)  # ... or flush right


def _consecutive(column: list[Span]) -> bool:
    """A few numbers, one more on each line: line numbers, even on a page with few lines."""
    values = [int(s.text) for s in sorted(column, key=lambda s: s.top)]
    return all(b - a == 1 for a, b in zip(values, values[1:], strict=False))


def _counts_down(column: list[Span]) -> bool:
    """Numbers that grow by one (or a little more, past a blank line) from top to bottom."""
    values = [int(s.text) for s in sorted(column, key=lambda s: s.top)]
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    return all(0 < step <= 3 for step in steps) and steps.count(1) >= 0.7 * len(steps)


def _in_margin(column: list[Span], spans: list[Span]) -> bool:
    """The numbers stand beside the text, not inside it."""
    ids = set(map(id, column))
    others = [s for s in spans if id(s) not in ids]
    if not others:
        return False
    left = max(s.x1 for s in column) <= min(s.x0 for s in others) + 1
    right = min(s.x0 for s in column) >= max(s.x1 for s in others) - 1
    return left or right


def _numbered(line: PrintedLine, numbers: list[Span]) -> int | None:
    for span in numbers:
        middle = (span.top + span.bottom) / 2
        if line.top - 1 <= middle <= line.bottom + 1:
            return int(span.text)
    return None


# --- 2. running headers, footers and page numbers


Rows = list[tuple[str, list[Span]]]  # (zone, the spans of one row) in a page's margins


@dataclass(frozen=True)
class _Furniture:
    """What marks a row in a page's margin as page furniture."""

    repeated: frozenset[tuple[str, str]]  # (zone, text with digits as #) on many pages
    body_size: float


def _zone(span: Span, height: float) -> str | None:
    if span.bottom < height * MARGIN:
        return "top"
    if span.top > height * (1 - MARGIN):
        return "bottom"
    return None


def _margin_rows(page: PageText) -> Rows:
    """The rows of spans (all columns together) in the page's top and bottom margins."""
    rows: dict[str, list[list[Span]]] = {"top": [], "bottom": []}
    for span in sorted(page.spans, key=lambda s: (s.top + s.bottom) / 2):
        zone = _zone(span, page.height)
        if zone is None:
            continue
        same = rows[zone]
        middle = (span.top + span.bottom) / 2
        if same and abs(middle - (same[-1][0].top + same[-1][0].bottom) / 2) <= span.height / 2:
            same[-1].append(span)
        else:
            same.append([span])
    return [
        (zone, sorted(row, key=lambda s: s.x0)) for zone, found in rows.items() for row in found
    ]


def _row_key(zone: str, row: list[Span]) -> tuple[str, str]:
    text = " ".join(s.text for s in row).lower()
    return zone, re.sub(r"\d+", "#", " ".join(text.split()))


def _furniture(pages: Sequence[PageText], margins: list[Rows]) -> _Furniture:
    """The margin texts that repeat on many pages (running headers and footers), and the
    size of the body text, which furniture is set smaller than."""
    seen: Counter[tuple[str, str]] = Counter()
    sizes: Counter[float] = Counter()
    for page, rows in zip(pages, margins, strict=True):
        seen.update({_row_key(zone, row) for zone, row in rows})
        for span in page.spans:
            sizes[span.size] += len(span.text)
    threshold = max(2, round(len(pages) * FURNITURE_SHARE))
    repeated = frozenset(key for key, count in seen.items() if count >= threshold)
    return _Furniture(repeated, sizes.most_common(1)[0][0] if sizes else 0.0)


def _furniture_spans(rows: Rows, furniture: _Furniture) -> set[int]:
    """The ids of the spans that are running headers, footers, page numbers and credits."""
    dropped: set[int] = set()
    for zone, row in rows:
        text = " ".join(s.text for s in row).strip()
        size = max(s.size for s in row)
        repeated = (
            _row_key(zone, row) in furniture.repeated and size < HEADING_RATIO * furniture.body_size
        )
        if repeated or _PAGE_NUMBER.match(text) or size < SMALL * furniture.body_size:
            dropped |= {id(s) for s in row}
    return dropped


# --- 3 and 4. columns and lines


def _page_lines(
    page: PageText,
    margin: Rows,
    furniture: _Furniture,
    found: tuple[list[Span], list[Span], NumberColumn | None] | None,
    known: set[NumberColumn],
) -> list[PrintedLine]:
    """The page's printed lines; `found` its line numbers where already found."""
    numbers, spans, _ = found or _line_numbers(page.spans, page.height, known)
    dropped = _furniture_spans(margin, furniture)
    spans = [s for s in spans if id(s) not in dropped]
    if not spans:
        return []
    letter = _letter(spans)
    lines: list[PrintedLine] = []
    for column, part in enumerate(_reading_order(spans, letter)):
        left = min(s.x0 for s in part)
        right = max(s.x1 for s in part)
        for line in _rows(part, page.number):
            line.left, line.right, line.column = left, right, column
            line.number = _numbered(line, numbers) if numbers else None
            lines.append(line)
    return lines


def _letter(spans: list[Span]) -> float:
    """The height of the page's most common text."""
    heights: Counter[float] = Counter()
    for span in spans:
        heights[round(span.size)] += len(span.text)
    return float(heights.most_common(1)[0][0]) or 10.0


def _reading_order(spans: list[Span], letter: float) -> list[list[Span]]:
    """The spans in columns (each a list), in the order they are read."""
    gutter = _gutter(spans, letter)
    if gutter is None:
        return [spans]
    crossing = [s for s in spans if s.x0 < gutter < s.x1]
    out: list[list[Span]] = []
    across: list[Span] = []  # text over the whole width: lines crossing the gutter and
    # what lies between them on one side only (a paragraph's short last line)
    for band in _bands(spans, crossing):
        left = [s for s in band if s.x1 <= gutter]
        right = [s for s in band if s.x0 >= gutter]
        columns = [c for side in (left, right) if side for c in _reading_order(side, letter)]
        if len(columns) <= 1:
            across += band
            continue
        if across:
            out.append(across)
            across = []
        out += columns
    return [*out, across] if across else out


def _bands(spans: list[Span], crossing: list[Span]) -> list[list[Span]]:
    """The spans cut at each span that crosses the gutter: above it, it, below it, ..."""
    if not crossing:
        return [spans]
    ordered = sorted(crossing, key=lambda s: s.top)
    bands: list[list[Span]] = [[] for _ in range(2 * len(ordered) + 1)]
    crossing_ids = {id(s): i for i, s in enumerate(ordered)}
    for span in spans:
        if id(span) in crossing_ids:
            bands[2 * crossing_ids[id(span)] + 1].append(span)
            continue
        middle = (span.top + span.bottom) / 2
        above = sum(1 for c in ordered if c.bottom <= middle)
        bands[2 * above].append(span)
    return [b for b in bands if b]


GUTTER_SAMPLES = 10_000
MAX_INDENT = 200  # spaces: a line of an A4 page is indented 150 at the most


def _gutter(spans: list[Span], letter: float) -> float | None:
    """An x in the middle three fifths of the spans that at most a few spans cross, with room
    around it and at least 15% of the text on each side: the middle of the widest run of
    such x that the fewest spans cross."""
    if len(spans) < 8:
        return None
    x0 = np.array([s.x0 for s in spans])
    x1 = np.array([s.x1 for s in spans])
    width = float(x1.max() - x0.min())
    if width < 8 * letter or 2 * np.count_nonzero(x1 - x0 > 0.6 * width) > len(spans):
        return None  # most lines run across the page: one column
    # Lines that run across most of the page (a title or an introduction over both
    # columns) are where the page is cut into bands (`_bands`), not text the gutter must
    # keep clear of: the columns under them are sought among the other lines.
    narrow = x1 - x0 <= 0.6 * width
    if np.count_nonzero(narrow) < 8:
        return None
    x0, x1 = x0[narrow], x1[narrow]
    chars = np.array(
        [len(s.text) for s, keep in zip(spans, narrow, strict=True) if keep], dtype=float
    )
    # A point apart (a quarter letter), but never more than GUTTER_SAMPLES of them: a broken
    # PDF can place text kilometres apart.
    step = max(1.0, letter / 4, 0.6 * width / GUTTER_SAMPLES)
    xs = np.arange(x0.min() + 0.2 * width, x0.min() + 0.8 * width, step)
    half = letter * GUTTER / 2
    order0, order1 = np.argsort(x0), np.argsort(x1)
    sorted0, sorted1 = x0[order0], x1[order1]
    count = len(x0)
    crossing = (
        count
        - (count - np.searchsorted(sorted0, xs + half, side="left"))
        - np.searchsorted(sorted1, xs - half, side="right")
    )
    left = np.concatenate(([0.0], np.cumsum(chars[order1])))[np.searchsorted(sorted1, xs, "right")]
    right_cum = np.concatenate(([0.0], np.cumsum(chars[order0][::-1])))
    right = right_cum[count - np.searchsorted(sorted0, xs, "left")]
    balance = np.minimum(left, right) / chars.sum()
    ok = (crossing <= max(1, count // 25)) & (balance >= 0.15)
    if not ok.any():
        return None
    fewest = crossing[ok].min()
    best = np.flatnonzero(ok & (crossing == fewest))
    # the middle of the widest run of such x: the gutter's middle
    runs = np.split(best, np.flatnonzero(np.diff(best) > 1) + 1)
    widest = max(runs, key=len)
    return float(xs[widest[len(widest) // 2]])


def _rows(spans: list[Span], page: int) -> list[PrintedLine]:
    """Spans whose middles lie within half a letter of each other make one line."""
    rows: list[list[Span]] = []
    last_middle = -1e9
    for span in sorted(spans, key=lambda s: s.top + s.bottom):
        middle = (span.top + span.bottom) / 2
        if rows and abs(middle - last_middle) <= 0.5 * max(span.height, rows[-1][0].height, 1.0):
            rows[-1].append(span)
        else:
            rows.append([span])
            last_middle = middle
    return [_printed(row, page) for row in rows]


def _printed(row: list[Span], page: int) -> PrintedLine:
    if len(row) == 1:
        s = row[0]
        text = _PRIVATE_BULLET.sub("• ", s.text) if s.text[0] >= "\ue000" else s.text
        return PrintedLine(text, page, s.x0, s.x1, s.top, s.bottom, s.size, s.bold)
    row.sort(key=lambda s: s.x0)
    sizes: Counter[tuple[float, bool]] = Counter()
    for span in row:
        sizes[(span.size, span.bold)] += len(span.text)
    (size, bold), _ = sizes.most_common(1)[0]
    text = " ".join(s.text for s in row)
    if text[0] >= "\ue000":
        text = _PRIVATE_BULLET.sub("• ", text)
    return PrintedLine(
        text,
        page,
        row[0].x0,
        max(s.x1 for s in row),
        min(s.top for s in row),
        max(s.bottom for s in row),
        size,
        bold,
    )


# --- tables of contents


def _contents_pages(pages: list[list[PrintedLine]]) -> set[int]:
    """Pages that list the document's parts: most lines end in a page number; or, near the
    front, most lines are titles that the pages after them have (set as headings, or as
    lines of their own)."""
    front = max(3, len(pages) // 10)
    found = {lines[0].page for lines in pages if lines and _is_contents(lines, None)}
    candidates = [i for i, lines in enumerate(pages[:front]) if lines and _listlike(lines)]
    if not candidates:
        return found
    # Only lines that begin as some entry begins can be one: fold no other.
    starts = {_first(line.text) for i in candidates for line in _entries(pages[i])}
    later: set[str] = set()
    for index in range(len(pages) - 1, min(candidates) - 1, -1):
        lines = pages[index]
        if index in candidates and _is_contents(lines, later):
            found.add(lines[0].page)
        later |= {
            _folded(line.text)
            for line in lines
            if line.text.count(" ") < 12 and _first(line.text) in starts
        }
    return found


def _first(text: str) -> str:
    """A line's first word, in lower case, as _folded would leave it."""
    words = text[:40].lower().translate(_PUNCTUATION).split(None, 1)
    return words[0] if words else ""


def _listlike(lines: list[PrintedLine]) -> bool:
    """Mostly short lines without a closing stop: what a contents page is made of."""
    return len(lines) >= 8 and len(_entries(lines)) >= 0.8 * len(lines)


def _entries(lines: list[PrintedLine]) -> list[PrintedLine]:
    return [
        line
        for line in lines
        if line.text.count(" ") < 16
        and not line.text.rstrip().endswith((".", ":", "!", "?"))
        and not line.text.startswith("•")
    ]


def _is_contents(lines: list[PrintedLine], later: set[str] | None) -> bool:
    entries = _entries(lines)
    if len(lines) < 4 or len(entries) < 0.6 * len(lines):
        return False
    numbered = [m for line in entries if (m := _CONTENTS_ENTRY.search(line.text))]
    if len(numbered) >= 0.6 * len(lines):
        return _grows([int(m["page"]) for m in numbered])
    if later is None or len(lines) < 8 or len(entries) < 0.8 * len(lines):
        return False
    named = [line for line in entries if _folded(line.text) in later]
    if len(named) >= 0.5 * len(lines):
        return True
    # a spread whose page numbers stand in a column of their own: the entries of one side
    # name later headings, those of the other end in their page number
    unnamed = [
        m
        for line in entries
        if _folded(line.text) not in later and (m := _CONTENTS_ENTRY.search(line.text))
    ]
    return (
        len(named) + len(unnamed) >= 0.7 * len(lines)
        and len(unnamed) >= 4
        and _grows([int(m["page"]) for m in unnamed])
    )


_CONTENTS_TITLES = frozenset(["innhold", "innholdsfortegnelse", "innhald", "contents"])


def _title_lines(lines: list[PrintedLine], headings: set[tuple[float, bool]]) -> list[PrintedLine]:
    """Of a contents page, the headings above its entries and above "Innhold": the
    document's title, where the contents share its page. (Under "Innhold", a heading is an
    entry set in bold: a chapter's title.)"""
    kept = []
    for line in lines:
        if line.style not in headings or _CONTENTS_ENTRY.search(line.text):
            break
        if _folded(line.text) in _CONTENTS_TITLES:
            break
        kept.append(line)
    return kept[:2]


def _grows(numbers: list[int]) -> bool:
    """Page numbers of contents go up (a few out of order are forgiven)."""
    ups = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b >= a)
    return ups >= 0.8 * (len(numbers) - 1)


def _folded(text: str) -> str:
    return " ".join(text.lower().translate(_PUNCTUATION).split())


_PUNCTUATION = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»–—…·•"})


# --- to layout lines: headings, paragraph gaps


def _to_layout(lines: list[PrintedLine], body: tuple[float, bool]) -> list[layout.Line]:
    if not lines:
        return []
    levels = _heading_levels(lines, body)
    spacing = _body_spacing(lines, body)
    groups = _groups(lines, spacing)
    found = _group_levels(groups, body, levels)
    body_known = _styled(found, len({line.page for line in lines}))
    out: list[layout.Line] = []
    heading: layout.Line | None = None  # the heading just added, which the next may continue
    for i, (group, level) in enumerate(zip(groups, found, strict=True)):
        text = " ".join(line.text for line in group)
        if heading is not None and _continues_heading(heading, group, text, level, levels):
            heading = out[-1] = layout.Line(f"{heading.text} {text}", heading.page, heading.heading)
            continue
        if out and not (heading is None and _one_paragraph(groups[i - 1], group, spacing)):
            out.append(layout.Line("", group[0].page))
        if level is not None:
            heading = layout.Line(text, group[0].page, level, group[0].number)
            out.append(heading)
            continue
        heading = None
        # a line standing alone between gaps may still be a heading set in the body's type
        running = body_known and len(group) > 1
        out += [_text_line(line, running) for line in group]
    return out


def _group_levels(
    groups: list[list[PrintedLine]],
    body: tuple[float, bool],
    levels: dict[tuple[float, bool], int],
) -> list[int | None]:
    """The heading level of each group of lines, None where it is text."""
    found = []
    for i, group in enumerate(groups):
        level = _heading_level(group, body, levels)
        following = groups[i + 1] if i + 1 < len(groups) else None
        if (
            level is not None
            and following is not None
            and following[0].style not in levels
            and _runs_on(group, following)
        ):
            level = None  # a bold start of a paragraph, not a heading
        found.append(level)
    return found


def _styled(found: list[int | None], pages: int) -> bool:
    """Whether the document sets its headings apart by their type: then a line of running
    text is no heading, however short. (A cover's title alone does not make it so: some
    programmes set their headings in the body's type, and their words must tell.)"""
    count = sum(1 for level in found if level is not None)
    return count >= max(STYLED_HEADINGS, pages / PAGES_PER_HEADING)


def _one_paragraph(previous: list[PrintedLine], group: list[PrintedLine], spacing: float) -> bool:
    """Text that goes on ("..., Lund og Berg,") into the next line set in another type, right
    under it: one paragraph."""
    last, first = previous[-1], group[0]
    if first.page != last.page or first.column != last.column or not layout.goes_on(last.text):
        return False
    usual = spacing * max(first.size, last.size) / max(min(first.size, last.size), 1.0)
    return 0 < first.top - last.top <= PARAGRAPH_GAP * usual


def _text_line(line: PrintedLine, body: bool) -> layout.Line:
    indent = " " * min(MAX_INDENT, int(max(0.0, line.x0 - line.left) / 4))
    return layout.Line(indent + line.text, line.page, None, line.number, round(line.fill, 3), body)


def _runs_on(group: list[PrintedLine], following: list[PrintedLine]) -> bool:
    """The next lines go on with this text: they start in lower case in the same column."""
    first = following[0]
    if first.page != group[-1].page or first.column != group[-1].column:
        return False
    if group[-1].text.rstrip().endswith(","):
        return True  # "Et mindretall, Lund og Berg," over the rest of its sentence
    return first.text[:1].islower() and not layout.goes_on(group[-1].text)


def _continues_heading(
    heading: layout.Line,
    group: list[PrintedLine],
    text: str,
    level: int | None,
    levels: dict[tuple[float, bool], int],
) -> bool:
    """A heading set over lines far apart (a cover's "Miljø og" + "rettferdighet"), or a
    period under it ("Arbeidsprogram" + "2025–2029"), is one heading."""
    if group[0].page != heading.page:
        return False
    if _YEARS.fullmatch(text):
        return group[0].style in levels
    if level is None:
        return False
    return text[:1].islower() or (level == heading.heading and layout.goes_on(heading.text))


def _body_style(lines: Iterable[PrintedLine]) -> tuple[float, bool]:
    """The size and weight most of the text is set in."""
    styles: Counter[tuple[float, bool]] = Counter()
    for line in lines:
        styles[line.style] += len(line.text)
    return styles.most_common(1)[0][0]


def _heading_styles(lines: list[PrintedLine], body: tuple[float, bool]) -> set[tuple[float, bool]]:
    size, bold = body
    return {
        line.style
        for line in lines
        if line.size >= size * HEADING_RATIO or (line.bold and not bold and line.size >= size)
    }


def _heading_levels(
    lines: list[PrintedLine], body: tuple[float, bool]
) -> dict[tuple[float, bool], int]:
    """Heading styles, largest (and bold before regular at one size) first: level 1, 2, ..."""
    styles = sorted(_heading_styles(lines, body), key=lambda s: (-s[0], not s[1]))
    return {style: min(rank, 6) for rank, style in enumerate(styles, 1)}


def _heading_level(
    group: list[PrintedLine], body: tuple[float, bool], levels: dict[tuple[float, bool], int]
) -> int | None:
    style = group[0].style
    if style not in levels or len(group) > MAX_HEADING_LINES:
        return None
    text = " ".join(line.text for line in group)
    if len(text.split()) > MAX_HEADING_WORDS or not any(c.isalpha() for c in text):
        return None
    if layout.opens_with_bullet(text):
        return None  # an item of a list set in bold
    if text.rstrip().endswith((".", ":", ";", "!", "?")) or _SENTENCE_END.search(text):
        return None  # a bold lead-in or sentence, not a heading
    return levels[style]


def _body_spacing(lines: list[PrintedLine], body: tuple[float, bool]) -> float:
    """The usual distance from one line of body text to the next."""
    gaps: Counter[float] = Counter()
    for a, b in zip(lines, lines[1:], strict=False):
        if a.style == b.style == body and a.page == b.page and a.column == b.column:
            distance = b.top - a.top
            if 0 < distance < 3 * a.size:
                gaps[round(distance, 1)] += 1
    return gaps.most_common(1)[0][0] if gaps else body[0] * 1.2


def _groups(lines: list[PrintedLine], spacing: float) -> list[list[PrintedLine]]:
    """Runs of lines of one style without a gap, a new column or a new page between them."""
    groups: list[list[PrintedLine]] = []
    for line in lines:
        if groups and not _breaks(groups[-1][-1], line, spacing):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _breaks(previous: PrintedLine, line: PrintedLine, spacing: float) -> bool:
    if line.page != previous.page or line.column != previous.column:
        return True
    if line.style != previous.style:
        return True
    distance = line.top - previous.top
    usual = spacing * max(line.size, previous.size) / max(min(line.size, previous.size), 1.0)
    return distance < 0 or distance > PARAGRAPH_GAP * usual
