"""Settings stored in the database (shared by every user of the file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mipg_desktop.models.entity import Setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def read_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def write_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
