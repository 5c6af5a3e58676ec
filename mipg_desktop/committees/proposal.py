"""The agenda a new session starts with: the committee's template, the previous acta
for approval and every open or overdue commitment as a sub-item."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.committees import labels
from mipg_desktop.committees.common import new_uid
from mipg_desktop.i18n import _
from mipg_desktop.models.minutes import OPEN_COMMITMENT_STATUSES, Commitment
from mipg_desktop.models.sessions import AgendaItem, CommitteeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.models.committees import Committee


def previous_session(session: Session, committee_id: int, day: date) -> CommitteeSession | None:
    return session.scalar(
        select(CommitteeSession)
        .where(
            CommitteeSession.committee_id == committee_id,
            CommitteeSession.session_date <= day,
            CommitteeSession.status != "cancelled",
        )
        .order_by(CommitteeSession.session_date.desc(), CommitteeSession.id.desc())
        .limit(1)
    )


def pending_commitments(
    session: Session, committee_id: int, before: date | None = None
) -> list[Commitment]:
    """Open or overdue commitments of the committee, oldest first.

    ``before``: only those made in sessions held before that day, as the session's pack
    counts them (so the agenda and the pack list the same commitments).
    """
    conditions = [
        CommitteeSession.committee_id == committee_id,
        Commitment.status.in_(OPEN_COMMITMENT_STATUSES),
    ]
    if before is not None:
        conditions.append(CommitteeSession.session_date < before)
    return list(
        session.scalars(
            select(Commitment)
            .join(CommitteeSession, CommitteeSession.id == Commitment.session_id)
            .where(*conditions)
            .order_by(CommitteeSession.session_date, Commitment.number)
        )
    )


def seed_agenda(
    session: Session,
    committee: Committee,
    row: CommitteeSession,
    previous: CommitteeSession | None,
    extra: tuple[tuple[str, str, int | None, str], ...] = (),
) -> None:
    """The template's items; ``extra`` (a session template's items: title, kind, minutes,
    presenter) go before «Proposiciones y varios», or last when there is none."""
    position = 0
    pending = list(extra)
    for template in committee.template_items:
        if template.kind == "other_business" and pending:
            position = _add_extra(session, row, pending, position)
            pending = []
        if row.kind == "extraordinary" and template.kind != "quorum":
            continue
        item = AgendaItem(
            uid=new_uid(),
            session_id=row.id,
            position=position,
            title=template.title,
            kind=template.kind,
            duration_minutes=template.duration_minutes,
        )
        if template.kind == "previous_minutes":
            if previous is None or previous.status == "approved":
                continue
            item.linked_session_id = previous.id
            item.title = _("{title}: {acta}").format(
                title=template.title, acta=labels.session_title(previous.number, previous.year)
            )
        session.add(item)
        session.flush()
        position += 1
        if template.kind == "commitments":
            _commitment_sub_items(session, committee.id, row, item.id)
    _add_extra(session, row, pending, position)


def _add_extra(
    session: Session,
    row: CommitteeSession,
    items: list[tuple[str, str, int | None, str]],
    position: int,
) -> int:
    for title, kind, minutes, presenter in items:
        session.add(
            AgendaItem(
                uid=new_uid(),
                session_id=row.id,
                position=position,
                title=title[:500],
                kind=kind,
                duration_minutes=minutes,
                presenter=presenter[:300],
            )
        )
        position += 1
    session.flush()
    return position


def _commitment_sub_items(
    session: Session, committee_id: int, row: CommitteeSession, parent: int
) -> None:
    session_id = row.id
    pending = pending_commitments(session, committee_id, row.session_date)
    for index, commitment in enumerate(pending):
        origin = session.get(CommitteeSession, commitment.session_id)
        assert origin is not None
        session.add(
            AgendaItem(
                uid=new_uid(),
                session_id=session_id,
                parent_id=parent,
                position=index,
                title=_("Compromiso {number} del {acta}: {text}").format(
                    number=commitment.number,
                    acta=labels.session_title(origin.number, origin.year),
                    text=commitment.text[:300],
                ),
                kind="commitments",
                presenter=commitment.owner_name[:300],
                linked_commitment_id=commitment.id,
            )
        )
