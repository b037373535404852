"""A user's own taxonomy, named by PLANATLAS_TAXONOMY, codes statements and labels the views."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planatlas.cli import main
from planatlas.errors import ConfigError
from planatlas.labels import Labels
from planatlas.pipeline import analyze
from planatlas.records import Document, Statement

DENTAL = """\
extends: planatlas
topics:
  dental_care:
    nb: Tannhelse
    en: Dental care
    description: Tannhelse og tannbehandling.
    terms: [tannhelse*, tannbehandling*, tannlege*]
issues:
  public_dental_care:
    nb: Offentlig tannhelse
    en: Public dental care
    description: Tannhelse som del av den offentlige helsetjenesten.
    topics: [dental_care]
    terms: [tannhelsetjeneste*, tannbehandling*]
"""


def plan(text: str) -> Document:
    statements = [Statement(0, text, form="item", lead_in="Partiet vil:", modality="vil")]
    return Document(
        "p.txt", "text", "p", actor="Partiet", actor_kind="party", statements=statements
    )


@pytest.fixture
def dental(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tannhelse.yaml"
    path.write_text(DENTAL, encoding="utf-8")
    monkeypatch.setenv("PLANATLAS_TAXONOMY", str(path))
    return path


def test_statements_are_coded_by_the_users_taxonomy(dental: Path):
    coded = analyze(plan("styrke den offentlige tannbehandlingen for unge"), use_model=False)
    coding = coded.statements[0].coding
    assert "dental_care" in coding.topics
    assert ("public_dental_care", "+") in {(p.issue, p.direction) for p in coding.positions}
    assert Labels().issues()["public_dental_care"] == "Offentlig tannhelse"
    assert Labels().issues()["hospital_trust_model"]  # extends the built-in one


def test_a_broken_taxonomy_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    broken = tmp_path / "broken.yaml"
    broken.write_text("topics:\n  x: {nb: X}\n", encoding="utf-8")
    monkeypatch.setenv("PLANATLAS_TAXONOMY", str(broken))
    with pytest.raises(ConfigError, match="«en»"):
        analyze(plan("styrke fastlegeordningen"), use_model=False)
    result = CliRunner().invoke(main, ["taxonomy", str(broken)])
    assert result.exit_code == 1 and "mangler" in result.output


def test_the_taxonomy_command_lists_topics_and_issues(dental: Path):
    result = CliRunner().invoke(main, ["taxonomy"])
    assert result.exit_code == 0, result.output
    assert "i orden" in result.output and "public_dental_care" in result.output
