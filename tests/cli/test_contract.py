"""The contract output: `planatlas analyze --format jsonl` prints what the library analyses,
one object per statement, with the contract's fields and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planatlas import pipeline
from planatlas.cli import main
from planatlas.export.contract import CONTRACT_FIELDS, statement_record


def test_analyze_jsonl_on_the_seeds_is_the_library_s_contract_record(seeds: Path) -> None:
    files = sorted(seeds.glob("*.txt"))
    assert files
    for path in files:
        result = CliRunner().invoke(main, ["analyze", str(path), "--format", "jsonl"])
        assert result.exit_code == 0, result.output
        printed = [json.loads(line) for line in result.output.splitlines()]
        doc = pipeline.analyze(path)
        assert printed == [statement_record(doc, s) for s in doc.statements]
        assert all(tuple(record) == CONTRACT_FIELDS for record in printed)
        assert [r["index"] for r in printed] == list(range(len(printed)))


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_the_other_formats_carry_the_same_statements(seeds: Path, fmt: str) -> None:
    path = sorted(seeds.glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["analyze", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    doc = pipeline.analyze(path)
    if fmt == "json":
        (whole,) = json.loads(result.output)
        assert whole["statements"] == [statement_record(doc, s) for s in doc.statements]
    else:
        assert all(s.text in result.output for s in doc.statements)
