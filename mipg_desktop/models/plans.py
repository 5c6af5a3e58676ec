"""Plans per fiscal year (action plan and Decreto 612 plans), activities and their follow-up."""

from __future__ import annotations

import os
from datetime import date, datetime

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.storage.base import Base, utcnow

PLAN_KIND_ACTION = "action"
PLAN_KIND_DECREE_612 = "decree612"
PLAN_KINDS = (PLAN_KIND_ACTION, PLAN_KIND_DECREE_612)
INDICATOR_TYPES = ("eficacia", "eficiencia", "efectividad")


def new_uid() -> str:
    """A stable identity for a row, kept across export, import and databases."""
    return os.urandom(16).hex()


activity_policies = Table(
    "activity_policies",
    Base.metadata,
    Column("activity_id", ForeignKey("plan_activities.id", ondelete="CASCADE"), primary_key=True),
    Column("policy_id", ForeignKey("policies.id", ondelete="CASCADE"), primary_key=True),
)

activity_plan_types = Table(
    "activity_plan_types",
    Base.metadata,
    Column("activity_id", ForeignKey("plan_activities.id", ondelete="CASCADE"), primary_key=True),
    Column("plan_type_id", ForeignKey("plan_types.id", ondelete="CASCADE"), primary_key=True),
)


class Plan(Base):
    """A plan of one fiscal year: the institutional action plan or a Decreto 612 plan."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("year", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20), default=PLAN_KIND_ACTION)
    plan_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_types.id", ondelete="SET NULL"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    plan_type: Mapped[PlanType | None] = relationship()
    activities: Mapped[list[PlanActivity]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanActivity.position"
    )


class PlanActivity(Base):
    """One activity (meta) of a plan, with its indicator, owner, weight and dates."""

    __tablename__ = "plan_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(Text)
    target_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(120), default="")
    indicator_name: Mapped[str] = mapped_column(Text, default="")
    indicator_type: Mapped[str] = mapped_column(String(20), default="")
    owner_unit: Mapped[str] = mapped_column(String(200), default="")
    owner_person: Mapped[str] = mapped_column(String(200), default="")
    weight: Mapped[float | None] = mapped_column(Float, nullable=True)
    start_date: Mapped[date | None] = mapped_column(nullable=True)
    end_date: Mapped[date | None] = mapped_column(nullable=True)
    budget: Mapped[float | None] = mapped_column(Numeric(18, 2, asdecimal=False), nullable=True)
    process: Mapped[str] = mapped_column(String(200), default="")
    strategic_objective: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="activities")
    policies: Mapped[list[Policy]] = relationship(
        secondary=activity_policies, order_by="Policy.sort_order"
    )
    plan_types: Mapped[list[PlanType]] = relationship(
        secondary=activity_plan_types, order_by="PlanType.sort_order"
    )
    progress: Mapped[list[ActivityProgress]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="ActivityProgress.quarter"
    )
    ratings: Mapped[list[ControlRating]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="ControlRating.semester"
    )


class ActivityProgress(Base):
    """Quarterly follow-up: planned and executed, cumulative progress (0–1), evidence."""

    __tablename__ = "activity_progress"
    __table_args__ = (UniqueConstraint("activity_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    # indexed by the unique (activity_id, quarter)
    activity_id: Mapped[int] = mapped_column(ForeignKey("plan_activities.id", ondelete="CASCADE"))
    quarter: Mapped[int] = mapped_column(Integer)
    planned: Mapped[float | None] = mapped_column(Float, nullable=True)
    executed: Mapped[float | None] = mapped_column(Float, nullable=True)
    progress: Mapped[float | None] = mapped_column(Float, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    activity: Mapped[PlanActivity] = relationship(back_populates="progress")
    files: Mapped[list[EvidenceFile]] = relationship(
        back_populates="progress", cascade="all, delete-orphan", order_by="EvidenceFile.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class EvidenceBlob(Base):
    """File content stored once by its SHA-256, however many times it is attached."""

    __tablename__ = "evidence_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EvidenceFile(Base):
    """A file attached as evidence to one quarter's follow-up."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    progress_id: Mapped[int] = mapped_column(
        ForeignKey("activity_progress.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blobs.sha256"), index=True)
    attached_at: Mapped[datetime] = mapped_column(default=utcnow)

    progress: Mapped[ActivityProgress] = relationship(back_populates="files")


class ControlRating(Base):
    """Control Interno's rating of an activity for one semester (1 or 2)."""

    __tablename__ = "control_ratings"
    __table_args__ = (UniqueConstraint("activity_id", "semester"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    # indexed by the unique (activity_id, semester)
    activity_id: Mapped[int] = mapped_column(ForeignKey("plan_activities.id", ondelete="CASCADE"))
    semester: Mapped[int] = mapped_column(Integer)
    rating: Mapped[str] = mapped_column(String(200), default="")
    remarks: Mapped[str] = mapped_column(Text, default="")

    activity: Mapped[PlanActivity] = relationship(back_populates="ratings")
