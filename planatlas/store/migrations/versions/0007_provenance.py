"""Where each statement came from: the first and last line number its page prints.

Draft programmes print line numbers in the margin for amendments; a statement keeps the range
it covers (`page` already holds the page). Both columns are empty where the source prints no
line numbers. SQLite adds and drops the columns in place: the statements table keeps its
search triggers, which rebuilding the table would lose.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("line_start", "line_end")


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column("statements", sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    for name in reversed(_COLUMNS):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE statements DROP COLUMN {name}")  # SQLite 3.35 and later
        else:
            op.drop_column("statements", name)
