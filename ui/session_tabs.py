"""The minutes, decisions and commitments tabs of a session (added when their services exist)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.views import DecisionInfo, SessionDetail
from mipg_desktop.i18n import _
from mipg_desktop.storage.database import Database
from ui.commitments_view import commitment_columns
from ui.committee_dialogs import date_edit, qdate_to_date
from ui.models.table import Column, RowTableModel
from ui.navigation import service_available

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor

DECISION_PHASE = ("convened", "held", "minutes_draft", "under_review")

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


def approve_call(db: Database, session_id: int) -> Callable[[], Any]:
    from mipg_desktop.committees.approval import approve_minutes

    return lambda: approve_minutes(db, session_id, approved_by=db.user_name)


def _table(parent: QWidget, model: RowTableModel[Any], name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


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
        self.table = _table(self, self.model, "decisionsTable")
        self.table.setAccessibleName(_("Decisiones de la sesión"))
        self.text = QLineEdit(self)
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
        votes.addWidget(self.record_button)
        form.addRow(_("Votación:"), votes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

    def show_detail(self, detail: SessionDetail) -> None:
        self.model.set_rows(detail.decisions)
        _fill_items(self.item, detail)
        editable = detail.status in DECISION_PHASE
        for widget in (
            self.text,
            self.item,
            self.record_button,
            self.tie_break,
            *self.votes.values(),
        ):
            widget.setEnabled(editable)
        if not any(s.value() for s in self.votes.values()):
            self.votes["votes_for"].setValue(detail.quorum.present_voting)

    def record(self) -> None:
        from mipg_desktop.committees.votes import record_decision

        text = self.text.text().strip()
        if not text:
            return
        db, sid = self.editor.db, self.editor.session_id
        counts = {k: s.value() for k, s in self.votes.items()}
        item_id, tie = self.item.currentData(), self.tie_break.currentData()
        from mipg_desktop.committees.votes import remove_decision
        from ui.undo import push

        self.text.clear()
        push(
            self.editor,
            _("Registrar la decisión «{text}»").format(text=text[:40]),
            lambda: record_decision(db, sid, text, agenda_item_id=item_id, tie_break=tie, **counts),
            lambda decision: remove_decision(db, decision.id),
        )


class SessionCommitmentsPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("sessionCommitmentsPanel")
        self.model = RowTableModel(commitment_columns(with_session=False), self)
        self.table = _table(self, self.model, "sessionCommitmentsTable")
        self.table.setAccessibleName(_("Compromisos de la sesión"))
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(_("Compromiso…"))
        self.text.setAccessibleName(_("Texto del compromiso"))
        self.owner = QComboBox(self)
        self.owner.setEditable(True)
        self.owner.setAccessibleName(_("Responsable del compromiso"))
        self.due = date_edit(self, date.today() + timedelta(days=30), _("Fecha límite"))
        self.item = _item_combo(self, _("Punto del orden del día del compromiso"))
        self.add_button = QPushButton(_("&Agregar compromiso"), self)
        self.add_button.setObjectName("addCommitment")
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(_("Compromiso:"), self.text)
        row = QHBoxLayout()
        row.addWidget(self.owner, 2)
        row.addWidget(QLabelled(_("Plazo"), self.due, self))
        row.addWidget(self.add_button)
        form.addRow(_("Responsable:"), row)
        form.addRow(_("Punto:"), self.item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

    def show_detail(self, detail: SessionDetail) -> None:
        self.model.set_rows(detail.commitments)
        _fill_items(self.item, detail)
        typed = self.owner.currentText()
        self.owner.clear()
        for attendee in detail.attendees:
            self.owner.addItem(attendee.name, attendee.membership_id)
        self.owner.setEditText(typed)
        editable = detail.status in DECISION_PHASE
        for widget in (self.text, self.owner, self.due, self.item, self.add_button):
            widget.setEnabled(editable)

    def add(self) -> None:
        from mipg_desktop.committees.commitments import add_commitment

        text, owner = self.text.text().strip(), self.owner.currentText().strip()
        if not text:
            return
        index = self.owner.findText(owner)
        membership = self.owner.itemData(index) if index >= 0 else None
        db, sid = self.editor.db, self.editor.session_id
        due, item_id = qdate_to_date(self.due.date()), self.item.currentData()
        from mipg_desktop.committees.commitments import remove_commitment
        from ui.undo import push

        self.text.clear()
        push(
            self.editor,
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
            lambda commitment: remove_commitment(db, commitment.id),
        )


def QLabelled(label: str, widget: QWidget, parent: QWidget) -> QWidget:
    from PySide6.QtWidgets import QLabel

    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(label + ":", box))
    layout.addWidget(widget)
    return box
