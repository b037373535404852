"""Follow-up as rows, out and back in with the same columns (CSV or Excel).

statement_id, section, kind, text   which item (read back by statement_id only)
status, responsible, due, logged,   what a person can change; `logged` is the count done,
note, weight                        the measured value, or "Mottaker=tildelt/rapportert; ..."
progress                            against the target, as the board shows it (not read back)
version                             the item's version the row was exported at: a row whose
                                    item has changed since is refused, not written over
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from planatlas.errors import BadParameter
from planatlas.export.tables import Table, restored
from planatlas.followup.progress import progress_of
from planatlas.followup.records import Change, Item
from planatlas.labels import Labels

COLUMNS = ["statement_id", "section", "kind", "text", "status", "responsible", "due", "logged",
           "progress", "note", "weight", "version"]  # fmt: skip
EDITABLE = ("status", "responsible", "due", "logged", "note", "weight")


def items_table(name: str, items: Sequence[Item], labels: Labels | None = None) -> Table:
    shown = labels or Labels()
    rows = [
        [i.statement_id, " › ".join(i.section), shown.kind(i.kind), i.text, i.status,
         i.responsible or "", i.due or "", logged_text(i.logged),
         progress_of(i.targets, i.logged).label(), i.note, i.weight, i.version]
        for i in items
    ]  # fmt: skip
    return Table(name, COLUMNS, rows)


def logged_text(logged: dict[str, Any]) -> str:
    if "count" in logged:
        return _plain(logged["count"])
    if "measured" in logged:
        return _plain(logged["measured"])
    amounts = logged.get("amounts") or {}
    return "; ".join(
        f"{name}={_plain(pair.get('allocated'))}/{_plain(pair.get('reported'))}"
        for name, pair in sorted(amounts.items())
    )


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def parse_logged(text: str, target_type: str | None) -> dict[str, Any]:
    """The `logged` cell back as the item's logged progress."""
    text = text.strip()
    if not text:
        return {}
    if "=" in text or target_type == "amount" and ";" in text:
        amounts = {}
        for part in text.split(";"):
            name, _, pair = part.partition("=")
            allocated, _, reported = pair.partition("/")
            amounts[name.strip()] = {"allocated": _num(allocated), "reported": _num(reported)}
        return {"amounts": amounts}
    value = _num(text)
    if value is None:
        return {}
    return {"measured": value} if target_type == "percent" else {"count": value}


def _num(text: str) -> float | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError as error:
        raise BadParameter(f"«{text.strip()}» er ikke et tall") from error
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class ImportRow:
    line: int
    statement_id: int
    version: int
    cells: dict[str, str]


def read_rows(data: bytes, name: str) -> list[ImportRow]:
    """The rows of an uploaded CSV or Excel file with the export's columns."""
    records = _xlsx(data) if name.lower().endswith(".xlsx") else _csv(data)
    found = []
    for line, record in enumerate(records, start=2):
        given = {k.strip(): ("" if v is None else str(v)) for k, v in record.items() if k}
        if not any(given.values()):
            continue
        try:
            statement_id = int(float(given.get("statement_id", "")))
            version = int(float(given.get("version") or 0))
        except ValueError as error:
            raise BadParameter(
                f"{name}, linje {line}: statement_id og version må være tall"
            ) from error
        found.append(ImportRow(line, statement_id, version, given))
    return found


def change_of(row: ImportRow, target_type: str | None) -> Change:
    """The change a row asks for: every editable column the file has."""
    change = Change()
    for column in EDITABLE:
        if column not in row.cells:
            continue
        raw = restored(row.cells[column].strip())
        if column == "logged":
            change.logged = parse_logged(raw, target_type)
        elif column == "weight":
            change.weight = float(_num(raw) or 1.0)
        elif column == "note":
            change.note = raw
        else:
            setattr(change, column, raw or None)
        change.fields.append(column)
    if "status" in change.fields and not change.status:
        change.fields.remove("status")
    return change


def _csv(data: bytes) -> Iterable[dict[str, Any]]:
    text = data.decode("utf-8-sig", errors="replace")
    return list(csv.DictReader(io.StringIO(text)))


def _xlsx(data: bytes) -> Iterable[dict[str, Any]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    if sheet is None:
        return []
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(c or "") for c in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]
