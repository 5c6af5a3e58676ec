"""``mipg import-plan FILE.xlsx [--year Y] [--map CAMPO=COLUMNA]… [--layout NAME] [--check]``
and ``mipg export-plan PLAN_ID -o FILE.xlsx``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.planning.plan_proposal import MappingProposal


def _pair(text: str) -> tuple[str, str]:
    field, sep, column = text.partition("=")
    if not sep or not field.strip() or not column.strip():
        raise argparse.ArgumentTypeError(
            _("«{v}»: use CAMPO=COLUMNA, por ejemplo responsable=G o «responsable=Cargo»").format(
                v=text
            )
        )
    return field.strip(), column.strip()


def register(subparsers: Any) -> None:
    importer = subparsers.add_parser(
        "import-plan",
        help=_("importa un plan desde Excel"),
        description=_(
            "Importa un plan de acción. Las columnas se reconocen por sus encabezados; un "
            "formato confirmado (con --map o --layout) se guarda y se aplica solo al siguiente "
            "archivo con los mismos encabezados."
        ),
    )
    importer.add_argument("file", type=Path, metavar="ARCHIVO", help=_(".xlsx, .xlsm, .ods o .xls"))
    importer.add_argument("--year", type=int, metavar="AAAA", help=_("vigencia del plan"))
    importer.add_argument("--name", metavar="NOMBRE", help=_("nombre del plan"))
    importer.add_argument(
        "--map",
        type=_pair,
        action="append",
        default=[],
        metavar="CAMPO=COLUMNA",
        help=_(
            "qué columna es cada campo (repetible); COLUMNA es la letra o el texto del "
            "encabezado, CAMPO uno de los que muestra --check (actividad, meta, dependencia, "
            "responsable, ponderacion, inicio, fin, avance_t1…, plan_pinar…) o «ignorar»"
        ),
    )
    importer.add_argument(
        "--layout",
        metavar="NOMBRE",
        help=_(
            "usa el formato guardado con ese nombre, o guarda con ese nombre el de este archivo"
        ),
    )
    importer.add_argument(
        "--check",
        action="store_true",
        help=_(
            "muestra qué columna es cada campo, con su confianza, y revisa el archivo sin guardar"
        ),
    )
    importer.set_defaults(run=run_import)
    exporter = subparsers.add_parser("export-plan", help=_("exporta un plan a Excel"))
    exporter.add_argument("plan_id", type=int, metavar="PLAN_ID")
    exporter.add_argument("-o", "--output", type=Path, required=True, metavar="ARCHIVO.xlsx")
    exporter.set_defaults(run=run_export)


def print_mapping(proposal: MappingProposal) -> None:
    layout = (
        _(" (formato guardado «{name}»)").format(name=proposal.layout) if proposal.layout else ""
    )
    dropped = proposal.dropped_line()
    if dropped:
        print(dropped)
    print(
        _("Hoja «{sheet}», encabezados en la fila {row}{layout}:").format(
            sheet=proposal.sheet, row=proposal.header_row, layout=layout
        )
    )
    for column in proposal.columns:
        if not column.header and not column.field:
            continue
        if column.field:
            what = _("{field} ({key}), confianza {c:.0%}").format(
                field=column.label, key=column.field, c=column.confidence
            )
        else:
            what = _("se ignora")
        note = f" — {column.note}" if column.note else ""
        print(f"  {column.letter} «{column.header}»: {what}{note}")


def _refusal(proposal: MappingProposal) -> Any:
    from mipg_desktop.errors import ValidationError

    hint = " ".join(proposal.map_arguments(doubtful_only=True))
    if not any(c.field == "actividad" for c in proposal.columns):
        hint = f"--map actividad=COLUMNA {hint}".strip()
    return ValidationError(
        _(
            "No se importó {file}: no se sabe con seguridad qué es cada columna; nada se guardó."
        ).format(file=proposal.file.name),
        [
            *proposal.doubtful,
            _("Revise con --check y confirme las columnas, por ejemplo: {hint}").format(hint=hint),
        ],
    )


def run_import(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.planning.plan_import import import_plan, read_plan_file
    from mipg_desktop.planning.plan_proposal import propose_mapping

    with open_db(args) as db:
        proposal = propose_mapping(db, args.file, args.map, args.layout, args.year, args.name)
        if args.check:
            print_mapping(proposal)
        if not proposal.confident:
            raise _refusal(proposal)
        mapping = proposal.mapping()
        if args.check:
            result = read_plan_file(db, args.file, args.year, args.name, mapping=mapping)
        else:
            remember = bool(args.map or args.layout)
            result = import_plan(
                db,
                args.file,
                year=args.year,
                name=args.name,
                mapping=mapping,
                remember=remember,
                layout_name=args.layout,
            )
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
    if result.layout:
        print(_("Formato de columnas: «{name}».").format(name=result.layout))
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
