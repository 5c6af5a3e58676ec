"""Demo part: the entity's CICCI, created from its committee type, two sessions a year.

The Comité Institucional de Coordinación de Control Interno (Ley 87 de 1993 art. 13;
Decreto 1083 de 2015 arts. 2.2.21.1.5-6): the Directora General presides, the Jefe de la
Oficina de Control Interno is its technical secretary (voice, no vote). Each year it
approves the annual audit plan in the first quarter and follows it up in the third, with
the agenda of the type's templates, attendance, quorum, minutes, decisions with votes and
commitments. Deterministic, with its own random generator so the other parts' data does
not move when this one changes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update

from mipg_desktop.committees.calendar import is_business_day, latest_notice_date
from mipg_desktop.committees.labels import session_title
from mipg_desktop.committees.quorum import compute_quorum
from mipg_desktop.committees.types import type_info
from mipg_desktop.demo import cicci_text as T
from mipg_desktop.demo.committees_agenda import insert_rows, uid
from mipg_desktop.models.committee_types import CommitteeType
from mipg_desktop.models.committees import (
    VOTING_ROLES,
    AgendaTemplateItem,
    Committee,
    CommitteeRules,
    Membership,
    Person,
)
from mipg_desktop.models.minutes import Commitment, Decision
from mipg_desktop.models.sessions import AgendaItem, Attendance, CommitteeSession, QuorumCheck

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.types import CommitteeTypeInfo
    from mipg_desktop.demo import DemoContext

SEED = 20261202
# (month, first day to look from, the type's template)
SESSIONS = ((2, 16, "CICCI_PLAN_AUDITORIA"), (8, 18, "CICCI_SEGUIMIENTO_AUDITORIA"))
PLACE = "Sala de juntas de la Dirección General, Casa del Fundador, Tunja"


@dataclass
class Held:
    row: CommitteeSession
    template: str
    status: str


def _tuesday_from(year: int, month: int, day: int) -> date:
    d = date(year, month, day)
    while d.weekday() != 1 or not is_business_day(d):
        d += timedelta(days=1)
    return d


def build(session: Session, context: DemoContext) -> None:
    row = session.scalar(select(CommitteeType).where(CommitteeType.code == "CICCI"))
    if row is None:  # a database without the shipped types: nothing to build from
        return
    kind = type_info(row)
    rng = random.Random(SEED)
    committee = _committee(session, context, kind, rng)
    members = _members(session, context, committee, rng)
    plans = _schedule(context)
    previous: CommitteeSession | None = None
    made: list[Held] = []
    for number_in_year, (day, template, status) in plans:
        held = _session(session, committee, kind, rng, day, number_in_year, template, status)
        held.row.previous_session_id = previous.id if previous else None
        if previous is not None and made[-1].status != "scheduled":
            previous.next_meeting_date, previous.next_meeting_time = day, time(8, 0)
            previous.next_meeting_place = PLACE
        _agenda(session, held, kind, rng, previous, members, context.today)
        previous = held.row
        made.append(held)
    session.flush()
    _approve(session, made)
    context.data["cicci_id"] = committee.id
    context.data["cicci_session_ids"] = [h.row.id for h in made]


def _committee(
    session: Session, context: DemoContext, kind: CommitteeTypeInfo, rng: random.Random
) -> Committee:
    modality = kind.reglamento.get("modality_rules")
    committee = Committee(
        uid=uid(rng),
        entity_id=context.data.get("entity_id"),
        name=kind.name,
        short_name=kind.short_name,
        kind=kind.kind,
        type_code=kind.code,
        creation_act=T.CREATION_ACT,
    )
    committee.rules = CommitteeRules(
        **kind.rule_values(),
        modality_rules=list(modality.value) if modality else [],
        approval_method=T.APPROVAL_METHOD,
        tacit_approval_days=10,
    )
    committee.template_items = [
        AgendaTemplateItem(position=i, title=t, kind=k, duration_minutes=m)
        for i, (t, k, m) in enumerate(kind.agenda.value)
    ]
    session.add(committee)
    session.flush()
    return committee


def _members(
    session: Session, context: DemoContext, committee: Committee, rng: random.Random
) -> list[Membership]:
    """The CIGD's people where they are the same (the Directora, the Jefe de Control
    Interno), so the two committees share them as the entity does."""
    start = date(context.first_year, 1, 1)
    out = []
    for order, (name, position, role) in enumerate(T.MEMBERS):
        person = session.scalar(select(Person).where(Person.full_name == name).limit(1))
        if person is None:
            person = Person(uid=uid(rng), full_name=name, position=position, unit=position)
        membership = Membership(
            uid=uid(rng),
            committee_id=committee.id,
            person=person,
            role=role,
            has_vote=role in VOTING_ROLES,
            position=position,
            start_date=start,
            sort_order=order,
        )
        session.add(membership)
        out.append(membership)
    session.flush()
    return out


def _schedule(context: DemoContext) -> list[tuple[int, tuple[date, str, str]]]:
    """Two sessions a year: the past ones approved but the last (under review), the next
    one scheduled."""
    days = [
        (_tuesday_from(year, month, first), template)
        for year in range(context.first_year, context.today.year + 2)
        for month, first, template in SESSIONS
    ]
    past = [d for d in days if d[0] <= context.today]
    upcoming = [d for d in days if d[0] > context.today][:1]
    out: list[tuple[int, tuple[date, str, str]]] = []
    counters: dict[int, int] = {}
    for index, (day, template) in enumerate(past + upcoming):
        counters[day.year] = counters.get(day.year, 0) + 1
        if day > context.today:
            status = "scheduled"
        else:
            status = "approved" if index < len(past) - 1 else "under_review"
        out.append((counters[day.year], (day, template, status)))
    return out


def _session(
    session: Session,
    committee: Committee,
    kind: CommitteeTypeInfo,
    rng: random.Random,
    day: date,
    number: int,
    template: str,
    status: str,
) -> Held:
    rules = committee.rules
    assert rules is not None
    held = status != "scheduled"
    convened_on = latest_notice_date(day, rules.notice_days_ordinary) - timedelta(days=2)
    row = CommitteeSession(
        uid=uid(rng),
        committee_id=committee.id,
        number=number,
        year=day.year,
        kind="ordinary",
        modality="in_person",
        place=PLACE,
        platform="",
        session_date=day,
        start_time=time(8, 0) if held else None,
        end_time=time(10, 0) if held else None,
        status="under_review" if status == "approved" else status,
        convened_on=convened_on if held else None,
        convened_at=datetime.combine(convened_on, time(16, 0)) if held else None,
    )
    session.add(row)
    session.flush()
    return Held(row, template, status)


def _agenda(
    session: Session,
    held: Held,
    kind: CommitteeTypeInfo,
    rng: random.Random,
    previous: CommitteeSession | None,
    members: list[Membership],
    today: date,
) -> None:
    row, year = held.row, held.row.session_date.year
    done = held.status != "scheduled"
    items: list[dict[str, Any]] = []
    for title, code, minutes in kind.agenda.value:
        if code == "previous_minutes":
            if previous is None:
                continue
            title = f"{title}: {session_title(previous.number, previous.year)}"
        if code == "other_business":
            items += [
                _item(row, t, "substantive", m, presenter)
                for t, _k, m, presenter in kind.template(held.template).items
            ]
        items.append(_item(row, title, code, minutes, ""))
        if code == "previous_minutes" and previous is not None:
            items[-1]["linked_session_id"] = previous.id
    for position, item in enumerate(items):
        item["position"] = position
        if done and item["kind"] != "quorum":
            item["deliberation"] = T.deliberation(item, held.template, year, rng)
    ids = insert_rows(session, AgendaItem, items)
    if not done:
        return
    _attendance(session, row, members)
    substantive = [
        (i, new_id) for i, new_id in zip(items, ids, strict=True) if i["kind"] == "substantive"
    ]
    _decisions(session, row, held.template, substantive, members)
    _commitments(session, row, held.template, substantive, rng, today)


def _item(
    row: CommitteeSession, title: str, kind: str, minutes: int | None, presenter: str
) -> dict[str, Any]:
    return {
        "uid": uid(random.Random(f"{row.uid}-{title}")),
        "session_id": row.id,
        "parent_id": None,
        "position": 0,
        "title": title,
        "kind": kind,
        "presenter": presenter,
        "duration_minutes": minutes,
        "description": "",
        "deliberation": "",
        "linked_commitment_id": None,
        "linked_session_id": None,
        "version": 1,
    }


def _attendance(session: Session, row: CommitteeSession, members: list[Membership]) -> None:
    session.execute(
        insert(Attendance),
        [
            {
                "session_id": row.id,
                "membership_id": m.id,
                "status": "present",
                "delegate_name": "",
                "delegate_position": "",
                "remote": False,
                "arrival_time": time(8, 0),
                "version": 1,
            }
            for m in members
        ],
    )
    voting = sum(m.has_vote for m in members)
    assert row.committee_id is not None
    rules = session.get(Committee, row.committee_id).rules  # type: ignore[union-attr]
    result = compute_quorum(rules, voting, voting)
    session.execute(
        insert(QuorumCheck),
        [
            {
                "session_id": row.id,
                "checked_at": datetime.combine(row.session_date, time(13, 5)),
                "voting_members": voting,
                "present_voting": voting,
                "required_deliberate": result.required_deliberate,
                "required_decide": result.required_decide,
                "can_deliberate": result.can_deliberate,
                "can_decide": result.can_decide,
                "summary": result.text,
                "checked_by": "Secretaría Técnica",
            }
        ],
    )


def _decisions(
    session: Session,
    row: CommitteeSession,
    template: str,
    items: list[tuple[dict[str, Any], int]],
    members: list[Membership],
) -> None:
    voting = sum(m.has_vote for m in members)
    rows = [
        {
            "uid": uid(random.Random(f"{row.uid}-decision-{n}")),
            "session_id": row.id,
            "agenda_item_id": items[index][1],
            "position": n - 1,
            "text": text.format(year=row.session_date.year),
            "votes_for": voting,
            "votes_against": 0,
            "abstentions": 0,
            "outcome": "approved",
            "tie_broken": False,
            "tie_break_note": "",
            "version": 1,
        }
        for n, (index, text) in enumerate(T.DECISIONS[template], start=1)
    ]
    session.execute(insert(Decision), rows)


def _commitments(
    session: Session,
    row: CommitteeSession,
    template: str,
    items: list[tuple[dict[str, Any], int]],
    rng: random.Random,
    today: date,
) -> None:
    rows = []
    for n, (index, text, owner, days) in enumerate(T.COMMITMENTS[template], start=1):
        due = row.session_date + timedelta(days=days)
        if due < today - timedelta(days=20):
            status, progress, closed = "done", 100, min(due, today)
        elif due < today:
            status, progress, closed = "in_progress", rng.randint(30, 80), None  # overdue
        else:
            status, progress, closed = "open", 0, None
        rows.append(
            {
                "uid": uid(rng),
                "session_id": row.id,
                "number": n,
                "text": text.format(year=row.session_date.year),
                "agenda_item_id": items[index][1],
                "owner_membership_id": None,
                "owner_name": owner,
                "due_date": due,
                "status": status,
                "progress": progress,
                "closed_on": closed,
                "remarks": "",
                "version": 1,
            }
        )
    session.execute(insert(Commitment), rows)


def _approve(session: Session, made: list[Held]) -> None:
    """Each approved session hashed as approved at the next one (frozen by ``run_demo``)."""
    from mipg_desktop.committees.approval import content_sha256
    from mipg_desktop.committees.session_detail import read_session_detail

    session.expire_all()
    for held, following in pairwise(made):
        if held.status != "approved":
            continue
        digest = content_sha256(read_session_detail(session, held.row.id))
        session.execute(
            update(CommitteeSession)
            .where(CommitteeSession.id == held.row.id)
            .values(
                status="approved",
                approved_at=datetime.combine(following.row.session_date, time(12, 0)),
                approved_by="Comité en pleno",
                approved_sha256=digest,
            )
        )
    session.expire_all()
