"""The comparison, tracing and correction commands, run on a small atlas of examples/."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from places import EXAMPLES

from planatlas.cli import main
from planatlas.labels import Labels

EXAMPLES = EXAMPLES
PLAN = "Vår felles helsetjeneste – utdrag fra Nasjonal helse- og samhandlingsplan 2024–2027"
FILES = [
    "framtidspartiet-helsepolitikk-2025-2029.txt",
    "kystpartiet-helseprogram-2025-2029.docx",
    "regjeringen-helse-og-samhandlingsplan-utdrag.pdf",
    "pasientforbundet-vest-handlingsplan-2025-2026-v1.md",
    "pasientforbundet-vest-handlingsplan-2025-2026-v2.md",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('views') / 'atlas.db'}"
    result = run("--db", url, "ingest", *(str(EXAMPLES / name) for name in FILES))
    assert result.exit_code == 0, result.output
    return url


def test_compare_two_parties_side_by_side(db: str):
    result = run("--db", db, "compare", "Framtidspartiet", "Kystpartiet", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["actors"] == ["Framtidspartiet", "Kystpartiet"]
    assert found["rows"] and found["agreements"][0]["shared"] >= 1
    pair = found["agreements"][0]
    assert 0.0 <= pair["weighted"] <= 1.0 and 0.0 <= pair["score"] <= 1.0

    def divides(row: dict[str, Any]) -> bool:
        directions = {c["direction"] for c in row["cells"].values() if c}
        return {"+", "-"} <= directions

    rows = found["rows"]
    thin = [row["thin"] for row in rows]
    assert thin == sorted(thin)  # firm first: no side of them rests on one statement
    for part in (False, True):
        dividing = [divides(row) for row in rows if row["thin"] is part]
        assert dividing == sorted(dividing, reverse=True)  # the issues that divide them lead
        contested = [r["contested"] for r in rows if not divides(r) and r["thin"] is part]
        assert contested == sorted(contested, reverse=True)  # then the most contested
    for row in rows:  # each cell's support: its statements and their confidence
        for actor, cell in row["cells"].items():
            if cell:
                support = row["support"][actor]
                assert support["statements"] == len({e["statement_id"] for e in cell["evidence"]})
                assert support["thin"] is (support["statements"] == 1)
    shown = run("--db", db, "compare", "Framtidspartiet", "Kystpartiet").output
    assert "Enighet mellom aktørene" in shown and "vektet" in shown
    assert "utsagn)" in shown  # "(ett utsagn)" or "(3 utsagn)" beside each direction


def test_compare_one_actor_is_an_error(db: str):
    result = run("--db", db, "compare", "Kystpartiet")
    assert result.exit_code == 1
    assert "minst to aktører" in result.output


def test_allies_quotes_the_statements(db: str):
    result = run("--db", db, "allies", "Kystpartiet")
    assert result.exit_code == 0, result.output
    assert "Allierte av Kystpartiet" in result.output
    assert "«" in result.output
    unknown = run("--db", db, "allies", "Ukjent parti")
    assert unknown.exit_code == 1 and "fant ikke aktøren" in unknown.output


def test_network_writes_graphml_and_csv(db: str, tmp_path: Path):
    graphml = tmp_path / "net.graphml"
    assert run("--db", db, "network", "-o", str(graphml)).exit_code == 0
    assert "<graphml" in graphml.read_text(encoding="utf-8")
    two_mode = tmp_path / "issues.csv"
    assert run("--db", db, "network", "-o", str(two_mode), "--mode", "issues").exit_code == 0
    assert two_mode.read_text(encoding="utf-8").startswith("aktør,sak,retning,utsagn")


def test_trace_a_programme_against_the_plan(db: str):
    result = run("--db", db, "trace", "Kystpartiet", "--against", PLAN, "--json")
    assert result.exit_code == 1  # "Kystpartiet" is an actor, not a document
    programme = "Kystpartiets helseprogram 2025–2029"
    result = run("--db", db, "trace", programme, "--against", PLAN, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(r["demand"]["kind"] in ("demand", "goal") for r in rows)
    goals = run("--db", db, "trace", PLAN)
    assert goals.exit_code == 0 and " mål, " in goals.output


def test_diff_the_two_versions_of_a_plan(db: str):
    result = run("--db", db, "diff", "Handlingsplan for Pasientforbundet Vest 2025–2026", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)["summary"]
    assert summary["added"] >= 1 and summary["removed"] >= 1 and summary["reworded"] >= 1
    files = [str(EXAMPLES / FILES[3]), str(EXAMPLES / FILES[4])]
    assert "omformulert" in run("diff", *files).output


def test_brief_as_docx(db: str, tmp_path: Path):
    target = tmp_path / "notat.docx"
    result = run("--db", db, "brief", "Kystpartiet", "--format", "docx", "-o", str(target))
    assert result.exit_code == 0, result.output
    from docx import Document as Docx

    text = "\n".join(p.text for p in Docx(str(target)).paragraphs)
    assert "Kystpartiet" in text and "Hva aktøren mener" in text


def test_code_corrects_and_recode_keeps_it(db: str):
    listed = json.loads(run("--db", db, "compare", "--json").output)
    assert listed  # there are pairs to compare
    result = run(
        "--db", db, "code", "1", "--topics", "innovation,digital",
        "--position", "health_technology:+", "--author", "kari",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    labels = Labels()
    topics = f"{labels.topic('innovation')}, {labels.topic('digital')}"
    position = f"{labels.issue('health_technology')}: {labels.direction('+', 'direction_short')}"
    assert topics in result.output and position in result.output
    assert run("--db", db, "recode").exit_code == 0
    again = run("--db", db, "code", "1", "--kind", "goal", "--author", "kari").output
    assert topics in again and position in again


def test_code_rejects_a_bad_position(db: str):
    result = run("--db", db, "code", "1", "--position", "bare-en-sak", "--author", "kari")
    assert result.exit_code == 1 and "sak:retning" in result.output


def test_search_finds_bokmal_with_a_nynorsk_query(db: str):
    result = run("--db", db, "search", "sjukehusa", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["total"] >= 1
    texts = " ".join(hit["statement"]["text"].lower() for hit in found["hits"])
    assert "sykehus" in texts
    shown = run("--db", db, "search", "sjukehusa", "--actor", "Kystpartiet").output
    assert "treff" in shown and "Kystpartiet" in shown


def test_recode_refreshes_the_search_index(db: str):
    assert run("--db", db, "recode").exit_code == 0
    assert json.loads(run("--db", db, "search", "fastlege", "--json").output)["total"] >= 1


def test_map_writes_the_position_map_and_salience_as_csv(db: str, tmp_path: Path):
    target = tmp_path / "kart.csv"
    assert run("--db", db, "map", "-o", str(target)).exit_code == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {r["aktør"] for r in rows} >= {"Framtidspartiet", "Kystpartiet"}
    assert "Foretaksmodellen" in rows[0]  # issues by their Norwegian names
    assert {v for r in rows for k, v in r.items() if k != "aktør"} <= {"", "+", "-", "~", "blandet"}
    shares = tmp_path / "tema.csv"
    assert run("--db", db, "map", "--salience", "-o", str(shares)).exit_code == 0
    first = next(csv.DictReader(shares.open(encoding="utf-8")))
    assert all(0 <= int(v) <= 100 for k, v in first.items() if k != "aktør" and v)
