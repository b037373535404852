"""When each statement was last coded, so that a reader can tell that a re-analysis happened.

The web app keeps the atlas in memory and must see a `planatlas recode` run by another
process; the newest `coded_at` tells it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("codings") as batch:
        batch.add_column(
            sa.Column(
                "coded_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.func.current_timestamp(),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("codings") as batch:
        batch.drop_column("coded_at")
