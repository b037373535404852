"""Export every stored statement with its coding as CSV, JSONL or an Excel workbook.

`export_rows` gives one plain dict per statement (lists stay lists); `write_export` turns the
rows into a format, through export/tables.py for CSV and Excel.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from planatlas.errors import PlanatlasError
from planatlas.export import tables
from planatlas.export.contract import CONTRACT_FIELDS
from planatlas.export.tables import Output, Table
from planatlas.store.records import StoredStatement

# The contract's fields, with where the statement is stored and how sure its coding is.
COLUMNS = (
    *CONTRACT_FIELDS[:2],  # document, actor
    "title",
    "version",
    *CONTRACT_FIELDS[2:],  # index, section, text, kind, language, topics, positions, targets,
    # page, lines
    "confidence",
    "corrected",
)
FORMATS = ("csv", "jsonl", "xlsx")
SECTION_JOIN = " › "
LIST_JOIN = ", "
SHEET = "Utsagn"


class _Statements(Protocol):
    def statements(self) -> list[StoredStatement]: ...


def export_rows(atlas: _Statements) -> Iterator[dict[str, Any]]:
    """One dict per statement of each document's latest version, with its effective coding."""
    return rows_of(atlas.statements())


def rows_of(statements: Iterable[StoredStatement]) -> Iterator[dict[str, Any]]:
    """One dict per statement, with its effective coding."""
    return (_row(s) for s in statements)


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
        "page": s.page,
        "lines": list(s.lines) if s.lines else None,
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
        "lines": lines_text(row["lines"]),
        "confidence": main_confidence(row["confidence"]),
    }


def lines_text(lines: list[int] | None) -> str | None:
    """Printed line numbers as one cell: "226–228", "226"; None where there are none."""
    if not lines:
        return None
    first, last = lines
    return str(first) if first == last else f"{first}–{last}"


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


def table(rows: Iterable[dict[str, Any]], name: str = SHEET) -> Table:
    """The rows as a flat table with the export's columns."""
    return Table(name, list(COLUMNS), ([cells[c] for c in COLUMNS] for cells in map(flat, rows)))


def _write_csv(rows: Iterable[dict[str, Any]], out: Output) -> None:
    tables.write_csv(table(rows), out)


def _write_jsonl(rows: Iterable[dict[str, Any]], out: Output) -> None:
    with tables.text_stream(out, bom=False) as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _write_xlsx(rows: Iterable[dict[str, Any]], out: Output) -> None:
    tables.write_xlsx(table(rows), out)
