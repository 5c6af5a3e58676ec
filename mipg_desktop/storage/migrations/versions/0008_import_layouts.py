"""import layouts and the FURAG entity's classification

Revision ID: 0008_import_layouts
Revises: 0007_acta_record
Create Date: 2026-12-02 00:30:00

- ``import_layouts``: a column mapping the user confirmed for a spreadsheet, keyed by its
  normalised header row, applied to the next file with the same headers.
- ``furag_results`` keeps the published file's «Tipo Formulario» (MIPG or MECI), «Naturaleza
  Jurídica» and «Clasificación orgánica».

Plain ``ADD COLUMN`` (no batch mode), as in 0006: a batch rebuild on SQLite drops triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_import_layouts"
down_revision = "0007_acta_record"
branch_labels = None
depends_on = None

FURAG_COLUMNS = (
    ("form_type", 20),
    ("legal_nature", 200),
    ("organic_classification", 200),
)


def upgrade() -> None:
    op.create_table(
        "import_layouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("header_key", sa.String(length=64), nullable=False),
        sa.Column("headers", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_layouts")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_import_layouts_kind_name")),
    )
    op.create_index(
        op.f("ix_import_layouts_header_key"), "import_layouts", ["header_key"], unique=False
    )
    for column, length in FURAG_COLUMNS:
        op.add_column(
            "furag_results",
            sa.Column(column, sa.String(length=length), server_default="", nullable=False),
        )


def downgrade() -> None:
    for column, _length in FURAG_COLUMNS:
        op.drop_column("furag_results", column)
    op.drop_index(op.f("ix_import_layouts_header_key"), table_name="import_layouts")
    op.drop_table("import_layouts")
