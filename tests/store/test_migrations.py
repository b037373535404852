"""Upgrading a database of the schema before accounts and follow-up (0003) to the newest, on
SQLite and PostgreSQL: what was stored stays, and accounts and follow-up work on it."""

# ruff: noqa: F401, F811  (fixtures are imported from store_fixtures and named as arguments)

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text
from store_fixtures import atlas_url

from planatlas.accounts import store as accounts
from planatlas.accounts.roles import Viewer
from planatlas.followup import store as followups
from planatlas.followup.records import Change
from planatlas.store import Atlas
from planatlas.store.engine import alembic_config, parse_url

ROWS = (
    "INSERT INTO actors (id, name, kind) VALUES (1, 'Foreningen', 'organisation')",
    "INSERT INTO documents (id, actor_id, title, path_key) "
    "VALUES (1, 1, 'Handlingsplan 2025', 'k')",
    "INSERT INTO document_versions (id, document_id, version, content_hash, source, format, "
    "period, pages, ingested_at, warnings) VALUES (1, 1, 1, 'h', 'plan.md', 'markdown', '2025', 1, "
    "CURRENT_TIMESTAMP, '[]')",
    "INSERT INTO statements (id, version_id, idx, text, normalised, form) VALUES "
    "(1, 1, 0, 'Vi skal arrangere minst tre arrangementer i løpet av året.', '', 'item')",
    'INSERT INTO codings (statement_id, kind, topics, positions, targets, "references", '
    "organisations, confidence, coder) VALUES (1, 'activity', '[]', '[]', "
    '\'[{"type": "count", "value": 3, "unit": null, "comparator": ">="}]\', '
    "'[]', '[]', '{}', 'rules-1')",
    "INSERT INTO corrections (statement_id, field, value, author, created_at) VALUES "
    "(1, 'topics', '[\"governance\"]', 'kari', CURRENT_TIMESTAMP)",
)


def test_a_database_at_0003_upgrades_and_keeps_its_data(atlas_url: str) -> None:
    if atlas_url == "sqlite://":
        return  # an in-memory database does not outlive its connection; the file stands in
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", str(parse_url(atlas_url).render_as_string(False)))
    command.upgrade(config, "0003")
    engine = create_engine(parse_url(atlas_url))
    with engine.begin() as conn:
        for sql in ROWS:
            conn.execute(text(sql))
    engine.dispose()
    with Atlas(atlas_url) as atlas:  # opening migrates to the newest schema
        stored = atlas.statement(1)
        assert stored.coding.kind == "activity" and stored.coding.topics == ["governance"]
        org = accounts.add_organisation(atlas, "Foreningen")
        accounts.add_user(atlas, "kari", "et-langt-passord", "editor", org.id)
        kari = accounts.viewer_of(accounts.user(atlas, "kari"))
        assert isinstance(kari, Viewer)
        followups.update_item(atlas, 1, Change(logged={"count": 2}, fields=["logged"]), 0, kari)
        board = followups.board(atlas, 1, kari)
        assert [i.logged for i in board.items] == [{"count": 2}]
        assert board.items[0].due == "2025-12-31"
