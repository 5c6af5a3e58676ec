"""The session package's content: reading a session into plain JSON data (export side).

Which keys each record carries is :mod:`session_schema`'s; this module only says which
rows each section holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.committees.package_record import entity_section, record_section
from mipg_desktop.committees.readers import get_committee_row, get_session_row
from mipg_desktop.committees.record_schema import read_row
from mipg_desktop.committees.session_schema import (
    AGENDA_ITEMS,
    BY_SECTION,
    COMMITTEE,
    LISTS,
    RULES,
    SESSION,
    TEMPLATE,
)
from mipg_desktop.models.committees import Membership, Person
from mipg_desktop.models.entity import Entity
from mipg_desktop.models.minutes import Commitment, CommitmentFollowUp
from mipg_desktop.models.sessions import AgendaItem, Attendance, CommitteeSession

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session


class _Uids:
    """The uid of a record by its id (``None`` for none, or for one no longer here)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __call__(self, model: type[Any], row_id: int | None) -> str | None:
        if row_id is None:
            return None
        row = self.session.get(model, row_id)
        return str(row.uid) if row is not None else None


def read_content(session: Session, session_id: int) -> dict[str, Any]:
    """Everything the package carries for one session, as JSON-ready data (no ids).

    Lists are in an order that depends only on the data (never on database ids), so
    the same session reads the same in every database.
    """
    content = _read(session, session_id)
    for record in LISTS:
        if record.order is not None:
            content[record.section].sort(key=record.order)
    return content


def _selects(row: CommitteeSession) -> dict[str, Select[Any]]:
    """Which rows each list of the package holds (in id order)."""
    own = select(Commitment.id).where(Commitment.session_id == row.id)
    members = select(Membership.id).where(Membership.committee_id == row.committee_id)
    out: dict[str, Select[Any]] = {
        "people": select(Person).where(
            Person.id.in_(select(Membership.person_id).where(Membership.id.in_(members)))
        ),
        "memberships": select(Membership).where(Membership.id.in_(members)),
        "agenda_items": select(AgendaItem)
        .where(AgendaItem.session_id == row.id)
        .options(selectinload(AgendaItem.policies), selectinload(AgendaItem.plan_types)),
        "attendance": select(Attendance).where(
            Attendance.session_id == row.id, Attendance.membership_id.in_(members)
        ),
        "follow_ups": select(CommitmentFollowUp).where(CommitmentFollowUp.commitment_id.in_(own)),
        "earlier_follow_ups": select(CommitmentFollowUp).where(
            CommitmentFollowUp.session_id == row.id, CommitmentFollowUp.commitment_id.not_in(own)
        ),
    }
    for record in LISTS:
        if record.section not in out:
            out[record.section] = select(record.model).where(record.model.session_id == row.id)
    return out


def _read(session: Session, session_id: int) -> dict[str, Any]:
    row = get_session_row(session, session_id)
    committee = get_committee_row(session, row.committee_id)
    entity = session.get(Entity, committee.entity_id) if committee.entity_id else None
    uid_of = _Uids(session)
    rules = read_row(RULES, committee.rules, uid_of) if committee.rules else None
    content: dict[str, Any] = {
        "entity": entity_section(entity)[0],
        "record": record_section(session, row)[0],
        "committee": {
            **read_row(COMMITTEE, committee, uid_of),
            "rules": rules,
            "template": [read_row(TEMPLATE, t, uid_of) for t in committee.template_items],
        },
        # The session does not keep the reglamento it was held under: the package carries
        # the committee's as it stands at export, and the import checks the votes by it.
        "session_rules": rules,
        "session": read_row(SESSION, row, uid_of),
    }
    for key, query in _selects(row).items():
        record = BY_SECTION[key]
        rows = session.scalars(query.order_by(record.model.id)).all()
        content[key] = [read_row(record, r, uid_of) for r in rows]
        if record is AGENDA_ITEMS:
            for data, item in zip(content[key], rows, strict=True):
                data["policies"] = [p.code for p in item.policies]
                data["plan_types"] = [t.code for t in item.plan_types]
    return content
