"""What a SQLite file is, read without writing: ours, its schema state, sound or damaged.

Every refusal leaves the file byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from mipg_desktop.catalog_file import TYPES_VERSION_KEY, shipped_code, shipped_types_version
from mipg_desktop.errors import DatabaseRefused
from mipg_desktop.i18n import _
from mipg_desktop.storage.engine import DEFAULT_BUSY_TIMEOUT
from mipg_desktop.storage.revisions import revision_graph

SQLITE_HEADER = b"SQLite format 3\x00"


class SchemaState(Enum):
    NEW = "new"
    CURRENT = "current"
    OUTDATED = "outdated"


# the current catalog is the shipped version (else start-up upgrades it: catalog_seed)
CATALOG_AT_SHIPPED = "SELECT 1 FROM catalog_versions WHERE is_current = 1 AND code = ?"
TYPES_AT_SHIPPED = "SELECT 1 FROM settings WHERE key = ? AND value = ?"


@dataclass(frozen=True)
class Inspection:
    state: SchemaState
    revisions: frozenset[str]
    has_catalog: bool = False
    guard_problems: tuple[str, ...] = ()  # at today's revision: freeze guards missing/altered


def classify(
    revisions: frozenset[str],
    where: str,
    has_catalog: bool = False,
    guard_problems: tuple[str, ...] = (),
) -> Inspection:
    graph = revision_graph()
    if not revisions:
        return Inspection(SchemaState.NEW, revisions)
    unknown = revisions - graph.known
    if unknown:
        raise DatabaseRefused(
            _(
                "{where} fue creada por una versión más reciente de MIPG Desktop "
                "(revisión {rev}); actualice el programa. No se modificó nada."
            ).format(where=where, rev=", ".join(sorted(unknown)))
        )
    state = SchemaState.CURRENT if revisions == graph.heads else SchemaState.OUTDATED
    return Inspection(state, revisions, has_catalog, guard_problems)


def _refuse_readonly(path: Path) -> None:
    mode = path.stat().st_mode
    writable_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    if not mode & writable_bits or not os.access(path, os.W_OK):
        raise DatabaseRefused(
            _(
                "La base de datos {path} es de solo lectura; cópiela a una carpeta donde pueda "
                "escribir o cambie sus permisos. No se modificó nada."
            ).format(path=path)
        )
    if not os.access(path.parent, os.W_OK):
        raise DatabaseRefused(
            _(
                "No se puede escribir en la carpeta {folder}, que la base de datos necesita. "
                "No se modificó nada."
            ).format(folder=path.parent)
        )


def _refuse_not_ours(path: Path, reason: str) -> DatabaseRefused:
    return DatabaseRefused(
        _(
            "El archivo {path} no es una base de datos de MIPG Desktop ({reason}); no se "
            "modificó. Solo una ruta que todavía no existe se vuelve una base nueva."
        ).format(path=path, reason=reason)
    )


def _refuse_damaged(path: Path, problems: list[str]) -> DatabaseRefused:
    from mipg_desktop.errors import DatabaseDamaged
    from mipg_desktop.storage.checks import describe

    return DatabaseDamaged(
        _(
            "La base de datos {path} {problem}; no se abrió para no empeorarla. Restaure la "
            "última copia buena (menú «Copias de seguridad» o «mipg restore ARCHIVO»)."
        ).format(path=path, problem=describe(problems))
    )


def inspect_sqlite_file(
    path: Path,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    *,
    full_check: bool | None = None,
    check_damage: bool = True,
) -> Inspection:
    """Check a SQLite file without writing to it; raise :class:`DatabaseRefused` if unusable.

    Only a path that does not exist is NEW: an empty file, or a SQLite file without our
    schema revision, is refused. The pages are checked (``quick_check``; the full
    ``integrity_check`` after an unclean shutdown, or when ``full_check``) and damage refused.
    """
    from mipg_desktop.storage.checks import file_problems, integrity_problems, quick_check_problems

    if not path.exists():
        return Inspection(SchemaState.NEW, frozenset())
    if path.is_dir():
        raise DatabaseRefused(_("{path} es una carpeta, no una base de datos.").format(path=path))
    problems = file_problems(path)
    if problems:
        raise _refuse_not_ours(path, problems[0])
    _refuse_readonly(path)
    from mipg_desktop.storage.lockfile import restoring, shut_down_uncleanly

    if restoring("sqlite:///" + str(path)):
        raise DatabaseRefused(
            _(
                "Se está restaurando una copia en la base de datos {path}; intente de nuevo en "
                "un momento. No se modificó nada."
            ).format(path=path)
        )
    if full_check is None:
        full_check = shut_down_uncleanly("sqlite:///" + str(path))
    where = _("La base de datos {path}").format(path=path)
    try:
        from mipg_desktop.storage.checks import open_read_only

        conn = open_read_only(path, busy_timeout)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                raise _refuse_not_ours(path, _("no tiene las tablas del programa"))
            revisions = frozenset(
                r[0] for r in conn.execute("SELECT version_num FROM alembic_version")
            )
            if not revisions:
                raise _refuse_not_ours(path, _("no tiene revisión de esquema"))
            damage = (integrity_problems if full_check else quick_check_problems)(conn)
            if damage and check_damage:
                raise _refuse_damaged(path, damage)
            guards: tuple[str, ...] = ()
            if revisions == revision_graph().heads:
                from mipg_desktop.storage.freeze_guards import check_sqlite

                guards = tuple(check_sqlite(conn))
            has_catalog = (
                "catalog_versions" in tables
                and bool(conn.execute(CATALOG_AT_SHIPPED, (shipped_code(),)).fetchone())
                and bool(
                    conn.execute(
                        TYPES_AT_SHIPPED, (TYPES_VERSION_KEY, shipped_types_version())
                    ).fetchone()
                )
            )
        finally:
            conn.close()
        # A write-lock probe: refuses when another program holds the file locked.
        conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseRefused(
                _(
                    "La base de datos {path} está bloqueada por otro programa; ciérrelo e intente "
                    "de nuevo. No se modificó nada."
                ).format(path=path)
            ) from exc
        raise DatabaseRefused(
            _("No se pudo leer la base de datos {path}: {error}. No se modificó nada.").format(
                path=path, error=str(exc)[:120]
            )
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            _(
                "El archivo {path} está dañado o no es una base de datos de MIPG Desktop; "
                "no se modificó."
            ).format(path=path)
        ) from exc
    return classify(revisions, where, has_catalog, guards)
