"""row versions for every record the window edits

Revision ID: 0006_row_versions
Revises: 0005_frozen_signers
Create Date: 2026-11-29 14:00:00

The entity, its document-control blocks, session guests and the quarterly follow-up of
plan activities get the ``version`` column the other edited records already have: every
update carries the version it was read at, and a stale one is refused instead of
overwriting somebody else's change.

Plain ``ADD COLUMN`` (no batch mode): on SQLite a batch rebuild would drop the freeze
triggers of ``session_guests``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_row_versions"
down_revision = "0005_frozen_signers"
branch_labels = None
depends_on = None

# document_controls already has a «version» column: the document's own «Versión».
COLUMNS = (
    ("entities", "version"),
    ("document_controls", "row_version"),
    ("session_guests", "version"),
    ("activity_progress", "version"),
)


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, sa.Column(column, sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    for table, column in COLUMNS:
        op.drop_column(table, column)
