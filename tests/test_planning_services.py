"""Plans, follow-up and roll-up services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.planning.follow_up import attach_evidence, rate_activity, record_progress
from mipg_desktop.planning.plans import create_plan, delete_plan, get_plan, list_plans
from mipg_desktop.planning.rollup import (
    Thresholds,
    actual_progress,
    expected_progress,
    rollup_plan,
    rollup_year,
    set_thresholds,
    traffic_light,
)
from mipg_desktop.planning.store import ActivityInput, PlanInput, QuarterInput, write_plan


def _ids(db, model, codes):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        rows = session.execute(select(model.code, model.id).where(model.code.in_(codes)))
        found = {code: id_ for code, id_ in rows}
    return tuple(found[c] for c in codes)


def _plan(db) -> int:  # type: ignore[no-untyped-def]
    th, doc = _ids(db, Policy, ["talento-humano", "gestion-documental"])
    (pic,) = _ids(db, PlanType, ["capacitacion"])
    activities = (
        ActivityInput(
            description="Ejecutar el plan institucional de capacitación",
            code="1",
            owner_unit="Talento Humano",
            weight=0.75,
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
            policy_ids=(th,),
            plan_type_ids=(pic,),
            quarters=(QuarterInput(1, progress=0.25), QuarterInput(2, progress=0.5)),
        ),
        ActivityInput(
            description="Actualizar las tablas de retención documental",
            code="2",
            owner_unit="Secretaría General",
            weight=0.25,
            start_date=date(2026, 1, 1),
            end_date=date(2026, 6, 30),
            policy_ids=(doc,),
            quarters=(QuarterInput(1, progress=0.1),),
        ),
    )
    with db.transaction() as session:
        return write_plan(
            session, "pruebas", PlanInput(year=2026, name="Plan de Acción", activities=activities)
        )


def test_write_and_read_plan(db) -> None:  # type: ignore[no-untyped-def]
    plan_id = _plan(db)
    plans = list_plans(db)
    assert [(p.name, p.activity_count) for p in plans] == [("Plan de Acción", 2)]
    detail = get_plan(db, plan_id)
    first = detail.activities[0]
    assert first.policy_codes == ("talento-humano",)
    assert first.plan_type_codes == ("capacitacion",)
    assert first.progress == 0.5
    assert len(first.uid) == 32
    assert detail.to_json()["activities"][1]["progress"] == 0.1


def test_follow_up_and_evidence(db) -> None:  # type: ignore[no-untyped-def]
    plan_id = _plan(db)
    activity_id = get_plan(db, plan_id).activities[1].id
    info = record_progress(
        db, activity_id, 2, expected_version=None, progress=0.6, evidence="Acta 03"
    )
    assert info.progress == 0.6
    attach_evidence(db, activity_id, 2, "acta.pdf", b"%PDF-1.4 x")
    again = attach_evidence(db, activity_id, 2, "acta-copia.pdf", b"%PDF-1.4 x")
    assert [f.file_name for f in again.files] == ["acta.pdf", "acta-copia.pdf"]
    assert again.files[0].sha256 == again.files[1].sha256
    rate_activity(db, activity_id, 1, "Cumple parcialmente")
    activity = get_plan(db, plan_id).activities[1]
    assert activity.progress == 0.6
    assert activity.rating(1) is not None and activity.rating(1).rating == "Cumple parcialmente"  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        record_progress(db, activity_id, 5, expected_version=None, progress=0.1)
    with pytest.raises(ValidationError):
        record_progress(db, activity_id, 1, expected_version=None, progress=1.5)


def test_rollup(db) -> None:  # type: ignore[no-untyped-def]
    plan_id = _plan(db)
    at = date(2026, 7, 1)
    plan = rollup_plan(db, plan_id, at)
    # actual: 0.75*0.5 + 0.25*0.1 = 0.4 ; expected: 0.75*(181/364) + 0.25*1
    assert plan.total.actual == pytest.approx(0.4)
    assert plan.total.expected == pytest.approx(0.75 * 181 / 364 + 0.25, abs=1e-6)
    assert plan.total.status == "red"
    year = rollup_year(db, 2026, at)
    assert [d.key for d in year.by_dimension] == ["D1", "D5"]
    assert {p.key: p.actual for p in year.by_policy} == {
        "talento-humano": 0.5,
        "gestion-documental": 0.1,
    }
    set_thresholds(db, 0.7, 0.6)
    assert rollup_plan(db, plan_id, at).total.status == "yellow"
    with pytest.raises(ValidationError):
        set_thresholds(db, 0.5, 0.9)


def test_rollup_helpers() -> None:
    assert expected_progress(date(2026, 1, 1), date(2026, 1, 11), date(2026, 1, 6)) == 0.5
    assert expected_progress(None, date(2026, 1, 11), date(2026, 2, 1)) == 1.0
    assert actual_progress(2026, {1: 0.2, 2: 0.4, 3: None}, date(2026, 5, 1)) == 0.4
    assert actual_progress(2026, {1: 0.2, 2: 0.4}, date(2026, 3, 31)) == 0.2
    assert traffic_light(0.0, 0.0, Thresholds()) == "green"
    assert traffic_light(0.5, 1.0, Thresholds()) == "red"


def test_create_and_delete_plan(db) -> None:  # type: ignore[no-untyped-def]
    summary = create_plan(db, 2026, "Plan Institucional de Capacitación 2026", "capacitacion")
    assert summary.kind == "decree612"
    with pytest.raises(ValidationError):
        create_plan(db, 2026, "Plan Institucional de Capacitación 2026")
    delete_plan(db, summary.id)
    with pytest.raises(NotFound):
        get_plan(db, summary.id)


def test_year_rollup_keeps_plans_without_weights(db) -> None:  # type: ignore[no-untyped-def]
    _plan(db)  # weighted: actual 0.4 at July 1st
    (th,) = _ids(db, Policy, ["talento-humano"])
    unweighted = tuple(
        ActivityInput(
            description=f"Actividad sin ponderación {n}",
            owner_unit="Talento Humano",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 6, 30),
            policy_ids=(th,),
            quarters=(QuarterInput(1, progress=progress),),
        )
        for n, progress in ((1, 1.0), (2, 0.6))
    )
    with db.transaction() as session:
        write_plan(
            session, "pruebas", PlanInput(year=2026, name="Plan sin pesos", activities=unweighted)
        )
    year = rollup_year(db, 2026, date(2026, 7, 1))
    by_plan = {p.label: p.actual for p in year.by_plan}
    assert by_plan == {"Plan de Acción": 0.4, "Plan sin pesos": 0.8}
    # each plan weighs the same: (0.4 + 0.8) / 2, the unweighted plan is not dropped
    assert year.total.actual == pytest.approx(0.6)
    assert year.total.activities == 4
    # talento-humano: 0.75 of plan 1 at 0.5, and 0.5 + 0.5 of plan 2 at 1.0 and 0.6
    policies = {p.key: p.actual for p in year.by_policy}
    assert policies["talento-humano"] == pytest.approx((0.75 * 0.5 + 0.5 + 0.3) / 1.75)
    owners = {o.key: o.actual for o in year.by_owner}
    assert owners["Talento Humano"] == pytest.approx((0.75 * 0.5 + 0.5 + 0.3) / 1.75)
