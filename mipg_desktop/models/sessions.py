"""Sessions, their agenda, attachments (stored once by SHA-256), attendance and quorum."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mipg_desktop.storage.base import Base, utcnow

SESSION_STATUSES = (
    "scheduled",
    "convened",
    "held",
    "minutes_draft",
    "under_review",
    "approved",
    "cancelled",
)
SESSION_KINDS = ("ordinary", "extraordinary")
MODALITIES = ("in_person", "virtual", "mixed")
ATTENDANCE_STATUSES = ("present", "absent", "excused", "delegated")
ATTENDING_STATUSES = ("present", "delegated")  # in the room or on the line; counted
AGENDA_KINDS = ("quorum", "previous_minutes", "commitments", "substantive", "other_business")

agenda_item_policies = Table(
    "agenda_item_policies",
    Base.metadata,
    Column("agenda_item_id", ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
    Column("policy_id", ForeignKey("policies.id", ondelete="CASCADE"), primary_key=True),
)

agenda_item_plan_types = Table(
    "agenda_item_plan_types",
    Base.metadata,
    Column("agenda_item_id", ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
    Column("plan_type_id", ForeignKey("plan_types.id", ondelete="CASCADE"), primary_key=True),
)


class CommitteeSession(Base):
    """One session ("Acta No. 03 de 2026") and its lifecycle status."""

    __tablename__ = "committee_sessions"
    __table_args__ = (UniqueConstraint("committee_id", "year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committees.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="ordinary")
    modality: Mapped[str] = mapped_column(String(20), default="in_person")
    place: Mapped[str] = mapped_column(String(300), default="")
    platform: Mapped[str] = mapped_column(String(300), default="")
    session_date: Mapped[date] = mapped_column(index=True)
    start_time: Mapped[time | None] = mapped_column(nullable=True)
    end_time: Mapped[time | None] = mapped_column(nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="scheduled", index=True)
    convened_at: Mapped[datetime | None] = mapped_column(nullable=True)
    convened_on: Mapped[date | None] = mapped_column(nullable=True)
    notice_override_reason: Mapped[str] = mapped_column(Text, default="")
    next_meeting_date: Mapped[date | None] = mapped_column(nullable=True)
    next_meeting_time: Mapped[time | None] = mapped_column(nullable=True)
    next_meeting_place: Mapped[str] = mapped_column(String(300), default="", server_default="")
    previous_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="SET NULL"), nullable=True
    )
    approved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approved_sha256: Mapped[str] = mapped_column(String(64), default="")
    # The signers the acta showed when approved (JSON [[role, name, position], ...]);
    # empty before approval and for sessions approved before migration 0005.
    approved_signers: Mapped[str] = mapped_column(Text, default="", server_default="")
    # the members' responses to the draft as the approved acta lists them (JSON; "" none)
    approved_review: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AgendaItem(Base):
    """An item of the orden del día (sub-items have a parent) and its deliberation text."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(30), default="substantive")
    presenter: Mapped[str] = mapped_column(String(300), default="")
    duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    deliberation: Mapped[str] = mapped_column(Text, default="")
    # No foreign key (commitments already reference agenda items); kept valid by the services.
    linked_commitment_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    linked_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="SET NULL"), nullable=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    policies = relationship("Policy", secondary=agenda_item_policies, order_by="Policy.sort_order")
    plan_types = relationship(
        "PlanType", secondary=agenda_item_plan_types, order_by="PlanType.sort_order"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AttachmentBlob(Base):
    """The bytes of an attachment, stored once per SHA-256 however often it is attached."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgendaAttachment(Base):
    __tablename__ = "agenda_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(
        ForeignKey("attachment_blobs.sha256", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    blob: Mapped[AttachmentBlob] = relationship()


class Attendance(Base):
    """One member's attendance at one session."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="CASCADE"), index=True
    )
    membership_id: Mapped[int] = mapped_column(
        ForeignKey("memberships.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="present")
    delegate_name: Mapped[str] = mapped_column(String(200), default="")
    delegate_position: Mapped[str] = mapped_column(String(300), default="")
    remote: Mapped[bool] = mapped_column(default=False)
    arrival_time: Mapped[time | None] = mapped_column(nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SessionGuest(Base):
    """A guest invited to one session only (voice, never vote, never counted for quorum)."""

    __tablename__ = "session_guests"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300), default="")
    organization: Mapped[str] = mapped_column(String(300), default="")
    remote: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class QuorumCheck(Base):
    """A recorded quorum verification, with its time and the numbers it was based on."""

    __tablename__ = "quorum_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("committee_sessions.id", ondelete="CASCADE"), index=True
    )
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    voting_members: Mapped[int] = mapped_column(Integer)
    present_voting: Mapped[int] = mapped_column(Integer)
    required_deliberate: Mapped[int] = mapped_column(Integer)
    required_decide: Mapped[int] = mapped_column(Integer)
    can_deliberate: Mapped[bool] = mapped_column()
    can_decide: Mapped[bool] = mapped_column()
    summary: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[str] = mapped_column(String(120), default="")
