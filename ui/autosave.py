"""Text saved as it is typed: debounced writes through one core call, on the worker.

``Autosaver.changed(key, text)`` restarts a short timer; when it fires, the latest text
of every key is handed to ``save(key, text)`` on the task runner. ``flush()`` writes what
is pending right away (switching items, closing, an unexpected error).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mipg_desktop.i18n import _
from ui.tasks import TaskRunner

DEBOUNCE_MS = 500


class Autosaver(QObject):
    state_changed = Signal(str)
    saved = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        save: Callable[[Any, str], Any],
        delay_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.save = save
        self.pending: dict[Any, str] = {}
        self.in_flight = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._write)

    @property
    def busy(self) -> bool:
        return bool(self.pending) or self.in_flight > 0

    def changed(self, key: Any, text: str) -> None:
        self.pending[key] = text
        self.state_changed.emit(_("Sin guardar…"))
        self.timer.start()

    def _write(self) -> None:
        batch, self.pending = self.pending, {}
        for key, text in batch.items():
            self.in_flight += 1
            self.state_changed.emit(_("Guardando…"))
            self.runner.run(
                partial(self.save, key, text),
                partial(self._done_with, key),
                partial(self._failed, key, text),
            )

    def _done_with(self, key: Any, _result: object) -> None:
        self._done(key)

    def _done(self, key: Any) -> None:
        self.in_flight -= 1
        if not self.busy:
            self.state_changed.emit(_("Todo guardado"))
        self.saved.emit(key)

    def _failed(self, key: Any, text: str, error: BaseException) -> None:
        self.in_flight -= 1
        self.state_changed.emit(_("No se pudo guardar: {error}").format(error=error))
        self.runner.on_user_error(str(error))

    def flush(self) -> None:
        """Write pending text now, synchronously (the worker is drained first).

        Never raises: it runs while closing and from the error hook. A refusal (say the
        acta was approved meanwhile) is reported like any other.
        """
        from mipg_desktop.errors import MipgError

        self.timer.stop()
        self.runner.wait_idle()
        batch, self.pending = self.pending, {}
        for key, text in batch.items():
            try:
                self.save(key, text)
            except MipgError as error:
                self.state_changed.emit(_("No se pudo guardar: {error}").format(error=error))
                self.runner.on_user_error(str(error))
                return
            except Exception:
                import sys

                sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
                return
        if batch:
            self.state_changed.emit(_("Todo guardado"))
