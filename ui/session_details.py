"""The session's details: date, times, modality, place or platform, next meeting (one call)."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from mipg_desktop.committees import labels
from mipg_desktop.committees.views import SessionDetail
from mipg_desktop.i18n import _
from ui.committee_dialogs import MODALITIES, SESSION_KINDS, combo, date_edit, qdate_to_date

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor


def _time_edit(parent: QWidget, name: str) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat("hh:mm AP")
    edit.setAccessibleName(name)
    return edit


class DetailsPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("sessionDetailsPanel")
        self.version: int | None = None
        self.session_date = date_edit(self, None, _("Fecha de la sesión"))
        self.start = _time_edit(self, _("Hora de inicio"))
        self.end = _time_edit(self, _("Hora de finalización"))
        self.kind = combo(self, SESSION_KINDS, labels.session_kind_label, _("Carácter"))
        self.modality = combo(self, MODALITIES, labels.modality_label, _("Modalidad"))
        self.place = QLineEdit(self)
        self.place.setAccessibleName(_("Lugar"))
        self.platform = QLineEdit(self)
        self.platform.setAccessibleName(_("Plataforma o enlace"))
        self.has_next = QCheckBox(_("Próxima reunión:"), self)
        self.next_date = date_edit(self, None, _("Fecha de la próxima reunión"))
        self.has_next.toggled.connect(self.next_date.setEnabled)
        self.save_button = QPushButton(_("&Guardar los datos de la sesión"), self)
        self.save_button.setObjectName("saveSessionDetails")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout(self)
        form.addRow(_("Fecha:"), self.session_date)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(self.end)
        times.addStretch(1)
        form.addRow(_("Hora (inicio y fin):"), times)
        form.addRow(_("Carácter:"), self.kind)
        form.addRow(_("Modalidad:"), self.modality)
        form.addRow(_("Lugar:"), self.place)
        form.addRow(_("Plataforma o enlace:"), self.platform)
        form.addRow(self.has_next, self.next_date)
        form.addRow("", self.save_button)
        self.inputs: list[QWidget] = [
            self.session_date,
            self.start,
            self.end,
            self.kind,
            self.modality,
            self.place,
            self.platform,
            self.has_next,
            self.next_date,
            self.save_button,
        ]

    def show_detail(self, detail: SessionDetail) -> None:
        from PySide6.QtCore import QDate

        self.version = detail.version
        d = detail.session_date
        self.session_date.setDate(QDate(d.year, d.month, d.day))
        for edit, value in ((self.start, detail.start_time), (self.end, detail.end_time)):
            edit.setTime(QTime(value.hour, value.minute) if value else QTime(0, 0))
        self.kind.setCurrentIndex(max(self.kind.findData(detail.kind), 0))
        self.modality.setCurrentIndex(max(self.modality.findData(detail.modality), 0))
        self.place.setText(detail.place)
        self.platform.setText(detail.platform)
        self.has_next.setChecked(detail.next_meeting_date is not None)
        if detail.next_meeting_date is not None:
            n = detail.next_meeting_date
            self.next_date.setDate(QDate(n.year, n.month, n.day))
        self.next_date.setEnabled(self.has_next.isChecked())
        for widget in self.inputs:
            widget.setEnabled(not detail.is_frozen)
        if not detail.is_frozen:
            self.next_date.setEnabled(self.has_next.isChecked())

    def values(self) -> dict[str, Any]:
        def clock(edit: QTimeEdit) -> time | None:
            t = edit.time()
            return None if t == QTime(0, 0) else time(t.hour(), t.minute())

        return {
            "session_date": qdate_to_date(self.session_date.date()),
            "start_time": clock(self.start),
            "end_time": clock(self.end),
            "kind": self.kind.currentData(),
            "modality": self.modality.currentData(),
            "place": self.place.text(),
            "platform": self.platform.text(),
            "next_meeting_date": (
                qdate_to_date(self.next_date.date()) if self.has_next.isChecked() else None
            ),
        }

    def save(self) -> None:
        """One call, checked against concurrent edits by the version read."""
        from mipg_desktop.committees.sessions import update_session

        db, sid, values, version = (
            self.editor.db,
            self.editor.session_id,
            self.values(),
            self.version,
        )
        self.editor.call(
            lambda: update_session(db, sid, expected_version=version, **values),
            lambda _r: self.editor.window_.session_changed(sid),
        )
