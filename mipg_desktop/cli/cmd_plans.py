"""``mipg plans [--json]`` and ``mipg plan PLAN_ID [--json]``: plans and one plan's activities."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    from mipg_desktop.cli.common import add_json_flag

    plans = subparsers.add_parser("plans", help=_("lista los planes con su avance"))
    plans.add_argument("--year", type=int, metavar="AAAA", help=_("solo esta vigencia"))
    add_json_flag(plans)
    plans.set_defaults(run=run_plans)
    plan = subparsers.add_parser("plan", help=_("muestra un plan con sus actividades"))
    plan.add_argument("plan_id", type=int, metavar="PLAN_ID")
    plan.add_argument(
        "--at",
        type=date.fromisoformat,
        metavar="AAAA-MM-DD",
        help=_("fecha del corte para el avance esperado (por defecto, hoy)"),
    )
    add_json_flag(plan)
    plan.set_defaults(run=run_plan)


def _status(code: str) -> str:
    return {"green": _("verde"), "yellow": _("amarillo"), "red": _("rojo")}.get(code, code)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def run_plans(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db, print_json
    from mipg_desktop.planning.plans import list_plans
    from mipg_desktop.planning.rollup import rollup_plan

    with open_db(args) as db:
        plans = list_plans(db, args.year)
        rollups = {p.id: rollup_plan(db, p.id).total for p in plans}
    if args.json:
        print_json(
            {
                "plans": [
                    {
                        **p.to_json(),
                        "progress": rollups[p.id].actual,
                        "expected": rollups[p.id].expected,
                        "status": rollups[p.id].status,
                    }
                    for p in plans
                ]
            }
        )
        return 0
    if not plans:
        print(_("No hay planes registrados."))
        return 0
    for p in plans:
        line = rollups[p.id]
        print(
            f"{p.id:>4}  {p.year}  {p.name[:60]:<60}  {p.activity_count:>5} "
            f"{_('act.')}  {_percent(line.actual):>8}  ({_('esperado')} "
            f"{_percent(line.expected)}, {_status(line.status)})"
        )
    return 0


def run_plan(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db, print_json
    from mipg_desktop.planning.plans import get_plan
    from mipg_desktop.planning.rollup import rollup_plan

    with open_db(args) as db:
        plan = get_plan(db, args.plan_id)
        rollup = rollup_plan(db, args.plan_id, args.at)
    if args.json:
        print_json({**plan.to_json(), "rollup": rollup.to_json()})
        return 0
    print(f"{plan.name} — {_('vigencia')} {plan.year}")
    if plan.plan_type_name:
        print(_("Plan del Decreto 612: {name}").format(name=plan.plan_type_name))
    print(
        _("Avance {actual} (esperado {expected} al {at}): {status}").format(
            actual=_percent(rollup.total.actual),
            expected=_percent(rollup.total.expected),
            at=rollup.at.isoformat(),
            status=_status(rollup.total.status),
        )
    )
    for a in plan.activities:
        dates = f"{a.start_date or '—'} → {a.end_date or '—'}"
        print(f"  {a.code or a.position:>5}  {a.description[:70]}")
        quarters = "  ".join(f"T{q.quarter} {_percent(q.progress)}" for q in a.quarters)
        print(f"         {_('peso')} {_percent(a.weight)}  {dates}  {a.owner_unit}  {quarters}")
        if a.policy_names:
            print(f"         {_('políticas')}: {'; '.join(a.policy_names)}")
        if a.ratings:
            ratings = "; ".join(f"S{r.semester} {r.rating}" for r in a.ratings)
            print(f"         {_('Control Interno')}: {ratings}")
    return 0
