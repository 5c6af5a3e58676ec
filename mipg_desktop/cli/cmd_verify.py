"""``mipg verify [FILE.pdf]``: the approved actas against their records, or what a PDF is."""

from __future__ import annotations

import argparse
from typing import Any

from mipg_desktop.i18n import _, ngettext


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help=_(
            "comprueba las actas aprobadas, sus firmas y el registro de cambios; con un PDF, "
            "dice si es un acta aprobada de esta base y qué firmas lleva"
        ),
    )
    parser.add_argument("pdf", nargs="?", metavar="ARCHIVO.pdf", help=_("PDF a identificar"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db

    with open_db(args, create=False, check_guards=False) as db:
        if args.pdf:
            return _identify(db, args.pdf)
        return _verify_all(db)


def _verify_all(db: Any) -> int:
    import sys

    from mipg_desktop.committees.acta_verify import verify_database

    report = verify_database(db)
    for line in report.lines():
        print(line)
    signed = sum(1 for a in report.actas if a.signatures)
    if not report.ok:
        n = len(report.lines())
        print(
            ngettext(
                "Se encontró {n} problema; las actas guardadas no se modificaron.",
                "Se encontraron {n} problemas; las actas guardadas no se modificaron.",
                n,
            ).format(n=n),
            file=sys.stderr,
        )
        return 1
    print(
        _(
            "Todo en orden: {n} actas aprobadas coinciden con lo guardado al aprobarlas "
            "({signed} con firmas), el registro de cambios está completo y las protecciones "
            "de la base de datos están intactas."
        ).format(n=len(report.actas), signed=signed)
    )
    return 0


def _identify(db: Any, name: str) -> int:
    from pathlib import Path

    from mipg_desktop.committees.acta_verify import identify_pdf, identity_lines, identity_ok
    from mipg_desktop.errors import ValidationError

    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("No se pudo leer {path}: {error}.").format(path=path, error=exc.strerror)
        ) from exc
    if not data.startswith(b"%PDF"):
        raise ValidationError(_("{path} no es un PDF.").format(path=path))
    identity = identify_pdf(db, data)
    for line in identity_lines(path.name, identity):
        print(line)
    return 0 if identity_ok(identity) else 1
