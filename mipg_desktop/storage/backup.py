"""Consistent copies of a SQLite database, and restoring one (keeping what it replaces)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _
from mipg_desktop.progress import NO_PROGRESS, Progress
from mipg_desktop.storage.database import inspect_sqlite_file
from mipg_desktop.storage.engine import resolve_target, sqlite_path

PAGES_PER_STEP = 256


def _sqlite_file(target: str | os.PathLike[str] | None) -> Path:
    url = resolve_target(target)
    path = sqlite_path(url)
    if path is None:
        raise MipgError(
            _("La copia de seguridad integrada es para bases SQLite; en PostgreSQL use pg_dump.")
        )
    return path


def _copy(source: Path, dest: Path, progress: Progress, *, standalone: bool = True) -> None:
    """SQLite online backup: consistent even while another connection writes.

    A ``standalone`` copy is switched to a single-file journal so it travels alone.
    """
    src = sqlite3.connect(str(source), timeout=30)
    try:
        out = sqlite3.connect(str(dest))
        try:

            def step(status: int, remaining: int, total: int) -> None:
                progress.update(total - remaining, total, _("Copiando base de datos"))

            src.backup(out, pages=PAGES_PER_STEP, progress=step)
            if standalone:
                out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    finally:
        src.close()


def backup_database(
    target: str | os.PathLike[str] | None, output: Path, progress: Progress = NO_PROGRESS
) -> Path:
    """Write a consistent copy of the database to ``output`` (written whole, or not at all)."""
    source = _sqlite_file(target)
    inspect_sqlite_file(source)
    if not source.exists():
        raise MipgError(_("No existe la base de datos {path}.").format(path=source))
    output = output.expanduser().resolve()
    if output.is_dir():
        raise MipgError(
            _("{path} es una carpeta; indique el nombre del archivo.").format(path=output)
        )
    if output == source.resolve():
        raise MipgError(_("La copia no puede escribirse sobre la misma base de datos."))
    if not output.parent.is_dir():
        raise MipgError(_("No existe la carpeta {folder}.").format(folder=output.parent))
    partial = output.with_name(output.name + ".parcial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial, progress)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output


def restore_database(
    target: str | os.PathLike[str] | None, backup_file: Path, progress: Progress = NO_PROGRESS
) -> Path | None:
    """Replace the database with ``backup_file``; returns the copy kept of what was replaced.

    The backup is checked first (ours, not newer, not damaged); an older backup is
    upgraded after restoring, with the usual pre-upgrade copy.
    """
    dest = _sqlite_file(target)
    backup_file = backup_file.expanduser().resolve()
    if not backup_file.is_file():
        raise MipgError(_("No existe el archivo {path}.").format(path=backup_file))
    inspect_sqlite_file(backup_file)
    check = sqlite3.connect(f"{backup_file.as_uri()}?mode=ro", uri=True)
    try:
        result = check.execute("PRAGMA quick_check").fetchone()
    finally:
        check.close()
    if not result or result[0] != "ok":
        raise MipgError(_("La copia {path} está dañada; no se restauró.").format(path=backup_file))
    kept: Path | None = None
    if dest.exists() and dest.stat().st_size > 0:
        inspect_sqlite_file(dest)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = dest.with_name(f"{dest.stem}.antes-de-restaurar-{stamp}{dest.suffix}")
        _copy(dest, kept, progress)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
    _copy(backup_file, dest, progress, standalone=False)
    from mipg_desktop.storage.database import open_database

    open_database(str(dest)).close()  # upgrades an older backup, seeds a newer catalog
    return kept
