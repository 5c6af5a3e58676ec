"""``mipg render agenda|minutes|pack SESSION_ID -o FILE.pdf``: the session documents as PDF."""

from __future__ import annotations

import argparse
from typing import Any

from mipg_desktop.documents.output import DOCUMENTS
from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render", help=_("genera la convocatoria, el acta o el paquete de una sesión en PDF")
    )
    parser.add_argument(
        "document",
        choices=DOCUMENTS,
        metavar="DOCUMENTO",
        help=_(
            "{agenda,minutes,pack,errata}: agenda (convocatoria y orden del día), "
            "minutes (acta), pack (paquete) o errata (fe de erratas de un acta aprobada)"
        ),
    )
    parser.add_argument("session_id", type=int, metavar="SESION_ID", help=_("id de la sesión"))
    parser.add_argument(
        "-o", "--output", required=True, metavar="ARCHIVO.pdf", help=_("archivo PDF")
    )
    parser.add_argument(
        "--paper",
        choices=("letter", "a4", "oficio"),
        default="letter",
        metavar="{letter,a4,oficio}",
        help=_("tamaño del papel (por defecto carta)"),
    )
    parser.add_argument(
        "--copia",
        dest="copy",
        action="store_true",
        help=_(
            "una copia para distribuir (lleva la leyenda de copia no controlada); sin ella, "
            "el original, y el de un acta aprobada es el guardado al aprobarla"
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from mipg_desktop.cli.common import open_db, write_output
    from mipg_desktop.documents.output import document_bytes
    from mipg_desktop.files import check_output

    target = check_output(args.output)
    with open_db(args, create=False) as db:
        rendered = document_bytes(db, args.document, args.session_id, args.paper, copy=args.copy)
    write_output(target, rendered.data)
    if rendered.notice:
        print(_("Aviso: {notice}").format(notice=rendered.notice), file=sys.stderr)
    print(_("Documento generado: {path}").format(path=target))
    return 0
