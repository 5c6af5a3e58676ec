"""Read models of committee work: plain, frozen data for the window and the documents.

Stable API (names never change; fields may be added):

- ``get_session_detail(db, session_id) -> SessionDetail``: everything an acta, a
  convocation or a session pack shows: committee, entity, number/year/kind/modality,
  place/platform, date and times, status, convocation, members with role, position
  and attendance (``attendees``), guests, quorum, the ordered agenda with sub-items,
  presenters, durations, linked policies and plans, attachments, deliberation text,
  decisions with votes and outcome, commitments, next meeting, signers, approval
  info (sha256), errata, previous session.
- ``list_sessions(db, committee_id=None, year=None, status=None) -> list[SessionSummary]``
- ``list_committees(db) -> list[CommitteeSummary]``; ``get_committee(db, id) -> CommitteeDetail``
- ``list_members(db, committee_id, on=None, include_past=False) -> list[MemberInfo]``
- ``list_commitments(db, status=None, owner=None, committee_id=None, overdue=None,
  session_id=None, today=None) -> list[CommitmentInfo]``
- ``read_attachment(db, sha256) -> bytes`` (the stored bytes, for the pack)
- ``list_text_blocks(db, committee_id=None) -> list[TextBlockInfo]``
- ``list_people(db) -> list[PersonInfo]`` (everyone who ever sat on a committee or was added)

Deliberation texts are stored in a small safe markup (``**bold**``, ``*italics*``,
headings, bulleted and numbered lists, tables, blank line between blocks; described in
:mod:`mipg_desktop.committees.markup`); ``AgendaItemInfo.deliberation_blocks`` holds the
parsed form, never HTML.
``SessionDetail.attendees`` are the members with voice and vote or the technical secretary
who sat on the committee on the session date (an approved acta: exactly the attendance
it recorded); permanent guests and session guests are in ``guests``. ``quorum`` is the
last recorded verification (``checked_at``) or, if none, computed now (``checked_at`` None).
Codes (``status``, ``kind``, ``role``...) are English; each has a ``*_label`` in Spanish.
Times are naive UTC for timestamps (``*_at``) and local wall-clock for session times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from mipg_desktop.committees.markup import MarkupBlock
from mipg_desktop.committees.phases import PhaseFlags
from mipg_desktop.committees.views_committee import (
    CommitteeDetail,
    CommitteeSummary,
    MemberInfo,
    PersonInfo,
    RulesInfo,
    TemplateItemInfo,
    TextBlockInfo,
)

if TYPE_CHECKING:
    from mipg_desktop.committees.review import MemberSummary
    from mipg_desktop.storage.database import Database

__all__ = [
    "AgendaItemInfo",
    "ApprovalInfo",
    "AttachmentInfo",
    "AttendeeInfo",
    "CommitmentInfo",
    "CommitteeDetail",
    "CommitteeSummary",
    "DecisionInfo",
    "ErratumInfo",
    "FollowUpInfo",
    "GuestInfo",
    "MemberInfo",
    "PersonInfo",
    "QuorumInfo",
    "RulesInfo",
    "SessionDetail",
    "SessionRef",
    "SessionSummary",
    "SignerInfo",
    "TemplateItemInfo",
    "TextBlockInfo",
    "get_committee",
    "get_session_detail",
    "list_commitments",
    "list_committees",
    "list_members",
    "list_people",
    "list_sessions",
    "list_text_blocks",
    "read_attachment",
]


@dataclass(frozen=True)
class AttendeeInfo:
    """A member who sat on the committee on the session date, with their attendance."""

    membership_id: int
    name: str
    role: str
    role_label: str
    position: str
    has_vote: bool
    status: str  # present, absent, excused, delegated, or "" when not yet recorded
    status_label: str
    delegate_name: str
    delegate_position: str
    remote: bool
    arrival_time: time | None
    version: int = 0  # of the attendance mark; 0 while none is recorded


@dataclass(frozen=True)
class GuestInfo:
    name: str
    position: str
    organization: str
    remote: bool
    permanent: bool
    status: str = ""  # attendance of a permanent guest; session guests are present
    guest_id: int | None = None  # a session guest (None: a permanent guest, a membership)
    version: int = 0


@dataclass(frozen=True)
class QuorumInfo:
    voting_members: int
    present_voting: int
    required_deliberate: int
    required_decide: int
    can_deliberate: bool
    can_decide: bool
    text: str
    checked_at: datetime | None  # when recorded; None when computed now


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    name: str
    sha256: str
    size: int
    mime: str


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    uid: str
    agenda_item_id: int | None
    number: int
    text: str
    votes_for: int
    votes_against: int
    abstentions: int
    outcome: str  # approved, rejected, tied
    outcome_label: str
    tie_broken: bool
    tie_break_note: str
    version: int = 0


@dataclass(frozen=True)
class FollowUpInfo:
    id: int
    on_date: date
    note: str
    evidence: str
    progress: int | None
    recorded_by: str
    session_id: int | None


@dataclass(frozen=True)
class CommitmentInfo:
    id: int
    uid: str
    session_id: int
    session_title: str
    session_date: date
    committee_id: int
    committee_name: str
    agenda_item_id: int | None
    number: int
    text: str
    owner: str
    owner_membership_id: int | None
    due_date: date | None
    status: str  # open, in_progress, done, cancelled
    overdue: bool
    status_label: str  # "Vencido" when overdue
    progress: int
    closed_on: date | None
    remarks: str
    follow_ups: tuple[FollowUpInfo, ...]
    version: int


@dataclass(frozen=True)
class AgendaItemInfo:
    id: int
    uid: str
    number: str  # "1", "3", "3.2"
    position: int
    title: str
    kind: str
    presenter: str
    duration_minutes: int | None
    description: str
    policies: tuple[str, ...]
    plan_types: tuple[str, ...]
    attachments: tuple[AttachmentInfo, ...]
    deliberation: str  # stored markup
    deliberation_blocks: tuple[MarkupBlock, ...]
    decisions: tuple[DecisionInfo, ...]
    commitments: tuple[CommitmentInfo, ...]  # created under this item
    linked_commitment_id: int | None
    linked_session_id: int | None
    linked_session_title: str
    sub_items: tuple[AgendaItemInfo, ...]
    version: int


@dataclass(frozen=True)
class SignerInfo:
    """Who signs the acta for ``role``: for the president, whoever presided the session.

    A delegate who presided «en representación de» the president signs, with ``represents``
    naming the president («name, position»); otherwise ``represents`` is empty.
    """

    role: str
    role_label: str
    name: str
    position: str
    represents: str = ""


@dataclass(frozen=True)
class ApprovalInfo:
    approved_at: datetime
    approved_by: str
    sha256: str


@dataclass(frozen=True)
class ErratumInfo:
    id: int
    created_at: datetime
    created_by: str
    section: str
    text: str
    sha256: str


@dataclass(frozen=True)
class SessionRef:
    id: int
    title: str
    session_date: date
    status: str


@dataclass(frozen=True)
class SessionSummary:
    id: int
    uid: str
    committee_id: int
    committee_name: str
    number: int
    year: int
    title: str  # "Acta No. 03 de 2026"
    kind: str
    kind_label: str
    session_date: date
    status: str
    status_label: str
    # things worth a second look that did not stop the change (e.g. numbers out of date order)
    warnings: tuple[str, ...] = ()
    version: int = 0


@dataclass(frozen=True)
class SessionDetail(PhaseFlags):
    """A session as the window shows it; what its phase allows: :class:`PhaseFlags`."""

    id: int
    uid: str
    committee_id: int
    committee_name: str
    committee_short_name: str
    committee_kind: str
    committee_kind_label: str
    creation_act: str
    entity_name: str
    entity_city: str
    number: int
    year: int
    title: str
    kind: str
    kind_label: str
    modality: str
    modality_label: str
    place: str
    platform: str
    session_date: date
    start_time: time | None
    end_time: time | None
    status: str
    status_label: str
    convened_at: datetime | None
    convened_on: date | None
    notice_override_reason: str
    attendees: tuple[AttendeeInfo, ...]
    guests: tuple[GuestInfo, ...]
    quorum: QuorumInfo
    agenda: tuple[AgendaItemInfo, ...]  # top-level items; sub-items inside each
    decisions: tuple[DecisionInfo, ...]  # all, in order
    commitments: tuple[CommitmentInfo, ...]  # created in this session, by number
    next_meeting_date: date | None
    next_meeting_time: time | None
    next_meeting_place: str
    signers: tuple[SignerInfo, ...]
    approval: ApprovalInfo | None
    errata: tuple[ErratumInfo, ...]
    previous_session: SessionRef | None
    version: int
    # the quorum the attendance gives now, when it differs from the one recorded
    # (attendance corrected after «Verificar quórum»); None when they agree
    quorum_now: QuorumInfo | None = None
    # the members' responses to the draft (committees/review.py), one line per member
    review: tuple[MemberSummary, ...] = ()

    @property
    def is_frozen(self) -> bool:
        return self.status == "approved"

    def all_agenda_items(self) -> list[AgendaItemInfo]:
        """Every item, depth first (a parent before its sub-items)."""
        out: list[AgendaItemInfo] = []

        def walk(items: tuple[AgendaItemInfo, ...]) -> None:
            for item in items:
                out.append(item)
                walk(item.sub_items)

        walk(self.agenda)
        return out


def get_session_detail(db: Database, session_id: int) -> SessionDetail:
    from mipg_desktop.committees.session_detail import read_session_detail

    with db.transaction() as session:
        return read_session_detail(session, session_id)


def list_sessions(
    db: Database,
    committee_id: int | None = None,
    year: int | None = None,
    status: str | None = None,
) -> list[SessionSummary]:
    from mipg_desktop.committees.readers import read_session_summaries

    with db.transaction() as session:
        return read_session_summaries(session, committee_id, year, status)


def list_committees(db: Database) -> list[CommitteeSummary]:
    from mipg_desktop.committees.readers import read_committees

    with db.transaction() as session:
        return read_committees(session)


def get_committee(db: Database, committee_id: int) -> CommitteeDetail:
    from mipg_desktop.committees.readers import read_committee_detail

    with db.transaction() as session:
        return read_committee_detail(session, committee_id)


def list_members(
    db: Database, committee_id: int, on: date | None = None, include_past: bool = False
) -> list[MemberInfo]:
    """Members on ``on`` (default today); ``include_past`` lists every period ever."""
    from mipg_desktop.committees.readers import read_members

    with db.transaction() as session:
        return read_members(session, committee_id, on or date.today(), include_past)


def list_commitments(
    db: Database,
    status: str | None = None,
    owner: str | None = None,
    committee_id: int | None = None,
    overdue: bool | None = None,
    session_id: int | None = None,
    today: date | None = None,
    policy_code: str | None = None,
) -> list[CommitmentInfo]:
    """Commitments across sessions and committees; ``status`` may also be ``overdue``.

    ``owner`` matches part of the owner's name (case and accents ignored);
    ``policy_code`` keeps those made under an agenda item (or sub-item) linked to the policy.
    """
    from mipg_desktop.committees.readers import read_commitments

    with db.transaction() as session:
        return read_commitments(
            session,
            status,
            owner,
            committee_id,
            overdue,
            session_id,
            today or date.today(),
            policy_code,
        )


def read_attachment(db: Database, sha256: str) -> bytes:
    from mipg_desktop.committees.attachments import load_blob

    with db.transaction() as session:
        return load_blob(session, sha256)


def list_text_blocks(db: Database, committee_id: int | None = None) -> list[TextBlockInfo]:
    from mipg_desktop.committees.readers import read_text_blocks

    with db.transaction() as session:
        return read_text_blocks(session, committee_id)


def list_people(db: Database) -> list[PersonInfo]:
    from sqlalchemy import select

    from mipg_desktop.models.committees import Person

    with db.transaction() as session:
        return [
            PersonInfo(p.id, p.uid, p.full_name, p.position, p.unit, p.email, p.version)
            for p in session.scalars(select(Person).order_by(Person.full_name, Person.id))
        ]
