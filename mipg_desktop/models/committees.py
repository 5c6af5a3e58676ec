"""Committees, their reglamento and agenda template, people and memberships over time."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mipg_desktop.storage.base import Base, utcnow

COMMITTEE_KINDS = ("institutional", "sectoral", "territorial", "internal_control", "other")
ROLES = ("president", "technical_secretary", "voting_member", "permanent_guest", "guest")
VOTING_ROLES = ("president", "voting_member")


class Committee(Base):
    """A committee (CIGD, sectoral, territorial, CICCI, other) and the act that created it."""

    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(30), default="institutional")
    # The committee type it was created from (``committee_types.code``); "" for none.
    type_code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    creation_act: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    rules: Mapped[CommitteeRules | None] = relationship(
        back_populates="committee", cascade="all, delete-orphan", uselist=False
    )
    template_items: Mapped[list[AgendaTemplateItem]] = relationship(
        cascade="all, delete-orphan", order_by="AgendaTemplateItem.position"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="committee", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CommitteeRules(Base):
    """The reglamento as data: quorum, majority, tie-breaker, notice days, signers.

    Quorum kinds: ``half_plus_one`` (of voting members), ``fraction`` (numerator /
    denominator of voting members, rounded up) or ``count`` (numerator members).
    Majority kinds: ``simple`` (more for than against), ``absolute_present`` (more
    than half of the voting members present), ``absolute_members`` (more than half of
    all voting members), ``qualified`` (numerator/denominator of those present).
    Tie-breaker: ``president`` (the president's casting vote) or ``none``.
    """

    __tablename__ = "committee_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committees.id", ondelete="CASCADE"), unique=True
    )
    deliberate_quorum_kind: Mapped[str] = mapped_column(String(20), default="half_plus_one")
    deliberate_quorum_num: Mapped[int] = mapped_column(Integer, default=1)
    deliberate_quorum_den: Mapped[int] = mapped_column(Integer, default=2)
    decide_quorum_kind: Mapped[str] = mapped_column(String(20), default="half_plus_one")
    decide_quorum_num: Mapped[int] = mapped_column(Integer, default=1)
    decide_quorum_den: Mapped[int] = mapped_column(Integer, default=2)
    delegates_count: Mapped[bool] = mapped_column(default=True)
    majority_kind: Mapped[str] = mapped_column(String(20), default="simple")
    majority_num: Mapped[int] = mapped_column(Integer, default=2)
    majority_den: Mapped[int] = mapped_column(Integer, default=3)
    tie_breaker: Mapped[str] = mapped_column(String(20), default="president")
    notice_days_ordinary: Mapped[int] = mapped_column(Integer, default=5)
    notice_days_extraordinary: Mapped[int] = mapped_column(Integer, default=2)
    periodicity_months: Mapped[int] = mapped_column(Integer, default=3)
    signer_roles: Mapped[list[str]] = mapped_column(
        JSON, default=lambda: ["president", "technical_secretary"]
    )
    approval_method: Mapped[str] = mapped_column(Text, default="")
    tacit_approval_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Which modalities the reglamento allows and when: a list of
    # {"modality", "allowed": always|conditional|never, "condition", "source"}; empty: all.
    modality_rules: Mapped[list[dict[str, str]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    committee: Mapped[Committee] = relationship(back_populates="rules")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AgendaTemplateItem(Base):
    """A standard agenda item every new session of the committee starts with.

    ``kind``: ``quorum``, ``previous_minutes``, ``commitments``, ``substantive``,
    ``other_business``.
    """

    __tablename__ = "agenda_template_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committees.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(30), default="substantive")
    duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Membership(Base):
    """Who sat on a committee, in which role and position, from when until when."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36))
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committees.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    has_vote: Mapped[bool] = mapped_column(default=False)
    position: Mapped[str] = mapped_column(String(300), default="")
    start_date: Mapped[date] = mapped_column()
    end_date: Mapped[date | None] = mapped_column(nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    committee: Mapped[Committee] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class TextBlock(Base):
    """A reusable minutes paragraph with placeholders like ``{presentes}``."""

    __tablename__ = "text_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("committees.id", ondelete="CASCADE"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
