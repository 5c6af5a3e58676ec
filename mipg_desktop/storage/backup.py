"""Consistent copies of a SQLite database, and restoring one without ever making things worse.

A backup checks its source first (``integrity_check``) and its copy after; a restore checks
the file fully (:data:`~mipg_desktop.storage.checks.RESTORE_CHECKS`), copies the live database
aside completely and checks that copy, then replaces the database atomically. A kill at any
moment leaves the old or the new database, plus a complete copy; temporary files are named
``.<name>.<pid>.parcial`` and removed by the next run.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from mipg_desktop.errors import DatabaseRefused, MipgError
from mipg_desktop.i18n import _
from mipg_desktop.progress import NO_PROGRESS, Progress
from mipg_desktop.storage.checks import (
    RESTORE_CHECKS,
    describe,
    integrity_problems,
    run_checks,
    schema_problems,
)
from mipg_desktop.storage.engine import DEFAULT_BUSY_TIMEOUT, resolve_target, sqlite_path
from mipg_desktop.storage.lockfile import LockState, hold_database, lock_holder_pid, lock_state
from mipg_desktop.storage.safe_files import (
    fsync_file,
    fsync_folder,
    new_partial,
    remove_leftovers,
    remove_sqlite_files,
    sidecars,
)

PAGES_PER_STEP = 256
BACKUP_SUFFIX = ".sqlite"


def _sqlite_file(target: str | os.PathLike[str] | None) -> Path:
    url = resolve_target(target)
    path = sqlite_path(url)
    if path is None:
        raise MipgError(
            _("La copia de seguridad integrada es para bases SQLite; en PostgreSQL use pg_dump.")
        )
    return path


def _copy(
    src: sqlite3.Connection, dest: Path, progress: Progress, *, standalone: bool = True
) -> None:
    """SQLite online backup from an open connection into ``dest``, then fsync.

    Consistent even while another connection writes. A ``standalone`` copy is switched to a
    single-file journal so it travels alone.
    """
    out = sqlite3.connect(str(dest))
    try:

        def step(status: int, remaining: int, total: int) -> None:
            progress.update(total - remaining, total, _("Copiando base de datos"))

        src.backup(out, pages=PAGES_PER_STEP, progress=step)
        if standalone:
            out.execute("PRAGMA journal_mode = DELETE")
    finally:
        out.close()
    fsync_file(dest)


def _page_count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])
    finally:
        conn.close()


def _copy_checked(
    src: sqlite3.Connection, target: Path, progress: Progress, *, held: bool = False
) -> Path:
    """Copy into a temporary file beside ``target``, check it, then rename it into place.

    A copy of a ``held`` database (nobody writes) must have all its pages; any other copy
    must pass ``integrity_check`` and be ours.
    """
    partial = new_partial(target)
    try:
        _copy(src, partial, progress)
        if held:
            pages = int(src.execute("PRAGMA page_count").fetchone()[0])
            problems = [] if _page_count(partial) == pages else [_("la copia quedó incompleta")]
        else:
            problems = run_checks(partial, [integrity_problems, schema_problems])
        if problems:
            raise MipgError(
                _("La copia {path} no quedó bien ({problem}); no se escribió.").format(
                    path=target, problem=describe(problems)
                )
            )
        os.replace(partial, target)
        fsync_folder(target.parent)
    finally:
        remove_sqlite_files(partial)
    return target


def with_backup_suffix(output: Path) -> Path:
    """A backup named without an extension gets ``.sqlite``."""
    return output if output.suffix else output.with_name(output.name + BACKUP_SUFFIX)


def backup_database(
    target: str | os.PathLike[str] | None, output: Path, progress: Progress = NO_PROGRESS
) -> Path:
    """Write a checked, consistent copy of the database to ``output`` (whole, or not at all).

    The source must pass ``integrity_check`` first; a damaged one is refused, naming the
    damage and how to recover. ``output`` without an extension gets ``.sqlite``.
    """
    source = _sqlite_file(target)
    if not source.exists():
        raise MipgError(_("No existe la base de datos {path}.").format(path=source))
    output = output.expanduser().resolve()
    if output.is_dir():
        raise MipgError(
            _("{path} es una carpeta; indique el nombre del archivo.").format(path=output)
        )
    output = with_backup_suffix(output)
    if output == source.resolve():
        raise MipgError(_("La copia no puede escribirse sobre la misma base de datos."))
    if not output.parent.is_dir():
        raise MipgError(_("No existe la carpeta {folder}.").format(folder=output.parent))
    remove_leftovers(output.parent)
    problems = run_checks(source, [schema_problems, integrity_problems])
    if problems:
        raise DatabaseRefused(
            _(
                "La base de datos {path} {problem}; no se hizo la copia. Para recuperarla, "
                "restaure la última copia buena con «mipg restore ARCHIVO» (la base actual se "
                "guarda antes) o pida ayuda a soporte."
            ).format(path=source, problem=describe(problems))
        )
    src = sqlite3.connect(str(source), timeout=DEFAULT_BUSY_TIMEOUT * 6)
    try:
        return _copy_checked(src, output, progress)
    finally:
        src.close()


def check_restorable(backup_file: Path) -> list[str]:
    """Why ``backup_file`` may not replace a database (empty list: it may)."""
    return run_checks(backup_file, RESTORE_CHECKS)


def restore_database(
    target: str | os.PathLike[str] | None,
    backup_file: Path,
    progress: Progress = NO_PROGRESS,
    *,
    own_lock: bool = False,
) -> Path | None:
    """Replace the database with ``backup_file``; returns the copy kept of what was replaced.

    The backup is checked fully first (ours, known revision, ``integrity_check``, the
    :data:`RESTORE_CHECKS`); a refusal leaves the database byte-identical. The live database
    is copied aside (online backup, fsync, checked) before it is replaced atomically. Refused
    while a window holds the database. An older backup is upgraded after restoring, with the
    usual pre-upgrade copy.

    ``own_lock``: the caller (the window) holds the database's lock itself and has closed its
    connections (``Database.close()``); the lock must then be this process's.
    """
    url = resolve_target(target)
    dest = _sqlite_file(url)
    backup_file = backup_file.expanduser().resolve()
    if not backup_file.is_file():
        raise MipgError(_("No existe el archivo {path}.").format(path=backup_file))
    if backup_file == dest.resolve():
        raise MipgError(_("El archivo a restaurar es la misma base de datos."))
    problems = check_restorable(backup_file)
    if problems:
        raise DatabaseRefused(
            _("No se restauró {path}: {problem}. La base de datos no cambió.").format(
                path=backup_file, problem=describe(problems)
            )
        )
    from mipg_desktop.storage.safe_files import make_private_folder

    make_private_folder(dest.parent)
    if own_lock:
        if lock_holder_pid(url) != os.getpid() or lock_state(url) is not LockState.HELD:
            raise _in_use(dest)
        remove_leftovers(dest.parent)
        kept = _replace(dest, backup_file, progress)
    else:
        with hold_database(url, str(dest)):
            remove_leftovers(dest.parent)
            kept = _replace(dest, backup_file, progress)
    from mipg_desktop.storage.database import open_database

    open_database(str(dest)).close()  # upgrades an older backup, seeds a newer catalog
    return kept


def _safety_copy_path(dest: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = dest.with_name(f"{dest.stem}.antes-de-restaurar-{stamp}{dest.suffix}")
    n = 1
    while kept.exists():
        n += 1
        kept = dest.with_name(f"{dest.stem}.antes-de-restaurar-{stamp}-{n}{dest.suffix}")
    return kept


def _replace(dest: Path, backup_file: Path, progress: Progress) -> Path | None:
    """Keep a checked copy of ``dest``, then put ``backup_file``'s content in its place."""
    live: sqlite3.Connection | None = None
    kept: Path | None = None
    try:
        if dest.exists() and dest.stat().st_size > 0:
            try:
                live = _hold_live(dest)
            except sqlite3.DatabaseError:
                live = None  # damaged beyond SQLite's reach: keep its bytes as they are
                kept = _raw_safety_copy(dest)
            else:
                kept = _copy_checked(live, _safety_copy_path(dest), progress, held=True)
        source = sqlite3.connect(f"{backup_file.as_uri()}?mode=ro", uri=True)
        try:
            partial = new_partial(dest)
            try:
                _copy(source, partial, progress)
                problems = run_checks(partial, [integrity_problems, schema_problems])
                if problems:
                    raise MipgError(
                        _(
                            "La copia restaurada no quedó bien ({problem}); no se cambió nada."
                        ).format(problem=describe(problems))
                    )
                if any(side.exists() for side in sidecars(dest)):
                    raise _in_use(dest)
                os.replace(partial, dest)
                fsync_folder(dest.parent)
            finally:
                remove_sqlite_files(partial)
        finally:
            source.close()
    finally:
        if live is not None:
            live.close()
    return kept


def _raw_safety_copy(dest: Path) -> Path:
    """A byte copy of a damaged database and its WAL (which are then set aside)."""
    import shutil

    kept = _safety_copy_path(dest)
    wal = sidecars(dest)[0]
    pairs = [(dest, kept)] + ([(wal, kept.with_name(kept.name + "-wal"))] if wal.exists() else [])
    for source, target in pairs:
        partial = new_partial(target)
        try:
            with source.open("rb") as src, partial.open("wb") as out:
                shutil.copyfileobj(src, out)
            fsync_file(partial)
            if partial.stat().st_size != source.stat().st_size:
                raise MipgError(_("La copia de {path} quedó incompleta.").format(path=source))
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    fsync_folder(dest.parent)
    for side in sidecars(dest)[:2]:
        side.unlink(missing_ok=True)
    return kept


def _in_use(dest: Path) -> DatabaseRefused:
    return DatabaseRefused(
        _(
            "Otro programa está usando la base de datos {path}; ciérrelo e intente de nuevo. "
            "No se modificó nada."
        ).format(path=dest)
    )


def _hold_live(dest: Path) -> sqlite3.Connection:
    """The live database, its WAL folded in, held so nobody writes until it is replaced."""
    conn = sqlite3.connect(str(dest), timeout=DEFAULT_BUSY_TIMEOUT, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise _in_use(dest)
        conn.execute("BEGIN")  # a read transaction: no commit until the file is replaced
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise _in_use(dest) from exc
        raise
    except BaseException:
        conn.close()
        raise
    return conn
