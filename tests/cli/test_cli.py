"""The command line, end to end, over a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planatlas.cli import main
from planatlas.export.contract import CONTRACT_FIELDS


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'atlas.db'}"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(
        "Handlingsplan for Kystpartiet 2025\n\nKystpartiet vil:\n\n"
        "• fjerne foretaksmodellen\n• innføre mer rammefinansiering\n\n"
        "Om oss\n\nVi arrangerer minst tre møter i året.\n",
        encoding="utf-8",
    )
    return path


def test_analyze_prints_the_contract_as_jsonl(plan: Path):
    result = run("analyze", str(plan), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == [
        "fjerne foretaksmodellen",
        "innføre mer rammefinansiering",
        "Vi arrangerer minst tre møter i året.",
    ]
    assert all(tuple(r) == CONTRACT_FIELDS for r in records)
    assert records[0]["document"] == str(plan)
    assert records[0]["actor"] == "Kystpartiet"
    assert records[2]["section"] == ["Handlingsplan for Kystpartiet 2025", "Om oss"]
    assert records[1]["index"] == 1


def test_analyze_markdown_and_json(plan: Path):
    markdown = run("analyze", str(plan), "--format", "markdown").stdout
    assert markdown.startswith("# Handlingsplan for Kystpartiet 2025")
    assert "1. innføre mer rammefinansiering" in markdown
    documents = json.loads(run("analyze", str(plan), "--format", "json").stdout)
    assert documents[0]["title"] == "Handlingsplan for Kystpartiet 2025"
    assert len(documents[0]["statements"]) == 3


def test_ingest_reports_bad_files_and_goes_on(tmp_path: Path, plan: Path, db: str):
    (tmp_path / "tom.txt").write_bytes(b"")
    (tmp_path / "søppel.pdf").write_bytes(b"%PDF-1.7\n\x00\x01 not really a pdf")
    (tmp_path / "binær.dat").write_bytes(bytes(range(256)) * 8)
    result = run("--db", db, "ingest", str(tmp_path))
    assert result.exit_code == 1
    assert "tom.txt: filen er tom" in result.output
    assert "søppel.pdf" in result.output and "binær.dat" in result.output
    assert "1 filer lest, 3 med feil, 3 utsagn" in result.output
    errors = run("--db", db, "errors").output
    assert "tom.txt" in errors and "empty_file" in errors


def test_ingest_twice_is_a_no_op_and_a_change_is_a_new_version(plan: Path, db: str):
    assert run("--db", db, "ingest", str(plan)).exit_code == 0
    assert "uendret" in run("--db", db, "ingest", str(plan)).output
    plan.write_text(plan.read_text(encoding="utf-8") + "\n• styrke fastlegen\n", encoding="utf-8")
    assert "ny versjon" in run("--db", db, "ingest", str(plan)).output
    outline = run("--db", db, "show", "Handlingsplan for Kystpartiet 2025").output
    assert "[3] styrke fastlegen" in outline
    first = run("--db", db, "show", "Handlingsplan for Kystpartiet 2025", "--version", "1").output
    assert "styrke fastlegen" not in first


def test_show_prints_headings_and_numbered_statements(plan: Path, db: str):
    run("--db", db, "ingest", str(plan))
    outline = run("--db", db, "show", "Handlingsplan for Kystpartiet 2025").output
    assert "Om oss" in outline
    assert "[0] fjerne foretaksmodellen" in outline


def test_export_csv_has_every_statement(plan: Path, db: str):
    run("--db", db, "ingest", str(plan))
    result = run("--db", db, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert [r["text"] for r in rows][:2] == [
        "fjerne foretaksmodellen",
        "innføre mer rammefinansiering",
    ]


def test_export_xlsx_needs_a_file(db: str):
    result = run("--db", db, "export", "--format", "xlsx")
    assert result.exit_code == 1
    assert "--output" in result.output


def test_eval_json_on_the_gold(gold_dir: Path):
    result = run("eval", str(gold_dir), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["overall"]["statements"]["f1"] >= 0.95
    assert {d["document"] for d in report["documents"]} >= {"hta-handlingsplan-2024-2025.txt"}


def _numbered_pdf(path: Path) -> Path:
    """Four pages of a draft programme with line numbers in the margin: a first page full of
    them, and pages with only a few, as a chapter's last page has."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    intro = [f"Dette er linje {n} i innledningen til programmet vårt" for n in range(6)]
    for page in range(4):
        lines = (
            intro
            if page == 0
            else [
                f"Kystpartiet vil styrke sykehusene på side {page}, og vi vil gi",
                "alle nok hjelp.",
            ]
        )
        for n, line in enumerate(lines):
            pdf.setFont("Helvetica", 9)
            pdf.drawRightString(60, 700 - 15 * n, str(100 * page + n))
            pdf.setFont("Helvetica", 11)
            pdf.drawString(90, 700 - 15 * n, line)
        pdf.showPage()
    pdf.save()
    return path


def test_analyze_reads_a_page_range_and_gives_each_statement_its_page_and_lines(tmp_path: Path):
    pdf = _numbered_pdf(tmp_path / "program.pdf")
    result = run("analyze", str(pdf), "--pages", "3-4", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["page"], r["lines"]) for r in records] == [(3, [200, 201]), (4, [300, 301])]
    bad = CliRunner().invoke(main, ["analyze", str(pdf), "--pages", "3-2"])
    assert bad.exit_code == 2 and "ugyldig sideutvalg" in bad.output


def test_ingest_with_jobs_stores_pages_and_lines_that_show_and_export_give(tmp_path: Path, db: str):
    pdf = _numbered_pdf(tmp_path / "program.pdf")
    result = run("--db", db, "ingest", str(pdf), "--jobs", "2", "--pages", "2-3")
    assert result.exit_code == 0, result.output
    shown = run("--db", db, "show", str(pdf)).stdout
    assert "s. 2, linje 100–101" in shown and "s. 3, linje 200–201" in shown
    rows = list(csv.DictReader(io.StringIO(run("--db", db, "export").stdout.lstrip("\ufeff"))))
    assert [(r["page"], r["lines"]) for r in rows] == [("2", "100–101"), ("3", "200–201")]
