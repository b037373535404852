"""Migration 0007 (provenance): the printed line numbers of each statement, on SQLite and
PostgreSQL: upgraded to from the revision before it, and back."""

# ruff: noqa: F401, F811  (fixtures are imported from store_fixtures and named as arguments)
from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from store_fixtures import atlas_url, plan

from planatlas.records import Statement
from planatlas.store import Atlas
from planatlas.store.engine import alembic_config


def test_statements_keep_their_page_and_printed_lines(atlas_url: str) -> None:
    doc = plan()
    doc.statements[0].page, doc.statements[0].lines = 24, (226, 228)
    doc.statements[1].page = 25
    with Atlas(atlas_url) as atlas:
        atlas.add(doc)
        stored = atlas.document(doc.source).statements
    assert [(s.page, s.lines) for s in stored[:3]] == [(24, (226, 228)), (25, None), (None, None)]


def before_provenance() -> str:
    """The revision the provenance migration follows."""
    script = ScriptDirectory.from_config(alembic_config()).get_revision("0007")
    assert script is not None and isinstance(script.down_revision, str)
    return script.down_revision


def test_upgrade_keeps_the_statements_and_adds_the_lines(atlas_url: str) -> None:
    if atlas_url == "sqlite://":
        return  # an in-memory database does not outlive the connection that migrates it
    engine = create_engine(atlas_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, before_provenance())
        conn.execute(text("INSERT INTO documents (title, path_key) VALUES ('Gammel', 'gammel')"))
        conn.execute(
            text(
                "INSERT INTO document_versions (document_id, version, content_hash, source, "
                "format, pages, ingested_at, warnings) VALUES "
                "(1, 1, 'sha256:gammel', 'gammel.pdf', 'pdf', 3, CURRENT_TIMESTAMP, '[]')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO statements (version_id, idx, text, normalised, form, page) "
                "VALUES (1, 0, 'Sykehusene skal styres av folkevalgte.', '', 'sentence', 2)"
            )
        )
    engine.dispose()
    with Atlas(atlas_url) as atlas:  # opening migrates to the newest schema
        old = atlas.document("gammel.pdf").statements
        fresh = plan()
        fresh.statements[0].lines = (10, 12)
        atlas.add(fresh)
        new = atlas.document(fresh.source).statements[0]
    assert [(s.text, s.page, s.lines) for s in old] == [
        ("Sykehusene skal styres av folkevalgte.", 2, None)
    ]
    assert isinstance(new, Statement) and new.lines == (10, 12)


def test_downgrade_drops_the_line_columns(atlas_url: str) -> None:
    if atlas_url == "sqlite://":
        return
    Atlas(atlas_url).close()
    engine = create_engine(atlas_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, before_provenance())
        columns = set(conn.execute(text("SELECT * FROM statements")).keys())
    engine.dispose()
    assert "page" in columns and not {"line_start", "line_end"} & columns
