"""``mipg sign SESSION_ID --p12 FILE [--password-file F]``: the next signature of an acta."""

from __future__ import annotations

import argparse
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sign",
        help=_("agrega la siguiente firma (PAdES) a un acta aprobada con un certificado .p12"),
    )
    parser.add_argument("session_id", type=int, metavar="SESION_ID", help=_("id de la sesión"))
    parser.add_argument(
        "--p12", required=True, metavar="ARCHIVO", help=_("certificado .p12 o .pfx de quien firma")
    )
    parser.add_argument(
        "--password-file",
        metavar="ARCHIVO",
        help=_("archivo con la clave del certificado (sin él, se pregunta si hay terminal)"),
    )
    parser.add_argument(
        "--location", default="", metavar="LUGAR", help=_("lugar de la firma (opcional)")
    )
    parser.set_defaults(run=run)


def _read(path: str, what: str) -> bytes:
    from pathlib import Path

    from mipg_desktop.errors import ValidationError

    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("No se pudo leer {what} {path}: {error}.").format(
                what=what, path=path, error=exc.strerror
            )
        ) from exc


def _password(args: argparse.Namespace) -> bytes | None:
    import sys

    if args.password_file:
        return _read(args.password_file, _("el archivo de la clave")).rstrip(b"\r\n") or None
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        typed = getpass.getpass(_("Clave del certificado: "))
        return typed.encode("utf-8") or None
    return None


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.committees.acta_signing import KIND_LABELS, sign_acta

    p12 = _read(args.p12, _("el certificado"))
    password = _password(args)
    with open_db(args, create=False) as db:
        signed = sign_acta(db, args.session_id, p12, password, location=args.location)
    print(
        _("Firmada por {who} ({kind}), firma {n}; quedan {left} por firmar.").format(
            who=signed.signer,
            kind=_(KIND_LABELS.get(signed.kind, signed.kind)),
            n=signed.sequence,
            left=signed.remaining,
        )
    )
    return 0
