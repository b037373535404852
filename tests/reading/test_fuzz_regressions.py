"""Every input a fuzz harness once crashed on: now a document or one of planatlas's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from planatlas.errors import PlanatlasError
from planatlas.reading.readers import read_bytes, readers

KEPT = Path(__file__).parent / "fuzz_regressions"
CASES = sorted(p for p in KEPT.glob("*/*") if p.is_file())


def test_there_are_kept_inputs() -> None:
    assert CASES, f"no regression inputs under {KEPT}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_kept_fuzz_input_gives_a_document_or_a_project_error(path: Path) -> None:
    data = path.read_bytes()
    harness = path.parent.name
    try:
        if harness == "any":
            read_bytes(data, "fuzz.bin")
        else:
            reader = next(r for r in readers() if r.name == harness)
            reader.read(data, f"fuzz.{harness}")
    except PlanatlasError as error:
        assert error.message  # a reason a person can read
