"""What the search index beside the database needs to follow it (store/searchindex.py).

- `atlas_meta`: one row, `atlas_id`, a random id given once, so that an index built for one
  database is never taken for another's (a file replaced, a database dropped and made again).
- `search_log`: a row each time statements are normalised again (`Atlas.reindex`), so that an
  index in another process knows to read those documents again.
- an index on `codings.coded_at`: the newest coding is asked for on every request.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    meta = op.create_table(
        "atlas_meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.bulk_insert(meta, [{"key": "atlas_id", "value": uuid.uuid4().hex}])
    op.create_table(
        "search_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), nullable=True),  # None: every document
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.current_timestamp(),
        ),
    )
    op.create_index("ix_codings_coded_at", "codings", ["coded_at"])


def downgrade() -> None:
    op.drop_index("ix_codings_coded_at", "codings")
    op.drop_table("search_log")
    op.drop_table("atlas_meta")
