"""Full-text search over statements: a normalised column and an index over it and the text.

SQLite gets an FTS5 table with `statements` as its external content: the text is stored once,
in `statements`, and the index holds only terms and positions. A contentless table would save
the same space, but (before SQLite 3.43) it cannot delete a row without being handed the old
values anyway, and it cannot `rebuild` itself from the table it indexes, which is how this
migration fills it and how a damaged index is mended. Triggers on `statements` keep it in step
on every insert, update and delete, whatever code writes the rows.

PostgreSQL gets a stored generated tsvector column (the normalised terms weighted A, the text as
written B, both through the 'simple' configuration: the normalisation is ours, not the
server's) and a GIN index over it; the server keeps the column in step itself.

Existing statements are normalised here, with the analysis's own normalisation.

Revision ID: 0002
Revises: 0001
Create Date: 2025-06-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from planatlas.coding.normalize import fold

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5000

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE statement_fts USING fts5(text, normalised, content='statements', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')",
    """CREATE TRIGGER statement_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statement_fts(rowid, text, normalised)
        VALUES (new.id, new.text, new.normalised);
    END""",
    """CREATE TRIGGER statement_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statement_fts(statement_fts, rowid, text, normalised)
        VALUES ('delete', old.id, old.text, old.normalised);
    END""",
    """CREATE TRIGGER statement_fts_update AFTER UPDATE OF text, normalised ON statements BEGIN
        INSERT INTO statement_fts(statement_fts, rowid, text, normalised)
        VALUES ('delete', old.id, old.text, old.normalised);
        INSERT INTO statement_fts(rowid, text, normalised)
        VALUES (new.id, new.text, new.normalised);
    END""",
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS statement_fts_update",
    "DROP TRIGGER IF EXISTS statement_fts_delete",
    "DROP TRIGGER IF EXISTS statement_fts_insert",
    "DROP TABLE IF EXISTS statement_fts",
)
_POSTGRES_UP = (
    """ALTER TABLE statements ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, normalised), 'A')
        || setweight(to_tsvector('simple'::regconfig, text), 'B')
    ) STORED""",
    "CREATE INDEX ix_statements_search_vector ON statements USING gin (search_vector)",
)
_POSTGRES_DOWN = (
    "DROP INDEX IF EXISTS ix_statements_search_vector",
    "ALTER TABLE statements DROP COLUMN IF EXISTS search_vector",
)


def upgrade() -> None:
    op.add_column(
        "statements", sa.Column("normalised", sa.Text(), nullable=False, server_default="")
    )
    _normalise_existing()
    postgres = op.get_bind().dialect.name == "postgresql"
    for sql in _POSTGRES_UP if postgres else _SQLITE_UP:
        op.execute(sql)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for sql in _POSTGRES_DOWN if postgres else _SQLITE_DOWN:
        op.execute(sql)
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("normalised")


def _normalise_existing() -> None:
    """Fill the normalised column of every stored statement, in the statement's language."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT s.id, s.text, COALESCE(c.language, v.language) FROM statements s "
            "JOIN document_versions v ON v.id = s.version_id "
            "LEFT JOIN codings c ON c.statement_id = s.id"
        )
    ).all()
    update = sa.text("UPDATE statements SET normalised = :normalised WHERE id = :id")
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        values = [
            {"id": i, "normalised": fold(text, language or "nb")} for i, text, language in batch
        ]
        conn.execute(update, values)
