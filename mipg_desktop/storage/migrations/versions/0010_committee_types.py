"""committee types as data, modality rules, the reason for a modality outside them

Revision ID: 0010_committee_types
Revises: 0008_import_layouts
Create Date: 2026-12-02 03:30:00

- ``committee_types``: the types shipped in ``resources/catalog/committee_types.json``
  (filled when the database is opened, :func:`mipg_desktop.committees.types.sync_types`),
  each with its origin and whether the entity edited it.
- ``committees.type_code``: the type a committee was created from. Existing committees get
  it from their ``kind`` (institutional → CIGD, internal_control → CICCI, sectoral → CSGD,
  territorial → CMGD); ``other`` stays without a type.
- ``committee_rules.modality_rules``: which modalities the reglamento allows and when.
- ``committee_sessions.modality_reason``: why a session is held outside those rules.

Plain ``ADD COLUMN`` (no batch mode), as in 0006: a batch rebuild on SQLite drops triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_committee_types"
down_revision = "0008_import_layouts"
branch_labels = None
depends_on = None

TYPE_OF_KIND = (
    ("institutional", "CIGD"),
    ("internal_control", "CICCI"),
    ("sectoral", "CSGD"),
    ("territorial", "CMGD"),
)


def upgrade() -> None:
    op.create_table(
        "committee_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("applies_to", sa.JSON(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("catalog_version", sa.String(length=40), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_types")),
        sa.UniqueConstraint("code", name=op.f("uq_committee_types_code")),
    )
    op.add_column(
        "committees",
        sa.Column("type_code", sa.String(length=40), server_default="", nullable=False),
    )
    op.add_column(
        "committee_rules",
        sa.Column("modality_rules", sa.JSON(), server_default="[]", nullable=False),
    )
    op.add_column(
        "committee_sessions",
        sa.Column("modality_reason", sa.Text(), server_default="", nullable=False),
    )
    committees = sa.table("committees", sa.column("kind"), sa.column("type_code"))
    for kind, code in TYPE_OF_KIND:
        op.execute(committees.update().where(committees.c.kind == kind).values(type_code=code))


def downgrade() -> None:
    op.drop_column("committee_sessions", "modality_reason")
    op.drop_column("committee_rules", "modality_rules")
    op.drop_column("committees", "type_code")
    op.drop_table("committee_types")
