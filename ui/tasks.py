"""Database work and long jobs off the GUI thread, on one worker (after Anki's ``taskman``).

``TaskRunner.run(fn, on_done)`` runs ``fn()`` on the single worker thread and hands the
result back on the GUI thread by a queued signal. ``run_with_progress`` also passes a
:class:`QtProgress`; its dialog appears only after :data:`DIALOG_DELAY_MS` and its
"Cancelar" button cancels through the core's ``Progress.check()``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mipg_desktop.errors import Cancelled, MipgError
from mipg_desktop.i18n import _
from mipg_desktop.progress import Progress

LOGGER = logging.getLogger("mipg_desktop.ui")
DIALOG_DELAY_MS = 500

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _ProgressSignals(QObject):
    changed = Signal(int, int, str)


class QtProgress(Progress):
    """The core's progress object, reporting to the GUI thread by a Qt signal."""

    def __init__(self) -> None:
        super().__init__()
        self.signals = _ProgressSignals()

    def on_update(self) -> None:
        self.signals.changed.emit(int(self.done), int(self.total), self.message)


class _TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _TaskSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as error:  # handed to the GUI thread, never lost
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class Task(QObject):
    """One submitted job; keeps its signals alive until the result is delivered."""

    done = Signal(object)
    error = Signal(object)

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__(runner)
        self.runner = runner
        self.finished = False
        self.result: Any = None
        self.exception: BaseException | None = None
        self.progress: QtProgress | None = None
        self.dialog: QProgressDialog | None = None


class TaskRunner(QObject):
    """A one-worker executor: every database call and long job goes through here."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, dialog_parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.dialog_parent = dialog_parent
        self.pending: list[Task] = []
        self.on_user_error: Callable[[str], None] = lambda message: None

    def run(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> Task:
        task = Task(self)
        signals = _TaskSignals()
        signals.finished.connect(
            lambda result: self._finish(task, signals, result, None, on_done, on_error),
            Qt.ConnectionType.QueuedConnection,
        )
        signals.failed.connect(
            lambda error: self._finish(task, signals, None, error, on_done, on_error),
            Qt.ConnectionType.QueuedConnection,
        )
        task._signals = signals  # type: ignore[attr-defined]
        self.pending.append(task)
        if len(self.pending) == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Job(fn, signals))
        return task

    def run_with_progress(
        self,
        label: str,
        fn: Callable[[QtProgress], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        delay_ms: int = DIALOG_DELAY_MS,
    ) -> Task:
        progress = QtProgress()
        dialog = QProgressDialog(label, _("Cancelar"), 0, 0, self.dialog_parent)
        dialog.setObjectName("taskProgressDialog")
        dialog.setWindowTitle(_("MIPG Desktop"))
        dialog.setAccessibleName(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(10**9)  # shown by our own timer, never by Qt's guess
        dialog.hide()
        # Realize the dialog now, before the worker competes for the interpreter: showing a
        # never-realized dialog mid-job was the longest event-loop pause (50–230 ms).
        dialog.ensurePolished()
        dialog.adjustSize()
        dialog.winId()
        dialog.canceled.connect(progress.cancel)
        progress.signals.changed.connect(lambda d, t, m: _show_progress(dialog, d, t, m))
        task = self.run(lambda: fn(progress), on_done, on_error)
        task.progress = progress
        task.dialog = dialog
        QTimer.singleShot(delay_ms, lambda: None if task.finished else dialog.show())
        return task

    def _finish(
        self,
        task: Task,
        signals: _TaskSignals,
        result: Any,
        error: BaseException | None,
        on_done: Done | None,
        on_error: Failed | None,
    ) -> None:
        task.finished = True
        task.result, task.exception = result, error
        from shiboken6 import isValid

        if not isValid(self):  # the window went while this ran: nobody waits for it
            return
        if task.dialog is not None:
            task.dialog.hide()
            task.dialog.deleteLater()
            task.dialog = None
        if task in self.pending:
            self.pending.remove(task)
        if not self.pending:
            self.busy_changed.emit(False)
        signals.deleteLater()
        if error is None:
            if on_done is not None:
                on_done(result)
            task.done.emit(result)
            return
        task.error.emit(error)
        if on_error is not None:
            on_error(error)
        elif isinstance(error, MipgError):
            self.on_user_error(str(error))
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until the worker is idle (closing the window, tests)."""
        return bool(self.pool.waitForDone(timeout_ms))

    def drain(self, timeout_ms: int = 30_000) -> None:
        """Let the worker finish and deliver every result now (no user input is handled
        meanwhile): what a synchronous save needs, so it starts from what is stored."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        self.wait_idle(timeout_ms)
        for _round in range(100):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            if not self.pending:
                return
            self.wait_idle(timeout_ms)

    @property
    def busy(self) -> bool:
        return bool(self.pending)


def _show_progress(dialog: QProgressDialog, done: int, total: int, message: str) -> None:
    try:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message)
    except RuntimeError:  # the dialog was already deleted: the job is over
        pass


def is_cancelled(error: BaseException) -> bool:
    return isinstance(error, Cancelled)
