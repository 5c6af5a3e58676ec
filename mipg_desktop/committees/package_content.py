"""The session package's content: reading a session into plain JSON data (export side)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.committees.committees import RULE_FIELDS
from mipg_desktop.committees.package_record import entity_section, record_section
from mipg_desktop.committees.readers import get_committee_row, get_session_row
from mipg_desktop.models.committees import Membership
from mipg_desktop.models.entity import Entity
from mipg_desktop.models.minutes import Commitment, CommitmentFollowUp, Decision, Erratum
from mipg_desktop.models.sessions import (
    AgendaAttachment,
    AgendaItem,
    Attendance,
    CommitteeSession,
    QuorumCheck,
    SessionGuest,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SESSION_KEYS = (
    "uid",
    "number",
    "year",
    "kind",
    "modality",
    "place",
    "platform",
    "session_date",
    "start_time",
    "end_time",
    "status",
    "convened_at",
    "convened_on",
    "notice_override_reason",
    "next_meeting_date",
    "next_meeting_time",
    "next_meeting_place",
    "approved_at",
    "approved_by",
    "approved_sha256",
    "approved_signers",
)
ITEM_KEYS = (
    "uid",
    "position",
    "title",
    "kind",
    "presenter",
    "duration_minutes",
    "description",
    "deliberation",
)
ATTENDANCE_KEYS = ("status", "delegate_name", "delegate_position", "remote", "arrival_time")
GUEST_KEYS = ("uid", "name", "position", "organization", "remote")
QUORUM_KEYS = (
    "checked_at",
    "voting_members",
    "present_voting",
    "required_deliberate",
    "required_decide",
    "can_deliberate",
    "can_decide",
    "summary",
    "checked_by",
)
DECISION_KEYS = (
    "uid",
    "position",
    "text",
    "votes_for",
    "votes_against",
    "abstentions",
    "outcome",
    "tie_broken",
    "tie_break_note",
)
COMMITMENT_KEYS = (
    "uid",
    "number",
    "text",
    "owner_name",
    "due_date",
    "status",
    "progress",
    "closed_on",
    "remarks",
)
FOLLOW_UP_KEYS = ("uid", "on_date", "note", "evidence", "progress", "recorded_by", "recorded_at")
ERRATUM_KEYS = ("uid", "section", "text", "created_at", "created_by", "sha256")


def to_json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def pick(row: object, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: to_json_value(getattr(row, k)) for k in keys}


def _uid_of(session: Session, model: type[Any], row_id: int | None) -> str | None:
    if row_id is None:
        return None
    row = session.get(model, row_id)
    return str(row.uid) if row is not None else None


def read_content(session: Session, session_id: int) -> dict[str, Any]:
    """Everything the package carries for one session, as JSON-ready data (no ids).

    Lists are in an order that depends only on the data (never on database ids), so
    the same session reads the same in every database.
    """
    content = _read(session, session_id)
    orders = {
        "memberships": lambda r: r["uid"],
        "agenda_items": lambda r: (r["position"], r["uid"]),
        "attachments": lambda r: (r["agenda_item_uid"], r["position"], r["uid"]),
        "attendance": lambda r: r["membership_uid"],
        "guests": lambda r: r["uid"],
        "quorum_checks": lambda r: (r["checked_at"], r["summary"]),
        "decisions": lambda r: (r["position"], r["uid"]),
        "commitments": lambda r: r["number"],
        "follow_ups": lambda r: (r["on_date"], r["uid"]),
        "earlier_follow_ups": lambda r: (r["on_date"], r["uid"]),
        "errata": lambda r: (r["created_at"], r["uid"]),
    }
    for key, order in orders.items():
        content[key].sort(key=order)
    return content


def _read(session: Session, session_id: int) -> dict[str, Any]:
    row = get_session_row(session, session_id)
    committee = get_committee_row(session, row.committee_id)
    entity = session.get(Entity, committee.entity_id) if committee.entity_id else None
    memberships = session.scalars(
        select(Membership)
        .where(Membership.committee_id == committee.id)
        .options(selectinload(Membership.person))
        .order_by(Membership.id)
    ).all()
    m_uid = {m.id: m.uid for m in memberships}
    people = {m.person.uid: m.person for m in memberships}
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.session_id == row.id)
        .options(selectinload(AgendaItem.policies), selectinload(AgendaItem.plan_types))
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    item_uid = {i.id: i.uid for i in items}
    commitments = session.scalars(
        select(Commitment).where(Commitment.session_id == row.id).order_by(Commitment.number)
    ).all()
    c_uid = {c.id: c.uid for c in commitments}
    rules = committee.rules
    return {
        "entity": entity_section(entity)[0],
        "record": record_section(session, row)[0],
        "committee": {
            "uid": committee.uid,
            "name": committee.name,
            "short_name": committee.short_name,
            "kind": committee.kind,
            "creation_act": committee.creation_act,
            "rules": pick(rules, RULE_FIELDS) if rules else None,
            "template": [
                {"title": t.title, "kind": t.kind, "duration_minutes": t.duration_minutes}
                for t in committee.template_items
            ],
        },
        "people": [
            {
                "uid": p.uid,
                "full_name": p.full_name,
                "position": p.position,
                "unit": p.unit,
                "email": p.email,
            }
            for uid, p in sorted(people.items())
        ],
        "memberships": [
            {
                "uid": m.uid,
                "person_uid": m.person.uid,
                "role": m.role,
                "has_vote": m.has_vote,
                "position": m.position,
                "start_date": m.start_date.isoformat(),
                "end_date": to_json_value(m.end_date),
                "sort_order": m.sort_order,
            }
            for m in memberships
        ],
        "session": {
            **pick(row, SESSION_KEYS),
            "previous_session_uid": _uid_of(session, CommitteeSession, row.previous_session_id),
        },
        "agenda_items": [
            {
                **pick(i, ITEM_KEYS),
                "parent_uid": item_uid.get(i.parent_id or 0),
                "linked_commitment_uid": c_uid.get(i.linked_commitment_id or 0)
                or _uid_of(session, Commitment, i.linked_commitment_id),
                "linked_session_uid": _uid_of(session, CommitteeSession, i.linked_session_id),
                "policies": [p.code for p in i.policies],
                "plan_types": [t.code for t in i.plan_types],
            }
            for i in items
        ],
        "attachments": [
            {
                "uid": a.uid,
                "agenda_item_uid": item_uid[a.agenda_item_id],
                "sha256": a.sha256,
                "name": a.name,
                "position": a.position,
            }
            for a in session.scalars(
                select(AgendaAttachment)
                .where(AgendaAttachment.session_id == row.id)
                .order_by(
                    AgendaAttachment.agenda_item_id, AgendaAttachment.position, AgendaAttachment.id
                )
            )
        ],
        "attendance": [
            {**pick(a, ATTENDANCE_KEYS), "membership_uid": m_uid[a.membership_id]}
            for a in session.scalars(
                select(Attendance).where(Attendance.session_id == row.id).order_by(Attendance.id)
            )
            if a.membership_id in m_uid
        ],
        "guests": [
            pick(g, GUEST_KEYS)
            for g in session.scalars(
                select(SessionGuest)
                .where(SessionGuest.session_id == row.id)
                .order_by(SessionGuest.id)
            )
        ],
        "quorum_checks": [
            pick(q, QUORUM_KEYS)
            for q in session.scalars(
                select(QuorumCheck)
                .where(QuorumCheck.session_id == row.id)
                .order_by(QuorumCheck.checked_at, QuorumCheck.id)
            )
        ],
        "decisions": [
            {**pick(d, DECISION_KEYS), "agenda_item_uid": item_uid.get(d.agenda_item_id or 0)}
            for d in session.scalars(
                select(Decision)
                .where(Decision.session_id == row.id)
                .order_by(Decision.position, Decision.id)
            )
        ],
        "commitments": [
            {
                **pick(c, COMMITMENT_KEYS),
                "agenda_item_uid": item_uid.get(c.agenda_item_id or 0),
                "owner_membership_uid": m_uid.get(c.owner_membership_id or 0),
            }
            for c in commitments
        ],
        "follow_ups": [
            {
                **pick(f, FOLLOW_UP_KEYS),
                "commitment_uid": c_uid[f.commitment_id],
                "session_uid": _uid_of(session, CommitteeSession, f.session_id),
            }
            for f in session.scalars(
                select(CommitmentFollowUp)
                .where(CommitmentFollowUp.commitment_id.in_(list(c_uid)))
                .order_by(CommitmentFollowUp.on_date, CommitmentFollowUp.id)
            )
        ],
        "earlier_follow_ups": _earlier_follow_ups(session, row.id, set(c_uid)),
        "errata": [
            pick(e, ERRATUM_KEYS)
            for e in session.scalars(
                select(Erratum).where(Erratum.session_id == row.id).order_by(Erratum.id)
            )
        ],
    }


def _earlier_follow_ups(
    session: Session, session_id: int, own_commitments: set[int]
) -> list[dict[str, Any]]:
    """Follow-ups recorded in this session on commitments of earlier sessions (by uid)."""
    session_uid = _uid_of(session, CommitteeSession, session_id)
    rows = session.execute(
        select(CommitmentFollowUp, Commitment.uid)
        .join(Commitment, Commitment.id == CommitmentFollowUp.commitment_id)
        .where(CommitmentFollowUp.session_id == session_id)
        .order_by(CommitmentFollowUp.on_date, CommitmentFollowUp.uid)
    ).all()
    return [
        {**pick(f, FOLLOW_UP_KEYS), "commitment_uid": c_uid, "session_uid": session_uid}
        for f, c_uid in rows
        if f.commitment_id not in own_commitments
    ]
