"""the approved acta as a record: its PDF, snapshot and signed versions; audit chain

Revision ID: 0007_acta_record
Revises: 0006_row_versions
Create Date: 2026-12-01 22:00:00

- ``approved_actas``: the acta exactly as approved (PDF bytes, the snapshot of all it
  shows, their SHA-256), one row per approved session, append-only.
- ``acta_signatures``: each signed version of an approved acta (an incremental update
  of the previous one), append-only.
- ``audit_entries`` gains the database account and a hash chain (``prev_sha256``,
  ``sha256``) so a deleted or altered entry is found by ``mipg verify``.
- ``committee_sessions`` gains the next meeting's time and place (GTC 185).

Plain ``ADD COLUMN`` (no batch mode): on SQLite a batch rebuild would drop the freeze
triggers of ``committee_sessions``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_acta_record"
down_revision = "0006_row_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("committee_sessions", sa.Column("next_meeting_time", sa.Time(), nullable=True))
    op.add_column(
        "committee_sessions",
        sa.Column("next_meeting_place", sa.String(300), server_default="", nullable=False),
    )
    op.create_table(
        "approved_actas",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("snapshot_sha256", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["committee_sessions.id"],
            name=op.f("fk_approved_actas_session_id_committee_sessions"),
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_approved_actas")),
    )
    op.create_table(
        "acta_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("field_name", sa.String(80), nullable=False),
        sa.Column("signer_name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["approved_actas.session_id"],
            name=op.f("fk_acta_signatures_session_id_approved_actas"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acta_signatures")),
        sa.UniqueConstraint(
            "session_id", "sequence", name=op.f("uq_acta_signatures_session_id_sequence")
        ),
    )
    op.add_column(
        "audit_entries",
        sa.Column("db_account", sa.String(120), server_default="", nullable=False),
    )
    op.add_column(
        "audit_entries", sa.Column("prev_sha256", sa.String(64), server_default="", nullable=False)
    )
    op.add_column(
        "audit_entries", sa.Column("sha256", sa.String(64), server_default="", nullable=False)
    )


def downgrade() -> None:
    for column in ("sha256", "prev_sha256", "db_account"):
        op.drop_column("audit_entries", column)
    op.drop_table("acta_signatures")
    op.drop_table("approved_actas")
    op.drop_column("committee_sessions", "next_meeting_place")
    op.drop_column("committee_sessions", "next_meeting_time")
