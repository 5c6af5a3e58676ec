"""What an undoable operation may touch: the rows of one session, committee, entity or plan
activity. :mod:`mipg_desktop.history` reads a scope before and after an operation and keeps
the difference. A row must not enter or leave a scope without being created or deleted
(else undo would create or delete it): scopes select by columns that never change.

``lock_scope`` makes that read and the operation one consistent state (SQLite: the
transaction's write lock, taken at ``BEGIN IMMEDIATE``; PostgreSQL: the scope's root row,
locked ``FOR UPDATE``, which every service writing to it also updates first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

SESSION, COMMITTEE, ENTITY, ACTIVITY = "session", "committee", "entity", "activity"


@dataclass(frozen=True)
class Scope:
    kind: str
    key: int


def session_scope(session_id: int) -> Scope:
    return Scope(SESSION, session_id)


def committee_scope(committee_id: int) -> Scope:
    return Scope(COMMITTEE, committee_id)


def entity_scope() -> Scope:
    return Scope(ENTITY, 0)


def activity_scope(activity_id: int) -> Scope:
    return Scope(ACTIVITY, activity_id)


def _table(model: Any) -> Table:
    from sqlalchemy import Table

    table = model.__table__ if hasattr(model, "__table__") else model
    assert isinstance(table, Table)
    return table


def scope_rows(scope: Scope) -> list[tuple[Table, Any]]:
    """(table, where clause) for every table the scope's rows live in."""
    readers = {SESSION: _session_rows, COMMITTEE: _committee_rows, ENTITY: _entity_rows}
    return readers.get(scope.kind, _activity_rows)(scope.key)


def _session_rows(session_id: int) -> list[tuple[Table, Any]]:
    from sqlalchemy import or_, select

    from mipg_desktop.models.committees import TextBlock
    from mipg_desktop.models.minutes import Commitment, CommitmentFollowUp, Decision
    from mipg_desktop.models.review import ReviewObservation, ReviewResponse
    from mipg_desktop.models.sessions import (
        AgendaAttachment,
        AgendaItem,
        Attendance,
        CommitteeSession,
        QuorumCheck,
        SessionGuest,
        agenda_item_plan_types,
        agenda_item_policies,
    )

    items = select(AgendaItem.id).where(AgendaItem.session_id == session_id)
    commitments = select(Commitment.id).where(Commitment.session_id == session_id)
    committee = select(CommitteeSession.committee_id).where(CommitteeSession.id == session_id)
    rows: list[tuple[Table, Any]] = [
        (_table(CommitteeSession), CommitteeSession.id == session_id),
        (agenda_item_policies, agenda_item_policies.c.agenda_item_id.in_(items)),
        (agenda_item_plan_types, agenda_item_plan_types.c.agenda_item_id.in_(items)),
        (
            _table(CommitmentFollowUp),
            or_(
                CommitmentFollowUp.commitment_id.in_(commitments),
                CommitmentFollowUp.session_id == session_id,
            ),
        ),
        (_table(TextBlock), TextBlock.committee_id.in_(committee)),
    ]
    for model in (
        AgendaItem,
        AgendaAttachment,
        Attendance,
        SessionGuest,
        QuorumCheck,
        Decision,
        Commitment,
        ReviewResponse,
        ReviewObservation,
    ):
        rows.append((_table(model), model.session_id == session_id))
    return rows


def _committee_rows(committee_id: int) -> list[tuple[Table, Any]]:
    from sqlalchemy import true

    from mipg_desktop.models.committees import (
        AgendaTemplateItem,
        Committee,
        CommitteeRules,
        Membership,
        Person,
        TextBlock,
    )

    # every person, not only this committee's: a person leaves the scope when their
    # membership is removed, yet still exists (and may sit on other committees)
    return [
        (_table(Committee), Committee.id == committee_id),
        (_table(CommitteeRules), CommitteeRules.committee_id == committee_id),
        (_table(AgendaTemplateItem), AgendaTemplateItem.committee_id == committee_id),
        (_table(Membership), Membership.committee_id == committee_id),
        (_table(Person), true()),
        (_table(TextBlock), TextBlock.committee_id == committee_id),
    ]


def _entity_rows(_key: int) -> list[tuple[Table, Any]]:
    from sqlalchemy import true

    from mipg_desktop.models.entity import DocumentControl, Entity

    return [(_table(Entity), true()), (_table(DocumentControl), true())]


def _activity_rows(activity_id: int) -> list[tuple[Table, Any]]:
    from sqlalchemy import select

    from mipg_desktop.models.plans import ActivityProgress, EvidenceFile, PlanActivity

    quarters = select(ActivityProgress.id).where(ActivityProgress.activity_id == activity_id)
    return [
        (_table(PlanActivity), PlanActivity.id == activity_id),
        (_table(ActivityProgress), ActivityProgress.activity_id == activity_id),
        (_table(EvidenceFile), EvidenceFile.progress_id.in_(quarters)),
    ]


def lock_scope(session: Session, scope: Scope) -> None:
    """PostgreSQL: lock the scope's root row until the transaction ends (SQLite already
    holds the database's write lock: the transaction began IMMEDIATE)."""
    if session.get_bind().dialect.name == "sqlite":
        return
    from sqlalchemy import select

    table, where = scope_rows(scope)[0]
    key = table.primary_key.columns.values()[0]
    session.execute(select(key).where(where).with_for_update())
