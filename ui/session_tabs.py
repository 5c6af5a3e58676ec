"""The minutes, decisions and commitments tabs of a session (added when their services exist)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.views import DecisionInfo, SessionDetail
from mipg_desktop.i18n import _
from ui.commitments_view import commitment_columns
from ui.fields import DateField, empty_entry, entry_field
from ui.models.table import Column, RowTableModel
from ui.navigation import service_available

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor


DECISION_COLUMNS = [
    Column[DecisionInfo](_("No."), lambda d: str(d.number)),
    Column[DecisionInfo](_("Decisión"), lambda d: d.text, tooltip=lambda d: d.text),
    Column[DecisionInfo](_("A favor"), lambda d: str(d.votes_for)),
    Column[DecisionInfo](_("En contra"), lambda d: str(d.votes_against)),
    Column[DecisionInfo](_("Abstenciones"), lambda d: str(d.abstentions)),
    Column[DecisionInfo](_("Resultado"), lambda d: d.outcome_label),
]


def add_optional_panels(editor: SessionEditor) -> None:
    if service_available("mipg_desktop.committees.minutes"):
        from ui.minutes_panel import MinutesPanel

        editor.minutes = MinutesPanel(editor)
        editor._add(editor.minutes, _("&3 Acta"))
    if service_available("mipg_desktop.committees.votes"):
        editor.decisions = DecisionsPanel(editor)
        editor._add(editor.decisions, _("&4 Decisiones y votaciones"))
    if service_available("mipg_desktop.committees.commitments"):
        editor.commitments = SessionCommitmentsPanel(editor)
        editor._add(editor.commitments, _("&5 Compromisos"))
    editor._add(editor.details, _("&6 Datos de la sesión"))


def _table(
    parent: QWidget, model: RowTableModel[Any], name: str, edit: Callable[[], None]
) -> QTableView:
    """A read-only table whose rows are corrected in a dialog: F2 or a double click."""
    table = QTableView(parent)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.doubleClicked.connect(lambda _index: edit())
    key = QShortcut(QKeySequence(Qt.Key.Key_F2), table)
    key.setContext(Qt.ShortcutContext.WidgetShortcut)
    key.activated.connect(edit)
    return table


def _selected(table: QTableView, model: RowTableModel[Any], editor: SessionEditor) -> Any:
    index = table.currentIndex()
    if not index.isValid():
        editor.window_.show_user_error(_("Seleccione una fila de la tabla."))
        return None
    return model.row(index)


def _row_buttons(
    parent: QWidget, name: str, edit: Callable[[], None], remove: Callable[[], None]
) -> tuple[QPushButton, QPushButton]:
    fix = QPushButton(_("&Corregir… (F2)"), parent)
    fix.setObjectName(f"edit{name}")
    fix.clicked.connect(lambda: edit())
    drop = QPushButton(_("&Quitar…"), parent)
    drop.setObjectName(f"remove{name}")
    drop.clicked.connect(lambda: remove())
    return fix, drop


def _item_combo(parent: QWidget, name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    return box


def _fill_items(box: QComboBox, detail: SessionDetail) -> None:
    current = box.currentData()
    box.clear()
    box.addItem(_("(sin punto)"), None)
    for item in detail.all_agenda_items():
        box.addItem(f"{item.number}. {item.title[:60]}", item.id)
    box.setCurrentIndex(max(box.findData(current), 0))


class DecisionsPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("decisionsPanel")
        self.model = RowTableModel(DECISION_COLUMNS, self)
        self.table = _table(self, self.model, "decisionsTable", self.edit)
        self.table.setAccessibleName(_("Decisiones de la sesión"))
        self.edit_button, self.remove_button = _row_buttons(
            self, "Decision", self.edit, self.remove
        )
        self.text = entry_field(QLineEdit(self))
        self.text.setPlaceholderText(_("Texto de la decisión…"))
        self.text.setAccessibleName(_("Texto de la decisión"))
        self.item = _item_combo(self, _("Punto del orden del día de la decisión"))
        self.votes = {}
        for key, label in (
            ("votes_for", _("A favor")),
            ("votes_against", _("En contra")),
            ("abstentions", _("Abstenciones")),
        ):
            spin = QSpinBox(self)
            spin.setRange(0, 500)
            spin.setAccessibleName(label)
            self.votes[key] = spin
        self.tie_break = QComboBox(self)
        self.tie_break.setAccessibleName(_("Voto de calidad de la presidencia en caso de empate"))
        for code, label in (
            (None, _("(sin voto de calidad)")),
            ("for", _("A favor")),
            ("against", _("En contra")),
        ):
            self.tie_break.addItem(label, code)
        self.record_button = QPushButton(_("&Registrar decisión"), self)
        self.record_button.setObjectName("recordDecision")
        self.record_button.clicked.connect(self.record)
        form = QFormLayout()
        form.addRow(_("Decisión:"), self.text)
        form.addRow(_("Punto:"), self.item)
        votes = QHBoxLayout()
        for key, label in (
            ("votes_for", _("A favor")),
            ("votes_against", _("En contra")),
            ("abstentions", _("Abstenciones")),
        ):
            votes.addWidget(QLabelled(label, self.votes[key], self))
        votes.addWidget(QLabelled(_("Empate"), self.tie_break, self))
        votes.addStretch(1)
        form.addRow(_("Votación:"), votes)
        record_row = QHBoxLayout()  # its own row: the tab fits a 1024 px screen
        record_row.addWidget(self.record_button)
        record_row.addStretch(1)
        form.addRow("", record_row)
        rows = QHBoxLayout()
        rows.addWidget(self.edit_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(rows)
        layout.addLayout(form)

    def show_detail(self, detail: SessionDetail) -> None:
        self.model.set_rows(detail.decisions)
        _fill_items(self.item, detail)
        editable = detail.can_vote
        for widget in (
            self.text,
            self.item,
            self.record_button,
            self.tie_break,
            self.edit_button,
            self.remove_button,
            *self.votes.values(),
        ):
            widget.setEnabled(editable)
        if not any(s.value() for s in self.votes.values()):
            self.votes["votes_for"].setValue(detail.quorum.present_voting)

    def pending(self) -> list[str]:
        text = self.text.text().strip()
        return [_("decisión escrita sin registrar «{t}»").format(t=text[:40])] if text else []

    def revert(self) -> None:
        self.text.clear()

    def record(self) -> None:
        """One call; the text is cleared only once it is recorded (a refused vote count
        keeps it, with the reason)."""
        from mipg_desktop.committees.votes import record_decision

        text = self.text.text().strip()
        if not text:
            return
        db, sid = self.editor.db, self.editor.session_id
        counts = {k: s.value() for k, s in self.votes.items()}
        item_id, tie = self.item.currentData(), self.tie_break.currentData()

        def recorded(_decision: Any) -> None:
            if self.text.text().strip() == text:
                empty_entry(self.text)
                for spin in self.votes.values():
                    spin.setValue(0)

        self.editor.op(
            _("Registrar la decisión «{text}»").format(text=text[:40]),
            lambda: record_decision(db, sid, text, agenda_item_id=item_id, tie_break=tie, **counts),
            recorded,
        )

    def edit(self) -> None:
        from ui.edit_dialogs import edit_decision

        decision = _selected(self.table, self.model, self.editor)
        if decision is not None and self.edit_button.isEnabled():
            edit_decision(self.editor, decision)

    def remove(self, confirm: bool = True) -> None:
        from mipg_desktop.committees.votes import remove_decision
        from ui.agenda_panel import confirm_removal

        decision = _selected(self.table, self.model, self.editor)
        if decision is None or not self.remove_button.isEnabled():
            return
        if confirm and not confirm_removal(
            self, _("¿Quitar la decisión «{text}»?").format(text=decision.text[:80])
        ):
            return
        db, did, version = self.editor.db, decision.id, decision.version
        self.editor.op(
            _("Quitar la decisión «{text}»").format(text=decision.text[:40]),
            lambda: remove_decision(db, did, expected_version=version),
        )


class SessionCommitmentsPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("sessionCommitmentsPanel")
        self.model = RowTableModel(commitment_columns(with_session=False), self)
        self.table = _table(self, self.model, "sessionCommitmentsTable", self.edit)
        self.table.setAccessibleName(_("Compromisos de la sesión"))
        self.edit_button, self.remove_button = _row_buttons(
            self, "Commitment", self.edit, self.remove
        )
        self.text = entry_field(QLineEdit(self))
        self.text.setPlaceholderText(_("Compromiso…"))
        self.text.setAccessibleName(_("Texto del compromiso"))
        self.owner = QComboBox(self)
        self.owner.setEditable(True)
        self.owner.setAccessibleName(_("Responsable del compromiso"))
        self.due = DateField(self, date.today() + timedelta(days=30), _("Fecha límite"))
        self.item = _item_combo(self, _("Punto del orden del día del compromiso"))
        self.add_button = QPushButton(_("&Agregar compromiso"), self)
        self.add_button.setObjectName("addCommitment")
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(_("Compromiso:"), self.text)
        row = QHBoxLayout()
        row.addWidget(self.owner, 2)
        row.addWidget(QLabelled(_("Plazo"), self.due, self))
        form.addRow(_("Responsable:"), row)
        form.addRow(_("Punto:"), self.item)
        adding = QHBoxLayout()
        adding.addWidget(self.add_button)
        adding.addStretch(1)
        form.addRow("", adding)  # last, as in the other forms: Tab reaches it after the fields
        self.error = QLabel(self)
        self.error.setObjectName("commitmentError")
        self.error.setStyleSheet("QLabel { color: #b3261e; }")
        self.error.hide()
        form.addRow("", self.error)
        rows = QHBoxLayout()
        rows.addWidget(self.edit_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(rows)
        layout.addLayout(form)

    def show_detail(self, detail: SessionDetail) -> None:
        self.model.set_rows(detail.commitments)
        _fill_items(self.item, detail)
        typed = self.owner.currentText()
        self.owner.clear()
        for attendee in detail.attendees:
            self.owner.addItem(attendee.name, attendee.membership_id)
        self.owner.setEditText(typed)
        editable = detail.can_add_commitments
        for widget in (
            self.text,
            self.owner,
            self.due,
            self.item,
            self.add_button,
            self.edit_button,
            self.remove_button,
        ):
            widget.setEnabled(editable)

    def pending(self) -> list[str]:
        text = self.text.text().strip()
        return [_("compromiso escrito sin agregar «{t}»").format(t=text[:40])] if text else []

    def revert(self) -> None:
        self.text.clear()

    def add(self) -> None:
        from mipg_desktop.committees.commitments import add_commitment

        text, owner = self.text.text().strip(), self.owner.currentText().strip()
        if not text:
            return
        problem = self.due.error()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.error.hide()
        index = self.owner.findText(owner)
        membership = self.owner.itemData(index) if index >= 0 else None
        db, sid = self.editor.db, self.editor.session_id
        due, item_id = self.due.date(), self.item.currentData()

        def added(_commitment: Any) -> None:
            if self.text.text().strip() == text:
                empty_entry(self.text)

        self.editor.op(
            _("Agregar el compromiso «{text}»").format(text=text[:40]),
            lambda: add_commitment(
                db,
                sid,
                text,
                owner_name=owner,
                due_date=due,
                owner_membership_id=membership,
                agenda_item_id=item_id,
            ),
            added,
        )

    def edit(self) -> None:
        from ui.edit_dialogs import edit_commitment

        commitment = _selected(self.table, self.model, self.editor)
        if commitment is not None and self.edit_button.isEnabled():
            edit_commitment(self.editor, commitment)

    def remove(self, confirm: bool = True) -> None:
        from mipg_desktop.committees.commitments import remove_commitment
        from ui.agenda_panel import confirm_removal

        commitment = _selected(self.table, self.model, self.editor)
        if commitment is None or not self.remove_button.isEnabled():
            return
        if confirm and not confirm_removal(
            self, _("¿Quitar el compromiso «{text}»?").format(text=commitment.text[:80])
        ):
            return
        db, cid, version = self.editor.db, commitment.id, commitment.version
        self.editor.op(
            _("Quitar el compromiso «{text}»").format(text=commitment.text[:40]),
            lambda: remove_commitment(db, cid, expected_version=version),
        )


def QLabelled(label: str, widget: QWidget, parent: QWidget) -> QWidget:
    from PySide6.QtWidgets import QLabel

    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(label + ":", box))
    layout.addWidget(widget)
    return box
