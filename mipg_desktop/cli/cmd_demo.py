"""``mipg demo [--years N]``: loads realistic, deterministic sample data."""

from __future__ import annotations

import argparse
import time
from datetime import date
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help=_("carga datos de demostración realistas"))
    parser.add_argument(
        "--years", type=_years, default=1, metavar="N", help=_("años de sesiones, 1 a 30 (1)")
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        metavar="AAAA-MM-DD",
        help=_("fecha de referencia de la demostración (por defecto, hoy)"),
    )
    parser.set_defaults(run=run)


def _years(text: str) -> int:
    try:
        years = int(text)
    except ValueError:
        years = 0
    if not 1 <= years <= 30:
        raise argparse.ArgumentTypeError(_("debe ser un número entero de 1 a 30"))
    return years


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.demo import run_demo

    started = time.perf_counter()
    with open_db(args) as db:
        run_demo(db, years=args.years, today=args.today)
    print(
        _("Datos de demostración cargados ({years} años) en {seconds:.1f} s.").format(
            years=args.years, seconds=time.perf_counter() - started
        )
    )
    return 0
