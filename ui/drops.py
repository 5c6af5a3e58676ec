"""Files dragged from the file manager: annexes onto an agenda item, a spreadsheet onto the
plans. Each drop is one action (one core call, undoable like the button it stands for)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from ui.agenda_panel import AgendaPanel
    from ui.main_window import MainWindow

SPREADSHEETS = (".xlsx", ".xlsm")
Accepts = Callable[[list[Path], QPoint], bool]
Dropped = Callable[[list[Path], QPoint], None]


def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """The regular files the drag carries (nothing when any of it is not a local file)."""
    data = event.mimeData()
    if data is None or not data.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
    if len(paths) != len(data.urls()) or not all(p.is_file() for p in paths):
        return []
    return paths


class FileDrops(QObject):
    """Takes the file drops aimed at ``target`` (other drags, such as moving an agenda row,
    go on as before)."""

    def __init__(self, target: QWidget, accepts: Accepts, dropped: Dropped) -> None:
        super().__init__(target)
        self.accepts, self.dropped = accepts, dropped
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)  # the drag enter and move events are drop events
        paths = local_files(event)
        if not paths:
            return False
        where = event.position().toPoint()
        if not self.accepts(paths, where):
            event.ignore()
            return True
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if kind == QEvent.Type.Drop:
            self.dropped(paths, where)
        return True


# -- annexes onto agenda items -------------------------------------------------------------
def agenda_drops(panel: AgendaPanel) -> FileDrops:
    table = panel.table

    def row_at(where: QPoint) -> int:
        index = table.indexAt(where)
        return index.row() if index.isValid() else panel.current_row()

    def accepts(_paths: list[Path], where: QPoint) -> bool:
        return not panel.model.read_only and row_at(where) >= 0

    def dropped(paths: list[Path], where: QPoint) -> None:
        row = row_at(where)
        table.selectRow(row)
        panel.attach_files(row, paths)

    return FileDrops(table.viewport(), accepts, dropped)


# -- a spreadsheet onto the plans --------------------------------------------------------------
def plan_drops(view: QWidget, window: MainWindow) -> FileDrops | None:
    """Once per view: a spreadsheet dropped starts the plan import, as its menu does."""
    if view.findChild(FileDrops, "planDrops") is not None:
        return None

    def accepts(paths: list[Path], _where: QPoint) -> bool:
        return len(paths) == 1 and paths[0].suffix.lower() in SPREADSHEETS

    def dropped(paths: list[Path], _where: QPoint) -> None:
        from ui.plan_view import import_plan

        window.wait_for_core()
        import_plan(window, paths[0])

    drops = FileDrops(view, accepts, dropped)
    drops.setObjectName("planDrops")
    view.setToolTip(_("Suelte aquí un plan en Excel (.xlsx) para importarlo."))
    return drops
