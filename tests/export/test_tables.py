"""Every table is written through one place, where a cell is made formula-safe."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from planatlas.export.tables import Table, csv_text, safe_cell, to_bytes


@pytest.mark.parametrize(
    "dangerous",
    ['=HYPERLINK("http://x","klikk")', "@SUM(A1)", "+1+cmd|' /C calc'!A0", "-2+3", "\t=1", "\r=1"],
)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(dangerous: str) -> None:
    assert safe_cell(dangerous) == "'" + dangerous


@pytest.mark.parametrize("plain", ["+", "-", "-12", "+3,5", "40 mill", "mot", 7, 2.5])
def test_numbers_directions_and_text_pass_as_they_are(plain: object) -> None:
    assert safe_cell(plain) == plain


def test_csv_and_excel_both_keep_a_formula_as_text() -> None:
    table = Table("utsagn", ["tekst", "retning", "antall"], [["=1+1", "-", 3], [None, "+", True]])
    text = to_bytes(table, "csv").decode("utf-8-sig")
    assert text.splitlines() == ["tekst,retning,antall", "'=1+1,-,3", ",+,true"]
    sheet = load_workbook(io.BytesIO(to_bytes(table, "xlsx"))).active
    assert sheet is not None and sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
    assert sheet.title == "utsagn" and sheet["C3"].value is True


def test_csv_text_for_programs_has_no_byte_order_mark() -> None:
    assert csv_text(["a"], [["=x"]]) == "a\r\n'=x\r\n"
