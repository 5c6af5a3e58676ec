"""frozen signers of approved actas

Revision ID: 0005_frozen_signers
Revises: 0004_search
Create Date: 2026-11-21 12:55:07.230232

``committee_sessions.approved_signers`` keeps the signers an acta showed when it was
approved, so later changes to the committee's rules or members never change its
SHA-256. Sessions approved before this revision keep it empty and read the signers
from the current rules, as they did when they were hashed.

Plain ``ADD COLUMN`` (no batch mode): on SQLite a batch rebuild of the table would
drop its freeze triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_frozen_signers"
down_revision = "0004_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "committee_sessions",
        sa.Column("approved_signers", sa.Text(), server_default="", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("committee_sessions", "approved_signers")
