"""Per-user window settings (QSettings, organization ``mipg-desktop``): layout and recent files.

Settings shared by every user of a database live in the database (``mipg_desktop.settings``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

ORGANIZATION = "mipg-desktop"
APPLICATION = "MIPG Desktop"
MAX_RECENT = 8


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings or QSettings(ORGANIZATION, APPLICATION)

    def recent_databases(self) -> list[str]:
        value = self.qsettings.value("recent/databases", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in (value or [])] if isinstance(value, list) else []

    def add_recent(self, target: str) -> list[str]:
        recent = [target, *(r for r in self.recent_databases() if r != target)][:MAX_RECENT]
        self.qsettings.setValue("recent/databases", recent)
        self.qsettings.sync()
        return recent

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
