"""Undo and redo as core operations (after Anki's ``OpChanges`` and ``undo_status``).

A window action runs as ``perform(db, label, scope, fn)``: one transaction that locks the
scope, reads every row of it, runs ``fn`` (one or more services, which join the
transaction), reads the scope again and keeps the difference, row by row, as the
operation's way back. ``undo(db)`` and ``redo(db)`` put those rows back in one transaction
each, and only if they are still exactly as the operation left them; otherwise someone
changed them since (this window, another one, the command line or another PostgreSQL
user), nothing is overwritten and :class:`ConcurrentEdit` says so. Both are audited, with
the values they replaced.

The history belongs to the open database (``db.history``) and lives in memory, like
Anki's: it is gone when the program closes. Scopes are in :mod:`mipg_desktop.scopes`.

Row versions only move forward: undo and redo compare rows without their version and write
the next version, so a window still holding a version from before never passes a check
against a row that changed twice since (the version numbers would otherwise repeat).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from mipg_desktop.audit import plain, record
from mipg_desktop.errors import ConcurrentEdit, MipgError
from mipg_desktop.i18n import _
from mipg_desktop.scopes import Scope, lock_scope, scope_rows

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

T = TypeVar("T")
Key = tuple[str, tuple[Any, ...]]
Row = dict[str, Any]
LIMIT = 100
IGNORED = frozenset({"updated_at"})  # bookkeeping, not content


@dataclass(frozen=True)
class RowChange:
    table: str
    key: tuple[Any, ...]
    before: Row | None  # None: the operation created the row
    after: Row | None  # None: the operation deleted it


@dataclass(frozen=True)
class Operation:
    label: str
    scope: Scope
    changes: tuple[RowChange, ...]


@dataclass(frozen=True)
class UndoStatus:
    undo: str | None  # the label of what «Deshacer» would undo now
    redo: str | None


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """What an operation returns: its value, what it changed, and the undo state after it."""

    value: T
    label: str
    tables: frozenset[str]
    status: UndoStatus


class NothingToUndo(MipgError):
    pass


@dataclass
class History:
    """The undo and redo stacks of one open database (thread-safe, bounded)."""

    undo_stack: list[Operation] = field(default_factory=list)
    redo_stack: list[Operation] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, op: Operation) -> None:
        with self.lock:
            self.undo_stack.append(op)
            del self.undo_stack[:-LIMIT]
            self.redo_stack.clear()

    def status(self) -> UndoStatus:
        with self.lock:
            return UndoStatus(
                self.undo_stack[-1].label if self.undo_stack else None,
                self.redo_stack[-1].label if self.redo_stack else None,
            )

    def clear(self) -> None:
        """Nothing before this point can be undone (an acta was approved: undoing a change
        to a person or a membership it shows would change it)."""
        with self.lock:
            self.undo_stack.clear()
            self.redo_stack.clear()


# -- reading a scope ---------------------------------------------------------------------------
def _key(table: Table, row: Row) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in table.primary_key.columns)


def snapshot(session: Session, scope: Scope) -> dict[Key, Row]:
    from sqlalchemy import select

    rows: dict[Key, Row] = {}
    for table, where in scope_rows(scope):
        for found in session.execute(select(table).where(where)).mappings():
            row = dict(found)
            rows[(table.name, _key(table, row))] = row
    return rows


@cache
def version_columns() -> dict[str, str]:
    """Table name → its row-version column (``version``, or ``row_version``)."""
    from sqlalchemy import Table

    from mipg_desktop.storage.base import Base

    out = {}
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if mapper.version_id_col is not None and isinstance(table, Table):
            out[table.name] = str(mapper.version_id_col.name)
    return out


def _content(row: Row | None, table: str) -> Row | None:
    """What a row says, without bookkeeping: not when it changed, nor its version."""
    if row is None:
        return None
    skip = IGNORED | {version_columns().get(table, "")}
    return {k: v for k, v in row.items() if k not in skip}


def diff(before: dict[Key, Row], after: dict[Key, Row]) -> tuple[RowChange, ...]:
    changes = []
    for key in sorted(before.keys() | after.keys(), key=repr):
        old, new = before.get(key), after.get(key)
        if _content(old, key[0]) != _content(new, key[0]):
            changes.append(RowChange(key[0], key[1], old, new))
    return tuple(changes)


def _written_here(session: Session, changes: tuple[RowChange, ...]) -> tuple[RowChange, ...]:
    """PostgreSQL reads what other transactions commit meanwhile (READ COMMITTED): keep only
    the rows this transaction created or changed (their ``xmin`` is this transaction), so
    undo never puts back what someone else wrote. (SQLite: one writer at a time already.)"""
    if session.get_bind().dialect.name != "postgresql":
        return changes
    from sqlalchemy import and_, literal_column, select, text

    from mipg_desktop.storage.base import Base

    mine = session.scalar(text("SELECT (txid_current() % 4294967296)::text"))
    tables = Base.metadata.tables
    kept = []
    for change in changes:
        if change.after is None:  # gone: only a writer of this scope deletes its rows
            kept.append(change)
            continue
        table = tables[change.table]
        found = session.scalar(
            select(literal_column("xmin::text"))
            .select_from(table)
            .where(
                and_(*(c == v for c, v in zip(table.primary_key.columns, change.key, strict=True)))
            )
        )
        if found == mine:
            kept.append(change)
    return tuple(kept)


# -- operations --------------------------------------------------------------------------------
def perform(db: Database, label: str, scope: Scope, fn: Callable[[], T]) -> OpResult[T]:
    """Run ``fn`` as one undoable operation on ``scope``, in one transaction."""
    from mipg_desktop.committees.common import unit_of_work

    if db.in_transaction:
        raise RuntimeError("perform() opens the transaction; it cannot run inside another")
    with unit_of_work(db, write=True) as session:
        lock_scope(session, scope)
        before = snapshot(session, scope)
        value = fn()
        session.flush()
        changes = _written_here(session, diff(before, snapshot(session, scope)))
    if changes:
        db.history.push(Operation(label, scope, changes))
    return OpResult(value, label, frozenset(c.table for c in changes), db.history.status())


def undo(db: Database, expected: str | None = None) -> OpResult[str]:
    """Undo the last operation; refused (and dropped) when its rows changed since.

    ``expected``: the label of the operation the person meant (the window asks before an
    operation still running has finished); anything else is left alone."""
    return _step(db, backwards=True, expected=expected)


def redo(db: Database, expected: str | None = None) -> OpResult[str]:
    return _step(db, backwards=False, expected=expected)


def _step(db: Database, backwards: bool, expected: str | None = None) -> OpResult[str]:
    from mipg_desktop.committees.common import unit_of_work

    history = db.history
    with history.lock:
        stack = history.undo_stack if backwards else history.redo_stack
        op = stack[-1] if stack else None
    if op is None:
        raise NothingToUndo(
            _("No hay nada que deshacer.") if backwards else _("No hay nada que rehacer.")
        )
    if expected is not None and op.label != expected:
        raise NothingToUndo(
            _("No se deshizo nada: «{label}» no llegó a guardarse.").format(label=expected)
        )
    try:
        with unit_of_work(db, write=True) as session:
            lock_scope(session, op.scope)
            replaced = _guarded_put_back(session, op, backwards)
            record(
                session,
                db.user_name,
                "undo" if backwards else "redo",
                "operations",
                f"{op.scope.kind}:{op.scope.key}",
                op.label,
                {"rows": replaced},
            )
    except ConcurrentEdit:
        with history.lock:
            if op in stack:
                stack.remove(op)  # it can never be undone now: nothing to keep it for
        raise
    with history.lock:
        if op in stack:
            stack.remove(op)
            (history.redo_stack if backwards else history.undo_stack).append(op)
    return OpResult(op.label, op.label, frozenset(c.table for c in op.changes), history.status())


def _guarded_put_back(session: Session, op: Operation, backwards: bool) -> list[dict[str, Any]]:
    """:func:`_put_back`, a row now needed elsewhere (a person who took another seat since)
    refused like any later change: the database keeps its integrity, nothing is written."""
    from sqlalchemy.exc import IntegrityError

    try:
        return _put_back(session, op, backwards)
    except IntegrityError as exc:
        raise ConcurrentEdit(
            _(
                "No se puede {what} «{label}»: algo de lo que cambió se usa ahora en otra parte "
                "(por ejemplo, la persona integra otro comité). No se cambió nada."
            ).format(what=_("deshacer") if backwards else _("rehacer"), label=op.label)
        ) from exc


def _put_back(session: Session, op: Operation, backwards: bool) -> list[dict[str, Any]]:
    """Check every row is as ``op`` left it (or found it, to redo), then write the other
    side: inserts parents first, then updates, then deletes children first."""
    from sqlalchemy import and_, delete, insert, update

    from mipg_desktop.storage.base import Base

    now = snapshot(session, op.scope)
    versions = version_columns()
    for change in op.changes:
        expected = change.after if backwards else change.before
        if _content(now.get((change.table, change.key)), change.table) != _content(
            expected, change.table
        ):
            raise ConcurrentEdit(
                _(
                    "No se puede {what} «{label}»: lo que cambió se modificó después (aquí, en "
                    "otra ventana, en la línea de comandos o por otra persona). No se cambió nada."
                ).format(what=_("deshacer") if backwards else _("rehacer"), label=op.label)
            )
    tables = Base.metadata.tables
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    targets = [(c, c.before if backwards else c.after) for c in op.changes]
    depth = _depths(targets)
    replaced = []
    inserts = [(c, t) for c, t in targets if t is not None and now.get((c.table, c.key)) is None]
    for change, target in sorted(inserts, key=lambda p: (order[p[0].table], depth(p[0]))):
        row = dict(target)
        column = versions.get(change.table)
        if column:  # back, but not with a version anyone may still hold
            row[column] = int(row[column]) + 1
        session.execute(insert(tables[change.table]).values(row))
        replaced.append({"table": change.table, "key": plain(change.key), "was": None})
    for change, wanted in targets:
        current = now.get((change.table, change.key))
        if wanted is None or current is None:
            continue
        table = tables[change.table]
        column = versions.get(change.table, "")
        skip = IGNORED | {column}
        values = {k: v for k, v in wanted.items() if k not in skip and current.get(k) != v}
        if not values:
            continue
        if column:
            values[column] = int(current[column]) + 1
        session.execute(update(table).where(_match(table, change.key, and_)).values(values))
        was = {k: current.get(k) for k in values}
        replaced.append({"table": change.table, "key": plain(change.key), "was": plain(was)})
    deletes = [(c, t) for c, t in targets if t is None and now.get((c.table, c.key)) is not None]
    for change, _t in sorted(deletes, key=lambda p: (-order[p[0].table], -depth(p[0]))):
        table = tables[change.table]
        session.execute(delete(table).where(_match(table, change.key, and_)))
        current = now[(change.table, change.key)]
        replaced.append({"table": change.table, "key": plain(change.key), "was": plain(current)})
    return replaced


def _match(table: Table, key: tuple[Any, ...], and_: Any) -> Any:
    return and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))


def _depths(targets: list[tuple[RowChange, Row | None]]) -> Callable[[RowChange], int]:
    """How deep a row sits below others of its table it names as ``parent_id`` (an agenda
    sub-item after its item when inserted, before it when deleted)."""
    parents = {
        (c.table, c.key): (row or c.before or c.after or {}).get("parent_id") for c, row in targets
    }

    def depth(change: RowChange) -> int:
        n, parent = 0, parents.get((change.table, change.key))
        while parent is not None and (change.table, (parent,)) in parents and n < 100:
            n += 1
            parent = parents[(change.table, (parent,))]
        return n

    return depth
