"""Progress and cancellation for long work, free of Qt (after dupeGuru's ``Job``).

The same import, export or pack runs headless with :data:`NO_PROGRESS`, in tests,
and behind a progress dialog that subclasses :class:`Progress`.
"""

from __future__ import annotations

import threading

from mipg_desktop.errors import Cancelled
from mipg_desktop.i18n import _


class Progress:
    """Report how far work is; ``check()`` raises :class:`Cancelled` once cancelled."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.message = ""

    def update(self, done: int, total: int | None = None, message: str | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if message is not None:
            self.message = message
        self.on_update()
        self.check()

    def on_update(self) -> None:
        """Hook for subclasses (a Qt signal, a terminal bar); does nothing here."""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled(_("Operación cancelada por el usuario; no se guardó ningún cambio."))


class _NoProgress(Progress):
    def cancel(self) -> None:  # the shared default can never be cancelled
        pass


NO_PROGRESS: Progress = _NoProgress()
