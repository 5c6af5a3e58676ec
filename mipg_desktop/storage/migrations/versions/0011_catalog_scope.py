"""the catalog's change log, plan type names by year, and the entity's reporting scope

Revision ID: 0011_catalog_scope
Revises: 0010_committee_types
Create Date: 2026-12-02 03:30:00

- ``catalog_changes``: each change of the shipped catalog applied to this database (or
  already included when the catalog was first loaded), with its source (norm, date), when it
  was applied and the steps kept as the entity had them.
- ``plan_types.names_by_year`` (a JSON list of names with ``from_year``/``until_year`` and
  their source) and ``plan_types.notes`` (e.g. a Función Pública concept on the plan).
- ``entities.reporting_scope`` (``mipg`` or ``meci``: the entity reports the whole MIPG or
  only control interno) and ``entities.reporting_scope_source`` (where that came from).

Plain ``ADD COLUMN`` (no batch mode), as in 0006: a batch rebuild on SQLite drops triggers.
Existing rows keep everything: a plan type without names by year shows its name for every
year until the catalog upgrade (at start-up) adds them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_catalog_scope"
down_revision = "0010_committee_types"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalog_version_id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.String(length=60), nullable=False),
        sa.Column("version_code", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source_norm", sa.Text(), nullable=False),
        sa.Column("source_date", sa.String(length=20), nullable=False),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("kept", sa.JSON(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_versions.id"],
            name=op.f("fk_catalog_changes_catalog_version_id_catalog_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_changes")),
        sa.UniqueConstraint(
            "catalog_version_id",
            "change_id",
            name=op.f("uq_catalog_changes_catalog_version_id_change_id"),
        ),
    )
    op.create_index(
        op.f("ix_catalog_changes_catalog_version_id"),
        "catalog_changes",
        ["catalog_version_id"],
        unique=False,
    )
    op.add_column(
        "plan_types", sa.Column("names_by_year", sa.JSON(), server_default="[]", nullable=False)
    )
    op.add_column("plan_types", sa.Column("notes", sa.Text(), server_default="", nullable=False))
    op.add_column(
        "entities",
        sa.Column("reporting_scope", sa.String(length=10), server_default="mipg", nullable=False),
    )
    op.add_column(
        "entities",
        sa.Column(
            "reporting_scope_source", sa.String(length=60), server_default="", nullable=False
        ),
    )


def downgrade() -> None:
    op.drop_column("entities", "reporting_scope_source")
    op.drop_column("entities", "reporting_scope")
    op.drop_column("plan_types", "notes")
    op.drop_column("plan_types", "names_by_year")
    op.drop_index(op.f("ix_catalog_changes_catalog_version_id"), table_name="catalog_changes")
    op.drop_table("catalog_changes")
