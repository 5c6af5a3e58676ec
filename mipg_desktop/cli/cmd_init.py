"""``mipg init``: create or upgrade the database and seed the catalog (idempotent)."""

from __future__ import annotations

import argparse
from typing import Any

from mipg_desktop.i18n import _


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init", help=_("crea o actualiza la base de datos y carga el catálogo MIPG")
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mipg_desktop.catalog import seed_catalog
    from mipg_desktop.cli.common import open_db
    from mipg_desktop.committees.types import sync_types

    with open_db(args) as db:
        with db.transaction() as session:
            seed_catalog(session)
            sync_types(session)
        if db.backup_path is not None:
            print(
                _("Copia de seguridad previa a la actualización: {path}").format(
                    path=db.backup_path
                )
            )
        print(_("Base de datos lista: {url}").format(url=db.engine.url.render_as_string(True)))
    return 0
