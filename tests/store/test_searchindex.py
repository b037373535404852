"""The search index beside the database follows it, after crashes and across processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tantivy
from click.testing import CliRunner
from store_fixtures import plan, postgres_database

from planatlas.cli import main
from planatlas.questions.search import search
from planatlas.records import Filters
from planatlas.store import Atlas
from planatlas.store.searchindex import STATE


def texts(atlas: Atlas, query: str, **filters: object) -> list[str]:
    return sorted(h.statement.text for h in search(atlas, query, Filters(**filters)).hits)  # type: ignore[arg-type]


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'atlas.db'}"


def filled(url: str) -> Atlas:
    atlas = Atlas(url)
    atlas.add(plan())
    atlas.add(plan("sha256:to", title="Et annet dokument", actor="Kystpartiet", source="b.txt"))
    return atlas


def test_the_index_lives_beside_the_file_and_agrees_with_the_database(url: str) -> None:
    atlas = filled(url)
    with_index = texts(atlas, "kommune")
    folder = atlas.search_index().folder
    assert folder is not None and folder.name == "atlas.db.search" and (folder / STATE).is_file()
    assert atlas.check_search_index() == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANATLAS_SEARCH", "database")
        assert texts(atlas, "kommune") == with_index != []


def test_a_crash_before_the_state_was_written_only_repeats_work(url: str) -> None:
    atlas = filled(url)
    expected = texts(atlas, "fastlegeordningen")
    folder = atlas.search_index().folder
    assert folder is not None
    atlas.close()
    (folder / STATE).unlink()  # the index committed, the state never written
    again = Atlas(url)
    assert texts(again, "fastlegeordningen") == expected
    assert again.check_search_index() == []
    assert again.search_index()._index.searcher().num_docs == len(again.statements())


def test_a_damaged_index_or_one_of_another_database_is_built_again(
    url: str, tmp_path: Path
) -> None:
    atlas = filled(url)
    expected = texts(atlas, "kommune")
    atlas.close()
    folder = tmp_path / "atlas.db.search"
    (folder / "meta.json").write_text("not json", encoding="utf-8")
    assert texts(Atlas(url), "kommune") == expected
    other = Atlas(f"sqlite:///{tmp_path / 'other.db'}")
    other.add(plan("sha256:tre", title="Bare dette", actor="Tredje", source="c.txt"))
    shutil.rmtree(tmp_path / "other.db.search", ignore_errors=True)
    shutil.copytree(folder, tmp_path / "other.db.search")  # someone else's index
    fresh = Atlas(f"sqlite:///{tmp_path / 'other.db'}")
    assert {h.statement.actor for h in search(fresh, "kommune").hits} <= {"Tredje"}
    assert fresh.check_search_index() == []


def test_check_finds_what_the_index_lacks_and_rebuild_mends_it(url: str) -> None:
    atlas = filled(url)
    search(atlas, "kommune")
    index = atlas.search_index()
    doc = atlas.documents()[0].id
    writer = index._index.writer(15_000_000, 1)
    writer.delete_documents_by_query(tantivy.Query.term_query(index.schema, "document", doc))
    writer.commit()
    writer = None
    index._index.reload()
    problems = atlas.check_search_index()
    assert [(p.document_id, p.in_index) for p in problems] == [(doc, 0)]
    assert problems[0].in_database == len(atlas.statements(document=doc))
    assert atlas.rebuild_search_index() == len(atlas.statements())
    assert atlas.check_search_index() == []


def test_another_process_storing_and_correcting_is_seen(url: str) -> None:
    reader, writer = filled(url), Atlas(url)  # two Atlas objects: two indexes, one folder
    assert texts(reader, "legevakten") == []
    writer.add(plan("sha256:tre", extra="Legevakten skal styrkes."))  # a new version
    assert texts(reader, "legevakten") == ["Legevakten skal styrkes."]
    assert len(search(reader, "fastlegeordningen", Filters(actor="Helsepartiet")).hits) == 1
    target = search(reader, "legevakten").hits[0].statement
    writer.correct(target.id, {"kind": "measure"}, author="kari")
    assert texts(reader, "legevakten", kind="measure") == ["Legevakten skal styrkes."]
    writer.reindex(target.document_id)  # normalised again: every index reads it again
    assert texts(reader, "legevakten", kind="measure") == ["Legevakten skal styrkes."]
    assert reader.check_search_index() == []


def test_the_command_line_checks_and_rebuilds(url: str) -> None:
    atlas = filled(url)
    count = len(atlas.statements())
    atlas.close()
    runner = CliRunner()
    checked = runner.invoke(main, ["--db", url, "index"])
    assert checked.exit_code == 0 and "stemmer" in checked.output
    rebuilt = runner.invoke(main, ["--db", url, "index", "--rebuild"])
    assert rebuilt.exit_code == 0 and f"bygd på nytt: {count} utsagn" in rebuilt.output


@pytest.mark.postgres
def test_a_server_database_gets_its_index_under_its_own_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANATLAS_SEARCH_DIR", str(tmp_path))
    for url in postgres_database():
        atlas = filled(url)
        found = texts(atlas, "kommune")
        folder = atlas.search_index().folder
        assert folder is not None and folder.parent == tmp_path
        assert atlas.check_search_index() == []
        monkeypatch.setenv("PLANATLAS_SEARCH", "database")
        assert texts(atlas, "kommune") == found
        atlas.close()
