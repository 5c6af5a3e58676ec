"""The full read model of one session (:class:`views.SessionDetail`): attendance and
quorum, agenda with sub-items, decisions, commitments, signers, approval, errata."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.committees import labels
from mipg_desktop.committees.markup import parse_markup
from mipg_desktop.committees.quorum import compute_quorum, counts_for_quorum
from mipg_desktop.committees.readers import (
    _entity_name,
    _follow_ups_by_commitment,
    commitment_info,
    decision_info,
    get_committee_row,
    get_session_row,
    memberships_on,
    sorted_memberships,
)
from mipg_desktop.committees.views import (
    AgendaItemInfo,
    ApprovalInfo,
    AttachmentInfo,
    AttendeeInfo,
    CommitmentInfo,
    DecisionInfo,
    ErratumInfo,
    GuestInfo,
    QuorumInfo,
    SessionDetail,
    SessionRef,
    SignerInfo,
)
from mipg_desktop.models.committees import Committee, CommitteeRules, Membership
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

    from mipg_desktop.committees.review import MemberSummary


def attendance_rows(
    session: Session, row: CommitteeSession
) -> list[tuple[Membership, str, Attendance | None]]:
    """(membership, status, attendance) for everyone who sat on the session date.

    An approved acta lists exactly the attendance it recorded, so later changes to
    membership periods never alter it.
    """
    marks = {
        a.membership_id: a
        for a in session.scalars(select(Attendance).where(Attendance.session_id == row.id))
    }
    if row.status == "approved":
        members = []
    else:
        members = memberships_on(session, row.committee_id, row.session_date)
    known = {m.id for m in members}
    extra = [session.get(Membership, mid) for mid in marks if mid not in known]
    out = []
    for m in sorted_memberships([*members, *(e for e in extra if e is not None)]):
        mark = marks.get(m.id)
        out.append((m, mark.status if mark else "", mark))
    return out


def live_quorum(session: Session, row: CommitteeSession) -> QuorumInfo:
    return quorum_under(session, row, get_committee_row(session, row.committee_id).rules)


def quorum_under(
    session: Session, row: CommitteeSession, rules: CommitteeRules | None
) -> QuorumInfo:
    """The quorum of the attendance recorded, under the given reglamento."""
    delegates = rules.delegates_count if rules else True
    voting = present = 0
    for m, status, _mark in attendance_rows(session, row):
        if m.has_vote and m.role not in ("permanent_guest", "guest"):
            voting += 1
            present += counts_for_quorum(m.role, m.has_vote, status, delegates)
    result = compute_quorum(rules, voting, present)
    return QuorumInfo(
        result.voting_members,
        result.present_voting,
        result.required_deliberate,
        result.required_decide,
        result.can_deliberate,
        result.can_decide,
        result.text,
        None,
    )


def _quorum_now(session: Session, row: CommitteeSession, recorded: QuorumInfo) -> QuorumInfo | None:
    if recorded.checked_at is None or row.status == "approved":
        return None
    now = live_quorum(session, row)
    same = (now.voting_members, now.present_voting) == (
        recorded.voting_members,
        recorded.present_voting,
    )
    return None if same else now


def session_quorum(session: Session, row: CommitteeSession) -> QuorumInfo:
    """The last recorded verification, or the quorum computed now if none was recorded."""
    check = session.scalar(
        select(QuorumCheck)
        .where(QuorumCheck.session_id == row.id)
        .order_by(QuorumCheck.checked_at.desc(), QuorumCheck.id.desc())
        .limit(1)
    )
    if check is None:
        return live_quorum(session, row)
    return QuorumInfo(
        check.voting_members,
        check.present_voting,
        check.required_deliberate,
        check.required_decide,
        check.can_deliberate,
        check.can_decide,
        check.summary,
        check.checked_at,
    )


def session_ref(row: CommitteeSession | None) -> SessionRef | None:
    if row is None:
        return None
    return SessionRef(
        row.id, labels.session_title(row.number, row.year), row.session_date, row.status
    )


def _people(
    session: Session, row: CommitteeSession
) -> tuple[
    tuple[AttendeeInfo, ...], tuple[GuestInfo, ...], list[Membership], dict[int, Attendance]
]:
    attendees: list[AttendeeInfo] = []
    guests: list[GuestInfo] = []
    members: list[Membership] = []
    marks: dict[int, Attendance] = {}
    for m, status, mark in attendance_rows(session, row):
        members.append(m)
        if mark is not None:
            marks[m.id] = mark
        if m.role in ("permanent_guest", "guest"):
            guests.append(
                GuestInfo(
                    m.person.full_name,
                    m.position or m.person.position,
                    "",
                    bool(mark and mark.remote),
                    True,
                    status,
                    version=mark.version if mark else 0,
                )
            )
            continue
        attendees.append(
            AttendeeInfo(
                membership_id=m.id,
                name=m.person.full_name,
                role=m.role,
                role_label=labels.role_label(m.role),
                position=m.position or m.person.position,
                has_vote=m.has_vote,
                status=status,
                status_label=labels.attendance_label(status),
                delegate_name=mark.delegate_name if mark else "",
                delegate_position=mark.delegate_position if mark else "",
                remote=bool(mark and mark.remote),
                arrival_time=mark.arrival_time if mark else None,
                version=mark.version if mark else 0,
            )
        )
    for g in session.scalars(
        select(SessionGuest)
        .where(SessionGuest.session_id == row.id)
        .order_by(SessionGuest.name, SessionGuest.uid)
    ):
        guests.append(
            GuestInfo(
                g.name, g.position, g.organization, g.remote, False, "present", g.id, g.version
            )
        )
    return tuple(attendees), tuple(guests), members, marks


def frozen_signers(text: str) -> tuple[SignerInfo, ...] | None:
    """The signers stored at approval (``approved_signers``), or None when none were stored.

    Each row is [role, name, position], plus whom a presiding delegate represented.
    """
    if not text:
        return None
    rows = json.loads(text)
    return tuple(
        SignerInfo(row[0], labels.role_label(row[0]), row[1], row[2], *row[3:4]) for row in rows
    )


def signers_json(signers: tuple[SignerInfo, ...]) -> str:
    rows = [
        [s.role, s.name, s.position, *([s.represents] if s.represents else [])] for s in signers
    ]
    return json.dumps(rows, ensure_ascii=False)


def _signer(role: str, m: Membership, mark: Attendance | None) -> SignerInfo:
    """The president's signature goes to whoever presided: a delegate when one sat in."""
    name, position = m.person.full_name, m.position or m.person.position
    delegated = mark is not None and mark.status == "delegated" and mark.delegate_name.strip()
    if role == "president" and mark is not None and delegated:
        represents = f"{name}, {position}" if position else name
        return SignerInfo(
            role, labels.role_label(role), mark.delegate_name, mark.delegate_position, represents
        )
    return SignerInfo(role, labels.role_label(role), name, position)


def _signers(
    row: CommitteeSession,
    committee: Committee,
    members: list[Membership],
    marks: dict[int, Attendance],
) -> tuple[SignerInfo, ...]:
    """Who signs, in order: who presided (the president or a delegate), then the secretary."""
    frozen = frozen_signers(row.approved_signers)
    if frozen is not None:
        return frozen
    configured = committee.rules.signer_roles if committee.rules else None
    roles = list(configured or ["president", "technical_secretary"])
    first = [r for r in ("president", "technical_secretary") if r in roles]
    out = []
    for role in [*first, *(r for r in roles if r not in first)]:
        m = next((x for x in members if x.role == role), None)
        if m is not None:
            out.append(_signer(role, m, marks.get(m.id)))
    return tuple(out)


def read_session_detail(session: Session, session_id: int) -> SessionDetail:
    row = get_session_row(session, session_id)
    committee = get_committee_row(session, row.committee_id)
    entity_name, entity_city = _entity_name(session, committee.entity_id)
    attendees, guests, members, marks = _people(session, row)
    quorum = session_quorum(session, row)
    today = date.today()
    commitments = [
        commitment_info(c, row, committee.name, f, today)
        for c, f in _session_commitments(session, row.id)
    ]
    decisions_rows = session.scalars(
        select(Decision)
        .where(Decision.session_id == row.id)
        .order_by(Decision.position, Decision.id)
    ).all()
    decisions = [decision_info(d, i + 1) for i, d in enumerate(decisions_rows)]
    agenda = build_agenda(session, row.id, decisions, commitments)
    approval = (
        ApprovalInfo(row.approved_at, row.approved_by, row.approved_sha256)
        if row.approved_at
        else None
    )
    errata = session.scalars(
        select(Erratum).where(Erratum.session_id == row.id).order_by(Erratum.id)
    )
    previous = (
        session.get(CommitteeSession, row.previous_session_id) if row.previous_session_id else None
    )
    return SessionDetail(
        id=row.id,
        uid=row.uid,
        committee_id=committee.id,
        committee_name=committee.name,
        committee_short_name=committee.short_name,
        committee_kind=committee.kind,
        committee_kind_label=labels.committee_kind_label(committee.kind),
        creation_act=committee.creation_act,
        entity_name=entity_name,
        entity_city=entity_city,
        number=row.number,
        year=row.year,
        title=labels.session_title(row.number, row.year),
        kind=row.kind,
        kind_label=labels.session_kind_label(row.kind),
        modality=row.modality,
        modality_label=labels.modality_label(row.modality),
        place=row.place,
        platform=row.platform,
        session_date=row.session_date,
        start_time=row.start_time,
        end_time=row.end_time,
        status=row.status,
        status_label=labels.session_status_label(row.status),
        convened_at=row.convened_at,
        convened_on=row.convened_on,
        notice_override_reason=row.notice_override_reason,
        attendees=attendees,
        guests=guests,
        quorum=quorum,
        quorum_now=_quorum_now(session, row, quorum),
        agenda=agenda,
        decisions=tuple(decisions),
        commitments=tuple(commitments),
        next_meeting_date=row.next_meeting_date,
        next_meeting_time=row.next_meeting_time,
        next_meeting_place=row.next_meeting_place or "",
        signers=_signers(row, committee, members, marks),
        approval=approval,
        errata=tuple(
            ErratumInfo(e.id, e.created_at, e.created_by, e.section, e.text, e.sha256)
            for e in errata
        ),
        previous_session=session_ref(previous),
        version=row.version,
        review=_review(session, row),
    )


def _review(session: Session, row: CommitteeSession) -> tuple[MemberSummary, ...]:
    """The members' responses: as frozen at approval (``approved_review``), else as now."""
    from mipg_desktop.committees.review import frozen_review, summary_of

    if row.approved_review:
        return frozen_review(row.approved_review)
    return tuple(summary_of(session, row.id))


def _session_commitments(
    session: Session, session_id: int
) -> list[tuple[Commitment, list[CommitmentFollowUp]]]:
    rows = session.scalars(
        select(Commitment).where(Commitment.session_id == session_id).order_by(Commitment.number)
    ).all()
    follow = _follow_ups_by_commitment(session, [c.id for c in rows])
    return [(c, follow.get(c.id, [])) for c in rows]


def build_agenda(
    session: Session,
    session_id: int,
    decisions: list[DecisionInfo],
    commitments: list[CommitmentInfo],
) -> tuple[AgendaItemInfo, ...]:
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.session_id == session_id)
        .options(selectinload(AgendaItem.policies), selectinload(AgendaItem.plan_types))
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    attachments: dict[int, list[AttachmentInfo]] = defaultdict(list)
    for a in session.scalars(
        select(AgendaAttachment)
        .where(AgendaAttachment.session_id == session_id)
        .options(selectinload(AgendaAttachment.blob))
        .order_by(AgendaAttachment.position, AgendaAttachment.id)
    ):
        attachments[a.agenda_item_id].append(
            AttachmentInfo(a.id, a.name, a.sha256, a.blob.size, a.blob.mime)
        )
    linked_ids = {i.linked_session_id for i in items if i.linked_session_id}
    linked = {
        s.id: labels.session_title(s.number, s.year)
        for s in session.scalars(
            select(CommitteeSession).where(CommitteeSession.id.in_(linked_ids))
        )
    }
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)

    def make(item: AgendaItem, number: str) -> AgendaItemInfo:
        subs = tuple(
            make(child, f"{number}.{k}") for k, child in enumerate(children[item.id], start=1)
        )
        return AgendaItemInfo(
            id=item.id,
            uid=item.uid,
            number=number,
            position=item.position,
            title=item.title,
            kind=item.kind,
            presenter=item.presenter,
            duration_minutes=item.duration_minutes,
            description=item.description,
            policies=tuple(p.name for p in item.policies),
            plan_types=tuple(t.name for t in item.plan_types),
            attachments=tuple(attachments[item.id]),
            deliberation=item.deliberation,
            deliberation_blocks=parse_markup(item.deliberation),
            decisions=tuple(d for d in decisions if d.agenda_item_id == item.id),
            commitments=tuple(c for c in commitments if c.agenda_item_id == item.id),
            linked_commitment_id=item.linked_commitment_id,
            linked_session_id=item.linked_session_id,
            linked_session_title=linked.get(item.linked_session_id or 0, ""),
            sub_items=subs,
            version=item.version,
        )

    return tuple(make(item, str(k)) for k, item in enumerate(children[None], start=1))
