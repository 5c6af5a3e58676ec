"""Undo and redo of structural session edits (agenda, decisions, commitments).

Typed text has its editor's own undo; these commands undo a core call with its inverse
call (a move back, a removal of what was added), each one transaction as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor


class ServiceCommand(QUndoCommand):
    """``do()`` returns what ``undo(result)`` needs (e.g. the id of what was created)."""

    def __init__(
        self,
        editor: SessionEditor,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[Any], Any],
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.do_fn, self.undo_fn = do, undo
        self.result: Any = None

    def redo(self) -> None:
        self.editor.call(self.do_fn, self._keep)

    def _keep(self, result: Any) -> None:
        self.result = result

    def undo(self) -> None:
        result = self.result
        self.editor.call(lambda: self.undo_fn(result))


def push(
    editor: SessionEditor, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]
) -> None:
    editor.window_.undo_stack.push(ServiceCommand(editor, text, do, undo))
