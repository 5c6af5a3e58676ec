"""The agenda builder: add, remove and reorder items (drag, or Alt+Arriba / Alt+Abajo)."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.views import SessionDetail
from mipg_desktop.i18n import _
from ui.models.agenda import AgendaModel

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor


class AgendaPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("agendaPanel")
        self.model = AgendaModel(self)
        self.model.move_requested.connect(self.move_item)
        self.table = QTableView(self)
        self.table.setObjectName("agendaTable")
        self.table.setAccessibleName(_("Orden del día"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(_("Nuevo punto del orden del día…"))
        self.title.setAccessibleName(_("Título del nuevo punto"))
        self.presenter = QLineEdit(self)
        self.presenter.setPlaceholderText(_("Presenta"))
        self.presenter.setAccessibleName(_("Quién presenta el punto"))
        self.duration = QSpinBox(self)
        self.duration.setRange(0, 600)
        self.duration.setSuffix(_(" min"))
        self.duration.setAccessibleName(_("Duración en minutos"))
        self.add_button = QPushButton(_("&Agregar punto"), self)
        self.add_button.setObjectName("addAgendaItem")
        self.add_button.clicked.connect(self.add_item)
        self.title.returnPressed.connect(self.add_item)
        self.up_button = QPushButton(_("Subir (Alt+↑)"), self)
        self.up_button.clicked.connect(lambda: self.step(-1))
        self.down_button = QPushButton(_("Bajar (Alt+↓)"), self)
        self.down_button.clicked.connect(lambda: self.step(1))
        self.remove_button = QPushButton(_("&Quitar punto"), self)
        self.remove_button.clicked.connect(self.remove_item)
        self.attach_button = QPushButton(_("Ad&juntar anexo…"), self)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setToolTip(_("PDF, imagen u otro archivo que irá en el paquete"))
        self.attach_button.clicked.connect(lambda: self.attach())
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))
        add_row = QHBoxLayout()
        add_row.addWidget(self.title, 3)
        add_row.addWidget(self.presenter, 2)
        add_row.addWidget(self.duration)
        add_row.addWidget(self.add_button)
        move_row = QHBoxLayout()
        move_row.addWidget(self.up_button)
        move_row.addWidget(self.down_button)
        move_row.addWidget(self.remove_button)
        move_row.addWidget(self.attach_button)
        move_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(move_row)
        layout.addLayout(add_row)
        self._select_id: int | None = None

    def show_detail(self, detail: SessionDetail) -> None:
        self.model.read_only = detail.is_frozen
        self.model.set_agenda(detail.agenda)
        for widget in (
            self.title,
            self.presenter,
            self.duration,
            self.add_button,
            self.up_button,
            self.down_button,
            self.remove_button,
            self.attach_button,
        ):
            widget.setEnabled(not detail.is_frozen)
        if self._select_id is not None:
            for row, agenda_row in enumerate(self.model.rows):
                if agenda_row.item.id == self._select_id:
                    self.table.selectRow(row)
            self._select_id = None

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    # -- actions: one core call each -------------------------------------------------------
    def add_item(self) -> None:
        from mipg_desktop.committees.agenda import add_agenda_item

        title = self.title.text().strip()
        if not title:
            return
        values: dict[str, Any] = {"presenter": self.presenter.text().strip()}
        if self.duration.value():
            values["duration_minutes"] = self.duration.value()
        from mipg_desktop.committees.agenda import remove_agenda_item
        from ui.undo import push

        db, sid = self.editor.db, self.editor.session_id
        self.title.clear()
        push(
            self.editor,
            _("Agregar el punto «{title}»").format(title=title[:40]),
            lambda: add_agenda_item(db, sid, title, **values),
            lambda ref: remove_agenda_item(db, ref.id),
        )

    def step(self, step: int) -> None:
        move = self.model.step_position(self.current_row(), step)
        if move is not None:
            self.move_item(*move)

    def move_item(self, item_id: int, position: int) -> None:
        from mipg_desktop.committees.agenda import move_agenda_item
        from ui.undo import push

        db = self.editor.db
        self._select_id = item_id
        before = next(r.sibling_index for r in self.model.rows if r.item.id == item_id)
        push(
            self.editor,
            _("Mover un punto del orden del día"),
            lambda: move_agenda_item(db, item_id, position),
            lambda _r: move_agenda_item(db, item_id, before),
        )

    def attach(self, path: Path | None = None) -> None:
        """One call: the file's bytes are stored once per SHA-256 and go into the pack."""
        from mipg_desktop.committees.agenda import add_attachment

        row = self.current_row()
        if row < 0:
            self.editor.window_.show_user_error(_("Seleccione el punto al que pertenece el anexo."))
            return
        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(self, _("Adjuntar anexo"))
            if not chosen:
                return
            path = Path(chosen)
        item_id, db, name = self.model.rows[row].item.id, self.editor.db, path.name
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        self._select_id = item_id
        self.editor.call(lambda: add_attachment(db, item_id, name, path.read_bytes(), mime))

    def remove_item(self) -> None:
        from mipg_desktop.committees.agenda import remove_agenda_item

        row = self.current_row()
        if row < 0:
            return
        item_id, db = self.model.rows[row].item.id, self.editor.db
        self.editor.call(lambda: remove_agenda_item(db, item_id))
