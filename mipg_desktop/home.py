"""What is pending, for the home view: one read of the whole database in one transaction.

``pending_work(db, today) -> PendingWork``:

- ``next_sessions``: per committee, its next session (scheduled or convened, on or after
  ``today``) and what it still lacks: the convocation, an agenda (a point of its own beyond the
  template's quorum, commitments and «varios»), the quorum (on the day);
- ``draft_actas``: sessions held whose acta is not approved yet (held, draft, in review);
- ``overdue``: open commitments past their due date, the latest first;
- ``plans_due``: plans whose last closed quarter has activities without progress recorded.

Each entry carries the ids the window needs to open where the work is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

LACKS_CONVOCATION = "convocation"
LACKS_AGENDA = "agenda"
LACKS_QUORUM = "quorum"
UPCOMING_STATUSES = ("scheduled", "convened")
DRAFT_STATUSES = ("held", "minutes_draft", "under_review")
MAX_OVERDUE = 50


def lack_label(code: str) -> str:
    return {
        LACKS_CONVOCATION: _("convocatoria sin enviar"),
        LACKS_AGENDA: _("sin orden del día"),
        LACKS_QUORUM: _("quórum sin verificar"),
    }[code]


@dataclass(frozen=True)
class SessionRef:
    """A session, with what the tree needs to reveal it."""

    session_id: int
    committee_id: int
    committee_name: str
    year: int
    title: str
    session_date: date
    status: str
    status_label: str


@dataclass(frozen=True)
class NextSession:
    session: SessionRef
    lacks: tuple[str, ...]  # LACKS_* codes, in that order

    @property
    def lack_labels(self) -> tuple[str, ...]:
        return tuple(lack_label(code) for code in self.lacks)


@dataclass(frozen=True)
class OverdueCommitment:
    commitment_id: int
    session: SessionRef
    number: int
    text: str
    owner: str
    due_date: date
    days_late: int


@dataclass(frozen=True)
class PlanDue:
    plan_id: int
    year: int
    name: str
    quarter: int  # the last closed quarter of ``year``
    missing: int  # activities without progress for it
    activities: int


@dataclass(frozen=True)
class FuragBrief:
    """The latest FURAG result, for a MECI entity's home view."""

    year: int
    form_type: str
    idi: float | None
    control_score: float | None  # D7 Control Interno: what a MECI form measures


@dataclass(frozen=True)
class PendingWork:
    today: date
    next_sessions: tuple[NextSession, ...]
    draft_actas: tuple[SessionRef, ...]
    overdue: tuple[OverdueCommitment, ...]
    overdue_total: int
    plans_due: tuple[PlanDue, ...]
    committees: int
    plans: int
    reporting_scope: str = "mipg"  # the entity's (mipg_desktop.reporting_scope)
    furag_latest: FuragBrief | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing recorded yet: the home view shows the first steps instead."""
        return self.committees == 0 and self.plans == 0

    @property
    def nothing_pending(self) -> bool:
        return not (self.next_sessions or self.draft_actas or self.overdue or self.plans_due)


def last_closed_quarter(today: date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that has ended on ``today``."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


def pending_work(db: Database, today: date | None = None) -> PendingWork:
    """Everything the home view lists, read in one read-only transaction."""
    today = today or date.today()
    with db.transaction() as session:
        names = _committee_names(session)
        plans_due, plan_count = _plans_due(session, today)
        overdue, overdue_total = _overdue(session, today, names)
        return PendingWork(
            today=today,
            next_sessions=_next_sessions(session, today, names),
            draft_actas=_draft_actas(session, names),
            overdue=overdue,
            overdue_total=overdue_total,
            plans_due=plans_due,
            committees=len(names),
            plans=plan_count,
            reporting_scope=_scope(session),
            furag_latest=_furag_latest(session),
        )


def _scope(session: Session) -> str:
    from mipg_desktop.entity_profile import current_entity

    entity = current_entity(session)
    return entity.reporting_scope if entity else "mipg"


def _furag_latest(session: Session) -> FuragBrief | None:
    from sqlalchemy import select

    from mipg_desktop.models.furag import FuragResult, FuragScore

    result = session.scalar(select(FuragResult).order_by(FuragResult.year.desc()).limit(1))
    if result is None:
        return None
    control = session.scalar(
        select(FuragScore.score).where(
            FuragScore.result_id == result.id, FuragScore.code.in_(("D7", "control-interno"))
        )
    )
    return FuragBrief(result.year, result.form_type, result.idi, control)


def _committee_names(session: Session) -> dict[int, str]:
    from sqlalchemy import select

    from mipg_desktop.models.committees import Committee

    rows = session.execute(select(Committee.id, Committee.short_name, Committee.name))
    return {cid: short or name for cid, short, name in rows}


def _ref(row: object, names: dict[int, str]) -> SessionRef:
    from mipg_desktop.committees.labels import session_status_label, session_title
    from mipg_desktop.models.sessions import CommitteeSession

    assert isinstance(row, CommitteeSession)
    return SessionRef(
        session_id=row.id,
        committee_id=row.committee_id,
        committee_name=names.get(row.committee_id, ""),
        year=row.year,
        title=session_title(row.number, row.year),
        session_date=row.session_date,
        status=row.status,
        status_label=session_status_label(row.status),
    )


def _next_sessions(session: Session, today: date, names: dict[int, str]) -> tuple[NextSession, ...]:
    from sqlalchemy import select

    from mipg_desktop.models.sessions import AgendaItem, CommitteeSession, QuorumCheck

    query = (
        select(CommitteeSession)
        .where(CommitteeSession.status.in_(UPCOMING_STATUSES))
        .where(CommitteeSession.session_date >= today)
        .order_by(CommitteeSession.session_date, CommitteeSession.id)
    )
    first: dict[int, CommitteeSession] = {}
    for row in session.scalars(query):
        first.setdefault(row.committee_id, row)
    ids = [row.id for row in first.values()]
    if not ids:
        return ()
    with_agenda = set(
        session.scalars(
            select(AgendaItem.session_id)
            .where(AgendaItem.session_id.in_(ids), AgendaItem.kind == "substantive")
            .distinct()
        )
    )
    with_quorum = set(
        session.scalars(
            select(QuorumCheck.session_id).where(QuorumCheck.session_id.in_(ids)).distinct()
        )
    )
    found: list[NextSession] = []
    for row in sorted(first.values(), key=lambda r: (r.session_date, r.id)):
        lacks: list[str] = []
        if row.status == "scheduled":
            lacks.append(LACKS_CONVOCATION)
        if row.id not in with_agenda:
            lacks.append(LACKS_AGENDA)
        if row.session_date <= today and row.id not in with_quorum:
            lacks.append(LACKS_QUORUM)
        found.append(NextSession(_ref(row, names), tuple(lacks)))
    return tuple(found)


def _draft_actas(session: Session, names: dict[int, str]) -> tuple[SessionRef, ...]:
    from sqlalchemy import select

    from mipg_desktop.models.sessions import CommitteeSession

    query = (
        select(CommitteeSession)
        .where(CommitteeSession.status.in_(DRAFT_STATUSES))
        .order_by(CommitteeSession.session_date, CommitteeSession.id)
    )
    return tuple(_ref(row, names) for row in session.scalars(query))


def _overdue(
    session: Session, today: date, names: dict[int, str]
) -> tuple[tuple[OverdueCommitment, ...], int]:
    from sqlalchemy import func, select

    from mipg_desktop.models.minutes import OPEN_COMMITMENT_STATUSES, Commitment
    from mipg_desktop.models.sessions import CommitteeSession

    where = (
        Commitment.status.in_(OPEN_COMMITMENT_STATUSES),
        Commitment.due_date.is_not(None),
        Commitment.due_date < today,
    )
    total = session.scalar(select(func.count()).select_from(Commitment).where(*where)) or 0
    query = (
        select(Commitment, CommitteeSession)
        .join(CommitteeSession, Commitment.session_id == CommitteeSession.id)
        .where(*where)
        .order_by(Commitment.due_date, Commitment.id)
        .limit(MAX_OVERDUE)
    )
    found = []
    for commitment, owner_session in session.execute(query):
        due = commitment.due_date
        assert due is not None
        found.append(
            OverdueCommitment(
                commitment_id=commitment.id,
                session=_ref(owner_session, names),
                number=commitment.number,
                text=commitment.text,
                owner=commitment.owner_name,
                due_date=due,
                days_late=(today - due).days,
            )
        )
    return tuple(found), int(total)


def _plans_due(session: Session, today: date) -> tuple[tuple[PlanDue, ...], int]:
    from sqlalchemy import func, or_, select

    from mipg_desktop.models.plans import ActivityProgress, Plan, PlanActivity

    plan_count = session.scalar(select(func.count()).select_from(Plan)) or 0
    year, quarter = last_closed_quarter(today)
    plans = session.execute(select(Plan.id, Plan.name).where(Plan.year == year)).all()
    if not plans:
        return (), int(plan_count)
    activities = dict(
        session.execute(
            select(PlanActivity.plan_id, func.count())
            .where(PlanActivity.plan_id.in_([p.id for p in plans]))
            .group_by(PlanActivity.plan_id)
        ).all()
    )
    reported = dict(
        session.execute(
            select(PlanActivity.plan_id, func.count(func.distinct(PlanActivity.id)))
            .join(ActivityProgress, ActivityProgress.activity_id == PlanActivity.id)
            .where(PlanActivity.plan_id.in_([p.id for p in plans]))
            .where(ActivityProgress.quarter == quarter)
            .where(
                or_(ActivityProgress.executed.is_not(None), ActivityProgress.progress.is_not(None))
            )
            .group_by(PlanActivity.plan_id)
        ).all()
    )
    due = []
    for plan_id, name in plans:
        total = int(activities.get(plan_id, 0))
        missing = total - int(reported.get(plan_id, 0))
        if total and missing > 0:
            due.append(PlanDue(plan_id, year, name, quarter, missing, total))
    return tuple(sorted(due, key=lambda p: (-p.missing, p.name))), int(plan_count)
