"""the members' review: response files and their observations

Revision ID: 0009_review
Revises: 0008_import_layouts
Create Date: 2026-12-02 03:30:00

- ``review_responses``: one member's ``.mipgrespuesta`` per row, imported once (its uid).
- ``review_observations``: each observation, its target, the text the member saw, and
  how the secretary resolved it (accepted, rejected or answered, with the text an accepted
  wording replaced).
- ``committee_sessions.approved_review``: the «Observaciones recibidas» an acta listed when
  it was approved, frozen (as ``approved_signers``), so its hash holds in any database.

Plain ``ADD COLUMN`` (no batch mode), as in 0006: a batch rebuild on SQLite drops triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_review"
down_revision = "0008_import_layouts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "committee_sessions",
        sa.Column("approved_review", sa.Text(), server_default="", nullable=False),
    )
    op.create_table(
        "review_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("member_name", sa.String(length=200), nullable=False),
        sa.Column("session_version", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("no_observations", sa.Boolean(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_review_responses_person_id_people"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["committee_sessions.id"],
            name=op.f("fk_review_responses_session_id_committee_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_responses")),
        sa.UniqueConstraint("uid", name=op.f("uq_review_responses_uid")),
    )
    op.create_index(
        op.f("ix_review_responses_session_id"), "review_responses", ["session_id"], unique=False
    )
    op.create_table(
        "review_observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_uid", sa.String(length=36), nullable=False),
        sa.Column("text_seen", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("proposed_text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=False),
        sa.Column("replaced_text", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["review_responses.id"],
            name=op.f("fk_review_observations_response_id_review_responses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["committee_sessions.id"],
            name=op.f("fk_review_observations_session_id_committee_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_observations")),
        sa.UniqueConstraint("uid", name=op.f("uq_review_observations_uid")),
    )
    for column in ("response_id", "session_id", "status"):
        op.create_index(
            op.f(f"ix_review_observations_{column}"),
            "review_observations",
            [column],
            unique=False,
        )


def downgrade() -> None:
    for column in ("status", "session_id", "response_id"):
        op.drop_index(op.f(f"ix_review_observations_{column}"), table_name="review_observations")
    op.drop_table("review_observations")
    op.drop_index(op.f("ix_review_responses_session_id"), table_name="review_responses")
    op.drop_table("review_responses")
    op.drop_column("committee_sessions", "approved_review")
