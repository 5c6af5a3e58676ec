"""The agenda builder: add, remove and reorder items (drag, or Alt+Arriba / Alt+Abajo)."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from ui import file_dialogs
from ui.fields import empty_entry, entry_field, tab_in_order
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
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
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
        # a long presenter must not squeeze the item's title (the tooltip has it whole)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 180)
        self.title = entry_field(QLineEdit(self))
        self.title.setPlaceholderText(_("Nuevo punto del orden del día…"))
        self.title.setAccessibleName(_("Título del nuevo punto"))
        self.presenter = entry_field(QLineEdit(self))
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
        self.up_button.setObjectName("moveUp")
        self.up_button.clicked.connect(lambda: self.step(-1))
        self.down_button = QPushButton(_("Bajar (Alt+↓)"), self)
        self.down_button.setObjectName("moveDown")
        self.down_button.clicked.connect(lambda: self.step(1))
        self.edit_button = QPushButton(_("&Corregir punto… (F2)"), self)
        self.edit_button.setObjectName("editAgendaItem")
        self.edit_button.clicked.connect(lambda: self.edit_item())
        self.remove_button = QPushButton(_("&Quitar punto…"), self)
        self.remove_button.setObjectName("removeAgendaItem")
        self.remove_button.clicked.connect(lambda: self.remove_item())
        self.table.doubleClicked.connect(lambda _index: self.edit_item())
        edit_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self.table)
        edit_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        edit_key.activated.connect(self.edit_item)
        remove_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(lambda: self.remove_item())
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
        move_row.addWidget(self.edit_button)
        move_row.addWidget(self.remove_button)
        move_row.addWidget(self.attach_button)
        move_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(move_row)
        layout.addLayout(add_row)
        chain = [self.table, self.up_button, self.down_button, self.edit_button]
        chain += [self.remove_button, self.attach_button]
        chain += [self.title, self.presenter, self.duration, self.add_button]
        tab_in_order(chain)
        self._select_id: int | None = None
        self._moving = False
        from ui.drops import agenda_drops

        self.file_drops = agenda_drops(self)  # annexes dragged from the file manager

    def show_detail(self, detail: SessionDetail) -> None:
        self._moving = False
        keep = self._select_id
        if keep is None and self.current_row() >= 0:
            keep = self.model.rows[self.current_row()].item.id
        self.model.read_only = not detail.can_edit_agenda
        self.model.set_agenda(detail.agenda)
        for widget in (
            self.title,
            self.presenter,
            self.duration,
            self.add_button,
            self.up_button,
            self.down_button,
            self.edit_button,
            self.remove_button,
            self.attach_button,
        ):
            widget.setEnabled(detail.can_edit_agenda)
        for row, agenda_row in enumerate(self.model.rows):
            if agenda_row.item.id == keep:
                self.table.selectRow(row)
        self._select_id = None

    # -- what is typed and not added -----------------------------------------------------------
    def pending(self) -> list[str]:
        title = self.title.text().strip()
        return [_("punto escrito sin agregar «{t}»").format(t=title[:40])] if title else []

    def revert(self) -> None:
        self.title.clear()

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
        db, sid = self.editor.db, self.editor.session_id

        def added(ref: Any) -> None:
            self._select_id = ref.id
            if self.title.text().strip() == title:
                empty_entry(self.title)
                empty_entry(self.presenter)
                self.duration.setValue(0)

        self.editor.op(
            _("Agregar el punto «{title}»").format(title=title[:40]),
            lambda: add_agenda_item(db, sid, title, **values),
            added,
        )

    def step(self, step: int) -> None:
        if self._moving:  # the last move is not shown yet: its result decides the next
            return
        move = self.model.step_position(self.current_row(), step)
        if move is not None:
            self.move_item(*move)

    def move_item(self, item_id: int, position: int) -> None:
        from mipg_desktop.committees.agenda import move_agenda_item

        row = next(r for r in self.model.rows if r.item.id == item_id)
        db, version, before = self.editor.db, row.item.version, row.item.position
        self._select_id = item_id
        self._moving = True
        self.editor.op(
            _("Mover el punto «{title}»").format(title=row.item.title[:40]),
            lambda: move_agenda_item(
                db, item_id, position, expected_version=version, base_position=before
            ),
        )

    def selected_item(self) -> Any:
        row = self.current_row()
        if row < 0:
            self.editor.window_.show_user_error(_("Seleccione un punto del orden del día."))
            return None
        return self.model.rows[row].item

    def edit_item(self) -> None:
        from ui.edit_dialogs import edit_agenda_item

        item = self.selected_item()
        if item is not None and not self.model.read_only:
            edit_agenda_item(self.editor, item)

    def attach(self, path: Path | None = None) -> None:
        """One call: the file's bytes are stored once per SHA-256 and go into the pack."""
        row = self.current_row()
        if row < 0:
            self.editor.window_.show_user_error(_("Seleccione el punto al que pertenece el anexo."))
            return
        if path is None:
            from ui.exports import in_documents

            chosen, _f = file_dialogs.get_open_file_name(self, _("Adjuntar anexo"), in_documents())
            if not chosen:
                return
            path = Path(chosen)
        self.attach_files(row, [path])

    def attach_files(self, row: int, paths: list[Path]) -> None:
        """The files as annexes of the item at ``row``: one undoable operation."""
        from mipg_desktop.committees.agenda import add_attachment

        item_id, db = self.model.rows[row].item.id, self.editor.db
        self._select_id = item_id
        names = [p.name for p in paths]

        def attach() -> list[Any]:
            return [
                add_attachment(
                    db,
                    item_id,
                    path.name,
                    path.read_bytes(),
                    mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                )
                for path in paths
            ]

        label = (
            _("Adjuntar «{name}»").format(name=names[0])
            if len(names) == 1
            else _("Adjuntar {n} anexos").format(n=len(names))
        )
        self.editor.op(label, attach)

    def remove_item(self, confirm: bool = True) -> None:
        from mipg_desktop.committees.agenda import remove_agenda_item

        item = self.selected_item()
        if item is None:
            return
        inside = len(item.sub_items) + len(item.attachments) + len(item.decisions)
        if confirm and not confirm_removal(
            self,
            _("¿Quitar el punto «{title}» del orden del día?").format(title=item.title[:80]),
            _("Con él se quitan sus subpuntos, anexos, decisiones y el desarrollo escrito.")
            if inside or item.deliberation
            else "",
        ):
            return
        db, item_id, version = self.editor.db, item.id, item.version
        self.editor.op(
            _("Quitar el punto «{title}»").format(title=item.title[:40]),
            lambda: remove_agenda_item(db, item_id, expected_version=version),
        )


def confirm_removal(parent: QWidget, question: str, detail: str = "") -> bool:
    """Ask before deleting; says it can be undone."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, _("Confirmar"), question, parent=parent)
    box.setObjectName("confirmRemoval")
    box.setInformativeText(
        (detail + "\n\n" if detail else "") + _("Podrá deshacerlo con Ctrl+Z (Editar ▸ Deshacer).")
    )
    yes = box.addButton(_("&Quitar"), QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(_("&No quitar"), QMessageBox.ButtonRole.RejectRole)
    yes.setObjectName("confirmRemove")
    no.setObjectName("cancelRemove")
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes
