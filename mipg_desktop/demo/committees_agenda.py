"""Demo part (continued): agenda, minutes, decisions, commitments and approval of sessions."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, bindparam, insert, update

from mipg_desktop.committees.approval import content_sha256
from mipg_desktop.committees.labels import session_title
from mipg_desktop.committees.session_detail import read_session_detail
from mipg_desktop.committees.votes import decide_outcome
from mipg_desktop.demo import committees_text as T
from mipg_desktop.models.minutes import Commitment, CommitmentFollowUp, Decision
from mipg_desktop.models.sessions import (
    AgendaAttachment,
    AgendaItem,
    CommitteeSession,
    agenda_item_plan_types,
    agenda_item_policies,
)

if TYPE_CHECKING:
    import random

    from sqlalchemy.orm import Session

    from mipg_desktop.demo.committees import Plan, State
    from mipg_desktop.models.committees import Membership


def uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def insert_rows(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


def _plan_type_name(session: Session, code: str, year: int) -> str:
    """The name a plan type has in ``year`` (PAAC until 2024, PTEP from 2025: the catalog)."""
    from sqlalchemy import select

    from mipg_desktop.catalog import current_version
    from mipg_desktop.models.catalog import PlanType

    version = current_version(session)
    plan_type = session.scalar(
        select(PlanType).where(PlanType.catalog_version_id == version.id, PlanType.code == code)
    )
    return plan_type.name_for(year)[0] if plan_type is not None else code


def _item(
    state: State, sid: int, position: int, title: str, kind: str, **extra: Any
) -> dict[str, Any]:
    return {
        "uid": uid(state.rng),
        "session_id": sid,
        "parent_id": None,
        "position": position,
        "title": title,
        "kind": kind,
        "presenter": "",
        "duration_minutes": None,
        "description": "",
        "deliberation": "",
        "linked_commitment_id": None,
        "linked_session_id": None,
        "version": 1,
        **extra,
    }


def agenda(
    session: Session,
    state: State,
    row: CommitteeSession,
    plan: Plan,
    previous: tuple[int, Plan] | None,
) -> list[dict[str, Any]]:
    """Insert the session's agenda; returns the top-level items (with ``id``) in order."""
    rng, year = state.rng, plan.day.year
    top: list[dict[str, Any]] = [
        _item(state, row.id, 0, "Verificación del quórum", "quorum", duration_minutes=5)
    ]
    if plan.kind == "ordinary":
        if previous is not None:
            title = "Lectura y aprobación del acta anterior: " + session_title(
                previous[1].number, previous[1].day.year
            )
            top.append(
                _item(
                    state,
                    row.id,
                    1,
                    title,
                    "previous_minutes",
                    duration_minutes=10,
                    linked_session_id=previous[0],
                )
            )
        top.append(
            _item(
                state,
                row.id,
                2,
                "Seguimiento de compromisos",
                "commitments",
                duration_minutes=20,
                presenter="Secretaría Técnica",
            )
        )
        quarter = ORDINARY_QUARTER.get(plan.day.month, 1)
        topics = rng.sample(T.TOPICS[quarter], rng.randint(2, 3))
    else:
        topics = rng.sample(T.EXTRAORDINARY, 1)
    links: list[tuple[list[str], list[str]]] = []
    for title, presenter, policies, plans in topics:
        top.append(
            _item(
                state,
                row.id,
                0,
                title.format(
                    year=year,
                    prev=year - 1,
                    next=year + 1,
                    anticorrupcion=_plan_type_name(session, "anticorrupcion", year),
                ),
                "substantive",
                presenter=_presenter(state, presenter, plan.day),
                duration_minutes=rng.choice((20, 30, 40, 45)),
            )
        )
        links.append((policies, plans))
    if plan.kind == "ordinary":
        top.append(
            _item(state, row.id, 0, "Proposiciones y varios", "other_business", duration_minutes=10)
        )
    for position, item in enumerate(top):
        item["position"] = position
    for item, new_id in zip(top, insert_rows(session, AgendaItem, top), strict=True):
        item["id"] = new_id
    _links(session, state, [i for i in top if i["kind"] == "substantive"], links)
    follow = next((i for i in top if i["kind"] == "commitments"), None)
    if follow is not None:
        _followed_commitments(session, state, row, follow)
    return top


ORDINARY_QUARTER = {3: 1, 6: 2, 9: 3, 11: 4}


def _presenter(state: State, position: str, day: date) -> str:
    """«Name, position» of whoever held the position that day (positions change over time)."""
    stem = position.split()[0][:-1]  # "Subdirector"/"Subdirectora" both match "Subdirecto"
    for m in state.members:
        if (
            m.active_on(day)
            and m.position.startswith(stem)
            and m.position.endswith(position.split(" ", 1)[-1])
        ):
            return f"{m.person.full_name}, {m.position}"
    return position


def _links(
    session: Session,
    state: State,
    items: list[dict[str, Any]],
    links: list[tuple[list[str], list[str]]],
) -> None:
    pol, plans, annexes = [], [], []
    for item, (policies, plan_codes) in zip(items, links, strict=True):
        pol += [
            {"agenda_item_id": item["id"], "policy_id": state.policies[c]}
            for c in policies
            if c in state.policies
        ]
        plans += [
            {"agenda_item_id": item["id"], "plan_type_id": state.plans[c]}
            for c in plan_codes
            if c in state.plans
        ]
        if state.rng.random() < 0.6:
            name, digest = state.rng.choice(state.blobs)
            annexes.append(
                {
                    "uid": uid(state.rng),
                    "session_id": item["session_id"],
                    "agenda_item_id": item["id"],
                    "sha256": digest,
                    "name": name,
                    "position": 0,
                }
            )
    for table, rows in ((agenda_item_policies, pol), (agenda_item_plan_types, plans)):
        if rows:
            session.execute(insert(table), rows)
    if annexes:
        session.execute(insert(AgendaAttachment), annexes)


def _followed_commitments(
    session: Session, state: State, row: CommitteeSession, parent: dict[str, Any]
) -> None:
    pending = [
        c
        for c in state.commitments
        if c["session_date"] < row.session_date
        and (c["closed_on"] is None or c["closed_on"] >= row.session_date)
    ]  # all of them, as the session's pack lists them
    rows = [
        _item(
            state,
            row.id,
            k,
            "Compromiso {n} del {acta}: {text}".format(
                n=c["number"], acta=c["acta"], text=c["text"]
            ),
            "commitments",
            parent_id=parent["id"],
            presenter=c["owner_name"],
            linked_commitment_id=c["id"],
        )
        for k, c in enumerate(pending)
    ]
    insert_rows(session, AgendaItem, rows)


def minutes(
    session: Session,
    state: State,
    row: CommitteeSession,
    items: list[dict[str, Any]],
    active: list[Membership],
    present: int,
) -> None:
    rng = state.rng
    voting = sum(m.has_vote for m in active)
    texts: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    substantive = [i for i in items if i["kind"] == "substantive"]
    for item in items:
        texts.append({"b_id": item["id"], "b_text": _text(state, item, present, voting)})
    for position, item in enumerate(substantive):
        if rng.random() < 0.25:
            continue
        decisions.append(_decision(state, row, item, position, present, voting))
    table = AgendaItem.__table__
    assert isinstance(table, Table)
    session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(deliberation=bindparam("b_text")),
        texts,
    )
    if decisions:
        session.execute(insert(Decision), decisions)
    _commitments(session, state, row, substantive)


def _text(state: State, item: dict[str, Any], present: int, voting: int) -> str:
    kind = item["kind"]
    if kind == "quorum":  # the acta states the quorum from the recorded verification
        return ""
    if kind == "previous_minutes":
        return T.PREVIOUS_TEXT.format(acta=item["title"].split(": ", 1)[-1])
    if kind == "commitments":
        return T.COMMITMENTS_TEXT
    if kind == "other_business":
        return T.OTHER_TEXT
    return state.rng.choice(T.DELIBERATION).format(
        presenter=item["presenter"] + ("," if "," in item["presenter"] else ""),
        pct=state.rng.randint(38, 97),
        goal=state.rng.choice((50, 75, 100)),
    )


def _decision(
    state: State,
    row: CommitteeSession,
    item: dict[str, Any],
    position: int,
    present: int,
    voting: int,
) -> dict[str, Any]:
    rng = state.rng
    against = rng.choices((0, 1, 2), (80, 15, 5))[0]
    abstain = rng.choices((0, 1), (85, 15))[0]
    tie_break = None
    if rng.random() < 0.03 and present >= 4:
        against, abstain = present // 2, present % 2
        tie_break = "for"
    votes_for = present - against - abstain
    outcome = decide_outcome(
        state.committee.rules, votes_for, against, abstain, present, voting, tie_break
    )
    topic = item["title"][0].lower() + item["title"][1:]
    return {
        "uid": uid(rng),
        "session_id": row.id,
        "agenda_item_id": item["id"],
        "position": position,
        "text": rng.choice(T.DECISIONS).format(topic_lower=topic),
        "votes_for": votes_for,
        "votes_against": against,
        "abstentions": abstain,
        "outcome": outcome.outcome,
        "tie_broken": outcome.tie_broken,
        "tie_break_note": outcome.note,
        "version": 1,
    }


def _commitments(
    session: Session, state: State, row: CommitteeSession, items: list[dict[str, Any]]
) -> None:
    rng = state.rng
    rows: list[dict[str, Any]] = []
    created: list[dict[str, Any]] = []
    for number, (text, owner) in enumerate(rng.sample(T.COMMITMENTS, rng.randint(2, 4)), start=1):
        due = row.session_date + timedelta(days=rng.randint(30, 100))
        status, closed, progress = _fate(rng, due, state.today)
        rows.append(
            {
                "uid": uid(rng),
                "session_id": row.id,
                "number": number,
                "text": text,
                "agenda_item_id": rng.choice(items)["id"] if items else None,
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
    for data, new_id in zip(rows, insert_rows(session, Commitment, rows), strict=True):
        created.append(
            {
                **data,
                "id": new_id,
                "session_date": row.session_date,
                "acta": session_title(row.number, row.year),
            }
        )
    follow: list[dict[str, Any]] = []
    for c in created:
        if c["status"] == "open":
            continue
        last = c["closed_on"] or state.today
        for k in range(rng.randint(1, 2)):
            on = c["session_date"] + timedelta(
                days=max(1, (last - c["session_date"]).days * (k + 1) // 3)
            )
            follow.append(
                {
                    "uid": uid(rng),
                    "commitment_id": c["id"],
                    "session_id": None,
                    "on_date": min(on, state.today),
                    "note": rng.choice(T.FOLLOW_UPS),
                    "evidence": rng.choice(
                        ("Memorando interno", "Correo institucional", "Enlace al repositorio", "")
                    ),
                    "progress": min(100, c["progress"] // (2 - k) if c["progress"] else 20),
                    "recorded_by": "Secretaría Técnica",
                    "recorded_at": datetime.combine(min(on, state.today), datetime.min.time()),
                }
            )
    if follow:
        session.execute(insert(CommitmentFollowUp), follow)
    state.commitments.extend(created)


def _fate(rng: random.Random, due: date, today: date) -> tuple[str, date | None, int]:
    """Status at ``today``: old ones mostly done, a few left overdue, recent ones open."""
    if due < today - timedelta(days=30):
        roll = rng.random()
        if roll < 0.82:
            return "done", min(due - timedelta(days=rng.randint(0, 20)), today), 100
        if roll < 0.90:
            return "cancelled", min(due + timedelta(days=10), today), rng.randint(0, 40)
        return "in_progress", None, rng.randint(20, 80)  # overdue
    if due < today:
        if rng.random() < 0.5:
            return "done", due, 100
        return rng.choice(("open", "in_progress")), None, rng.randint(0, 70)
    return rng.choice(("open", "open", "in_progress")), None, rng.randint(0, 50)


def approve_all(session: Session, state: State) -> None:
    """Approve the older sessions: each hashed as approved, then frozen."""
    table = CommitteeSession.__table__
    assert isinstance(table, Table)
    for sid, approved_at in state.to_approve:
        digest = content_sha256(read_session_detail(session, sid))
        session.execute(
            update(table)
            .where(table.c.id == sid)
            .values(
                status="approved",
                approved_at=approved_at,
                approved_by="Comité en pleno",
                approved_sha256=digest,
            )
        )
    session.expire_all()
