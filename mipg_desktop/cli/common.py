"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database


# Only these commands may create a database; the others refuse a missing one, so a
# mistyped --db never leaves a new file (or folder) behind.
CREATING_COMMANDS = frozenset({"init", "demo", "import-session", "import-plan", "import-furag"})


# Commands queue behind another writer this long (seconds) before giving up with one line;
# MIPG_BUSY_TIMEOUT changes it. The window keeps the shorter default: it must not freeze.
CLI_BUSY_TIMEOUT = 120.0


def cli_busy_timeout() -> float:
    import os

    try:
        return max(0.0, float(os.environ.get("MIPG_BUSY_TIMEOUT", CLI_BUSY_TIMEOUT)))
    except ValueError:
        return CLI_BUSY_TIMEOUT


def open_db(
    args: argparse.Namespace, *, create: bool = True, check_guards: bool = True
) -> Database:
    from mipg_desktop.storage.database import open_database

    create = create and getattr(args, "command", None) in CREATING_COMMANDS
    return open_database(
        args.db, create=create, busy_timeout=cli_busy_timeout(), check_guards=check_guards
    )


def write_output(target: Path, data: bytes) -> Path:
    """Write a produced file whole, with the usual file mode (see mipg_desktop.files)."""
    from mipg_desktop.files import write_atomically

    return write_atomically(target, lambda temp: temp.write_bytes(data))


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    from mipg_desktop.i18n import _

    parser.add_argument("--json", action="store_true", help=_("salida JSON en la salida estándar"))
