"""``mipg export-session SESSION_ID -o FILE`` and ``mipg import-session FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export-session", help=_("exporta una sesión a un paquete (para revisar o continuar)")
    )
    export.add_argument("session_id", type=int, metavar="SESION_ID")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="ARCHIVO")
    export.set_defaults(run=run_export)
    imp = subparsers.add_parser("import-session", help=_("importa un paquete de sesión"))
    imp.add_argument("file", type=Path, metavar="ARCHIVO")
    choice = imp.add_mutually_exclusive_group()
    choice.add_argument(
        "--comite-existente",
        dest="committee_match",
        type=int,
        metavar="ID",
        help=_(
            "si ya existe un comité con el mismo nombre: usar este (su id); se recuerda "
            "para los siguientes paquetes"
        ),
    )
    choice.add_argument(
        "--comite-nuevo",
        dest="new_committee",
        action="store_true",
        help=_("si ya existe un comité con el mismo nombre: crear otro de todos modos"),
    )
    imp.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.committees.package import export_session

    with open_db(args, create=False) as db:
        result = export_session(db, args.session_id, args.output)
    print(
        _("{title} exportada a {path} ({n} anexos, {kb} KB).").format(
            title=result.session_title,
            path=result.path,
            n=result.attachments,
            kb=max(1, result.size // 1024),
        )
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.committees.package import import_session, read_package
    from mipg_desktop.committees.package_match import CommitteeChoiceNeeded
    from mipg_desktop.errors import MipgError

    if not args.file.is_file():
        raise MipgError(_("No existe el archivo {path}.").format(path=args.file))
    read_package(args.file)  # a refused package never creates or opens a database
    with open_db(args) as db:
        try:
            result = import_session(
                db,
                args.file,
                committee_match=args.committee_match,
                new_committee=args.new_committee,
            )
        except CommitteeChoiceNeeded as exc:
            first = exc.candidates[0].id
            raise MipgError(
                str(exc)
                + "\n"
                + _(
                    "Para usar el existente: mipg import-session {file} --comite-existente "
                    "{id}\nPara crear otro comité: mipg import-session {file} --comite-nuevo"
                ).format(file=args.file, id=first)
            ) from exc
    message = {
        "created": _("{title} importada como sesión {id}."),
        "updated": _("{title} (sesión {id}) actualizada con el paquete."),
        "unchanged": _("{title} (sesión {id}) ya estaba al día; no se cambió nada."),
    }[result.action]
    print(message.format(title=result.session_title, id=result.session_id))
    return 0
