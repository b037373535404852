"""Exports: CSV with a BOM for Excel, JSONL, and an xlsx workbook, read back to check them."""

# ruff: noqa: F401, F811  (fixtures are imported from store_fixtures and named as arguments)

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from store_fixtures import atlas_url, fresh_atlas, memory_atlas, plan

from planatlas.errors import PlanatlasError
from planatlas.export.statements import COLUMNS, export_rows, write_export
from planatlas.store import Atlas

TEXT = "Ventetidene i psykisk helsevern skal ned til under 40 dager innen 2027."
NYNORSK = "Kommunane skal få øyremerkte midlar til jordmødrer og helsesjukepleiarar."


@pytest.fixture
def filled(memory_atlas: Atlas) -> Atlas:
    memory_atlas.add(plan())
    first = memory_atlas.statements()[0]
    memory_atlas.correct(first.id, {"kind": "measure"}, author="kari")
    return memory_atlas


def test_rows_carry_the_effective_coding(filled: Atlas) -> None:
    rows = list(export_rows(filled))
    assert len(rows) == 4 and list(rows[0]) == list(COLUMNS)
    first = rows[0]
    assert first["document"] == "planer/handlingsplan.docx"
    assert (first["actor"], first["version"], first["index"]) == ("Helsepartiet", 1, 0)
    assert first["title"] == "Handlingsplan for bedre helse i Nord-Norge"
    assert first["section"] == "Mål for helsetjenesten"
    assert rows[2]["section"] == "Mål for helsetjenesten › Tiltak i kommunene"
    assert (first["kind"], first["corrected"]) == ("measure", True)
    assert first["topics"] == ["psykisk_helse", "ventetider"]
    assert first["positions"] == ["ventetider:-"]
    assert rows[1]["corrected"] is False


def test_csv_file_has_a_bom_and_norwegian_letters(filled: Atlas, tmp_path: Path) -> None:
    path = tmp_path / "utsagn.csv"
    write_export(export_rows(filled), "csv", path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "jordmødrer".encode() in raw
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["text"] == TEXT and rows[2]["text"] == NYNORSK
    assert rows[0]["topics"] == "psykisk_helse, ventetider"
    assert rows[0]["targets"] == "count:<40 dager, date:2027"
    assert rows[2]["targets"] == "amount:150000000 NOK"
    assert rows[2]["section"] == "Mål for helsetjenesten › Tiltak i kommunene"
    assert (rows[0]["kind"], rows[0]["corrected"], rows[0]["confidence"]) == (
        "measure",
        "true",
        "1.0",
    )
    assert (rows[1]["corrected"], rows[1]["confidence"]) == ("false", "0.72")
    assert rows[3]["confidence"] == "" and rows[3]["language"] == ""


def test_csv_to_streams(filled: Atlas) -> None:
    binary = io.BytesIO()
    write_export(export_rows(filled), "csv", binary)
    assert binary.getvalue().startswith(b"\xef\xbb\xbf")
    assert not binary.closed
    text = io.StringIO()
    write_export(export_rows(filled), "csv", text)
    assert text.getvalue().startswith("\ufeffdocument,actor,title,")
    assert binary.getvalue().decode("utf-8") == text.getvalue()


def test_jsonl_keeps_lists(filled: Atlas, tmp_path: Path) -> None:
    path = tmp_path / "utsagn.jsonl"
    write_export(export_rows(filled), "jsonl", path)
    raw = path.read_text(encoding="utf-8")
    assert "øyremerkte" in raw  # written as letters, not \\u escapes
    rows = [json.loads(line) for line in raw.splitlines()]
    assert len(rows) == 4
    assert rows[0]["topics"] == ["psykisk_helse", "ventetider"]
    assert rows[0]["targets"][0] == {
        "type": "count",
        "value": 40,
        "unit": "dager",
        "comparator": "<",
    }
    assert rows[0]["confidence"] == {"kind": 1.0} and rows[0]["corrected"] is True
    assert rows[2]["text"] == NYNORSK


def test_xlsx_workbook(filled: Atlas, tmp_path: Path) -> None:
    path = tmp_path / "utsagn.xlsx"
    write_export(export_rows(filled), "xlsx", path)
    book = load_workbook(path)
    assert book.sheetnames == ["Utsagn"]
    sheet = book["Utsagn"]
    assert sheet.freeze_panes == "A2"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == COLUMNS
    assert sheet["A1"].font.bold
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in values[1:]]
    assert rows[0]["text"] == TEXT and rows[2]["text"] == NYNORSK
    assert rows[0]["section"] == "Mål for helsetjenesten"
    assert rows[0]["topics"] == "psykisk_helse, ventetider"
    assert (rows[0]["version"], rows[0]["corrected"], rows[1]["corrected"]) == (1, True, False)
    assert rows[1]["confidence"] == pytest.approx(0.72)
    text_width = sheet.column_dimensions["G"].width
    assert sheet.column_dimensions["A"].width < text_width <= 80


def test_xlsx_to_a_binary_stream_and_text_is_never_a_formula(memory_atlas: Atlas) -> None:
    doc = plan()
    doc.statements[3].text = "=SUM(A1:A9) er ikke en formel her"
    memory_atlas.add(doc)
    out = io.BytesIO()
    write_export(export_rows(memory_atlas), "xlsx", out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Utsagn"]
    assert sheet["G5"].value == "=SUM(A1:A9) er ikke en formel her"
    assert sheet["G5"].data_type == "s"


def test_xlsx_refuses_a_text_stream(filled: Atlas) -> None:
    with pytest.raises(PlanatlasError, match="xlsx må skrives til en fil"):
        write_export(export_rows(filled), "xlsx", io.StringIO())


def test_unknown_format(filled: Atlas) -> None:
    with pytest.raises(PlanatlasError, match="ukjent eksportformat «pdf»"):
        write_export(export_rows(filled), "pdf", io.StringIO())


def test_empty_atlas_exports_a_header(memory_atlas: Atlas) -> None:
    out = io.StringIO()
    write_export(export_rows(memory_atlas), "csv", out)
    assert out.getvalue() == "\ufeff" + ",".join(COLUMNS) + "\r\n"


def test_export_from_every_backend(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    fresh_atlas.add(plan("sha256:to", extra="Vi vil ha flere legevakter i Nordland."))
    rows = list(export_rows(fresh_atlas))
    assert [(r["version"], r["index"]) for r in rows] == [(2, i) for i in range(5)]
    assert rows[4]["text"] == "Vi vil ha flere legevakter i Nordland."
