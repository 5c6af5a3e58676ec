"""``mipg import-furag FILE.xlsx [--entity NAME] [--year Y] [--otra-entidad] [--reemplazar]``
and ``mipg furag [--json]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mipg_desktop.i18n import _, ngettext


def register(subparsers: Any) -> None:
    from mipg_desktop.cli.common import add_json_flag

    importer = subparsers.add_parser("import-furag", help=_("importa resultados FURAG / IDI"))
    importer.add_argument("file", type=Path, metavar="ARCHIVO", help=_(".xlsx, .xlsm, .ods o .xls"))
    importer.add_argument(
        "--entity",
        metavar="NOMBRE",
        help=_(
            "código SIGEP o nombre exacto de la entidad en el archivo (por defecto, el código "
            "SIGEP y el nombre del perfil de la entidad)"
        ),
    )
    importer.add_argument("--year", type=int, metavar="AAAA", help=_("vigencia medida"))
    importer.add_argument(
        "--otra-entidad",
        dest="other_entity",
        action="store_true",
        help=_(
            "importa los resultados aunque sean de otra entidad que la del perfil (el perfil "
            "no cambia)"
        ),
    )
    importer.add_argument(
        "--es-mi-entidad",
        dest="ours",
        action="store_true",
        help=_(
            "la entidad indicada es la del perfil, con otro nombre: se importa y su código SIGEP "
            "se guarda en el perfil, si este no tiene"
        ),
    )
    importer.add_argument(
        "--reemplazar",
        dest="replace",
        action="store_true",
        help=_("reemplaza los resultados que ya haya de esa vigencia"),
    )
    importer.add_argument(
        "--conservar-alcance",
        dest="keep_scope",
        action="store_true",
        help=_(
            "no cambia lo que reporta la entidad (MIPG o solo MECI) aunque el «Tipo "
            "Formulario» de sus resultados diga otra cosa"
        ),
    )
    importer.set_defaults(run=run_import)
    listing = subparsers.add_parser("furag", help=_("historial de resultados FURAG / IDI"))
    add_json_flag(listing)
    listing.set_defaults(run=run_list)


def run_import(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.errors import ValidationError
    from mipg_desktop.planning.furag import OtherEntity, YearHasResults, import_furag
    from mipg_desktop.planning.furag_guard import prior_text

    try:
        with open_db(args) as db:
            result = import_furag(
                db,
                args.file,
                entity=args.entity,
                year=args.year,
                other_entity=args.other_entity,
                replace=args.replace,
                ours=args.ours,
                set_scope=not args.keep_scope,
            )
    except OtherEntity as error:
        hint = _("Si de verdad quiere importarlos, repita con --otra-entidad")
        if error.profile_without_code:
            hint += " " + _("(o con --es-mi-entidad, si es la suya con otro nombre)")
        raise ValidationError(error.message + " " + hint + ".") from None
    except YearHasResults as error:
        raise ValidationError(
            prior_text(error.prior, number)
            + "; "
            + _("no se guardó nada. Para reemplazarlos, repita con --reemplazar.")
        ) from None
    how = {"exact": _("nombre exacto"), "sigep": _("código SIGEP")}
    print(
        _("FURAG {year} de «{name}» ({how}): IDI {idi}, {n} puntajes.").format(
            year=result.year,
            name=result.entity_name,
            how=how.get(result.matched_by, result.matched_by),
            idi=number(result.idi),
            n=result.scores,
        )
    )
    details = [
        _("hoja «{sheet}»").format(sheet=result.sheet) if result.sheet else "",
        _("código SIGEP {code}").format(code=result.sigep_code) if result.sigep_code else "",
        _("formulario {form}").format(form=result.form_type) if result.form_type else "",
    ]
    line = ", ".join(d for d in details if d)
    if line:
        print(line[0].upper() + line[1:] + ".")
    if result.remembered:
        print(
            _("Se guardó el código SIGEP {code} en el perfil de la entidad.").format(
                code=result.sigep_code
            )
        )
    _print_scope(result.scope_set, result.scope_offer, result.scope_kept)
    if result.scope_no_profile == "meci":
        print(
            _(
                "El formulario FURAG de la entidad es MECI, pero la base no tiene perfil de "
                "entidad: regístrelo y marque «La entidad reporta solo MECI»."
            )
        )
    if result.replaced:
        print(_("Se reemplazaron los resultados que había de {year}.").format(year=result.year))
    if result.unknown_columns:
        print(_("Columnas ignoradas: {cols}").format(cols=", ".join(result.unknown_columns)))
    return 0


def _print_scope(scope_set: str, offer: str, kept: str) -> None:
    from mipg_desktop.reporting_scope import scope_label

    if scope_set:
        print(
            _(
                "El formulario FURAG de la entidad es {form}: el perfil queda como «{scope}» "
                "(se puede cambiar en el perfil de la entidad)."
            ).format(form=scope_set.upper(), scope=scope_label(scope_set))
        )
    elif offer:
        print(
            _(
                "El formulario FURAG de la entidad es {form}, pero el perfil no se cambió "
                "(--conservar-alcance)."
            ).format(form=offer.upper())
        )
    elif kept:
        print(
            _(
                "El formulario FURAG de la entidad es {form}, pero el perfil conserva lo que se "
                "fijó a mano; cámbielo en el perfil de la entidad si corresponde."
            ).format(form=kept.upper())
        )


def number(value: float | None) -> str:
    """A score as the CLI prints numbers: one decimal, a point; «sin dato» when missing."""
    return _("sin dato") if value is None else f"{value:.1f}"


def run_list(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db, print_json
    from mipg_desktop.planning.furag import list_furag
    from mipg_desktop.planning.improvement import policy_gaps

    with open_db(args) as db:
        history = list_furag(db)
        gaps = policy_gaps(db)
    if args.json:
        print_json(
            {
                "results": [r.to_json() for r in history],
                "weakest_policies": [
                    {
                        "code": g.policy_code,
                        "label": g.label,
                        "name": g.name,
                        "score": g.score,
                        "peer_average": g.peer_average,
                        "plan_year": g.plan_year,
                        "activities": [
                            {"plan_id": a.plan_id, "activity_id": a.activity_id, "code": a.code}
                            for a in g.activities
                        ],
                    }
                    for g in gaps
                ],
            }
        )
        return 0
    if not history:
        print(_("No hay resultados FURAG importados."))
        return 0
    for r in history:
        peers = f"  ({_('grupo par')} {number(r.peer_idi)})" if r.peer_idi is not None else ""
        dims = "  ".join(f"{d.code} {number(d.score)}" for d in r.dimensions)
        print(f"{r.year}  IDI {number(r.idi)}{peers}  {dims}".rstrip())
    if gaps:
        print(
            _("Políticas más débiles y actividades de mejora en los planes de {year}:").format(
                year=gaps[0].plan_year
            )
        )
        for g in gaps:
            linked = (
                ngettext("{n} actividad", "{n} actividades", len(g.activities)).format(
                    n=len(g.activities)
                )
                if g.activities
                else _("SIN actividades de mejora")
            )
            print(f"  {number(g.score):>5}  {g.name or g.label}  — {linked}")
    return 0
