"""Writing a whole plan in bulk (import, demo): plain inputs in, a few executemany calls out."""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, DateTime, insert, select

from mipg_desktop.audit import record
from mipg_desktop.models.plans import (
    PLAN_KIND_ACTION,
    ActivityProgress,
    ControlRating,
    Plan,
    PlanActivity,
    activity_plan_types,
    activity_policies,
    new_uid,
)
from mipg_desktop.planning.plans import ensure_name_free
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

UID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class QuarterInput:
    quarter: int
    planned: float | None = None
    executed: float | None = None
    progress: float | None = None
    evidence: str = ""
    remarks: str = ""


@dataclass(frozen=True)
class RatingInput:
    semester: int
    rating: str = ""
    remarks: str = ""


@dataclass(frozen=True)
class ActivityInput:
    description: str
    code: str = ""
    target_value: float | None = None
    unit: str = ""
    indicator_name: str = ""
    indicator_type: str = ""
    owner_unit: str = ""
    owner_person: str = ""
    weight: float | None = None
    start_date: date | None = None
    end_date: date | None = None
    budget: float | None = None
    process: str = ""
    strategic_objective: str = ""
    remarks: str = ""
    policy_ids: tuple[int, ...] = ()
    plan_type_ids: tuple[int, ...] = ()
    quarters: tuple[QuarterInput, ...] = ()
    ratings: tuple[RatingInput, ...] = ()
    uid: str = ""


@dataclass(frozen=True)
class PlanInput:
    year: int
    name: str
    kind: str = PLAN_KIND_ACTION
    plan_type_id: int | None = None
    description: str = ""
    source_file: str = ""
    activities: tuple[ActivityInput, ...] = ()
    uid: str = ""


_ACTIVITY_FIELDS = (
    "code",
    "description",
    "target_value",
    "unit",
    "indicator_name",
    "indicator_type",
    "owner_unit",
    "owner_person",
    "weight",
    "start_date",
    "end_date",
    "budget",
    "process",
    "strategic_objective",
    "remarks",
)


def _fresh_uids(session: Session, model: Any, wanted: Sequence[str]) -> list[str]:
    """Keep the uids given (a round trip) unless malformed or already used here."""
    candidates = [u for u in wanted if UID_PATTERN.match(u)]
    taken: set[str] = set()
    for start in range(0, len(candidates), 500):
        chunk = candidates[start : start + 500]
        taken.update(session.scalars(select(model.uid).where(model.uid.in_(chunk))))
    seen: set[str] = set()
    result = []
    for uid in wanted:
        if UID_PATTERN.match(uid) and uid not in taken and uid not in seen:
            result.append(uid)
        else:
            result.append(new_uid())
        seen.add(result[-1])
    return result


def write_plan(
    session: Session, user_name: str, plan_input: PlanInput, action: str = "create"
) -> int:
    """Insert the plan and everything under it in the caller's transaction; returns its id."""
    ensure_name_free(session, plan_input.year, plan_input.name)
    plan_uid = _fresh_uids(session, Plan, [plan_input.uid])[0]
    plan = Plan(
        uid=plan_uid,
        year=plan_input.year,
        name=plan_input.name,
        kind=plan_input.kind,
        plan_type_id=plan_input.plan_type_id,
        description=plan_input.description,
        source_file=plan_input.source_file[:300],
    )
    session.add(plan)
    session.flush()
    activities = plan_input.activities
    if activities:
        uids = _fresh_uids(session, PlanActivity, [a.uid for a in activities])
        rows = [
            {
                "uid": uid,
                "plan_id": plan.id,
                "position": index + 1,
                **{name: getattr(a, name) for name in _ACTIVITY_FIELDS},
            }
            for index, (a, uid) in enumerate(zip(activities, uids, strict=True))
        ]
        with roomy_cache(session):
            bulk_insert(session, PlanActivity.__table__, rows)
            by_uid = {
                uid: id_
                for uid, id_ in session.execute(
                    select(PlanActivity.uid, PlanActivity.id).where(PlanActivity.plan_id == plan.id)
                )
            }
            ids = [by_uid[uid] for uid in uids]
            _write_children(session, list(zip(ids, activities, strict=True)))
    record(
        session,
        user_name,
        action,
        "plans",
        plan.id,
        plan.name,
        {"year": plan.year, "activities": len(activities), "source": plan.source_file},
    )
    return plan.id


_gc_lock = threading.Lock()
_gc_state = {"depth": 0, "was_enabled": True}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load (reentrant, thread-safe).

    A bulk import keeps tens of thousands of small objects alive while openpyxl allocates
    millions of short-lived ones; every full collection would rescan the former. Nothing an
    import builds forms reference cycles worth collecting, and the input is capped in size.
    """
    with _gc_lock:
        if _gc_state["depth"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["depth"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["depth"] -= 1
            if _gc_state["depth"] == 0 and _gc_state["was_enabled"]:
                gc.enable()


BULK_CACHE_KIB = 64 * 1024


@contextmanager
def roomy_cache(session: Session) -> Iterator[None]:
    """On SQLite, a 64 MB page cache while bulk inserting (the default 2 MB makes the random
    ``uid`` indexes spill); the connection's own setting comes back afterwards."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    connection = session.connection()
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


def _sqlite_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dated(row: tuple[Any, ...], indexes: list[int], memo: dict[Any, Any]) -> tuple[Any, ...]:
    cells = list(row)
    for index in indexes:
        value = cells[index]
        if value is not None:
            text = memo.get(value)
            if text is None:
                text = memo[value] = _sqlite_value(value)
            cells[index] = text
    return tuple(cells)


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert complete rows (every column but the key) with one executemany.

    On SQLite the driver gets plain tuples (dates stored as SQLAlchemy stores them), which is
    about three times faster than going through SQLAlchemy's per-row parameter processing;
    elsewhere Core's ``insert`` is used.
    """
    if not rows:
        return
    if session.get_bind().dialect.name != "sqlite":
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    sql = 'INSERT INTO "{table}" ({cols}) VALUES ({marks})'.format(
        table=table.name,
        cols=", ".join(f'"{n}"' for n in names),
        marks=", ".join("?" for _n in names),
    )
    getter = itemgetter(*names)
    values: list[Any] = [getter(row) for row in rows] if len(names) > 1 else []
    if len(names) == 1:
        values = [(row[names[0]],) for row in rows]
    kinds = (Date, DateTime)
    dated = [i for i, n in enumerate(names) if isinstance(table.c[n].type, kinds)]
    if dated:
        memo: dict[Any, Any] = {}
        values = [_dated(v, dated, memo) for v in values]
    session.connection().exec_driver_sql(sql, values)


def _write_children(session: Session, pairs: list[tuple[int, ActivityInput]]) -> None:
    now = utcnow()
    policies = [{"activity_id": i, "policy_id": p} for i, a in pairs for p in a.policy_ids]
    types = [{"activity_id": i, "plan_type_id": t} for i, a in pairs for t in a.plan_type_ids]
    quarters = [
        {
            "uid": new_uid(),
            "activity_id": i,
            "quarter": q.quarter,
            "planned": q.planned,
            "executed": q.executed,
            "progress": q.progress,
            "evidence": q.evidence,
            "remarks": q.remarks,
            "updated_at": now,
        }
        for i, a in pairs
        for q in a.quarters
    ]
    ratings = [
        {
            "uid": new_uid(),
            "activity_id": i,
            "semester": r.semester,
            "rating": r.rating,
            "remarks": r.remarks,
        }
        for i, a in pairs
        for r in a.ratings
    ]
    bulk_insert(session, activity_policies, policies)
    bulk_insert(session, activity_plan_types, types)
    bulk_insert(session, ActivityProgress.__table__, quarters)
    bulk_insert(session, ControlRating.__table__, ratings)
