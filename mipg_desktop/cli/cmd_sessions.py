"""``mipg sessions [--json]``: the sessions (id, committee, number, year, date, status)."""

from __future__ import annotations

import argparse
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    from mipg_desktop.cli.common import add_json_flag

    parser = subparsers.add_parser("sessions", help=_("lista las sesiones de los comités"))
    parser.add_argument("--year", type=int, default=None, metavar="AÑO", help=_("solo ese año"))
    add_json_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db, print_json
    from mipg_desktop.committees.views import list_sessions

    with open_db(args) as db:
        sessions = list_sessions(db, year=args.year)
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "uid": s.uid,
                    "committee": s.committee_name,
                    "committee_id": s.committee_id,
                    "number": s.number,
                    "year": s.year,
                    "title": s.title,
                    "kind": s.kind,
                    "date": s.session_date.isoformat(),
                    "status": s.status,
                    "status_label": s.status_label,
                }
                for s in sessions
            ]
        )
        return 0
    if not sessions:
        print(_("No hay sesiones registradas."))
        return 0
    for s in sessions:
        print(
            f"{s.id:>5}  {s.session_date.isoformat()}  {s.title:<22} "
            f"{s.kind_label:<15} {s.status_label:<18} {s.committee_name}"
        )
    return 0
