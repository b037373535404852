"""Export every stored statement with its coding as CSV, JSONL or an Excel workbook.

`export_rows` gives one plain dict per statement (lists stay lists); `write_export` turns the
rows into a format. CSV is comma-separated UTF-8 with a byte order mark, so Excel shows æøå.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol, cast

from planatlas.errors import PlanatlasError
from planatlas.export.contract import CONTRACT_FIELDS
from planatlas.store.records import StoredStatement

# The contract's fields, with where the statement is stored and how sure its coding is.
COLUMNS = (
    *CONTRACT_FIELDS[:2],  # document, actor
    "title",
    "version",
    *CONTRACT_FIELDS[2:],  # index, section, text, kind, language, topics, positions, targets
    "confidence",
    "corrected",
)
FORMATS = ("csv", "jsonl", "xlsx")
SECTION_JOIN = " › "
LIST_JOIN = ", "
SHEET = "Utsagn"
_BOM = "\ufeff"
_MAX_WIDTH = 80

Output = IO[str] | IO[bytes] | str | Path


class _Statements(Protocol):
    def statements(self) -> list[StoredStatement]: ...


def export_rows(atlas: _Statements) -> Iterator[dict[str, Any]]:
    """One dict per statement of each document's latest version, with its effective coding."""
    for s in atlas.statements():
        yield _row(s)


def _row(s: StoredStatement) -> dict[str, Any]:
    coding = s.coding
    return {
        "document": s.source,
        "actor": s.actor,
        "title": s.title,
        "version": s.version,
        "index": s.index,
        "section": SECTION_JOIN.join(s.section),
        "text": s.text,
        "kind": coding.kind,
        "language": coding.language,
        "topics": list(coding.topics),
        "positions": [f"{p.issue}:{p.direction}" for p in coding.positions],
        "targets": [t.as_dict() for t in coding.targets],
        "confidence": dict(coding.confidence),
        "corrected": s.corrected,
    }


def write_export(rows: Iterable[dict[str, Any]], fmt: str, out: Output) -> None:
    """Write the rows as csv, jsonl or xlsx to a path, a text stream or a binary stream."""
    writers = {"csv": _write_csv, "jsonl": _write_jsonl, "xlsx": _write_xlsx}
    if fmt not in writers:
        raise PlanatlasError(f"ukjent eksportformat «{fmt}»: bruk {', '.join(FORMATS)}")
    writers[fmt](rows, out)


# --- flat cells for CSV and Excel


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """The row with lists joined, targets written out and confidence as one number."""
    return {
        **row,
        "topics": LIST_JOIN.join(row["topics"]),
        "positions": LIST_JOIN.join(row["positions"]),
        "targets": LIST_JOIN.join(target_text(t) for t in row["targets"]),
        "confidence": main_confidence(row["confidence"]),
    }


def target_text(target: dict[str, Any]) -> str:
    """A target as one short phrase: "percent:>=20 %", "amount:500000000 NOK", "period:2027"."""
    comparator = target.get("comparator")
    shown = "" if comparator in (None, "=") else comparator
    unit = f" {target['unit']}" if target.get("unit") else ""
    return f"{target['type']}:{shown}{target['value']}{unit}"


def main_confidence(confidence: dict[str, float]) -> float | None:
    """The confidence in the kind, which a reviewer sorts by; else the lowest one given."""
    if "kind" in confidence:
        return round(confidence["kind"], 3)
    return round(min(confidence.values()), 3) if confidence else None


# --- writers


def _is_text(out: Output) -> bool:
    return isinstance(out, io.TextIOBase) or (
        not isinstance(out, str | Path) and hasattr(out, "encoding")
    )


@contextmanager
def _text(out: Output, *, bom: bool) -> Iterator[IO[str]]:
    """A text stream to write to; a path or a binary stream gets UTF-8, with a BOM if asked."""
    encoding = "utf-8-sig" if bom else "utf-8"
    if isinstance(out, str | Path):
        with open(out, "w", encoding=encoding, newline="") as opened:
            yield opened
    elif _is_text(out):
        given = cast(IO[str], out)
        if bom and not _is_terminal(given):
            given.write(_BOM)
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


def _write_csv(rows: Iterable[dict[str, Any]], out: Output) -> None:
    with _text(out, bom=True) as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            cells = flat(row)
            cells["corrected"] = "true" if row["corrected"] else "false"
            writer.writerow(cells)


def _write_jsonl(rows: Iterable[dict[str, Any]], out: Output) -> None:
    with _text(out, bom=False) as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _write_xlsx(rows: Iterable[dict[str, Any]], out: Output) -> None:
    """One sheet "Utsagn": a bold, frozen header row and columns as wide as their contents."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if _is_text(out):
        raise PlanatlasError("xlsx må skrives til en fil eller en binær strøm, ikke til tekst")
    cells = [flat(row) for row in rows]
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for letter, width in zip(_letters(), _widths(cells), strict=False):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    header = []
    for name in COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in cells:
        sheet.append([_xlsx_cell(sheet, row[name]) for name in COLUMNS])
    book.save(out)


def _letters() -> Iterator[str]:
    from openpyxl.utils import get_column_letter

    for number in range(1, len(COLUMNS) + 1):
        yield get_column_letter(number)


def _widths(cells: list[dict[str, Any]]) -> list[float]:
    """Each column as wide as its longest value (of the first thousand rows), within bounds."""
    widths = []
    for name in COLUMNS:
        longest = max((len(_shown(row[name])) for row in cells[:1000]), default=0)
        widths.append(float(min(max(longest, len(name)) + 2, _MAX_WIDTH)))
    return widths


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """A cell whose text is always text: "=..." from a document is never run as a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell
