"""The planning parts of ``mipg demo``: plans with progress and FURAG history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mipg_desktop.demo import run_demo
from mipg_desktop.planning.furag import list_furag, weakest_policies
from mipg_desktop.planning.plans import get_plan, list_plans
from mipg_desktop.planning.rollup import rollup_year

TODAY = date(2026, 11, 21)


def test_demo_plans_and_furag(demo_copy: Any) -> None:
    db = demo_copy(2, TODAY)  # run_demo(db, years=2, today=TODAY) on a new database
    plans = list_plans(db)
    assert [p.year for p in plans].count(2025) == [p.year for p in plans].count(2026) == 6
    action = next(p for p in plans if p.year == 2026 and p.kind == "action")
    detail = get_plan(db, action.id)
    assert detail.name == "Plan de Acción Institucional 2026"
    assert round(sum(a.weight or 0 for a in detail.activities), 6) == 1.0
    assert all(a.policy_codes for a in detail.activities)
    assert any(a.plan_type_codes for a in detail.activities)
    assert all(len(a.quarters) == 4 for a in detail.activities)
    assert all(a.ratings[0].rating for a in detail.activities)
    last_year = get_plan(db, next(p.id for p in plans if p.year == 2025 and p.kind == "action"))
    assert all(len(a.ratings) == 2 for a in last_year.activities)
    year = rollup_year(db, 2026, TODAY)
    assert {d.key for d in year.by_dimension} >= {"D1", "D2", "D3", "D5", "D7"}
    assert 0 < year.total.actual <= 1
    history = list_furag(db)
    assert [r.year for r in history] == [2023, 2024, 2025]
    assert history[-1].entity_name == "INSTITUTO DEPARTAMENTAL DE CULTURA Y TURISMO"
    assert len(history[-1].dimensions) == 7 and len(history[-1].policies) == 18
    assert (history[-1].form_type, history[-1].sigep_code) == ("MIPG", "1234")
    assert weakest_policies(db, count=3)


@pytest.mark.sqlite_only
def test_demo_is_deterministic(tmp_path: Path) -> None:
    from mipg_desktop.storage.database import open_database

    details = []
    for name in ("a.sqlite", "b.sqlite"):
        with open_database(tmp_path / name) as database:
            run_demo(database, years=1, today=TODAY)
            details.append(
                [
                    [
                        (a.description, a.weight, a.start_date, a.quarters)
                        for a in get_plan(database, p.id).activities
                    ]
                    for p in list_plans(database)
                ]
            )
    assert details[0] == details[1]


def test_policy_gaps_link_weak_policies_to_activities(demo_copy: Any) -> None:
    from mipg_desktop.planning.improvement import policy_gaps

    db = demo_copy(2, TODAY)  # run_demo(db, years=2, today=TODAY) on a new database
    gaps = policy_gaps(db, count=4)
    assert len(gaps) == 4
    assert all(g.furag_year == 2025 and g.plan_year == 2026 for g in gaps)
    scores = [g.score for g in gaps]
    assert scores == sorted(scores)
    talento = [g for g in gaps if g.policy_code == "talento-humano"]
    if talento:
        assert not talento[0].uncovered
        assert all(a.plan_name.endswith("2026") for a in talento[0].activities)
    assert policy_gaps(db, furag_year=1999) == []
