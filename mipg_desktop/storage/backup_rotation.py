"""Automatic copies of a SQLite database, made without asking (after Anki's backups).

At most one a day, and only when something changed since the last one; each copy is
checked with ``PRAGMA integrity_check`` before it counts (a copy that fails is deleted and
logged, never kept as good); kept with rotation (7 daily, 4 weekly, 12 monthly) in the
user's data folder, next to the default database, one folder per database. The window runs
:func:`make_automatic_backup` on its worker; nothing here knows about Qt.

``PostgreSQL``: no automatic copies (``pg_dump`` is the way); :func:`make_automatic_backup`
says so and does nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _
from mipg_desktop.progress import NO_PROGRESS, Progress
from mipg_desktop.storage.engine import default_database_path, sqlite_path

LOGGER = logging.getLogger("mipg_desktop.backups")
FOLDER_NAME = "copias-automaticas"
UNVERIFIED = ".sin-verificar"
STRAY_SUFFIXES = (UNVERIFIED, ".parcial")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})-(?P<time>\d{6})\.sqlite$")


@dataclass(frozen=True)
class Rotation:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


ROTATION = Rotation()


class Outcome(Enum):
    MADE = "made"
    NOT_DUE = "not_due"  # one was already made today
    UNCHANGED = "unchanged"  # nothing changed since the last one
    NOT_SQLITE = "not_sqlite"
    FAILED = "failed"


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    taken: datetime
    size: int


@dataclass(frozen=True)
class BackupResult:
    outcome: Outcome
    message: str
    path: Path | None = None
    removed: tuple[Path, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class Contents:
    """What a copy holds, read from it read-only."""

    sessions: int
    committees: int
    last_session: str  # «Comité … — sesión 3 de 2026 (12/05/2026)», or empty


# -- where ----------------------------------------------------------------------------------------
def backups_root() -> Path:
    """``MIPG_BACKUP_DIR``, else ``copias-automaticas`` beside the default database."""
    override = os.environ.get("MIPG_BACKUP_DIR")
    if override:
        return Path(override)
    return default_database_path().parent / FOLDER_NAME


def backup_folder(database: Path, root: Path | None = None) -> Path:
    """The folder of ``database``'s copies: its name and a short hash of its full path, so
    two ``mipg.sqlite`` in different folders never share copies."""
    resolved = str(database.expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return (root or backups_root()) / f"{database.stem}-{digest}"


def folder_for_url(url: str, root: Path | None = None) -> Path | None:
    path = sqlite_path(url)
    return None if path is None else backup_folder(path, root)


def list_backups(folder: Path) -> list[AutoBackup]:
    """The verified copies in ``folder``, newest first (strays and other files ignored)."""
    found: list[AutoBackup] = []
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            taken = datetime.strptime(f"{match['day']} {match['time']}", "%Y-%m-%d %H%M%S")
        except ValueError:
            continue
        found.append(AutoBackup(entry, taken, entry.stat().st_size))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def backup_name(database: Path, now: datetime) -> str:
    return f"{database.stem}-{now:%Y-%m-%d-%H%M%S}.sqlite"


# -- checks ---------------------------------------------------------------------------------------
def check_file(path: Path, full: bool = False) -> list[str]:
    """``PRAGMA quick_check`` (or ``integrity_check``) of ``path``, read-only: the problems
    found, empty when the file is sound."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def quick_check(path: Path) -> list[str]:
    """What opening runs (in the background in the window): empty when the file is sound."""
    return check_file(path, full=False)


def latest_good_backup(folder: Path) -> AutoBackup | None:
    """The newest copy that still passes ``quick_check``."""
    for backup in list_backups(folder):
        if not quick_check(backup.path):
            return backup
    return None


# -- what changed ---------------------------------------------------------------------------------
def _table_signature(conn: sqlite3.Connection, name: str, sql: str) -> tuple[object, ...]:
    columns = [
        (row[1], str(row[2]).upper()) for row in conn.execute(f'PRAGMA table_info("{name}")')
    ]
    names = {column for column, _kind in columns}
    rowid = "WITHOUT ROWID" not in sql.upper()
    if "version" in names:
        parts = ["count(*)", "total(version)"]
        parts += ["max(rowid)"] if rowid else []
        parts += ["max(updated_at)"] if "updated_at" in names else []
        return (name, *conn.execute(f'SELECT {", ".join(parts)} FROM "{name}"').fetchone())
    # no version column: the rows themselves (blobs by their length)
    shown = ", ".join(
        f'length("{column}")' if "BLOB" in kind else f'"{column}"' for column, kind in columns
    )
    order = " ORDER BY rowid" if rowid else ""
    digest = hashlib.sha256()
    for row in conn.execute(f'SELECT {shown} FROM "{name}"{order}'):
        digest.update(repr(row).encode("utf-8"))
    return (name, digest.hexdigest())


def database_fingerprint(path: Path) -> str:
    """A digest of what the database holds, the same for a copy and its source: the schema,
    and for each table its rows (counts, highest row id, sum of row versions and latest
    update for versioned tables; the rows themselves for the others). Reading the database
    never changes it; any committed write does."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        conn.execute("BEGIN")  # one snapshot
        schema = conn.execute(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
        virtual = [name for kind, name, sql in schema if sql.upper().startswith("CREATE VIRTUAL")]
        digest = hashlib.sha256(repr(schema).encode("utf-8"))
        for kind, name, sql in schema:
            if kind != "table" or name in virtual:
                continue
            if any(name.startswith(v + "_") for v in virtual):
                continue  # a full-text index: derived from the tables it indexes
            digest.update(repr(_table_signature(conn, name, sql)).encode("utf-8"))
        conn.execute("COMMIT")
        return digest.hexdigest()
    finally:
        conn.close()


def changed_since(database: Path, backup: AutoBackup | None) -> bool:
    if backup is None:
        return True
    try:
        return database_fingerprint(database) != database_fingerprint(backup.path)
    except sqlite3.DatabaseError:
        return True  # an unreadable copy proves nothing: make a new one


# -- rotation -------------------------------------------------------------------------------------
def _periods() -> Iterable[tuple[str, Callable[[AutoBackup], Hashable]]]:
    yield "daily", lambda b: b.taken.date()
    yield "weekly", lambda b: b.taken.isocalendar()[:2]
    yield "monthly", lambda b: (b.taken.year, b.taken.month)


def kept_by_rotation(backups: list[AutoBackup], rotation: Rotation = ROTATION) -> set[Path]:
    """The newest copy of each of the last ``daily`` days, ``weekly`` ISO weeks and
    ``monthly`` months that have copies."""
    keep: set[Path] = set()
    ordered = sorted(backups, key=lambda b: (b.taken, b.path.name), reverse=True)
    for field, period in _periods():
        limit = int(getattr(rotation, field))
        seen: list[Hashable] = []
        for backup in ordered:
            key = period(backup)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(backup.path)
    return keep


def prune(folder: Path, rotation: Rotation = ROTATION) -> list[Path]:
    """Delete the copies the rotation no longer keeps; returns them."""
    backups = list_backups(folder)
    keep = kept_by_rotation(backups, rotation)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def remove_strays(folder: Path) -> list[Path]:
    """Copies a killed run left half-written or unverified (they never count as copies)."""
    if not folder.is_dir():
        return []
    strays = [p for p in folder.iterdir() if p.name.endswith(STRAY_SUFFIXES)]
    for stray in strays:
        stray.unlink(missing_ok=True)
    return strays


# -- the copy -------------------------------------------------------------------------------------
def backup_due(folder: Path, today: date) -> bool:
    """No copy was made today yet (at most one a day)."""
    return not any(b.taken.date() == today for b in list_backups(folder))


def make_automatic_backup(
    url: str,
    *,
    root: Path | None = None,
    now: datetime | None = None,
    rotation: Rotation = ROTATION,
    progress: Progress = NO_PROGRESS,
) -> BackupResult:
    """Make today's copy of the database at ``url`` if one is due and something changed;
    verify it, then prune by ``rotation``. Never raises for a failed copy: it is deleted,
    logged and reported in the result."""
    import time

    started = time.perf_counter()
    database = sqlite_path(url)
    if database is None:
        return BackupResult(
            Outcome.NOT_SQLITE,
            _("En PostgreSQL el programa no hace copias automáticas; use pg_dump."),
        )
    now = now or datetime.now()
    folder = backup_folder(database, root)
    remove_strays(folder)
    if not backup_due(folder, now.date()):
        return BackupResult(Outcome.NOT_DUE, _("Ya hay una copia automática de hoy."))
    if not changed_since(database, next(iter(list_backups(folder)), None)):
        return BackupResult(Outcome.UNCHANGED, _("Nada cambió desde la última copia automática."))
    result = _write_verified(url, database, folder, now, progress)
    if result.outcome is not Outcome.MADE:
        return result
    removed = tuple(prune(folder, rotation))
    return BackupResult(
        Outcome.MADE, result.message, result.path, removed, time.perf_counter() - started
    )


def _write_verified(
    url: str, database: Path, folder: Path, now: datetime, progress: Progress
) -> BackupResult:
    from mipg_desktop.storage.backup import backup_database

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = folder / backup_name(database, now)
    unverified = final.with_name(final.name + UNVERIFIED)
    try:
        backup_database(url, unverified, progress)
        os.chmod(unverified, 0o600)
        problems = check_file(unverified, full=True)
    except (MipgError, OSError, sqlite3.Error) as error:
        unverified.unlink(missing_ok=True)
        LOGGER.error("Copia automática de %s no hecha: %s", database, error)
        return BackupResult(
            Outcome.FAILED,
            _("No se pudo hacer la copia automática de {db}: {error}").format(
                db=database.name, error=error
            ),
        )
    if problems:
        unverified.unlink(missing_ok=True)
        LOGGER.error(
            "Copia automática de %s descartada: no pasó la verificación (%s)",
            database,
            "; ".join(problems[:5]),
        )
        return BackupResult(
            Outcome.FAILED,
            _(
                "La copia automática de {db} no pasó la verificación y se descartó; "
                "la base de datos puede estar dañada."
            ).format(db=database.name),
        )
    os.replace(unverified, final)
    return BackupResult(
        Outcome.MADE, _("Copia automática guardada en {path}").format(path=final), final
    )


# -- what a copy holds ---------------------------------------------------------------------
def describe(path: Path, as_of: date | None = None) -> Contents:
    """How many sessions and committees the copy holds and its latest session (the last one
    held by ``as_of``, else the first one scheduled after it), read-only."""
    day = (as_of or date.today()).isoformat()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        sessions = int(conn.execute("SELECT count(*) FROM committee_sessions").fetchone()[0])
        committees = int(conn.execute("SELECT count(*) FROM committees").fetchone()[0])
        last = conn.execute(
            "SELECT c.name, s.number, s.year, s.session_date FROM committee_sessions AS s "
            "JOIN committees AS c ON c.id = s.committee_id "
            "ORDER BY (s.session_date > ?), "
            "CASE WHEN s.session_date > ? THEN s.session_date END ASC, "
            "s.session_date DESC, s.id DESC LIMIT 1",
            (day, day),
        ).fetchone()
    finally:
        conn.close()
    title = ""
    if last is not None:
        name, number, year, day = last
        shown = _short_date(str(day))
        title = _("{committee} — sesión {number} de {year} ({day})").format(
            committee=name, number=number, year=year, day=shown
        )
    return Contents(sessions, committees, title)


def _short_date(value: str) -> str:
    try:
        return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return value
