"""Per-user window settings (QSettings, organization ``mipg-desktop``): layout and recent files.

Settings shared by every user of a database live in the database (``mipg_desktop.settings``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from mipg_desktop.storage.engine import sqlite_path
from mipg_desktop.storage.urls import without_password

ORGANIZATION = "mipg-desktop"
APPLICATION = "MIPG Desktop"
MAX_RECENT = 8


def stored_form(target: str) -> str:
    """How a recent database is kept: a SQLite file by its path, a server database by its
    address without password."""
    path = sqlite_path(target) if target.startswith("sqlite") else None
    return str(path) if path is not None else without_password(target)


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings or QSettings(ORGANIZATION, APPLICATION)

    def recent_databases(self) -> list[str]:
        """The recent databases, never with a password (one an older version stored is
        taken out of the file now)."""
        value = self.qsettings.value("recent/databases", [])
        if isinstance(value, str):
            stored = [value] if value else []
        else:
            stored = [str(v) for v in (value or [])] if isinstance(value, list) else []
        clean = list(dict.fromkeys(stored_form(v) for v in stored))
        if clean != stored:
            self._store(clean)
        return clean

    def add_recent(self, target: str) -> list[str]:
        target = stored_form(target)
        recent = [target, *(r for r in self.recent_databases() if r != target)][:MAX_RECENT]
        self._store(recent)
        return recent

    def _store(self, recent: list[str]) -> None:
        self.qsettings.setValue("recent/databases", recent)
        self.qsettings.sync()

    def save_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.qsettings.setValue("window/geometry", window.saveGeometry())
        self.qsettings.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            self.qsettings.setValue(f"splitters/{name}", splitter.saveState())
        self.qsettings.sync()

    def restore_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
        """Put the window back as it was; ``False`` when nothing was saved yet."""
        geometry = self.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        state = self.qsettings.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for name, splitter in splitters.items():
            saved = self.qsettings.value(f"splitters/{name}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
        return isinstance(geometry, QByteArray) and not geometry.isEmpty()
