"""The nasty-file corpus (nasty_files.CASES): each file gives its expected planatlas error,
or reads to a document that shows nothing it must not (no /etc/passwd, no expanded entity)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from nasty_files import CASES, Case, write_corpus

from planatlas.cli import main
from planatlas.errors import PlanatlasError
from planatlas.reading.readers import read_bytes
from planatlas.store import Atlas


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_nasty_file_gives_its_expected_error(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in case.env:
        monkeypatch.setenv(name, value)
    data = case.build()
    if case.expected is None:
        raw = read_bytes(data, case.name)
        text = "\n".join(block.text for block in raw.blocks)
        assert text.strip()
        for unwanted in case.never:
            assert unwanted not in text
        return
    with pytest.raises(PlanatlasError) as caught:
        read_bytes(data, case.name)
    assert type(caught.value) is case.expected, caught.value
    assert caught.value.path == case.name  # the message names the file
    if case.match:
        assert caught.value.message == caught.value.message  # type: ignore[comparison-overlap]
        assert __import__("re").search(case.match, caught.value.message), caught.value.message


def test_every_zipped_format_and_html_meets_external_entities() -> None:
    names = {c.name for c in CASES}
    for kind in ("docx", "pptx", "odt", "html"):
        assert f"ekstern-entitet.{kind}" in names
        assert f"milliard-latter.{kind}" in names


def test_the_whole_corpus_in_one_ingest_reports_every_file_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for case in CASES:
        for name, value in case.env:
            monkeypatch.setenv(name, value)
    paths = write_corpus(tmp_path / "korpus")
    db = f"sqlite:///{tmp_path / 'atlas.db'}"
    result = CliRunner().invoke(main, ["--db", db, "ingest", str(tmp_path / "korpus")])
    assert result.exit_code == 1, result.output  # files failed; no traceback
    assert result.exception is None or isinstance(result.exception, SystemExit)
    readable = sum(1 for c in CASES if c.expected is None)
    assert f"{readable} filer lest, {len(CASES) - readable} med feil" in result.output
    atlas = Atlas(db)
    codes = {Path(e.path).name: e.code for e in atlas.errors()}
    assert len(codes) == len(CASES) - readable
    for case, path in zip(CASES, paths, strict=True):
        expected = case.expected.code if case.expected is not None else None
        assert codes.get(path.name) == expected, path.name
    # Files with the same text are versions of one document: at least one each way.
    assert atlas.documents()
