"""Is a SQLite file a sound MIPG Desktop database? Checks that answer in Spanish lines.

:func:`check_database` reads without writing (``mode=ro``): it is what opening runs (quick,
or full after an unclean shutdown), what ``mipg backup`` runs on the source and on the copy,
and what the window may run in the background. :data:`RESTORE_CHECKS` are the checks a file
must pass before it may replace the live database; each takes a read-only ``sqlite3``
connection and returns the problems it found (an empty list: nothing wrong).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from mipg_desktop.i18n import _
from mipg_desktop.storage.revisions import revision_graph

SQLITE_HEADER = b"SQLite format 3\x00"
MAX_REPORTED = 3  # damage lines named in a message

Check = Callable[[sqlite3.Connection], list[str]]


def file_problems(path: Path) -> list[str]:
    """What makes ``path`` not even a candidate: missing, a folder, empty, not SQLite."""
    if not path.exists():
        return [_("el archivo no existe")]
    if path.is_dir():
        return [_("es una carpeta, no un archivo")]
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        return [_("no se pudo leer ({reason})").format(reason=exc.strerror or exc)]
    if not header:
        return [_("el archivo está vacío (0 bytes)")]
    if header != SQLITE_HEADER:
        return [_("no tiene el formato de una base de datos SQLite")]
    return []


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Ours (an ``alembic_version`` with a revision) and not newer than this program."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        return [_("no es una base de datos de MIPG Desktop")]
    revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    if not revisions:
        return [_("no es una base de datos de MIPG Desktop (no tiene revisión de esquema)")]
    unknown = revisions - revision_graph().known
    if unknown:
        return [
            _(
                "fue creada por una versión más reciente de MIPG Desktop (revisión {rev}); "
                "actualice el programa"
            ).format(rev=", ".join(sorted(unknown)))
        ]
    return []


def _pragma_problems(conn: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({MAX_REPORTED})")]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise
        rows = [str(exc)]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows == ["ok"]:
        return []
    return [_("está dañada (SQLite informa «{detail}»)").format(detail=row[:160]) for row in rows]


def quick_check_problems(conn: sqlite3.Connection) -> list[str]:
    return _pragma_problems(conn, "quick_check")


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    return _pragma_problems(conn, "integrity_check")


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    broken = conn.execute("PRAGMA foreign_key_check").fetchmany(MAX_REPORTED + 1)
    if not broken:
        return []
    return [_("tiene referencias rotas entre tablas (tabla {table})").format(table=broken[0][0])]


# What a file must pass before it replaces the live database (mipg restore, the window).
# The freeze guards of approved actas join here as one more entry.
def guard_problems(conn: sqlite3.Connection) -> list[str]:
    """At today's revision, the guards on approved actas and the audit trail are all
    there as written (an older file gets them when it is upgraded)."""
    from mipg_desktop.storage.freeze_guards import check_sqlite

    revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    if revisions != set(revision_graph().heads):
        return []
    found = check_sqlite(conn)
    if not found:
        return []
    return [
        _("tiene alteradas las protecciones de sus actas aprobadas ({what})").format(
            what="; ".join(found[:MAX_REPORTED])
        )
    ]


RESTORE_CHECKS: list[Check] = [
    integrity_problems,
    schema_problems,
    foreign_key_problems,
    guard_problems,
]


def _needs_recovery(path: Path) -> bool:
    for suffix in ("-journal", "-wal"):
        side = path.with_name(path.name + suffix)
        try:
            if side.stat().st_size > 0:
                return True
        except OSError:
            continue
    return False


def _recover(path: Path, busy_timeout: float) -> None:
    recover = sqlite3.connect(str(path), timeout=busy_timeout)
    try:
        recover.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        recover.close()


def open_read_only(path: Path, busy_timeout: float = 5.0) -> sqlite3.Connection:
    """A read-only connection; first lets SQLite finish a crashed writer's recovery.

    After a kill, a hot rollback journal or a WAL without its index cannot be handled by a
    read-only connection: a normal connection reads first and so runs SQLite's own crash
    recovery (it rolls the interrupted transaction back, or rebuilds the WAL index), which
    is what any first reader would do. Nothing else is written.
    """
    if _needs_recovery(path):
        _recover(path, busy_timeout)
    uri = f"{path.as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" not in str(exc):
            raise
    _recover(path, busy_timeout)
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout)


def run_checks(path: Path, checks: list[Check], busy_timeout: float = 5.0) -> list[str]:
    """Run ``checks`` on ``path`` opened read-only; the first failing check's lines."""
    problems = file_problems(path)
    if problems:
        return problems
    try:
        conn = open_read_only(path, busy_timeout)
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return [_("está bloqueada por otro programa")]
        return [_("está dañada o no se pudo leer ({reason})").format(reason=str(exc)[:120])]
    except sqlite3.Error as exc:
        return [_("no se pudo abrir ({reason})").format(reason=str(exc)[:120])]
    try:
        for check in checks:
            found = check(conn)
            if found:
                return found
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return [_("está bloqueada por otro programa")]
        return [
            _("está dañada o no es una base de datos de MIPG Desktop ({reason})").format(
                reason=str(exc)[:120]
            )
        ]
    finally:
        conn.close()
    return []


def check_database(path: Path | str, full: bool = False) -> list[str]:
    """Problems of the database file at ``path``, as Spanish lines (empty: sound).

    ``full`` runs ``PRAGMA integrity_check`` (every page and index; seconds on a large
    file) instead of ``quick_check``. Nothing is written.
    """
    damage = integrity_problems if full else quick_check_problems
    return run_checks(Path(path), [schema_problems, damage])


def describe(problems: list[str]) -> str:
    """Several problem lines as one: the first few, joined."""
    shown = problems[:MAX_REPORTED]
    more = len(problems) - len(shown)
    text = "; ".join(shown)
    return text + (_(" (y {n} más)").format(n=more) if more > 0 else "")
