"""The one door: a file, an upload and a stored document all go through the same steps."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from planatlas import pipeline
from planatlas.coding import model
from planatlas.export.contract import statement_record
from planatlas.records import Coding, Document
from planatlas.store import Atlas

PLAN = """Handlingsplan for Kystpartiet 2025–2028

Kystpartiet vil:
- avvikle de regionale helseforetakene
- styrke fastlegeordningen i små kommuner
- innføre en nasjonal bemanningsnorm i eldreomsorgen

Sykehusene i nord har i dag for få spesialister.
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "kystpartiet-handlingsplan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def records(doc: Document) -> list[dict[str, object]]:
    return [statement_record(doc, s) | {"document": None} for s in doc.statements]


def test_read_then_analyze_is_analyze_of_the_path(plan_file: Path) -> None:
    read = pipeline.read(plan_file)
    assert all(s.coding == Coding() for s in read.statements)  # reading does not code
    assert records(pipeline.analyze(read)) == records(pipeline.analyze(plan_file))
    assert all(s.coding.kind for s in pipeline.analyze(read).statements)


def test_an_upload_is_read_and_coded_as_the_same_file_is(plan_file: Path) -> None:
    from_file = pipeline.analyze(plan_file)
    uploaded = pipeline.analyze(pipeline.read_bytes(plan_file.read_bytes(), plan_file.name))
    assert records(uploaded) == records(from_file)
    assert uploaded.content_hash == from_file.content_hash


def test_ingest_stores_once_and_records_a_bad_file(plan_file: Path, tmp_path: Path) -> None:
    atlas = Atlas("sqlite://")
    first = pipeline.ingest_file(plan_file, atlas)
    assert (first.status, first.failed) == ("new", False)
    assert first.statements == len(atlas.statements())
    again = pipeline.ingest_bytes(plan_file.read_bytes(), "kopi.txt", atlas)
    assert again.status == "unchanged"  # the same content, however it comes in
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    bad = pipeline.ingest_file(empty, atlas)
    assert bad.failed and bad.error_code == "empty_file"
    assert [e.path for e in atlas.errors()] == [str(empty)]
    assert len(atlas.statements()) == first.statements  # nothing stored changed


def test_reanalysis_goes_through_analyze_and_its_model(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored document coded again gets what a new one gets, trained model included."""
    atlas = Atlas("sqlite://")
    pipeline.ingest_file(plan_file, atlas)

    def marked(_: object, doc: Document) -> Document:
        coded = [replace(s, coding=replace(s.coding, kind="opinion")) for s in doc.statements]
        return replace(doc, statements=coded)

    monkeypatch.setattr(model, "trained_model", lambda: object())
    monkeypatch.setattr(model, "apply", marked)
    assert {s.coding.kind for s in pipeline.analyze(plan_file).statements} == {"opinion"}
    first = atlas.statements()[0]
    atlas.correct(first.id, {"kind": "goal"}, "kari")
    done = pipeline.reanalyze(atlas, first.document_id)
    kinds = [s.coding.kind for s in atlas.statements()]
    assert done == len(kinds)
    assert kinds[0] == "goal"  # a person's correction stays in force
    assert set(kinds[1:]) == {"opinion"}


def test_the_collector_is_paused_while_coding_and_left_as_it_was():
    import gc

    from planatlas import collector

    seen: list[bool] = []
    with collector.paused():
        seen.append(gc.isenabled())
        with collector.paused():
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())  # the inner pause leaves it to the outer one
    seen.append(gc.isenabled())
    gc.disable()
    try:
        with collector.paused():
            pass
        seen.append(gc.isenabled())  # off by someone else: stays off
    finally:
        gc.enable()
    assert seen == [False, False, False, True, False]


def test_a_shallow_copy_of_a_statement_is_copy_copy():
    import copy

    from planatlas.records import Statement, shallow_copy

    statement = Statement(index=3, text="Vi vil styrke sykehusene.", section=("Helse",))
    copied = shallow_copy(statement)
    assert copied == copy.copy(statement) and copied is not statement
    assert copied.coding is statement.coding  # shallow: the parts are shared
