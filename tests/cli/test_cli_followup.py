"""The account, follow-up and backup commands, end to end, over a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planatlas.cli import main

PASSWORD = "et-langt-passord\n"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "# Handlingsplan 2025 for Foreningen\n\n## Arrangementer\n\n"
        "- Vi skal arrangere minst tre arrangementer i løpet av året.\n"
        "- Vi skal fordele 40 millioner kroner til kommuner og helseforetak.\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    assert run("--db", url, "ingest", str(plan), "--actor", "Foreningen").exit_code == 0
    return url


def test_the_first_admin_and_an_editor_are_made_on_the_command_line(db: str) -> None:
    made = run("--db", db, "user", "add", "ada", "--role", "admin", input=PASSWORD * 2)
    assert made.exit_code == 0 and "La til ada (admin)" in made.output
    editor = run(
        "--db",
        db,
        "user",
        "add",
        "kari",
        "--role",
        "editor",
        "--organisation",
        "Foreningen",
        "--name",
        "Kari Nordmann",
        input=PASSWORD * 2,
    )
    assert "La til organisasjonen Foreningen" in editor.output and editor.exit_code == 0
    listed = run("--db", db, "user", "list").output
    assert "kari" in listed and "editor" in listed and "Foreningen" in listed
    short = run("--db", db, "user", "passwd", "kari", input="kort\nkort\n")
    assert short.exit_code == 1 and "minst 10 tegn" in short.output
    assert run("--db", db, "user", "passwd", "kari", input=PASSWORD * 2).exit_code == 0


def test_a_token_is_shown_once_and_can_be_revoked(db: str) -> None:
    run("--db", db, "user", "add", "ada", "--role", "admin", input=PASSWORD * 2)
    made = CliRunner().invoke(main, ["--db", db, "user", "token", "ada", "--name", "skript"])
    token = made.stdout.strip()
    assert token.startswith("pa_") and made.exit_code == 0
    listed = run("--db", db, "user", "token", "ada", "--list").output
    assert "skript" in listed and token not in listed and "gyldig" in listed
    assert run("--db", db, "user", "token", "ada", "--revoke", "1").exit_code == 0
    assert "trukket tilbake" in run("--db", db, "user", "token", "ada", "--list").output


def test_report_import_export_and_backup(db: str, tmp_path: Path) -> None:
    from docx import Document as Docx
    from openpyxl import load_workbook

    run(
        "--db",
        db,
        "user",
        "add",
        "kari",
        "--role",
        "editor",
        "--organisation",
        "Foreningen",
        input=PASSWORD * 2,
    )
    out = tmp_path / "oppfolging.csv"
    assert run("--db", db, "followup", "export", "1", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("statement_id,section,kind,text,status")
    first = lines[1].split(",")
    first[4], first[7] = "in_progress", "2"  # status, logged
    out.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]), encoding="utf-8")
    imported = run("--db", db, "followup", "import", "1", str(out), "--user", "kari")
    assert imported.exit_code == 0 and "1 punkter endret" in imported.output
    report = run("--db", db, "report", "1").output
    assert report.startswith("# Statusrapport: Handlingsplan 2025") and "2 av ≥ 3" in report
    assert (
        run("--db", db, "report", "1", "--format", "docx", "-o", str(tmp_path / "r.docx")).exit_code
        == 0
    )
    paragraphs = [p.text for p in Docx(str(tmp_path / "r.docx")).paragraphs]
    assert any("pågår" in p for p in paragraphs)
    assert (
        run("--db", db, "report", "1", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")).exit_code
        == 0
    )
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None and sheet["A1"].value == "area"
    copy = tmp_path / "kopi.db"
    assert run("--db", db, "backup", str(copy)).exit_code == 0 and copy.stat().st_size > 0
    again = run("--db", db, "backup", str(copy))
    assert again.exit_code == 1 and "finnes fra før" in again.output
    assert run("--db", db, "restore", str(copy), "--yes").exit_code == 0
    assert "2 av ≥ 3" in run("--db", db, "report", "1").output
