"""PDF: words from pdfplumber, laid out into lines, then the plain-text layout rules.

Per page: words are split into two columns where a clear gutter runs down the middle, and
grouped into lines. Across pages: running headers and footers (lines that repeat, digits
aside, at the top or bottom of most pages) and page numbers are dropped. Lines set clearly
larger than the body text are headings, the largest size level 1. What remains goes to
layout.blocks_from_lines, so bullets, wrapped lines and numbered headings read as in text.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pdfplumber
import pypdf

from planatlas import settings
from planatlas.errors import CorruptFile, EmptyFile, EncryptedFile, PlanatlasError
from planatlas.reading import layout
from planatlas.reading.readers import common
from planatlas.records import RawDocument

MARGIN = 0.12  # the top and bottom share of a page where running headers and footers sit
HEADING_RATIO = 1.15  # this much larger than the body text is a heading
MAX_HEADING_WORDS = 25
_PAGE_NUMBER = re.compile(
    r"^(?:side|s\.|page)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(?:(?:av|/|of)\s*\d{1,4})?$", re.IGNORECASE
)
# A glyph the font does not map to text: at the start of a line it is a bullet symbol.
_CID = re.compile(r"\(cid:\d+\)")
_FILE_TITLE = re.compile(
    r"\.(?:docx?|pdf|indd|pptx?)$|^microsoft (?:word|powerpoint)|^untitled", re.I
)


@dataclass(frozen=True)
class _Line:
    """A line of words as found on the page, with where it sits and how large it is set."""

    text: str
    page: int
    top: float
    bottom: float
    x0: float
    size: float
    left: float  # the left edge of its column: indentation is measured from here
    height: float  # the page's height


class PdfReader:
    name = "pdf"

    def sniff(self, head: bytes, path: str) -> bool:
        # Readers of PDF accept the header anywhere in the first kilobyte.
        return b"%PDF-" in head[:1024]

    def read(self, data: bytes, source: str) -> RawDocument:
        _check_complete(data)
        _check_encryption(data)
        limit = int(settings.get("max_pages"))
        with common.parser_errors("PDF"), _password_errors():
            lines, total, title = _extract(data, limit)
        if not lines:
            raise EmptyFile("PDF-filen har ingen tekst (skannet bilde?)")
        warnings = []
        if total > limit:
            warnings.append(
                f"PDF-filen har {total} sider; bare de første {limit} er lest "
                "(endre med PLANATLAS_MAX_PAGES)"
            )
        blocks = layout.blocks_from_lines(_layout_lines(lines))
        return RawDocument(
            source, self.name, blocks, title, total, common.stamped(blocks), warnings
        )


def _check_complete(data: bytes) -> None:
    """A PDF ends with %%EOF: without it the file was cut off and pages may be missing."""
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t ")[-1024:]:
        raise CorruptFile("PDF-filen er avkortet eller skadet (slutten av filen mangler)")


def _check_encryption(data: bytes) -> None:
    """Refuse a PDF that needs a password to open; one with only an owner password reads."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if not reader.is_encrypted:
            return
        opened = reader.decrypt("") != pypdf.PasswordType.NOT_DECRYPTED
    except Exception:  # noqa: BLE001 - pdfplumber gets its own say on a file pypdf finds odd
        return
    if not opened:
        raise EncryptedFile("PDF-filen er kryptert eller passordbeskyttet")


@contextmanager
def _password_errors() -> Iterator[None]:
    """pdfminer's password failures are an encrypted file, not a broken one."""
    try:
        yield
    except PlanatlasError:
        raise
    except Exception as error:
        if _needs_password(error):
            raise EncryptedFile("PDF-filen er kryptert eller passordbeskyttet") from error
        raise


def _needs_password(error: BaseException | None) -> bool:
    while error is not None:
        if "Password" in type(error).__name__ or "Encrypt" in type(error).__name__:
            return True
        error = error.__cause__ or error.__context__
    return False


def _extract(data: bytes, limit: int) -> tuple[list[_Line], int, str | None]:
    """Lines of the first `limit` pages, the page count and the title in the file's metadata."""
    lines: list[_Line] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages[:limit], 1):
            lines.extend(_page_lines(page, number))
            page.close()  # pdfplumber caches every object of a page; free them as we go
        title = _title(pdf.metadata)
    return _drop_furniture(lines, min(total, limit)), total, title


def _title(metadata: dict[str, Any]) -> str | None:
    """The Title entry, unless it is only the name of the file the PDF was made from."""
    value = metadata.get("Title")
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    title = common.fold(str(value)) if value else ""
    return title if title and not _FILE_TITLE.search(title) else None


def _page_lines(page: Any, number: int) -> list[_Line]:
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
    height = float(page.height)
    lines: list[_Line] = []
    for column in _columns(words, float(page.width), height):
        left = min(float(w["x0"]) for w in column)
        lines.extend(_group_lines(column, number, left, height))
    return lines


def _columns(
    words: list[dict[str, Any]], width: float, height: float
) -> list[list[dict[str, Any]]]:
    """Left column, then right, where a gutter near the middle runs down the page's body."""
    body = [w for w in words if height * MARGIN < w["top"] < height * (1 - MARGIN)]
    gutter = _gutter(body, width)
    if gutter is None:
        return [words] if words else []
    # Header and footer words may straddle the gutter; they go left (and are dropped later).
    return [[w for w in words if w["x0"] < gutter], [w for w in words if w["x0"] >= gutter]]


def _gutter(words: list[dict[str, Any]], width: float) -> float | None:
    """An x near the middle that no word crosses, with a quarter of the words on each side."""
    if len(words) < 40:
        return None
    for x in range(int(width * 0.35), int(width * 0.65), 2):
        if any(w["x0"] < x < w["x1"] for w in words):
            continue
        left = sum(1 for w in words if w["x1"] <= x)
        if min(left, len(words) - left) >= len(words) // 4:
            return float(x)
    return None


def _group_lines(words: list[dict[str, Any]], page: int, left: float, height: float) -> list[_Line]:
    """Words whose tops lie within half a letter's height of each other make one line."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and word["top"] - rows[-1][0]["top"] <= max(2.0, 0.5 * float(word["size"])):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [_line(sorted(row, key=lambda w: w["x0"]), page, left, height) for row in rows]


def _line(row: list[dict[str, Any]], page: int, left: float, height: float) -> _Line:
    sizes: Counter[float] = Counter()
    for word in row:
        sizes[round(float(word["size"]) * 2) / 2] += len(word["text"])
    text = _unmapped_glyphs(" ".join(w["text"] for w in row))
    top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
    size = sizes.most_common(1)[0][0]
    return _Line(text, page, float(top), float(bottom), float(row[0]["x0"]), size, left, height)


def _unmapped_glyphs(text: str) -> str:
    if leading := _CID.match(text):
        text = "• " + text[leading.end() :]
    return common.fold(_CID.sub("", text))


def _in_margin(line: _Line) -> str | None:
    if line.top < line.height * MARGIN:
        return "top"
    if line.bottom > line.height * (1 - MARGIN):
        return "bottom"
    return None


def _furniture_key(line: _Line) -> tuple[str, str] | None:
    zone = _in_margin(line)
    return (zone, re.sub(r"\d+", "#", common.fold(line.text).lower())) if zone else None


def _drop_furniture(lines: list[_Line], pages: int) -> list[_Line]:
    """Drop page numbers, and lines repeating in the margins of most pages, unless set large."""
    seen: dict[tuple[str, str], set[int]] = {}
    for line in lines:
        if (key := _furniture_key(line)) is not None:
            seen.setdefault(key, set()).add(line.page)
    body = _body_size(lines)
    threshold = max(2, int(pages * 0.4 + 0.5))

    def furniture(line: _Line) -> bool:
        key = _furniture_key(line)
        if key is None:
            return False
        if _PAGE_NUMBER.match(line.text.strip()):
            return True
        return len(seen[key]) >= threshold and line.size < body * HEADING_RATIO

    return [line for line in lines if not furniture(line)]


def _body_size(lines: list[_Line]) -> float:
    """The size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _heading_levels(lines: list[_Line]) -> dict[float, int]:
    """Sizes clearly above the body's, largest first: level 1, 2, ..."""
    body = _body_size(lines)
    sizes = {
        line.size
        for line in lines
        if line.size >= body * HEADING_RATIO and len(line.text.split()) <= MAX_HEADING_WORDS
    }
    return {size: min(rank, 6) for rank, size in enumerate(sorted(sizes, reverse=True), 1)}


def _heading(line: _Line, levels: dict[float, int]) -> int | None:
    if len(line.text.split()) > MAX_HEADING_WORDS or not any(c.isalpha() for c in line.text):
        return None
    return levels.get(line.size)


def _layout_lines(lines: list[_Line]) -> list[layout.Line]:
    """layout.Lines: a blank line at each paragraph gap, page or column break; a heading set
    over two lines joins into one; indentation from the column's edge, for list levels."""
    levels = _heading_levels(lines)
    out: list[layout.Line] = []
    previous: _Line | None = None
    for line in lines:
        heading = _heading(line, levels)
        broke = previous is not None and _breaks(previous, line)
        if broke:
            out.append(layout.Line("", line.page))
        elif out and heading is not None and out[-1].heading == heading:
            out[-1] = layout.Line(f"{out[-1].text} {line.text}", out[-1].page, heading)
            previous = line
            continue
        indent = " " * int(max(0.0, line.x0 - line.left) / 4)
        out.append(layout.Line(indent + line.text, line.page, heading))
        previous = line
    return out


def _breaks(previous: _Line, line: _Line) -> bool:
    """A new page, a new column, or more space above the line than between lines of a paragraph."""
    if line.page != previous.page or line.top < previous.top:
        return True
    return line.top - previous.bottom > 0.6 * previous.size
