"""``mipg import-plan FILE.xlsx [--year Y]`` and ``mipg export-plan PLAN_ID -o FILE.xlsx``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    importer = subparsers.add_parser("import-plan", help=_("importa un plan desde Excel"))
    importer.add_argument("file", type=Path, metavar="ARCHIVO.xlsx")
    importer.add_argument("--year", type=int, metavar="AAAA", help=_("vigencia del plan"))
    importer.add_argument("--name", metavar="NOMBRE", help=_("nombre del plan"))
    importer.add_argument(
        "--check", action="store_true", help=_("solo revisar el archivo, sin guardar")
    )
    importer.set_defaults(run=run_import)
    exporter = subparsers.add_parser("export-plan", help=_("exporta un plan a Excel"))
    exporter.add_argument("plan_id", type=int, metavar="PLAN_ID")
    exporter.add_argument("-o", "--output", type=Path, required=True, metavar="ARCHIVO.xlsx")
    exporter.set_defaults(run=run_export)


def run_import(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.planning.plan_import import import_plan, read_plan_file

    with open_db(args) as db:
        if args.check:
            result = read_plan_file(db, args.file, year=args.year, name=args.name)
        else:
            result = import_plan(db, args.file, year=args.year, name=args.name)
    if args.check:
        print(_("El archivo es válido; no se guardó nada."))
    else:
        print(_("Plan importado (id {id}).").format(id=result.plan_id))
    print(
        _(
            "«{name}», vigencia {year}: {n} actividades "
            "(hoja «{sheet}», encabezados en la fila {row})."
        ).format(
            name=result.name,
            year=result.year,
            n=result.activity_count,
            sheet=result.sheet,
            row=result.header_row,
        )
    )
    if result.unknown_columns:
        print(_("Columnas ignoradas: {cols}").format(cols=", ".join(result.unknown_columns)))
    for warning in result.warnings:
        print(_("Aviso: {w}").format(w=warning))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.planning.plan_export import export_plan

    with open_db(args, create=False) as db:
        path = export_plan(db, args.plan_id, args.output)
    print(_("Plan exportado a {path}").format(path=path))
    return 0
