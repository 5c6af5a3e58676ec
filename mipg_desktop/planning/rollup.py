"""Weighted progress rolled up the MIPG tree, expected against actual, traffic lights.

- :func:`rollup_year(db, year, at=None) <rollup_year>` → :class:`YearRollup`: every plan of
  the year, and the year's activities grouped by policy, by dimension and by owner unit.
- :func:`rollup_plan(db, plan_id, at=None) <rollup_plan>` → :class:`PlanRollup`: one plan, with
  its owners.
- :func:`get_thresholds` / :func:`set_thresholds`: the entity's traffic-light thresholds,
  stored as settings.

Each :class:`RollupLine` has ``actual`` (weighted cumulative progress reported by ``at``),
``expected`` (weighted share of each activity's start→end span elapsed at ``at``) and
``status`` (``"green"``, ``"yellow"`` or ``"red"``): green when actual ≥ expected × green
threshold, yellow when ≥ expected × yellow threshold, red below. All values are fractions 0–1.
Weights are the activities' weights; a group whose weights are all missing or zero counts its
activities equally. Across plans (the year's total, policies, dimensions, owners) each
activity counts by its share of its own plan: weights normalised within each plan, equal
shares in a plan without weights, so that no plan drops out and every plan weighs the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import Policy
from mipg_desktop.models.plans import Plan, PlanActivity
from mipg_desktop.settings import read_setting, write_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

GREEN, YELLOW, RED = "green", "yellow", "red"
GREEN_KEY = "planning.traffic_light.green"
YELLOW_KEY = "planning.traffic_light.yellow"
DEFAULT_GREEN = 0.9
DEFAULT_YELLOW = 0.7


@dataclass(frozen=True)
class Thresholds:
    """Shares of the expected progress: at least ``green`` is green, ``yellow`` is yellow."""

    green: float = DEFAULT_GREEN
    yellow: float = DEFAULT_YELLOW


@dataclass(frozen=True)
class RollupLine:
    key: str
    label: str
    activities: int
    weight: float
    actual: float
    expected: float
    status: str


@dataclass(frozen=True)
class PlanRollup:
    plan_id: int
    year: int
    at: date
    total: RollupLine
    by_owner: tuple[RollupLine, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class YearRollup:
    year: int
    at: date
    thresholds: Thresholds
    total: RollupLine
    by_plan: tuple[RollupLine, ...]
    by_policy: tuple[RollupLine, ...]
    by_dimension: tuple[RollupLine, ...]
    by_owner: tuple[RollupLine, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Item:
    weight: float
    actual: float
    expected: float
    share: float = 0.0  # the weight normalised within the activity's plan


def expected_progress(start: date | None, end: date | None, at: date) -> float:
    """The share of the span start→end elapsed at ``at`` (0 before, 1 from the end on)."""
    if end is None:
        return 0.0
    if start is None or start >= end:
        return 1.0 if at >= end else 0.0
    if at <= start:
        return 0.0
    if at >= end:
        return 1.0
    return (at - start).days / (end - start).days


def actual_progress(year: int, by_quarter: dict[int, float | None], at: date) -> float:
    """The latest cumulative progress reported for a quarter already begun at ``at``."""
    best = 0.0
    for quarter in sorted(by_quarter):
        value = by_quarter[quarter]
        if value is not None and date(year, 3 * quarter - 2, 1) <= at:
            best = value
    return best


def traffic_light(actual: float, expected: float, thresholds: Thresholds) -> str:
    if expected <= 0 or actual >= expected * thresholds.green - 1e-9:
        return GREEN
    if actual >= expected * thresholds.yellow - 1e-9:
        return YELLOW
    return RED


def _line(
    key: str, label: str, items: list[_Item], thresholds: Thresholds, by_share: bool = False
) -> RollupLine:
    total_weight = sum(i.weight for i in items)
    weights = [i.share if by_share else i.weight for i in items]
    if sum(weights) <= 0:
        weights = [1.0] * len(items)
    denominator = sum(weights) or 1.0
    actual = sum(w * i.actual for w, i in zip(weights, items, strict=True)) / denominator
    expected = sum(w * i.expected for w, i in zip(weights, items, strict=True)) / denominator
    actual, expected = round(actual, 6), round(expected, 6)
    status = traffic_light(actual, expected, thresholds)
    return RollupLine(key, label, len(items), round(total_weight, 6), actual, expected, status)


def _group(
    pairs: Iterable[tuple[tuple[str, str], _Item]], thresholds: Thresholds, by_share: bool = False
) -> tuple[RollupLine, ...]:
    groups: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for key, item in pairs:
        groups[key].append(item)
    return tuple(
        _line(k, label, items, thresholds, by_share) for (k, label), items in groups.items()
    )


def _plan_items(plan: Plan, year: int, at: date) -> list[tuple[PlanActivity, _Item]]:
    """The plan's activities with their shares of the plan (equal when it has no weights)."""
    items = [(a, _item(a, year, at)) for a in plan.activities]
    total = sum(i.weight for _a, i in items)
    return [
        (a, replace(i, share=i.weight / total if total > 0 else 1 / len(items))) for a, i in items
    ]


def get_thresholds(db: Database) -> Thresholds:
    with db.transaction() as session:
        return read_thresholds(session)


def read_thresholds(session: Session) -> Thresholds:
    try:
        green = float(read_setting(session, GREEN_KEY, str(DEFAULT_GREEN)))
        yellow = float(read_setting(session, YELLOW_KEY, str(DEFAULT_YELLOW)))
    except ValueError:
        return Thresholds()
    return Thresholds(green, yellow)


def set_thresholds(db: Database, green: float, yellow: float) -> Thresholds:
    """The entity's thresholds, as shares of the expected progress (e.g. 0.9 and 0.7)."""
    if not 0 < yellow <= green <= 1:
        raise ValidationError(
            _("Los umbrales deben cumplir 0 < amarillo ≤ verde ≤ 100 %."),
        )
    from mipg_desktop.audit import record

    with db.transaction() as session:
        write_setting(session, GREEN_KEY, repr(green))
        write_setting(session, YELLOW_KEY, repr(yellow))
        record(session, db.user_name, "update", "settings", GREEN_KEY, _("Umbrales del semáforo"))
    return Thresholds(green, yellow)


def _item(activity: PlanActivity, year: int, at: date) -> _Item:
    quarters = {q.quarter: q.progress for q in activity.progress}
    return _Item(
        weight=activity.weight or 0.0,
        actual=actual_progress(year, quarters, at),
        expected=expected_progress(activity.start_date, activity.end_date, at),
    )


def _load(session: Session, *conditions: Any) -> list[Plan]:
    return list(
        session.scalars(
            select(Plan)
            .where(*conditions)
            .order_by(Plan.id)
            .options(
                selectinload(Plan.activities).selectinload(PlanActivity.progress),
                selectinload(Plan.activities)
                .selectinload(PlanActivity.policies)
                .selectinload(Policy.dimension),
            )
        )
    )


def _owner_key(activity: PlanActivity) -> tuple[str, str]:
    owner = activity.owner_unit or _("Sin dependencia")
    return owner, owner


def rollup_plan(db: Database, plan_id: int, at: date | None = None) -> PlanRollup:
    """Weighted progress of one plan at ``at`` (default today), in total and per owner."""
    at = at or date.today()
    with db.transaction() as session:
        plans = _load(session, Plan.id == plan_id)
        if not plans:
            raise NotFound(_("No existe el plan {id}.").format(id=plan_id))
        plan, thresholds = plans[0], read_thresholds(session)
        pairs = [(a, _item(a, plan.year, at)) for a in plan.activities]
        total = _line(str(plan.id), plan.name, [i for _a, i in pairs], thresholds)
        owners = _group(((_owner_key(a), i) for a, i in pairs), thresholds)
        return PlanRollup(plan.id, plan.year, at, total, owners)


def rollup_year(db: Database, year: int, at: date | None = None) -> YearRollup:
    """Every plan of ``year`` at ``at``, and the activities per policy, dimension and owner.

    An activity linked to two policies of one dimension counts once for that dimension.
    """
    at = at or date.today()
    with db.transaction() as session:
        thresholds = read_thresholds(session)
        plans = _load(session, Plan.year == year)
        pairs = [(p, a, i) for p in plans for a, i in _plan_items(p, year, at)]
        by_plan = _group((((str(p.id), p.name), i) for p, _a, i in pairs), thresholds)
        policy_pairs = [((pol.code, pol.name), i) for _p, a, i in pairs for pol in a.policies]
        dimension_pairs = [
            ((code, name), i)
            for _p, a, i in pairs
            for code, name in {(pol.dimension.code, pol.dimension.name) for pol in a.policies}
        ]
        return YearRollup(
            year=year,
            at=at,
            thresholds=thresholds,
            total=_line(str(year), str(year), [i for _p, _a, i in pairs], thresholds, True),
            by_plan=by_plan,
            by_policy=_group(policy_pairs, thresholds, True),
            by_dimension=tuple(
                sorted(_group(dimension_pairs, thresholds, True), key=lambda r: r.key)
            ),
            by_owner=_group(((_owner_key(a), i) for _p, a, i in pairs), thresholds, True),
        )
