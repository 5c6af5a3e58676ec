"""What is saved and what is not, in one place: the status bar reads it, the editors write it.

Every editor reports here: ``unsaved(key, what)`` when something typed or chosen is not in
the database yet, ``saving(key)`` while the write runs, ``saved(key)`` when it is in, and
``failed(key, what, message)`` when it was refused (it stays unsaved, and says why). The
window asks before closing while anything is unsaved or failed.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from mipg_desktop.i18n import _, ngettext


class SaveState(QObject):
    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unsaved: dict[Hashable, str] = {}
        self.refused: dict[Hashable, tuple[str, str]] = {}
        self.writing: dict[Hashable, str] = {}
        self.last_saved: datetime | None = None

    # -- reports -----------------------------------------------------------------------------
    def mark_unsaved(self, key: Hashable, what: str) -> None:
        self.unsaved[key] = what
        self.refused.pop(key, None)
        self._emit()

    def mark_saving(self, key: Hashable, what: str = "") -> None:
        self.writing[key] = what or self.unsaved.get(key, "")
        self._emit()

    def mark_saved(self, key: Hashable, still_unsaved: bool = False) -> None:
        """The write for ``key`` is in (``still_unsaved``: more was typed meanwhile)."""
        self.writing.pop(key, None)
        self.refused.pop(key, None)
        if not still_unsaved:
            self.unsaved.pop(key, None)
        self.last_saved = datetime.now()
        self._emit()

    def mark_failed(self, key: Hashable, what: str, message: str) -> None:
        self.writing.pop(key, None)
        self.unsaved[key] = what
        self.refused[key] = (what, message)
        self._emit()

    def forget(self, key: Hashable) -> None:
        """The person chose to discard it (or it no longer exists)."""
        for store in (self.unsaved, self.refused, self.writing):
            store.pop(key, None)  # type: ignore[attr-defined]
        self._emit()

    # -- reading -----------------------------------------------------------------------------
    @property
    def clean(self) -> bool:
        return not self.unsaved and not self.writing

    def pending(self) -> list[str]:
        """What is not in the database yet, as the person would name it."""
        return sorted(set(self.unsaved.values()) | {w for w in self.writing.values() if w})

    def text(self) -> str:
        if self.refused:
            what, message = next(iter(self.refused.values()))
            first = message.splitlines()[0] if message else ""
            return _("Sin guardar: {what} — {why}").format(what=what, why=first)
        if self.unsaved:
            items = self.pending()
            if len(items) == 1:
                return _("Sin guardar: {what}…").format(what=items[0])
            return ngettext(
                "Sin guardar: {n} cambio…", "Sin guardar: {n} cambios…", len(items)
            ).format(n=len(items))
        if self.writing:
            return _("Guardando…")
        if self.last_saved is None:
            return _("Todo guardado")
        return _("Todo guardado · última vez a las {time}").format(
            time=self.last_saved.strftime("%H:%M:%S")
        )

    def tooltip(self) -> str:
        lines = [f"• {what}: {message}" for what, message in self.refused.values()]
        lines += [f"• {what}" for key, what in self.unsaved.items() if key not in self.refused]
        return "\n".join(lines)

    def _emit(self) -> None:
        self.changed.emit(self.text())
