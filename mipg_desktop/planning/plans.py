"""Plans as plain data: the API the window, the documents and the command line use.

Reading:

- :func:`list_plans(db, year=None) <list_plans>` → ``list[PlanSummary]``, ordered by year, then
  the action plan first, then the Decreto 612 plans by number.
- :func:`get_plan(db, plan_id) <get_plan>` → :class:`PlanDetail` with its activities
  (:class:`ActivityInfo`), each with its quarters (:class:`QuarterInfo`, cumulative progress as a
  fraction 0–1, evidence text and files) and Control Interno's ratings (:class:`RatingInfo`).

Writing (each call one transaction, audited): :func:`create_plan`, :func:`delete_plan`, and in
:mod:`mipg_desktop.planning.follow_up` ``record_progress``, ``attach_evidence``,
``rate_activity``. Bulk creation of a whole plan (import, demo) is
:func:`mipg_desktop.planning.store.write_plan`.

Weights and progress are fractions (0.125 = 12.5 %). Roll-ups (per plan, policy, dimension and
owner, expected against actual at a date, traffic lights) are in
:mod:`mipg_desktop.planning.rollup`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from mipg_desktop.audit import record
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import PlanType
from mipg_desktop.models.plans import (
    PLAN_KIND_ACTION,
    PLAN_KIND_DECREE_612,
    ActivityProgress,
    Plan,
    PlanActivity,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database


@dataclass(frozen=True)
class EvidenceFileInfo:
    id: int
    file_name: str
    sha256: str


@dataclass(frozen=True)
class QuarterInfo:
    quarter: int
    planned: float | None = None
    executed: float | None = None
    progress: float | None = None
    evidence: str = ""
    remarks: str = ""
    files: tuple[EvidenceFileInfo, ...] = ()
    version: int = 0  # 0 while nothing is recorded for the quarter


@dataclass(frozen=True)
class RatingInfo:
    semester: int
    rating: str = ""
    remarks: str = ""


@dataclass(frozen=True)
class ActivityInfo:
    id: int
    uid: str
    position: int
    code: str
    description: str
    target_value: float | None
    unit: str
    indicator_name: str
    indicator_type: str
    owner_unit: str
    owner_person: str
    weight: float | None
    start_date: date | None
    end_date: date | None
    budget: float | None
    process: str
    strategic_objective: str
    remarks: str
    policy_codes: tuple[str, ...] = ()
    policy_names: tuple[str, ...] = ()
    plan_type_codes: tuple[str, ...] = ()
    plan_type_names: tuple[str, ...] = ()
    plan_type_short_names: tuple[str, ...] = ()  # «PINAR», «PAAC»… (the name when it has none)
    quarters: tuple[QuarterInfo, ...] = ()
    ratings: tuple[RatingInfo, ...] = ()

    @property
    def progress(self) -> float | None:
        """The latest cumulative progress reported (fraction), or ``None``."""
        values = [q.progress for q in self.quarters if q.progress is not None]
        return values[-1] if values else None

    def quarter(self, number: int) -> QuarterInfo | None:
        return next((q for q in self.quarters if q.quarter == number), None)

    def rating(self, semester: int) -> RatingInfo | None:
        return next((r for r in self.ratings if r.semester == semester), None)


@dataclass(frozen=True)
class PlanSummary:
    id: int
    uid: str
    year: int
    kind: str
    name: str
    plan_type_code: str = ""
    plan_type_name: str = ""
    activity_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PlanDetail:
    id: int
    uid: str
    year: int
    kind: str
    name: str
    plan_type_code: str
    plan_type_name: str
    description: str
    source_file: str
    activities: tuple[ActivityInfo, ...]

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for activity, info in zip(data["activities"], self.activities, strict=True):
            activity["progress"] = info.progress
        return data


def _plan_order(plan: Plan) -> tuple[int, int, int, str]:
    number = plan.plan_type.number if plan.plan_type and plan.plan_type.number else 99
    return (plan.year, 0 if plan.kind == PLAN_KIND_ACTION else 1, number, plan.name)


def list_plans(db: Database, year: int | None = None) -> list[PlanSummary]:
    """Every plan (or those of ``year``) with its activity count."""
    with db.transaction() as session:
        query = select(Plan).options(selectinload(Plan.plan_type))
        if year is not None:
            query = query.where(Plan.year == year)
        plans = sorted(session.scalars(query), key=_plan_order)
        rows = session.execute(
            select(PlanActivity.plan_id, func.count()).group_by(PlanActivity.plan_id)
        )
        counts: dict[int, int] = {plan_id: count for plan_id, count in rows}
        return [
            PlanSummary(
                id=p.id,
                uid=p.uid,
                year=p.year,
                kind=p.kind,
                name=p.name,
                plan_type_code=p.plan_type.code if p.plan_type else "",
                plan_type_name=p.plan_type.name_for(p.year)[0] if p.plan_type else "",
                activity_count=counts.get(p.id, 0),
            )
            for p in plans
        ]


def _quarter_info(row: ActivityProgress) -> QuarterInfo:
    return QuarterInfo(
        quarter=row.quarter,
        planned=row.planned,
        executed=row.executed,
        progress=row.progress,
        evidence=row.evidence,
        remarks=row.remarks,
        files=tuple(EvidenceFileInfo(f.id, f.file_name, f.sha256) for f in row.files),
        version=row.version,
    )


def activity_info(a: PlanActivity, year: int | None = None) -> ActivityInfo:
    """The activity as plain data; ``year``: its plan's, for the plan types' names then."""
    names = [t.name_for(year) for t in a.plan_types]
    return ActivityInfo(
        id=a.id,
        uid=a.uid,
        position=a.position,
        code=a.code,
        description=a.description,
        target_value=a.target_value,
        unit=a.unit,
        indicator_name=a.indicator_name,
        indicator_type=a.indicator_type,
        owner_unit=a.owner_unit,
        owner_person=a.owner_person,
        weight=a.weight,
        start_date=a.start_date,
        end_date=a.end_date,
        budget=a.budget,
        process=a.process,
        strategic_objective=a.strategic_objective,
        remarks=a.remarks,
        policy_codes=tuple(p.code for p in a.policies),
        policy_names=tuple(p.name for p in a.policies),
        plan_type_codes=tuple(t.code for t in a.plan_types),
        plan_type_names=tuple(name for name, _short in names),
        plan_type_short_names=tuple(short or name for name, short in names),
        quarters=tuple(_quarter_info(q) for q in a.progress),
        ratings=tuple(RatingInfo(r.semester, r.rating, r.remarks) for r in a.ratings),
    )


def load_plan(session: Session, plan_id: int) -> Plan:
    plan = session.scalar(
        select(Plan)
        .where(Plan.id == plan_id)
        .options(
            selectinload(Plan.plan_type),
            selectinload(Plan.activities).selectinload(PlanActivity.policies),
            selectinload(Plan.activities).selectinload(PlanActivity.plan_types),
            selectinload(Plan.activities).selectinload(PlanActivity.ratings),
            selectinload(Plan.activities)
            .selectinload(PlanActivity.progress)
            .selectinload(ActivityProgress.files),
        )
    )
    if plan is None:
        raise NotFound(_("No existe el plan {id}.").format(id=plan_id))
    return plan


def plan_detail(plan: Plan) -> PlanDetail:
    return PlanDetail(
        id=plan.id,
        uid=plan.uid,
        year=plan.year,
        kind=plan.kind,
        name=plan.name,
        plan_type_code=plan.plan_type.code if plan.plan_type else "",
        plan_type_name=plan.plan_type.name_for(plan.year)[0] if plan.plan_type else "",
        description=plan.description,
        source_file=plan.source_file,
        activities=tuple(activity_info(a, plan.year) for a in plan.activities),
    )


def get_plan(db: Database, plan_id: int) -> PlanDetail:
    """One plan with its activities, quarterly follow-up, evidence and ratings."""
    with db.transaction() as session:
        return plan_detail(load_plan(session, plan_id))


def check_plan_header(year: int, name: str) -> list[str]:
    problems = []
    if not 1990 <= year <= 2100:
        problems.append(_("La vigencia {year} no es válida.").format(year=year))
    if not name.strip():
        problems.append(_("El nombre del plan es obligatorio."))
    elif len(name.strip()) > 300:
        problems.append(_("El nombre del plan pasa de 300 caracteres."))
    return problems


def find_plan_type(session: Session, code: str) -> PlanType:
    from mipg_desktop.catalog import current_version

    version = current_version(session)
    plan_type = session.scalar(
        select(PlanType).where(PlanType.catalog_version_id == version.id, PlanType.code == code)
    )
    if plan_type is None:
        raise NotFound(_("No existe el tipo de plan {code} en el catálogo.").format(code=code))
    return plan_type


def name_taken(session: Session, year: int, name: str) -> str:
    """The line saying a plan of that name and year exists («» when the name is free)."""
    clash = session.scalar(select(Plan.id).where(Plan.year == year, Plan.name == name))
    if clash is None:
        return ""
    return _("Ya hay un plan «{name}» de {year}; cambie el nombre.").format(name=name, year=year)


def ensure_name_free(session: Session, year: int, name: str) -> None:
    problem = name_taken(session, year, name)
    if problem:
        raise ValidationError(problem)


def create_plan(
    db: Database, year: int, name: str, plan_type_code: str = "", description: str = ""
) -> PlanSummary:
    """An empty plan: the action plan, or a Decreto 612 plan when ``plan_type_code`` is given."""
    name = " ".join(name.split())
    problems = check_plan_header(year, name)
    if problems:
        raise ValidationError(_("No se creó el plan."), problems)
    with db.transaction() as session:
        ensure_name_free(session, year, name)
        plan_type = find_plan_type(session, plan_type_code) if plan_type_code else None
        plan = Plan(
            year=year,
            name=name,
            kind=PLAN_KIND_DECREE_612 if plan_type else PLAN_KIND_ACTION,
            plan_type=plan_type,
            description=description,
        )
        session.add(plan)
        session.flush()
        record(session, db.user_name, "create", "plans", plan.id, name, {"year": year})
        return PlanSummary(
            id=plan.id,
            uid=plan.uid,
            year=year,
            kind=plan.kind,
            name=name,
            plan_type_code=plan_type.code if plan_type else "",
            plan_type_name=plan_type.name_for(year)[0] if plan_type else "",
        )


def delete_plan(db: Database, plan_id: int) -> None:
    """Remove a plan with its activities and follow-up (evidence blobs stay, shared)."""
    with db.transaction() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise NotFound(_("No existe el plan {id}.").format(id=plan_id))
        record(session, db.user_name, "delete", "plans", plan.id, plan.name, {"year": plan.year})
        session.delete(plan)
