"""The members' review of a draft acta: the responses they send back and their observations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mipg_desktop.storage.base import Base, utcnow

TARGET_KINDS = ("acta", "deliberation", "decision", "commitment")
OBSERVATION_STATUSES = ("open", "accepted", "rejected", "answered")


class ReviewResponse(Base):
    """One member's response file (``.mipgrespuesta``), imported once."""

    __tablename__ = "review_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    member_name: Mapped[str] = mapped_column(String(200))
    session_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column()
    no_observations: Mapped[bool] = mapped_column(default=False)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")


class ReviewObservation(Base):
    """One observation of a response: on the acta as a whole or on one of its texts."""

    __tablename__ = "review_observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("review_responses.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    target_kind: Mapped[str] = mapped_column(String(20))
    target_uid: Mapped[str] = mapped_column(String(36))
    text_seen: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    proposed_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    reply: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    resolved_by: Mapped[str] = mapped_column(String(200), default="")
    replaced_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
