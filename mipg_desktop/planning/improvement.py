"""Linking the weakest FURAG policies to the plan activities that work on them.

:func:`policy_gaps(db, furag_year=None, plan_year=None, count=5) <policy_gaps>` → the
``count`` lowest policy scores of a FURAG year (default the latest), each with the activities
of ``plan_year``'s plans (default the year after the measured one) linked to that policy, so a
committee sees at once which weak policies have no improvement activity yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.models.catalog import Policy
from mipg_desktop.models.plans import Plan, PlanActivity, activity_policies
from mipg_desktop.planning.furag import list_furag

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database


@dataclass(frozen=True)
class LinkedActivity:
    plan_id: int
    plan_name: str
    activity_id: int
    code: str
    description: str


@dataclass(frozen=True)
class PolicyGap:
    policy_code: str
    label: str
    score: float
    peer_average: float | None
    furag_year: int
    plan_year: int
    activities: tuple[LinkedActivity, ...]
    name: str = ""  # the catalog's name of the policy (the label is the file's header)

    @property
    def uncovered(self) -> bool:
        """No activity of the plan year works on this policy."""
        return not self.activities


def policy_gaps(
    db: Database, furag_year: int | None = None, plan_year: int | None = None, count: int = 5
) -> list[PolicyGap]:
    """The weakest policies of a FURAG year with the activities linked to them."""
    history = [r for r in list_furag(db) if furag_year is None or r.year == furag_year]
    if not history:
        return []
    result = history[-1]
    target_year = plan_year or result.year + 1
    weakest = sorted(
        (p for p in result.policies if p.score is not None), key=lambda p: (p.score, p.code)
    )[:count]
    codes = [p.code for p in weakest]
    with db.transaction() as session:
        rows = session.execute(
            select(Policy.code, Plan.id, Plan.name, PlanActivity.id, PlanActivity.code)
            .add_columns(PlanActivity.description)
            .join(activity_policies, activity_policies.c.policy_id == Policy.id)
            .join(PlanActivity, PlanActivity.id == activity_policies.c.activity_id)
            .join(Plan, Plan.id == PlanActivity.plan_id)
            .where(Policy.code.in_(codes), Plan.year == target_year)
            .order_by(Plan.id, PlanActivity.position)
        )
        linked: dict[str, list[LinkedActivity]] = {code: [] for code in codes}
        for code, plan_id, plan_name, activity_id, activity_code, description in rows:
            linked[code].append(
                LinkedActivity(plan_id, plan_name, activity_id, activity_code, description)
            )
    return [
        PolicyGap(
            policy_code=p.code,
            label=p.label,
            score=p.score or 0.0,
            peer_average=p.peer_average,
            furag_year=result.year,
            plan_year=target_year,
            activities=tuple(linked[p.code]),
            name=p.name,
        )
        for p in weakest
    ]
