"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database


def open_db(args: argparse.Namespace, *, create: bool = True) -> Database:
    from mipg_desktop.storage.database import open_database

    return open_database(args.db, create=create)


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    from mipg_desktop.i18n import _

    parser.add_argument("--json", action="store_true", help=_("salida JSON en la salida estándar"))
