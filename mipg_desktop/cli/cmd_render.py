"""``mipg render agenda|minutes|pack SESSION_ID -o FILE.pdf``: the session documents as PDF."""

from __future__ import annotations

import argparse
from typing import Any

from mipg_desktop.i18n import _

DOCUMENTS = ("agenda", "minutes", "pack")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render", help=_("genera la convocatoria, el acta o el paquete de una sesión en PDF")
    )
    parser.add_argument(
        "document",
        choices=DOCUMENTS,
        help=_("agenda (convocatoria y orden del día), minutes (acta) o pack (paquete)"),
    )
    parser.add_argument("session_id", type=int, metavar="SESSION_ID", help=_("id de la sesión"))
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=_("archivo PDF"))
    parser.add_argument(
        "--paper",
        choices=("letter", "a4", "oficio"),
        default="letter",
        help=_("tamaño del papel (por defecto carta)"),
    )
    parser.set_defaults(run=run)


def render_bytes(db: Any, document: str, session_id: int, paper: str = "letter") -> bytes:
    from mipg_desktop.documents import from_session
    from mipg_desktop.documents.model import RenderOptions

    options = RenderOptions(page_size=paper, author=db.user_name)
    if document == "agenda":
        from mipg_desktop.documents.convocation_pdf import render_convocation

        return render_convocation(from_session.load_convocation(db, session_id), options)
    if document == "minutes":
        from mipg_desktop.documents.minutes_pdf import render_minutes

        return render_minutes(from_session.load_minutes(db, session_id), options)
    from mipg_desktop.documents.pack_pdf import render_pack

    return render_pack(from_session.load_pack(db, session_id), options)


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db, write_output
    from mipg_desktop.files import check_output

    target = check_output(args.output)
    with open_db(args, create=False) as db:
        data = render_bytes(db, args.document, args.session_id, args.paper)
    write_output(target, data)
    print(_("Documento generado: {path}").format(path=target))
    return 0
