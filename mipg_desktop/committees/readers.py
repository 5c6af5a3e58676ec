"""Queries behind :mod:`views`: ORM rows in, frozen dataclasses out (inside a transaction)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from mipg_desktop.committees import labels
from mipg_desktop.committees.views import (
    CommitmentInfo,
    CommitteeDetail,
    CommitteeSummary,
    DecisionInfo,
    FollowUpInfo,
    MemberInfo,
    RulesInfo,
    SessionSummary,
    TemplateItemInfo,
    TextBlockInfo,
)
from mipg_desktop.errors import NotFound
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import Policy
from mipg_desktop.models.committees import Committee, CommitteeRules, Membership, TextBlock
from mipg_desktop.models.entity import Entity
from mipg_desktop.models.minutes import (
    OPEN_COMMITMENT_STATUSES,
    Commitment,
    CommitmentFollowUp,
    Decision,
)
from mipg_desktop.models.sessions import (
    AgendaItem,
    CommitteeSession,
    agenda_item_policies,
)
from mipg_desktop.text import normalize_key

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session


def get_session_row(session: Session, session_id: int) -> CommitteeSession:
    row = session.get(CommitteeSession, session_id)
    if row is None:
        raise NotFound(_("No existe la sesión {id}.").format(id=session_id))
    return row


def get_committee_row(session: Session, committee_id: int) -> Committee:
    row = session.get(Committee, committee_id)
    if row is None:
        raise NotFound(_("No existe el comité {id}.").format(id=committee_id))
    return row


def rules_info(rules: CommitteeRules) -> RulesInfo:
    return RulesInfo(
        deliberate_quorum_kind=rules.deliberate_quorum_kind,
        deliberate_quorum_num=rules.deliberate_quorum_num,
        deliberate_quorum_den=rules.deliberate_quorum_den,
        decide_quorum_kind=rules.decide_quorum_kind,
        decide_quorum_num=rules.decide_quorum_num,
        decide_quorum_den=rules.decide_quorum_den,
        delegates_count=rules.delegates_count,
        majority_kind=rules.majority_kind,
        majority_num=rules.majority_num,
        majority_den=rules.majority_den,
        tie_breaker=rules.tie_breaker,
        notice_days_ordinary=rules.notice_days_ordinary,
        notice_days_extraordinary=rules.notice_days_extraordinary,
        periodicity_months=rules.periodicity_months,
        signer_roles=tuple(rules.signer_roles or ()),
        approval_method=rules.approval_method,
        tacit_approval_days=rules.tacit_approval_days,
        version=rules.version,
        modality_rules=tuple(dict(r) for r in rules.modality_rules or ()),
    )


def _entity_name(session: Session, entity_id: int | None) -> tuple[str, str]:
    entity = session.get(Entity, entity_id) if entity_id else None
    if entity is None:
        entity = session.scalar(select(Entity).order_by(Entity.id).limit(1))
    return (entity.name, entity.city) if entity else ("", "")


def committee_summary(session: Session, committee: Committee) -> CommitteeSummary:
    today = date.today()
    members = sum(1 for m in committee.memberships if m.active_on(today))
    sessions = session.scalar(
        select(func.count()).where(CommitteeSession.committee_id == committee.id)
    )
    return CommitteeSummary(
        id=committee.id,
        uid=committee.uid,
        name=committee.name,
        short_name=committee.short_name,
        kind=committee.kind,
        kind_label=labels.committee_kind_label(committee.kind),
        creation_act=committee.creation_act,
        entity_name=_entity_name(session, committee.entity_id)[0],
        active=committee.active,
        member_count=members,
        session_count=int(sessions or 0),
        version=committee.version,
        type_code=committee.type_code or "",
    )


def read_committees(session: Session) -> list[CommitteeSummary]:
    rows = session.scalars(
        select(Committee).options(selectinload(Committee.memberships)).order_by(Committee.name)
    )
    return [committee_summary(session, c) for c in rows]


def read_committee_detail(session: Session, committee_id: int) -> CommitteeDetail:
    committee = get_committee_row(session, committee_id)
    return CommitteeDetail(
        summary=committee_summary(session, committee),
        rules=rules_info(committee.rules) if committee.rules else None,
        template=tuple(
            TemplateItemInfo(t.position, t.title, t.kind, t.duration_minutes)
            for t in committee.template_items
        ),
    )


def member_info(m: Membership) -> MemberInfo:
    return MemberInfo(
        membership_id=m.id,
        person_id=m.person_id,
        name=m.person.full_name,
        role=m.role,
        role_label=labels.role_label(m.role),
        position=m.position or m.person.position,
        unit=m.person.unit,
        email=m.person.email,
        has_vote=m.has_vote,
        start_date=m.start_date,
        end_date=m.end_date,
        version=m.version,
        person_version=m.person.version,
    )


ROLE_ORDER = {"president": 0, "technical_secretary": 1, "voting_member": 2}


def sorted_memberships(rows: list[Membership]) -> list[Membership]:
    """Display order that depends on data only (same in every database)."""
    return sorted(
        rows, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.sort_order, m.start_date, m.uid)
    )


def memberships_on(session: Session, committee_id: int, day: date) -> list[Membership]:
    rows = session.scalars(
        select(Membership)
        .where(
            Membership.committee_id == committee_id,
            Membership.start_date <= day,
            (Membership.end_date.is_(None)) | (Membership.end_date >= day),
        )
        .options(selectinload(Membership.person))
    ).all()
    return sorted_memberships(list(rows))


def read_members(
    session: Session, committee_id: int, on: date, include_past: bool
) -> list[MemberInfo]:
    get_committee_row(session, committee_id)
    if include_past:
        rows = session.scalars(
            select(Membership)
            .where(Membership.committee_id == committee_id)
            .options(selectinload(Membership.person))
        ).all()
        return [member_info(m) for m in sorted_memberships(list(rows))]
    return [member_info(m) for m in memberships_on(session, committee_id, on)]


def session_summary(row: CommitteeSession, committee_name: str) -> SessionSummary:
    return SessionSummary(
        id=row.id,
        uid=row.uid,
        committee_id=row.committee_id,
        committee_name=committee_name,
        number=row.number,
        year=row.year,
        title=labels.session_title(row.number, row.year),
        kind=row.kind,
        kind_label=labels.session_kind_label(row.kind),
        session_date=row.session_date,
        status=row.status,
        status_label=labels.session_status_label(row.status),
        version=row.version,
    )


def read_session_summaries(
    session: Session, committee_id: int | None, year: int | None, status: str | None
) -> list[SessionSummary]:
    query = select(CommitteeSession, Committee.name).join(
        Committee, Committee.id == CommitteeSession.committee_id
    )
    if committee_id is not None:
        query = query.where(CommitteeSession.committee_id == committee_id)
    if year is not None:
        query = query.where(CommitteeSession.year == year)
    if status is not None:
        query = query.where(CommitteeSession.status == status)
    query = query.order_by(CommitteeSession.session_date, CommitteeSession.id)
    return [session_summary(row, name) for row, name in session.execute(query)]


def decision_info(d: Decision, number: int) -> DecisionInfo:
    return DecisionInfo(
        id=d.id,
        uid=d.uid,
        agenda_item_id=d.agenda_item_id,
        number=number,
        text=d.text,
        votes_for=d.votes_for,
        votes_against=d.votes_against,
        abstentions=d.abstentions,
        outcome=d.outcome,
        outcome_label=labels.outcome_label(d.outcome, d.tie_broken),
        tie_broken=d.tie_broken,
        tie_break_note=d.tie_break_note,
        version=d.version,
    )


def follow_up_info(f: CommitmentFollowUp) -> FollowUpInfo:
    return FollowUpInfo(
        f.id, f.on_date, f.note, f.evidence, f.progress, f.recorded_by, f.session_id
    )


def is_overdue(c: Commitment, today: date) -> bool:
    return c.status in OPEN_COMMITMENT_STATUSES and c.due_date is not None and c.due_date < today


def commitment_info(
    c: Commitment,
    s: CommitteeSession,
    committee_name: str,
    follow_ups: list[CommitmentFollowUp],
    today: date,
) -> CommitmentInfo:
    overdue = is_overdue(c, today)
    return CommitmentInfo(
        id=c.id,
        uid=c.uid,
        session_id=s.id,
        session_title=labels.session_title(s.number, s.year),
        session_date=s.session_date,
        committee_id=s.committee_id,
        committee_name=committee_name,
        agenda_item_id=c.agenda_item_id,
        number=c.number,
        text=c.text,
        owner=c.owner_name,
        owner_membership_id=c.owner_membership_id,
        due_date=c.due_date,
        status=c.status,
        overdue=overdue,
        status_label=labels.commitment_status_label(c.status, overdue),
        progress=c.progress,
        closed_on=c.closed_on,
        remarks=c.remarks,
        follow_ups=tuple(follow_up_info(f) for f in follow_ups),
        version=c.version,
    )


def _follow_ups_by_commitment(
    session: Session, ids: list[int]
) -> dict[int, list[CommitmentFollowUp]]:
    out: dict[int, list[CommitmentFollowUp]] = defaultdict(list)
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        rows = session.scalars(
            select(CommitmentFollowUp)
            .where(CommitmentFollowUp.commitment_id.in_(chunk))
            .order_by(CommitmentFollowUp.on_date, CommitmentFollowUp.id)
        )
        for f in rows:
            out[f.commitment_id].append(f)
    return out


def read_commitments(
    session: Session,
    status: str | None,
    owner: str | None,
    committee_id: int | None,
    overdue: bool | None,
    session_id: int | None,
    today: date,
    policy_code: str | None = None,
) -> list[CommitmentInfo]:
    query = (
        select(Commitment, CommitteeSession, Committee.name)
        .join(CommitteeSession, CommitteeSession.id == Commitment.session_id)
        .join(Committee, Committee.id == CommitteeSession.committee_id)
    )
    if status == "overdue":
        overdue, status = True, None
    if status is not None:
        query = query.where(Commitment.status == status)
    if committee_id is not None:
        query = query.where(CommitteeSession.committee_id == committee_id)
    if session_id is not None:
        query = query.where(Commitment.session_id == session_id)
    if overdue is True:
        query = query.where(
            Commitment.status.in_(OPEN_COMMITMENT_STATUSES), Commitment.due_date < today
        )
    if policy_code is not None:
        query = query.where(Commitment.agenda_item_id.in_(_items_on_policy(policy_code)))
    query = query.order_by(CommitteeSession.session_date, Commitment.number)
    rows = [(c, s, name) for c, s, name in session.execute(query)]
    if owner:
        key = normalize_key(owner)
        rows = [r for r in rows if key in normalize_key(r[0].owner_name)]
    if overdue is False:
        rows = [r for r in rows if not is_overdue(r[0], today)]
    follow = _follow_ups_by_commitment(session, [r[0].id for r in rows])
    return [commitment_info(c, s, name, follow.get(c.id, []), today) for c, s, name in rows]


def _items_on_policy(policy_code: str) -> Select[tuple[int]]:
    """Agenda items linked to the policy, and their sub-items at any depth."""
    linked = (
        select(AgendaItem.id)
        .join(agenda_item_policies, agenda_item_policies.c.agenda_item_id == AgendaItem.id)
        .join(Policy, Policy.id == agenda_item_policies.c.policy_id)
        .where(Policy.code == policy_code)
        .cte("policy_items", recursive=True)
    )
    below = select(AgendaItem.id).where(AgendaItem.parent_id == linked.c.id)
    tree = linked.union_all(below)
    return select(tree.c.id)


def read_text_blocks(session: Session, committee_id: int | None) -> list[TextBlockInfo]:
    query = select(TextBlock).order_by(TextBlock.name, TextBlock.id)
    if committee_id is not None:
        query = query.where(
            (TextBlock.committee_id == committee_id) | (TextBlock.committee_id.is_(None))
        )
    return [TextBlockInfo(b.id, b.committee_id, b.name, b.body) for b in session.scalars(query)]
