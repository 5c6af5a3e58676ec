"""Text saved as it is typed: at most :data:`MAX_WAIT_MS` after the first unsaved key, even
while the typing never pauses, and sooner after a pause (:data:`DEBOUNCE_MS`).

Each key (an agenda item's deliberation) is written by one core call on the worker, with
the version and text it was typed over, so a change made elsewhere meanwhile is never
overwritten: it comes back as a conflict for the person to settle. Writes of one key never
overlap (the next waits for the one in flight). ``flush()`` writes what is pending now,
synchronously (switching items, leaving, closing, an unexpected error).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer

from mipg_desktop.errors import ConcurrentEdit, MipgError
from mipg_desktop.i18n import _
from ui.save_state import SaveState
from ui.tasks import TaskRunner

DEBOUNCE_MS = 300
MAX_WAIT_MS = 600

# what was typed: the text, or how to read it when it is written (an editor whose text is
# costly to read gives a function, read once per write instead of once per key)
Text = str | Callable[[], str]
# save(key, text, version, base_text) -> the new version
Save = Callable[[Hashable, str, int, str], int]
# conflict(key, text, error): settle it (the dialog), then call resolved()
Conflict = Callable[[Hashable, str, ConcurrentEdit], None]


class Autosaver(QObject):
    def __init__(
        self,
        runner: TaskRunner,
        state: SaveState,
        save: Save,
        describe: Callable[[Hashable], str],
        conflict: Conflict,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.state = runner, state
        self.save, self.describe, self.conflict = save, describe, conflict
        self.base: dict[Hashable, tuple[int, str]] = {}  # version and text as stored
        self.pending: dict[Hashable, Text] = {}
        self.in_flight: set[Hashable] = set()
        self.blocked: set[Hashable] = set()  # refused: waits for the person
        self.latest: dict[Hashable, Text] = {}  # what was typed and is not stored yet
        self.debounce = self._timer(DEBOUNCE_MS)
        self.max_wait = self._timer(MAX_WAIT_MS)

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self._write)
        return timer

    @property
    def busy(self) -> bool:
        return bool(self.pending) or bool(self.in_flight)

    def touched(self, key: Hashable) -> bool:
        """Whether ``key`` has typing not yet stored (pending, being written or refused)."""
        return key in self.latest

    def track(self, key: Hashable, version: int, text: str) -> None:
        """What the database holds for ``key`` (read with the session); kept only while
        nothing typed for it is on its way (that write's result says it) and if it is not
        older than what this window last stored."""
        known = self.base.get(key)
        if not self.touched(key) and (known is None or version >= known[0]):
            self.base[key] = (version, text)

    def stored(self, key: Hashable, read: Any) -> str:
        """The text stored for ``key``: what this window last saved, unless ``read`` (with
        ``version`` and ``deliberation``) is newer."""
        known = self.base.get(key)
        if known is not None and known[0] >= read.version:
            return known[1]
        return str(read.deliberation)

    # -- typing ------------------------------------------------------------------------------
    def resolve(self) -> None:
        """Read what was typed (the functions given to :meth:`changed`) into text."""
        for key, value in list(self.latest.items()):
            if callable(value):
                text = value()
                self.latest[key] = text
                if callable(self.pending.get(key)):
                    self.pending[key] = text
        for key, value in list(self.pending.items()):
            if callable(value):
                self.pending[key] = value()

    def text(self, key: Hashable) -> str | None:
        """What was typed for ``key`` and is not stored yet (None: nothing)."""
        self.resolve()
        value = self.latest.get(key)
        return None if value is None else str(value)

    def _unchanged(self, key: Hashable, text: str) -> bool:
        """Typed back to what is stored (or nothing changed): nothing to write."""
        if key in self.in_flight or self.base.get(key, (0, None))[1] != text:
            return False
        self.pending.pop(key, None)
        self.latest.pop(key, None)
        self.blocked.discard(key)
        self.state.mark_saved(key)
        return True

    def changed(self, key: Hashable, text: Text) -> None:
        self.pending[key] = text
        self.latest[key] = text
        self.blocked.discard(key)
        self.state.mark_unsaved(key, self.describe(key))
        self.debounce.start()
        if not self.max_wait.isActive():
            self.max_wait.start()

    def _write(self) -> None:
        self.debounce.stop()
        self.max_wait.stop()
        self.resolve()
        for key in [k for k in self.pending if k not in self.in_flight]:
            text = str(self.pending[key])
            if not self._unchanged(key, text):
                self._dispatch(key, str(self.pending.pop(key)))

    def _dispatch(self, key: Hashable, text: str) -> None:
        version, base = self.base[key]
        self.in_flight.add(key)
        self.state.mark_saving(key, self.describe(key))
        self.runner.run(
            partial(self.save, key, text, version, base),
            partial(self._done, key, text),
            partial(self._failed, key, text),
        )

    def _done(self, key: Hashable, text: str, version: Any) -> None:
        self.in_flight.discard(key)
        self.base[key] = (int(version), text)
        if key not in self.pending:
            self.latest.pop(key, None)
        self.state.mark_saved(key, still_unsaved=key in self.pending)
        if key in self.pending:  # typed while it was being written: write that now
            QTimer.singleShot(0, self._write)

    def _failed(self, key: Hashable, text: str, error: BaseException) -> None:
        self.in_flight.discard(key)
        self.resolve()
        latest = str(self.pending.pop(key, text))  # the newest text is what the person wants
        self._refused(key, latest, error)

    def _refused(self, key: Hashable, text: str, error: BaseException) -> None:
        self.blocked.add(key)
        self.pending.pop(key, None)
        if isinstance(error, ConcurrentEdit):
            self.state.mark_failed(key, self.describe(key), str(error))
            self.conflict(key, text, error)
        elif isinstance(error, MipgError):
            self.state.mark_failed(key, self.describe(key), str(error))
            self.runner.on_user_error(str(error))
        else:
            self.state.mark_failed(
                key, self.describe(key), _("error inesperado (el detalle quedó en el registro)")
            )
            import sys

            sys.excepthook(type(error), error, error.__traceback__)

    def resolved(self, key: Hashable, version: int, text: str) -> None:
        """The person settled a conflict: ``text`` is stored at ``version``."""
        self.blocked.discard(key)
        self.base[key] = (version, text)
        if key not in self.pending:
            self.latest.pop(key, None)
        self.state.mark_saved(key, still_unsaved=key in self.pending)

    def discard(self, key: Hashable) -> None:
        """The person chose to drop what could not be saved for ``key``."""
        self.blocked.discard(key)
        self.pending.pop(key, None)
        self.latest.pop(key, None)
        self.state.forget(key)

    # -- now ---------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Write what is typed now, on this thread. A write in flight delivers its result
        first; what was refused before is tried again, and asked about. False when something
        stays unsaved (the person chose to go back to it). Never raises."""
        self.debounce.stop()
        self.max_wait.stop()
        if self.in_flight or self.pending:
            self.runner.drain()  # a write in flight delivers its version (or its conflict)
        self.resolve()
        for key in list(self.pending):
            if self._unchanged(key, str(self.pending[key])):
                continue
            if not self._save_now(key, str(self.pending.pop(key))):
                return False
        return all(self._settle(key) for key in list(self.blocked))

    def _save_now(self, key: Hashable, text: str) -> bool:
        version, base = self.base[key]
        self.state.mark_saving(key, self.describe(key))
        try:
            new_version = self.save(key, text, version, base)
        except Exception as error:  # reported like any refusal, never raised
            self._refused(key, text, error)
            return key not in self.blocked
        self.blocked.discard(key)
        self.base[key] = (int(new_version), text)
        self.latest.pop(key, None)
        self.state.mark_saved(key)
        return True

    def _settle(self, key: Hashable) -> bool:
        """Something typed for ``key`` was refused earlier: try again (a conflict shows both
        texts); if it still cannot be stored, offer to copy it before dropping it."""
        text = self.text(key)
        if text is None:
            self.blocked.discard(key)
            return True
        from mipg_desktop.errors import MipgError

        version, base = self.base[key]
        try:
            new_version = self.save(key, text, version, base)
        except ConcurrentEdit as error:
            self.state.mark_failed(key, self.describe(key), str(error))
            self.conflict(key, text, error)
            return key not in self.blocked
        except MipgError as error:
            return self._copy_or_keep(key, text, str(error))
        self.blocked.discard(key)
        self.base[key] = (int(new_version), text)
        self.latest.pop(key, None)
        self.state.mark_saved(key)
        return True

    def _copy_or_keep(self, key: Hashable, text: str, why: str) -> bool:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, _("MIPG Desktop"), "", parent=None)
        box.setObjectName("unsavableTextBox")
        box.setText(_("No se puede guardar el {what}.").format(what=self.describe(key)))
        box.setInformativeText(
            why + "\n\n" + _("Puede copiar el texto escrito para pegarlo en otro lugar.")
        )
        copy = box.addButton(_("&Copiar el texto y descartarlo"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(_("&Volver"), QMessageBox.ButtonRole.RejectRole)
        copy.setObjectName("copyAndDiscard")
        back.setObjectName("keepText")
        box.setDefaultButton(copy)
        box.exec()
        if box.clickedButton() is not copy:
            return False
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
        self.discard(key)
        return True
