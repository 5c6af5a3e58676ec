"""``mipg export-commitments -o FILE.xlsx``: the commitments tracker (and the session register)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export-commitments", help=_("exporta a Excel el seguimiento de compromisos")
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="ARCHIVO.xlsx")
    parser.add_argument(
        "--status",
        choices=("open", "in_progress", "done", "cancelled", "overdue"),
        help=_("solo los compromisos en este estado"),
    )
    parser.add_argument("--committee", type=int, metavar="ID", help=_("solo este comité"))
    parser.add_argument(
        "--sessions",
        type=Path,
        metavar="ARCHIVO.xlsx",
        help=_("además, el registro de sesiones en este archivo"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.planning.commitments_export import export_commitments
    from mipg_desktop.planning.session_register_export import export_session_register
    from mipg_desktop.planning.xlsx_style import check_target

    # both targets checked first: a failing command writes nothing
    check_target(args.output)
    if args.sessions:
        check_target(args.sessions)
    with open_db(args, create=False) as db:
        path = export_commitments(db, args.output, status=args.status, committee_id=args.committee)
        register_path = (
            export_session_register(db, args.sessions, committee_id=args.committee)
            if args.sessions
            else None
        )
    print(_("Compromisos exportados a {path}").format(path=path))
    if register_path:
        print(_("Registro de sesiones exportado a {path}").format(path=register_path))
    return 0
