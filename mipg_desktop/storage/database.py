"""Opening a database: refuse what is not ours or is newer, back up, upgrade, seed.

Every refusal leaves the file byte-for-byte as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mipg_desktop.errors import DatabaseRefused
from mipg_desktop.i18n import _
from mipg_desktop.storage.engine import (
    DEFAULT_BUSY_TIMEOUT,
    make_engine,
    resolve_target,
    sqlite_path,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from mipg_desktop.history import History

from mipg_desktop.storage.inspection import (
    SQLITE_HEADER,
    Inspection,
    SchemaState,
    classify,
    inspect_sqlite_file,
)
from mipg_desktop.storage.revisions import revision_graph

__all__ = [
    "SQLITE_HEADER",
    "Database",
    "Inspection",
    "SchemaState",
    "classify",
    "inspect_sqlite_file",
    "open_database",
]


def inspect_engine(engine: Engine) -> Inspection:
    """The schema state of a server database (PostgreSQL), without Alembic."""
    from sqlalchemy import inspect, text

    where = _("La base de datos {url}").format(url=engine.url.render_as_string(hide_password=True))
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return Inspection(SchemaState.NEW, frozenset())
        rows = frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        guards: tuple[str, ...] = ()
        if rows == revision_graph().heads:
            from mipg_desktop.storage.freeze_guards import check_postgresql

            guards = tuple(check_postgresql(conn))
    return classify(rows, where, guard_problems=guards)


def _inspect_server(url: str) -> Inspection:
    """Inspect a server database, turning a bad URL or an unreachable server into one line."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from mipg_desktop.storage.db_errors import describe_database_error, hide_password

    shown = hide_password(url)
    try:
        shown = make_url(url).render_as_string(hide_password=True)
        probe = make_engine(url)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise DatabaseRefused(
            _(
                "«{url}» no es una dirección de base de datos válida: use la ruta de un archivo "
                "SQLite o una URL como postgresql+psycopg://usuario@servidor/base."
            ).format(url=shown)
        ) from exc
    try:
        return inspect_engine(probe)
    except DBAPIError as exc:
        raise DatabaseRefused(
            _("No se pudo usar la base de datos {url}: {error}").format(
                url=shown, error=describe_database_error(exc)
            )
        ) from exc
    finally:
        probe.dispose()


def backup_before_upgrade(path: Path, revisions: frozenset[str]) -> Path:
    """A consistent copy next to the file, named for the revision it was at."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    label = "+".join(sorted(revisions)) or "vacia"
    target = path.with_name(f"{path.stem}.antes-de-actualizar-{label}-{stamp}{path.suffix}")
    from mipg_desktop.storage.safe_files import (
        fsync_file,
        fsync_folder,
        new_partial,
        remove_sqlite_files,
    )

    partial = new_partial(target)  # complete under its name, or a leftover removed later
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(str(partial))
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        shutil.copystat(path, partial)
        os.chmod(partial, 0o600)
        fsync_file(partial)
        os.replace(partial, target)
        fsync_folder(target.parent)
    finally:
        remove_sqlite_files(partial)
    return target


class Database:
    """An open database: one engine, sessions handed out per unit of work.

    The engine (and with it SQLAlchemy) is made on first use, from any thread: opening a
    current SQLite file costs no SQLAlchemy import, so the window can show its first
    screen (read with ``sqlite3``, :mod:`mipg_desktop.first_screen`) before the ORM loads.
    """

    def __init__(
        self, engine: Engine | None, url: str, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    ) -> None:
        self.url = url
        self.busy_timeout = busy_timeout
        self._engine = engine
        self._sessions: sessionmaker[Session] | None = None
        self._writers: sessionmaker[Session] | None = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._history: History | None = None
        from mipg_desktop.user_profile import program_user

        self.user_name = program_user()
        self.backup_path: Path | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = make_engine(self.url, busy_timeout=self.busy_timeout)
        return self._engine

    @property
    def engine_loaded(self) -> bool:
        return self._engine is not None

    @property
    def dialect(self) -> str:
        if self._engine is None and self.path is not None:
            return "sqlite"
        return str(self.engine.dialect.name)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def _session_factory(self, write: bool = False) -> sessionmaker[Session]:
        if self._sessions is None or self._writers is None:
            from sqlalchemy.orm import sessionmaker

            engine = self.engine
            with self._lock:
                if self._sessions is None or self._writers is None:
                    self._sessions = sessionmaker(engine, expire_on_commit=False)
                    # SQLite: BEGIN IMMEDIATE, so what the transaction reads first stays
                    # what it writes over (no other writer can commit in between).
                    self._writers = sessionmaker(
                        engine.execution_options(mipg_immediate=True), expire_on_commit=False
                    )
        return self._writers if write else self._sessions

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back whole on any error.

        Called again on the same thread while one is open, it joins it: a window action
        is one core call in one transaction even when that call is made of several
        services (:mod:`mipg_desktop.history`). ``write`` takes SQLite's write lock at
        the start, for transactions that must read and write one consistent state.
        """
        current: Session | None = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        with self._session_factory(write).begin() as session:
            self._local.session = session
            try:
                yield session
            finally:
                self._local.session = None

    @property
    def history(self) -> History:
        """The undo and redo of this program's operations on the database (in memory)."""
        if self._history is None:
            from mipg_desktop.history import History

            with self._lock:
                if self._history is None:
                    self._history = History()
        return self._history

    @property
    def in_transaction(self) -> bool:
        return getattr(self._local, "session", None) is not None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    create: bool = True,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    check_guards: bool = True,
    full_check: bool | None = None,
    read_damaged: bool = False,
) -> Database:
    """Open (creating or upgrading when needed) the database named by ``target``.

    ``target`` is a SQLite path or a SQLAlchemy URL; ``None`` means ``MIPG_DB`` or
    the default file. A new or upgraded database gets the MIPG catalog seeded. A SQLite
    file is checked first (``quick_check``, ~5 ms on ten years of demo data); ``full_check``
    runs the full ``integrity_check`` (``None``: when the lock file shows an unclean
    shutdown). A damaged file is refused, never written.
    ``check_guards``: refuse a current database whose freeze guards are missing or altered
    (False only to read it, for ``mipg verify``). ``read_damaged``: open a damaged file
    anyway, only to read it (the window, read-only, offering the latest good copy); one that
    would need any write (an upgrade, the catalog) is still refused.
    """
    url = resolve_target(target)
    path = sqlite_path(url)
    backup: Path | None = None
    if path is not None:
        from mipg_desktop.storage.safe_files import remove_leftovers

        remove_leftovers(path.parent)
        inspection = inspect_sqlite_file(
            path, busy_timeout, full_check=full_check, check_damage=not read_damaged
        )
        if read_damaged and not (
            inspection.state is SchemaState.CURRENT and inspection.has_catalog
        ):
            return open_database(path, create=False, busy_timeout=busy_timeout)  # the refusal
    else:
        inspection = _inspect_server(url)
    if inspection.state is SchemaState.NEW and not create:
        raise DatabaseRefused(
            _(
                "No existe la base de datos {target}; créela con «mipg init» o ábrala en "
                "MIPG Desktop."
            ).format(target=path or target)
        )
    if inspection.guard_problems and check_guards and not read_damaged:
        from mipg_desktop.storage.db_errors import hide_password
        from mipg_desktop.storage.freeze_guards import unguarded

        raise unguarded(path or hide_password(url), inspection.guard_problems)
    if inspection.state is not SchemaState.CURRENT:
        from mipg_desktop.storage.migrate import upgrade_to_head

        if path is not None and inspection.state is SchemaState.NEW:
            create_new_database(path)
        else:
            if path is not None and inspection.state is SchemaState.OUTDATED:
                backup = backup_before_upgrade(path, inspection.revisions)
            upgrade_to_head(url)
    if path is not None and inspection.state is SchemaState.CURRENT and inspection.has_catalog:
        return Database(None, url, busy_timeout=busy_timeout)  # nothing to do: no engine yet
    database = Database(make_engine(url, busy_timeout=busy_timeout), url, busy_timeout=busy_timeout)
    database.backup_path = backup
    if inspection.state is not SchemaState.CURRENT or not _has_catalog(database):
        from mipg_desktop.catalog import seed_catalog
        from mipg_desktop.committees.types import sync_types

        with database.transaction() as session:
            seed_catalog(session)
            sync_types(session)
    return database


def create_new_database(path: Path) -> None:
    """Create the schema in a private temporary file beside ``path``, then move it there.

    An interrupted creation leaves a recognisable ``*.parcial`` file (removed next time),
    never a half-made database at ``path``; a file that appeared meanwhile is not replaced.
    """
    from mipg_desktop.storage.migrate import upgrade_to_head
    from mipg_desktop.storage.safe_files import (
        fsync_file,
        fsync_folder,
        make_private_folder,
        new_partial,
        remove_sqlite_files,
    )

    make_private_folder(path.parent)
    partial = new_partial(path)
    try:
        upgrade_to_head("sqlite:///" + str(partial))  # engine disposed: WAL folded back in
        fsync_file(partial)
        try:
            os.link(partial, path)  # never over a file that appeared meanwhile
        except FileExistsError as exc:
            raise DatabaseRefused(
                _("Otro programa creó {path} al mismo tiempo; intente de nuevo.").format(path=path)
            ) from exc
        except OSError:
            if path.exists():
                raise
            os.replace(partial, path)  # a file system without hard links
        fsync_folder(path.parent)
    finally:
        remove_sqlite_files(partial)


def _has_catalog(database: Database) -> bool:
    from sqlalchemy import text

    from mipg_desktop.catalog_file import TYPES_VERSION_KEY, shipped_code, shipped_types_version

    query = text("SELECT 1 FROM catalog_versions WHERE is_current AND code = :code")
    types = text("SELECT 1 FROM settings WHERE key = :key AND value = :value")
    with database.engine.connect() as conn:
        if conn.execute(query, {"code": shipped_code()}).first() is None:
            return False
        found = conn.execute(types, {"key": TYPES_VERSION_KEY, "value": shipped_types_version()})
        return found.first() is not None
