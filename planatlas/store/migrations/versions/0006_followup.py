"""Follow-up of plans and contacts: follow-up items (one per followed statement, with a
version number for optimistic locking), their history, evidence (links and files), the
carry-over of follow-up to a plan's new version; an organisation's contacts and the documents
a contact spoke in or wrote.

Independent of the statements' columns: only statements.id and documents.id are referred to.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=True),
        sa.Column("body", sa.String(length=40), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("party", sa.String(length=200), nullable=True),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consent_note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_contacts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    op.create_index(op.f("ix_contacts_organisation_id"), "contacts", ["organisation_id"])
    op.create_table(
        "document_people",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_document_people_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_people_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "contact_id", "relation", name=op.f("pk_document_people")
        ),
    )
    op.create_index(op.f("ix_document_people_contact_id"), "document_people", ["contact_id"])
    op.create_table(
        "followup_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=True),
        sa.Column("due", sa.String(length=10), nullable=True),
        sa.Column("progress", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answered_by"],
            ["statements.id"],
            name=op.f("fk_followup_items_answered_by_statements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_followup_items_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_followup_items_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_followup_items_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_items")),
        sa.UniqueConstraint("statement_id", name=op.f("uq_followup_items_statement_id")),
    )
    op.create_index(op.f("ix_followup_items_document_id"), "followup_items", ["document_id"])
    op.create_table(
        "followup_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["followup_items.id"],
            name=op.f("fk_followup_events_item_id_followup_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_events")),
    )
    op.create_index(op.f("ix_followup_events_item_id"), "followup_events", ["item_id"])
    op.create_table(
        "followup_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("filename", sa.String(length=300), nullable=True),
        sa.Column("media_type", sa.String(length=100), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["followup_items.id"],
            name=op.f("fk_followup_evidence_item_id_followup_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_evidence")),
    )
    op.create_index(op.f("ix_followup_evidence_item_id"), "followup_evidence", ["item_id"])
    op.create_table(
        "followup_carries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("from_version", sa.Integer(), nullable=False),
        sa.Column("to_version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_followup_carries_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_carries")),
    )
    op.create_index(op.f("ix_followup_carries_document_id"), "followup_carries", ["document_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_followup_carries_document_id"), table_name="followup_carries")
    op.drop_table("followup_carries")
    op.drop_index(op.f("ix_followup_evidence_item_id"), table_name="followup_evidence")
    op.drop_table("followup_evidence")
    op.drop_index(op.f("ix_followup_events_item_id"), table_name="followup_events")
    op.drop_table("followup_events")
    op.drop_index(op.f("ix_followup_items_document_id"), table_name="followup_items")
    op.drop_table("followup_items")
    op.drop_index(op.f("ix_document_people_contact_id"), table_name="document_people")
    op.drop_table("document_people")
    op.drop_index(op.f("ix_contacts_organisation_id"), table_name="contacts")
    op.drop_table("contacts")
