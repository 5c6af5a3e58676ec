"""Helpers shared by the committee services: transactions, guards, identifiers, text checks."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from mipg_desktop.committees import labels
from mipg_desktop.committees.markup import clean_text
from mipg_desktop.committees.phases import CLOSED_PHASES
from mipg_desktop.errors import (
    ConcurrentEdit,
    MipgError,
    NotFound,
    ReadOnlyRecord,
    ValidationError,
)
from mipg_desktop.i18n import _
from mipg_desktop.models.sessions import AgendaItem, CommitteeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

T = TypeVar("T")
FROZEN_MARK = "solo lectura"
EDITABLE_CLOSED = CLOSED_PHASES


@dataclass(frozen=True)
class RecordRef:
    """What a create or update returns: the record's id, stable uid and current version."""

    id: int
    uid: str
    version: int


def new_uid() -> str:
    return str(uuid.uuid4())


@contextmanager
def unit_of_work(db: Database, write: bool = True) -> Iterator[Session]:
    """``db.transaction()`` that turns lost updates and frozen-row refusals into user errors.

    ``write``: SQLite takes its write lock at the start (``BEGIN IMMEDIATE``), so a second
    writer waits its turn (busy timeout) instead of failing when the first commits; pass
    False for reading only."""
    from sqlalchemy.exc import DBAPIError, IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    try:
        with db.transaction(write) as session:
            yield session
    except StaleDataError as exc:
        raise ConcurrentEdit(
            _("Otra persona modificó este registro mientras lo editaba; vuelva a cargarlo.")
        ) from exc
    except DBAPIError as exc:
        if FROZEN_MARK in str(exc):
            raise ReadOnlyRecord(
                _("El acta está aprobada; la base de datos rechazó el cambio.")
            ) from exc
        if "uq_committee_sessions_committee_id_year_number" in str(exc) or (
            "UNIQUE constraint failed: committee_sessions.committee_id" in str(exc)
        ):
            raise ConcurrentEdit(
                _("Otra persona creó una sesión con ese número al mismo tiempo; intente de nuevo.")
            ) from exc
        if isinstance(exc, IntegrityError) and (
            "UNIQUE constraint failed" in str(exc) or "duplicate key" in str(exc)
        ):
            raise ConcurrentEdit(
                _(
                    "Otra persona registró lo mismo al mismo tiempo; vuelva a cargar e intente "
                    "de nuevo."
                )
            ) from exc
        if "database is locked" in str(exc):
            raise MipgError(
                _("Otra operación está escribiendo en la base de datos; intente de nuevo.")
            ) from exc
        raise


def _stale(now: int, had: int | None) -> str:
    return _(
        "Otra persona modificó este registro mientras usted lo editaba (versión {now}; usted "
        "partió de la {had})."
    ).format(now=now, had=had if had is not None else 0)


def check_version(current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise ConcurrentEdit(_stale(current, expected), version=current)


def row_version(row: Any) -> int:
    """The value of a mapped row's version column (``version``, or ``row_version`` where
    ``version`` means something else)."""
    from sqlalchemy import inspect

    mapper = inspect(row).mapper
    return int(getattr(row, mapper.get_property_by_column(mapper.version_id_col).key))


def check_fields(
    row: Any,
    expected_version: int | None,
    current: dict[str, Any],
    base: dict[str, Any] | None = None,
) -> None:
    """Refuse a change read at another version of ``row`` (``ConcurrentEdit`` with the
    stored ``current`` values of the fields it changes), unless those fields still hold
    what the change was based on (``base``): then only other fields changed meanwhile, and
    writing these loses nothing. ``expected_version`` None: the record was read before it
    existed (a form over a record not yet created), so any stored version is newer."""
    version = row_version(row)
    if expected_version is not None and version == expected_version:
        return
    if base is not None and all(k in base and base[k] == v for k, v in current.items()):
        return
    raise ConcurrentEdit(_stale(version, expected_version), current=current, version=version)


def editable_session(session: Session, session_id: int) -> CommitteeSession:
    """The session row, refused when approved (frozen) or cancelled.

    Its content is marked changed first: on PostgreSQL that update holds the session's row
    lock until commit, so another writer of this session waits here; everything read
    before is then read again, as stored now (a version check sees the other's change)."""
    touch_session(session, session_id)
    session.flush()
    session.expire_all()
    row = session.get(CommitteeSession, session_id)
    if row is None:
        raise NotFound(_("No existe la sesión {id}.").format(id=session_id))
    title = labels.session_title(row.number, row.year)
    if row.status == "approved":
        raise ReadOnlyRecord(
            _("El {title} está aprobada y no admite cambios; registre una fe de erratas.").format(
                title=title
            )
        )
    if row.status == "cancelled":
        raise ReadOnlyRecord(_("La sesión del {title} fue cancelada.").format(title=title))
    return row


def fresh(session: Session, model: type[T], key: object) -> T | None:
    """The row, locked for this transaction (PostgreSQL) and read as stored now, so a
    version check sees any change committed by another writer meanwhile."""
    return session.get(model, key, with_for_update=True, populate_existing=True)


def touch_session(session: Session, session_id: int) -> None:
    """Mark the session's content as changed now (``updated_at``), without bumping its
    version: packages use it to tell a newer copy from an older one."""
    from sqlalchemy import Table, update

    from mipg_desktop.storage.base import utcnow

    table = CommitteeSession.__table__
    assert isinstance(table, Table)
    session.execute(
        update(table)
        .where(table.c.id == session_id, table.c.status != "approved")
        .values(updated_at=utcnow())
    )


def editable_item(session: Session, item_id: int) -> tuple[AgendaItem, CommitteeSession]:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(_("No existe el punto del orden del día {id}.").format(id=item_id))
    return item, editable_session(session, item.session_id)


def clean_line(value: object, field: str, limit: int, required: bool = False) -> str:
    text = " ".join(clean_text(str(value or "")).split())
    if required and not text:
        raise ValidationError(_("«{field}» es obligatorio.").format(field=field))
    if len(text) > limit:
        raise ValidationError(
            _("«{field}» tiene {n} caracteres; el máximo es {limit}.").format(
                field=field, n=len(text), limit=limit
            )
        )
    return text


def clean_long(value: object, field: str, limit: int = 200_000) -> str:
    text = clean_text(str(value or ""))
    if len(text) > limit:
        raise ValidationError(
            _("«{field}» es demasiado largo ({n} caracteres; máximo {limit}).").format(
                field=field, n=len(text), limit=limit
            )
        )
    return text


def require_choice(value: str, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise ValidationError(
            _("Valor no válido para «{field}»: {value}.").format(field=field, value=value)
        )
    return value
