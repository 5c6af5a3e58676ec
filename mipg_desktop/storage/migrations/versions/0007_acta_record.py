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

from mipg_desktop.audit import entry_sha256
from mipg_desktop.storage import freeze_guards

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
    _chain_existing_audit()
    freeze_guards.install(op.execute, op.get_bind().dialect.name)


def _chain_existing_audit() -> None:
    """Hash the entries written before this revision into the chain, oldest first."""
    entries = sa.table(
        "audit_entries",
        sa.column("id", sa.Integer()),
        sa.column("at", sa.DateTime()),
        sa.column("user_name", sa.String()),
        sa.column("db_account", sa.String()),
        sa.column("action", sa.String()),
        sa.column("table_name", sa.String()),
        sa.column("record_id", sa.String()),
        sa.column("summary", sa.Text()),
        sa.column("changes", sa.JSON()),
        sa.column("prev_sha256", sa.String()),
        sa.column("sha256", sa.String()),
    )
    bind = op.get_bind()
    prev = ""
    for row in bind.execute(sa.select(entries).order_by(entries.c.id)).mappings().all():
        digest = entry_sha256(prev, dict(row))
        bind.execute(
            entries.update()
            .where(entries.c.id == row["id"])
            .values(prev_sha256=prev, sha256=digest)
        )
        prev = digest


def downgrade() -> None:
    # Approved actas, their signatures and the audit chain are records: never dropped.
    raise NotImplementedError("0007_acta_record cannot be downgraded: it holds approved records")
