"""The agenda as a flat, numbered table that reorders by drag and drop among siblings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal

from mipg_desktop.committees.views import AgendaItemInfo
from mipg_desktop.i18n import _
from ui.models.table import Column, RowTableModel

MIME = "application/x-mipg-agenda-item"
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItemInfo
    parent_id: int | None
    sibling_index: int
    depth: int


def flatten(items: tuple[AgendaItemInfo, ...]) -> list[AgendaRow]:
    rows: list[AgendaRow] = []

    def walk(level: tuple[AgendaItemInfo, ...], parent: int | None, depth: int) -> None:
        for index, item in enumerate(level):
            rows.append(AgendaRow(item, parent, index, depth))
            walk(item.sub_items, item.id, depth + 1)

    walk(items, None, 0)
    return rows


def _minutes(row: AgendaRow) -> str:
    return _("{n} min").format(n=row.item.duration_minutes) if row.item.duration_minutes else ""


AGENDA_COLUMNS = [
    Column[AgendaRow](_("No."), lambda r: r.item.number),
    Column[AgendaRow](_("Punto"), lambda r: "    " * r.depth + r.item.title),
    Column[AgendaRow](
        _("Presenta"), lambda r: r.item.presenter, tooltip=lambda r: r.item.presenter
    ),
    Column[AgendaRow](_("Duración"), _minutes),
    Column[AgendaRow](
        _("Anexos"),
        lambda r: str(len(r.item.attachments)) if r.item.attachments else "",
        tooltip=lambda r: "\n".join(a.name for a in r.item.attachments),
    ),
]


class AgendaModel(RowTableModel[AgendaRow]):
    """``move_requested(item_id, new_position)`` when a row is dropped among its siblings."""

    move_requested = Signal(int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(AGENDA_COLUMNS, parent)
        self.read_only = False

    def set_agenda(self, items: tuple[AgendaItemInfo, ...]) -> None:
        self.set_rows(flatten(items))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes})
        if rows:
            data.setData(MIME, QByteArray(str(self.rows[rows[0]].item.id).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if self.read_only or not data.hasFormat(MIME):
            return False
        item_id = int(bytes(data.data(MIME).data()).decode())
        target_row = parent.row() if parent.isValid() else row
        if target_row < 0:
            target_row = len(self.rows)
        position = self.drop_position(item_id, target_row)
        if position is None:
            return False
        self.move_requested.emit(item_id, position)
        return False  # the service moves it; the model is refreshed from the database

    def drop_position(self, item_id: int, target_row: int) -> int | None:
        """Where among its siblings an item lands when dropped before ``target_row``."""
        source = next((r for r in self.rows if r.item.id == item_id), None)
        if source is None:
            return None
        siblings = [r for r in self.rows if r.parent_id == source.parent_id]
        before = [
            r for r in siblings if self.rows.index(r) < target_row and r.item.id != source.item.id
        ]
        position = len(before)
        return None if position == source.sibling_index else position

    def step_position(self, row: int, step: int) -> tuple[int, int] | None:
        """(item_id, new position) to move row ``row`` one place up (-1) or down (+1)."""
        if not 0 <= row < len(self.rows):
            return None
        source = self.rows[row]
        count = sum(1 for r in self.rows if r.parent_id == source.parent_id)
        target = source.sibling_index + step
        if not 0 <= target < count:
            return None
        return source.item.id, target
