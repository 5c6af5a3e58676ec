"""``mipg catalog [--json]``: the dimension → policy tree, the Decreto 612 plan types and the
committee types."""

from __future__ import annotations

import argparse
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    from mipg_desktop.cli.common import add_json_flag

    parser = subparsers.add_parser("catalog", help=_("muestra el catálogo MIPG"))
    add_json_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.catalog import get_catalog
    from mipg_desktop.cli.common import open_db, print_json
    from mipg_desktop.committees.types import list_types, types_json

    with open_db(args) as db:
        catalog = get_catalog(db)
        committee_types = list_types(db)
        as_json = types_json(db) if args.json else []
    if args.json:
        print_json({**catalog.to_json(), "committee_types": as_json})
        return 0
    print(_("{name} (versión {code})").format(name=catalog.version_name, code=catalog.version_code))
    for dimension in catalog.dimensions:
        print(f"{dimension.code}  {dimension.name}")
        for policy in dimension.policies:
            print(f"      {policy.name}  [{policy.code}]")
    print()
    print(_("Planes del Decreto 612 de 2018:"))
    for plan_type in catalog.plan_types:
        print(f"  {plan_type.number or '-':>2}. {plan_type.name}")
        for entry in plan_type.names_by_year:
            print("      " + _year_range(entry) + f": {entry['name']}")
        if plan_type.notes:
            print("      " + _("Nota: {text}").format(text=plan_type.notes))
    if catalog.changes:
        print()
        print(_("Cambios del catálogo:"))
        for change in catalog.changes:
            print(f"  {change.id} ({change.source_norm}, {change.source_date}): {change.summary}")
            for note in change.kept:
                print("      " + _("Se conservó lo de la entidad: {note}").format(note=note))
    print()
    print(_("Tipos de comité:"))
    for kind in committee_types:
        print(f"  {kind.code:<6} {kind.name}  ({kind.source})")
    return 0


def _year_range(entry: dict[str, Any]) -> str:
    low, high = entry.get("from_year"), entry.get("until_year")
    if low is None:
        return _("hasta {year}").format(year=high)
    if high is None:
        return _("desde {year}").format(year=low)
    return f"{low}–{high}"
