"""Every table planatlas writes: CSV (UTF-8 with a BOM, so Excel shows æøå) and Excel.

A `Table` is a name, its columns and its rows; pages' downloads, `planatlas export`, `map -o`
and the network's edge list all write through here, so a cell from a document is made safe
once: a CSV cell that a spreadsheet would run as a formula (it begins with =, @, a tab or a
carriage return, or with + or - and is not a number) gets a leading apostrophe, and every
Excel cell holding text is stored as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from planatlas.errors import PlanatlasError

FORMATS = ("csv", "xlsx")
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson",
}
BOM = "\ufeff"
MAX_WIDTH = 80  # characters, the widest an Excel column is made
WIDTH_ROWS = 1000  # rows looked at to size the columns
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")

Output = IO[str] | IO[bytes] | str | Path


@dataclass(frozen=True)
class Table:
    """Rows to write: `name` is the file name without suffix (and the sheet's name)."""

    name: str
    columns: list[str]
    rows: Iterable[list[Any]]


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value and _formula_like(value):
        return "'" + value
    return value


def restored(value: str) -> str:
    """A CSV cell read back as it was before `safe_cell` made it formula-safe."""
    if value.startswith("'") and len(value) > 1 and _formula_like(value[1:]):
        return value[1:]
    return value


def _formula_like(value: str) -> bool:
    first = value[0]
    if first in "=@\t\r":
        return True
    return first in "+-" and len(value) > 1 and not _NUMBER.fullmatch(value)


def write(table: Table, fmt: str, out: Output) -> None:
    """Write the table as csv or xlsx to a path, a text stream (csv only) or a binary stream."""
    if fmt == "csv":
        write_csv(table, out)
    elif fmt == "xlsx":
        write_xlsx(table, out)
    else:
        raise PlanatlasError(f"ukjent tabellformat «{fmt}»: bruk {', '.join(FORMATS)}")


def to_bytes(table: Table, fmt: str) -> bytes:
    buffer = io.BytesIO()
    write(table, fmt, buffer)
    return buffer.getvalue()


def csv_text(columns: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV text without a BOM (for a file whose reader is a program)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def write_csv(table: Table, out: Output) -> None:
    with text_stream(out, bom=True) as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(table.columns)
        writer.writerows([safe_cell(v) for v in row] for row in table.rows)


def write_xlsx(table: Table, out: Output) -> None:
    """One sheet: a bold, frozen header row and columns as wide as their contents."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if is_text(out):
        raise PlanatlasError("xlsx må skrives til en fil eller en binær strøm, ikke til tekst")
    rows = iter(table.rows)
    first = list(itertools.islice(rows, WIDTH_ROWS))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.name[:31] or "Ark")
    sheet.freeze_panes = "A2"
    for number, width in enumerate(_widths(table.columns, first), start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    bold = Font(bold=True)
    header = []
    for name in table.columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in itertools.chain(first, rows):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    book.save(cast(Any, out))


def _widths(columns: list[str], rows: list[list[Any]]) -> list[float]:
    """Each column as wide as its longest value (of the rows given), within bounds."""
    widths = []
    for j, name in enumerate(columns):
        longest = max((len(_shown(row[j])) for row in rows if j < len(row)), default=0)
        widths.append(float(min(max(longest, len(name)) + 2, MAX_WIDTH)))
    return widths


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """A cell whose text is always text: "=..." from a document is never run as a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    cell.data_type = "s"
    return cell


# --- where the bytes go


def is_text(out: Output) -> bool:
    return isinstance(out, io.TextIOBase) or (
        not isinstance(out, str | Path) and hasattr(out, "encoding")
    )


@contextmanager
def text_stream(out: Output, *, bom: bool) -> Iterator[IO[str]]:
    """A text stream to write to; a path or a binary stream gets UTF-8, with a BOM if asked."""
    encoding = "utf-8-sig" if bom else "utf-8"
    if isinstance(out, str | Path):
        with open(out, "w", encoding=encoding, newline="") as opened:
            yield opened
    elif is_text(out):
        given = cast(IO[str], out)
        if bom and not _is_terminal(given):
            given.write(BOM)
        yield given
    else:
        wrapper = io.TextIOWrapper(cast(IO[bytes], out), encoding=encoding, newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
