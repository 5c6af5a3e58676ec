"""A lazily fetched tree over plain rows: children are loaded the first time a node opens.

A loader is a function ``loader(row) -> Sequence[TreeRow]`` for one kind of node; the model
asks for children only in ``fetchMore`` (when the view expands the node), so a database with
ten years of sessions opens at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex
ROOT_INDEX = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_COLOR = QColor("#b3261e")  # the tracker's red for an overdue commitment


@dataclass(frozen=True)
class TreeRow:
    """One node as plain data: ``kind`` picks the loader and the editor, ``key`` the record."""

    kind: str
    key: Any
    label: str
    has_children: bool = False
    tooltip: str = ""
    detail: str = ""


@dataclass(eq=False)
class _Node:
    row: TreeRow | None
    parent: _Node | None
    children: list[_Node] | None = None
    pending: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def row_in_parent(self) -> int:
        if self.parent is None or self.parent.children is None:
            return 0
        return self.parent.children.index(self)


Loader = Callable[[TreeRow], Sequence[TreeRow]]


class LazyTreeModel(QAbstractItemModel):
    def __init__(self, loaders: dict[str, Loader] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.loaders: dict[str, Loader] = dict(loaders or {})
        self._root = _Node(row=None, parent=None, children=[])
        self.fetch_count = 0

    # -- feeding ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[TreeRow]) -> None:
        """Replace the top level; every child is fetched again lazily."""
        self.beginResetModel()
        self._root.children = [_Node(row=r, parent=self._root) for r in rows]
        self.endResetModel()

    def reload(self, index: QModelIndex) -> None:
        """Forget the children of ``index`` (after a change) so they are fetched again."""
        node = self._node(index)
        if node.children:
            self.beginRemoveRows(index, 0, len(node.children) - 1)
            node.children = None
            self.endRemoveRows()
        else:
            node.children = None
        if self.canFetchMore(index):
            self.fetchMore(index)

    def find(self, kind: str, key: Any, parent: QModelIndex | None = None) -> QModelIndex:
        """The index of a node already loaded (depth-first), or an invalid index."""
        parent = parent or QModelIndex()
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            data = self.row_at(index)
            if data is not None and data.kind == kind and data.key == key:
                return index
            found = self.find(kind, key, index)
            if found.isValid():
                return found
        return QModelIndex()

    def row_at(self, index: Index) -> TreeRow | None:
        return self._node(index).row if index.isValid() else None

    # -- Qt model interface ----------------------------------------------------------------
    def _node(self, index: Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: Index = ROOT_INDEX) -> QModelIndex:
        node = self._node(parent)
        if column != 0 or node.children is None or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: Index = ROOT_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row_in_parent(), 0, node)

    def rowCount(self, parent: Index = ROOT_INDEX) -> int:
        node = self._node(parent)
        return len(node.children) if node.children is not None else 0

    def columnCount(self, parent: Index = ROOT_INDEX) -> int:
        return 1

    def hasChildren(self, parent: Index = ROOT_INDEX) -> bool:
        node = self._node(parent)
        if node.children is not None:
            return bool(node.children)
        return bool(node.row and node.row.has_children)

    def canFetchMore(self, parent: Index) -> bool:
        node = self._node(parent)
        return (
            node.children is None
            and node.row is not None
            and node.row.has_children
            and node.row.kind in self.loaders
        )

    def fetchMore(self, parent: Index) -> None:
        node = self._node(parent)
        if not self.canFetchMore(parent) or node.row is None:
            return
        self.fetch_count += 1
        rows = list(self.loaders[node.row.kind](node.row))
        node.children = []
        if rows:
            self.beginInsertRows(parent, 0, len(rows) - 1)
            node.children = [_Node(row=r, parent=node) for r in rows]
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.label
        if role == Qt.ItemDataRole.ForegroundRole and row.detail == "overdue":
            return OVERDUE_COLOR
        if role == ROW_ROLE:
            return row
        if role == KIND_ROLE:
            return row.kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
