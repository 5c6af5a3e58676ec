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


def open_db(args: argparse.Namespace, *, create: bool = True) -> Database:
    from mipg_desktop.storage.database import open_database

    create = create and getattr(args, "command", None) in CREATING_COMMANDS
    return open_database(args.db, create=create)


def write_output(target: Path, data: bytes) -> Path:
    """Write a produced file whole (temporary file, then rename), with the usual file mode."""
    import os
    import tempfile

    from mipg_desktop.errors import MipgError
    from mipg_desktop.i18n import _

    target = target.expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise MipgError(
            _("{path} es una carpeta; indique el nombre del archivo.").format(path=target)
        )
    if not folder.is_dir():
        raise MipgError(_("La carpeta {folder} no existe.").format(folder=folder))
    handle, temp = tempfile.mkstemp(prefix=".mipg-", suffix=target.suffix, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    from mipg_desktop.i18n import _

    parser.add_argument("--json", action="store_true", help=_("salida JSON en la salida estándar"))
