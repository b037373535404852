"""The Atlas on SQLite (a file and memory) and on a real PostgreSQL server."""

# ruff: noqa: F401, F811  (fixtures are imported from store_fixtures and named as arguments)

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from store_fixtures import (
    atlas_url,
    big_plan,
    fresh_atlas,
    memory_atlas,
    plan,
    postgres_database,
)

from planatlas.errors import NotFound, StoreError
from planatlas.records import Coding, Position, Target
from planatlas.store import Atlas, effective_coding
from planatlas.store import write as store_write
from planatlas.store.engine import alembic_config
from planatlas.store.schema import Base, compared


def _counts(atlas: Atlas) -> dict[str, int]:
    return atlas.overview()


# --- adding and versions


def test_new_then_unchanged(fresh_atlas: Atlas) -> None:
    first = fresh_atlas.add(plan())
    assert (first.status, first.version) == ("new", 1)
    before = _counts(fresh_atlas)
    again = fresh_atlas.add(plan())
    assert (again.status, again.document_id, again.version) == ("unchanged", first.document_id, 1)
    assert _counts(fresh_atlas) == before
    assert before == {
        "actors": 1,
        "documents": 1,
        "versions": 1,
        "statements": 4,
        "errors": 0,
        "corrections": 0,
    }


def test_changed_content_is_version_two_and_version_one_stays(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    added = fresh_atlas.add(plan("sha256:to", extra="Vi mener dette er en god plan for Finnmark."))
    assert (added.status, added.version) == ("new_version", 2)
    title = "Handlingsplan for bedre helse i Nord-Norge"
    assert len(fresh_atlas.document(title).statements) == 5
    old = fresh_atlas.document(title, version=1)
    assert old.content_hash == "sha256:en"
    assert [s.index for s in old.statements] == [0, 1, 2, 3]
    assert [v.version for v in fresh_atlas.versions(added.document_id)] == [1, 2]
    assert [v.statements for v in fresh_atlas.versions(title)] == [4, 5]
    assert fresh_atlas.add(plan()).status == "unchanged"  # version 1's content is known


def test_identity_is_actor_and_title_or_the_source(fresh_atlas: Atlas) -> None:
    assert fresh_atlas.add(plan(title="Helseplan for Vestland")).status == "new"
    assert fresh_atlas.add(plan("x", title="  helseplan  for VESTLAND ")).status == "new_version"
    assert fresh_atlas.add(plan("y", title="Helseplan for Vestland", actor="Ap")).status == "new"
    untitled = fresh_atlas.add(plan("z", title=None, source="brev/høring.pdf"))
    assert untitled.status == "new"
    moved = fresh_atlas.add(plan("w", title=None, source="brev/høring.pdf"))
    assert (moved.status, moved.document_id) == ("new_version", untitled.document_id)
    assert fresh_atlas.add(plan("w", title=None, source="brev/annen.pdf")).status == "new"
    assert len(fresh_atlas.documents()) == 4


def test_document_round_trips(fresh_atlas: Atlas) -> None:
    original = plan()
    added = fresh_atlas.add(original)
    stored = fresh_atlas.document(added.document_id)
    assert stored == original
    assert fresh_atlas.document(str(added.document_id)) == original
    assert fresh_atlas.document("planer/handlingsplan.docx") == original


def test_document_without_actor_or_coding(fresh_atlas: Atlas) -> None:
    doc = plan(actor=None)
    for s in doc.statements:
        s.coding = Coding()
    fresh_atlas.add(doc)
    assert fresh_atlas.document(doc.title or "") == doc
    assert fresh_atlas.actors() == []


# --- atomicity


def _fail(*_args: Any, **_kwargs: Any) -> None:
    raise RuntimeError("strømbrudd midt i lagringen")


def test_failed_new_version_leaves_everything_as_it_was(
    fresh_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_atlas.add(plan())
    before = _counts(fresh_atlas)
    monkeypatch.setattr(store_write, "_insert_codings", _fail)
    with pytest.raises(RuntimeError):
        fresh_atlas.add(plan("sha256:to", extra="Dette blir aldri lagret."))
    monkeypatch.undo()
    assert _counts(fresh_atlas) == before
    assert [v.version for v in fresh_atlas.versions(1)] == [1]
    assert fresh_atlas.document(1) == plan()


def test_failed_new_document_stores_nothing(
    fresh_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_atlas.add(plan())
    before = _counts(fresh_atlas)
    monkeypatch.setattr(store_write, "_insert_codings", _fail)
    with pytest.raises(RuntimeError):
        fresh_atlas.add(plan("ny", title="Ny plan", actor="Senterpartiet"))
    monkeypatch.undo()
    assert _counts(fresh_atlas) == before
    assert [a.name for a in fresh_atlas.actors()] == ["Helsepartiet"]
    assert fresh_atlas.add(plan("ny", title="Ny plan", actor="Senterpartiet")).status == "new"


# --- corrections and re-analysis


def test_corrections_survive_set_coding(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    first = fresh_atlas.statements(document=1)[0]
    fresh_atlas.correct(first.id, {"kind": "measure"}, author="kari")
    fresh_atlas.correct(first.id, {"topics": ["psykisk_helse"]}, author="kari")
    fresh_atlas.correct(first.id, {"positions": ["ventetider:+"]}, author="ola")
    fresh_atlas.set_coding(first.id, Coding(kind="fact", topics=["økonomi"]), coder="rules-2")
    coding = fresh_atlas.statement(first.id).coding
    assert coding.kind == "measure"
    assert coding.topics == ["psykisk_helse"]
    assert coding.positions == [Position("ventetider", "+")]
    assert coding.confidence["kind"] == 1.0
    assert fresh_atlas.statement(first.id).corrected
    fresh_atlas.correct(first.id, {"kind": "goal"}, author="ola")  # the latest correction wins
    assert fresh_atlas.document(1).statements[0].coding.kind == "goal"
    assert _counts(fresh_atlas)["corrections"] == 4


def test_set_coding_replaces_the_machine_coding(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    last = fresh_atlas.statements()[-1]
    new = Coding(kind="measure", language="nb", targets=[Target("count", 12, "senger", ">=")])
    fresh_atlas.set_coding(last.id, new, coder="rules-2")
    assert fresh_atlas.statement(last.id).coding == new
    assert not fresh_atlas.statement(last.id).corrected


def test_corrections_follow_unchanged_text_into_a_new_version(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    first = fresh_atlas.statements()[0]
    fresh_atlas.correct(first.id, {"kind": "measure"}, author="kari")
    fresh_atlas.add(plan("sha256:to", extra="Et nytt utsagn om rus og psykisk helse."))
    latest = fresh_atlas.statements()
    assert latest[0].version == 2 and latest[0].id != first.id
    assert latest[0].coding.kind == "measure" and latest[0].corrected
    assert fresh_atlas.statement(first.id).coding.kind == "measure"  # version 1 unchanged


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("text", "ny tekst", "kan ikke rette feltet «text»"),
        ("kind", "ønske", "ukjent utsagnstype «ønske»"),
        ("positions", ["ventetider"], "ugyldig posisjon"),
        ("targets", [{"verdi": 3}], "ugyldig mål"),
        ("topics", 7, "må være en liste"),
    ],
)
def test_bad_corrections_are_refused(
    memory_atlas: Atlas, field: str, value: Any, says: str
) -> None:
    memory_atlas.add(plan())
    with pytest.raises(StoreError, match=says):
        memory_atlas.correct(1, {field: value}, author="kari")
    assert _counts(memory_atlas)["corrections"] == 0


def test_correcting_or_coding_a_missing_statement(memory_atlas: Atlas) -> None:
    with pytest.raises(NotFound, match="fant ikke utsagn 99"):
        memory_atlas.correct(99, {"kind": "goal"}, author="kari")
    with pytest.raises(NotFound):
        memory_atlas.set_coding(99, Coding(kind="goal"), coder="rules-1")
    with pytest.raises(NotFound):
        memory_atlas.statement(99)


def test_effective_coding_applies_corrections_in_order() -> None:
    machine = Coding(kind="fact", topics=["rus"], confidence={"kind": 0.4})
    corrected = effective_coding(
        machine, [("kind", "goal"), ("kind", "demand"), ("language", "nn")]
    )
    assert (corrected.kind, corrected.language, corrected.topics) == ("demand", "nn", ["rus"])
    assert machine.kind == "fact" and machine.confidence == {"kind": 0.4}


# --- queries


def test_statement_filters(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    fresh_atlas.add(plan("b", title="Ap sin plan", actor="Arbeiderpartiet", source="ap.pdf"))
    assert len(fresh_atlas.statements()) == 8
    assert len(fresh_atlas.statements(actor="Arbeiderpartiet")) == 4
    assert len(fresh_atlas.statements(document="ap.pdf")) == 4
    assert [s.index for s in fresh_atlas.statements(kind="demand")] == [1, 1]
    only = fresh_atlas.statements(actor="Helsepartiet", topic="jordmor")
    assert [(s.index, s.actor, s.title, s.version) for s in only] == [
        (2, "Helsepartiet", "Handlingsplan for bedre helse i Nord-Norge", 1)
    ]
    assert only[0].section == ("Mål for helsetjenesten", "Tiltak i kommunene")
    fresh_atlas.correct(only[0].id, {"kind": "demand"}, author="kari")
    assert len(fresh_atlas.statements(kind="demand")) == 3


def test_statements_of_all_versions(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    fresh_atlas.add(plan("sha256:to"))
    assert len(fresh_atlas.statements()) == 4
    assert len(fresh_atlas.statements(all_versions=True)) == 8


def test_summaries(fresh_atlas: Atlas) -> None:
    fresh_atlas.add(plan())
    fresh_atlas.add(plan("sha256:to", extra="Helsepartiet vil ha flere jordmødre i Alta."))
    fresh_atlas.add(plan("c", title=None, actor=None, source="notat.txt"))
    (first, second) = fresh_atlas.documents()
    assert (first.title, first.actor, first.version, first.statements) == (
        "Handlingsplan for bedre helse i Nord-Norge",
        "Helsepartiet",
        2,
        5,
    )
    assert (first.genre, first.language, first.period) == ("action_plan", "nb", "2024–2027")
    assert (second.title, second.actor, second.source) == (None, None, "notat.txt")
    (actor,) = fresh_atlas.actors()
    assert (actor.name, actor.kind, actor.documents) == ("Helsepartiet", "party", 1)
    assert fresh_atlas.overview()["versions"] == 3


def test_unknown_document(fresh_atlas: Atlas) -> None:
    with pytest.raises(NotFound, match="fant ikke dokumentet «Statsbudsjettet 2030»"):
        fresh_atlas.document("Statsbudsjettet 2030")
    fresh_atlas.add(plan())
    with pytest.raises(NotFound, match="ingen versjon 7"):
        fresh_atlas.document(1, version=7)
    with pytest.raises(NotFound):
        fresh_atlas.versions(42)


def test_ambiguous_title_asks_for_an_id(memory_atlas: Atlas) -> None:
    memory_atlas.add(plan(title="Helseplan"))
    memory_atlas.add(plan("b", title="Helseplan", actor="Høyre"))
    with pytest.raises(StoreError, match="passer til flere dokumenter"):
        memory_atlas.document("Helseplan")


def test_errors_are_recorded(fresh_atlas: Atlas) -> None:
    fresh_atlas.record_error("innboks/ødelagt.pdf", "corrupt_file", "PDF-filen er skadet")
    fresh_atlas.record_error("innboks/tom.txt", "empty_file", "filen er tom")
    errors = fresh_atlas.errors()
    assert [(e.path, e.code) for e in errors] == [
        ("innboks/tom.txt", "empty_file"),
        ("innboks/ødelagt.pdf", "corrupt_file"),
    ]
    assert errors[1].message == "PDF-filen er skadet" and errors[1].created_at is not None
    assert fresh_atlas.overview()["errors"] == 2


# --- opening, schema and migrations


def test_migrated_schema_matches_the_models(fresh_atlas: Atlas) -> None:
    with fresh_atlas._engine.connect() as conn:  # the migrations are the schema: no drift
        opts = {"compare_type": True, "include_name": compared}  # the search index is apart
        context = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(context, Base.metadata) == []
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert context.get_current_revision() == head


def test_in_memory_atlas_is_migrated(memory_atlas: Atlas) -> None:
    assert memory_atlas.overview()["documents"] == 0
    memory_atlas.add(plan())
    assert memory_atlas.overview()["documents"] == 1


def test_sqlite_file_reopens_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    with Atlas(url) as atlas:
        atlas.add(plan())
    with Atlas(url) as again:
        assert again.add(plan()).status == "unchanged"
        engine = again._engine  # the pragmas are per connection: look at the Atlas's own
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    Atlas(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="nyere skjemaversjon"):
        Atlas(url)


def test_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="ugyldig database-URL"):
        Atlas("ikke en url")
    with pytest.raises(StoreError, match="kan ikke bruke databasen"):
        Atlas("finnesikke://vert/db")


def test_unreachable_server_names_the_url_without_password() -> None:
    with pytest.raises(StoreError) as caught:
        Atlas("postgresql://kari:hemmelig@127.0.0.1:1/planatlas")
    message = str(caught.value)
    assert "kan ikke åpne databasen postgresql+psycopg://kari:***@127.0.0.1:1/planatlas" in message
    assert "hemmelig" not in message


def test_default_url_comes_from_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANATLAS_DB", f"sqlite:///{tmp_path / 'fra-miljø.db'}")
    with Atlas() as atlas:
        assert atlas.url.endswith("fra-miljø.db")
    assert (tmp_path / "fra-miljø.db").exists()


@pytest.mark.postgres
def test_plain_postgresql_url_uses_psycopg() -> None:
    for url in postgres_database():
        plain = url.replace("postgresql+psycopg://", "postgresql://")
        with Atlas(plain) as atlas:
            assert atlas.url.startswith("postgresql+psycopg://")
            assert atlas.add(plan()).status == "new"


# --- speed


def test_a_thousand_statements_go_in_bulk(memory_atlas: Atlas) -> None:
    executions: list[str] = []

    def count(*args: Any) -> None:
        executions.append(args[2])

    event.listen(memory_atlas._engine, "before_cursor_execute", count)
    memory_atlas.add(big_plan(1000))
    event.remove(memory_atlas._engine, "before_cursor_execute", count)
    assert len(executions) < 40, executions  # not one round trip per statement
    assert memory_atlas.overview()["statements"] == 1000


def test_insert_speed_on_a_sqlite_file(tmp_path: Path) -> None:
    with Atlas(f"sqlite:///{tmp_path / 'fart.db'}") as atlas:
        doc = big_plan(5000)
        started = time.perf_counter()
        atlas.add(doc)
        rate = 5000 / (time.perf_counter() - started)
    print(f"\n{rate:,.0f} utsagn/s lagret i SQLite")
    assert rate > 2000  # the target is >10,000/s; this only catches a return to row-by-row
