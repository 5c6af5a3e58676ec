"""``mipg backup -o FILE`` and ``mipg restore FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help=_("copia consistente de la base de datos"))
    backup.add_argument("-o", "--output", required=True, type=Path, metavar="ARCHIVO")
    backup.set_defaults(run=run_backup)
    restore = subparsers.add_parser(
        "restore", help=_("restaura una copia (guarda antes la base que reemplaza)")
    )
    restore.add_argument("file", type=Path, metavar="ARCHIVO")
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from mipg_desktop.storage.backup import backup_database

    out = backup_database(args.db, args.output)
    print(_("Copia de seguridad escrita en {path}").format(path=out))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from mipg_desktop.storage.backup import restore_database

    kept = restore_database(args.db, args.file)
    if kept is not None:
        print(_("La base de datos anterior se guardó en {path}").format(path=kept))
    print(_("Copia restaurada desde {path}").format(path=args.file))
    return 0
