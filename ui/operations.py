"""Window actions as core operations: each is one core call in one transaction, undoable
(:mod:`mipg_desktop.history`), run on the worker after whatever is queued before it, so
«Deshacer» never races the action it undoes. The Edit menu names what it would undo.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from mipg_desktop.errors import ConcurrentEdit, MipgError
from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.history import OpResult, UndoStatus
    from mipg_desktop.scopes import Scope
    from ui.main_window import MainWindow
    from ui.tasks import Task

_ids = itertools.count()


class Operations(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.running: list[str] = []  # labels of operations queued or running

    def run(
        self,
        label: str,
        scope: Scope,
        fn: Callable[[], Any],
        then: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """``fn`` (one or more core services) as one undoable operation, in the background;
        ``then(value)`` on success; ``failed(error)`` replaces the standard message."""
        from mipg_desktop.history import perform

        window, key = self.window_, ("op", next(_ids))
        db = window.db
        window.save_state.mark_saving(key, label)
        self.running.append(label)
        self.show_status(db.history.status())

        def done(result: OpResult[Any]) -> None:
            self.running.remove(label)
            window.save_state.mark_saved(key)
            self.show_status(result.status)
            if then is not None:
                then(result.value)

        def refused(error: BaseException) -> None:
            self.running.remove(label)
            self.show_status(db.history.status())
            window.save_state.forget(key)
            if failed is not None:
                failed(error)
            else:
                self.explain(error)

        return window.runner.run(lambda: perform(db, label, scope, fn), done, refused)

    def run_now(self, label: str, scope: Scope, fn: Callable[[], Any]) -> Any:
        """The same, on this thread after the worker is idle, for a dialog waiting on the
        answer (it shows a refusal inside and stays open). Raises what the core raises."""
        from mipg_desktop.history import perform

        self.window_.runner.drain()
        result = perform(self.window_.db, label, scope, fn)
        self.show_status(result.status)
        self.window_.save_state.mark_saved(("now", label))
        return result.value

    def explain(self, error: BaseException) -> None:
        if isinstance(error, MipgError):
            self.window_.show_user_error(str(error))
        else:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)

    # -- undo and redo -----------------------------------------------------------------------
    def undo(self) -> None:
        self._step(backwards=True)

    def redo(self) -> None:
        self._step(backwards=False)

    def _step(self, backwards: bool) -> None:
        from mipg_desktop import history

        window = self.window_
        if not window.commit_all():  # what is typed goes in first: undo acts on what is saved
            return
        db = window.db
        step = history.undo if backwards else history.redo
        # pressed before the last action finished: that action is what is meant
        expected = self.running[-1] if backwards and self.running else None

        def done(result: OpResult[str]) -> None:
            self.show_status(result.status)
            window.save_state.mark_saved(("undo", result.label))  # a write: «última vez» now
            message = _("Se deshizo: {label}") if backwards else _("Se rehízo: {label}")
            window.statusBar().showMessage(message.format(label=result.label), 6000)
            window.reload_current()

        def refused(error: BaseException) -> None:
            self.show_status(db.history.status())
            if isinstance(error, ConcurrentEdit):
                window.reload_current()
            self.explain(error)

        window.runner.run(lambda: step(db, expected), done, refused)

    def show_status(self, status: UndoStatus) -> None:
        """The Edit menu names what undo and redo would do; an action still running is what
        undo would undo (the undo waits for it)."""
        window = self.window_
        undo = self.running[-1] if self.running else status.undo
        redo = None if self.running else status.redo
        for action, label, plain, named in (
            (window.undo_action, undo, _("&Deshacer"), _("&Deshacer: {label}")),
            (window.redo_action, redo, _("&Rehacer"), _("&Rehacer: {label}")),
        ):
            action.setEnabled(label is not None)
            action.setText(plain if label is None else named.format(label=_short(label)))


def _short(label: str, limit: int = 60) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
