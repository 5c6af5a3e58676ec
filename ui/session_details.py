"""The session's facts: date, times, character, modality, place or link, next meeting (date,
time and place).

Each field is saved when it is left (one versioned, undoable call); a refused value stays in
its field with the reason beside it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from mipg_desktop.committees import labels
from mipg_desktop.committees.views import SessionDetail
from mipg_desktop.i18n import _
from ui.committee_dialogs import MODALITIES, SESSION_KINDS, combo
from ui.fields import DateField, TimeField, choose_data, data_text
from ui.form_binding import FormBinding, with_error

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor


def checked(field: DateField | TimeField) -> Any:
    """The field's value, or ValueError with the reason when what is typed is not valid."""
    problem = field.error()
    if problem:
        raise ValueError(problem)
    return field.date() if isinstance(field, DateField) else field.time()


class DetailsPanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        from mipg_desktop.scopes import session_scope

        super().__init__(editor)
        self.editor = editor
        self.setObjectName("sessionDetailsPanel")
        db, sid = editor.db, editor.session_id
        self.binding = FormBinding(
            editor.window_,
            _("Datos de la sesión"),
            "committee_sessions",
            lambda: session_scope(sid),
            self._update,
            lambda summary: (summary.version, {}),
            self,
        )
        self.binding.saved.connect(self._saved)
        self.session_date = DateField(self, None, _("Fecha de la sesión"))
        self.start = TimeField(self, None, _("Hora de inicio"))
        self.end = TimeField(self, None, _("Hora de finalización"))
        self.kind = combo(self, SESSION_KINDS, labels.session_kind_label, _("Carácter"))
        self.modality = combo(self, MODALITIES, labels.modality_label, _("Modalidad"))
        self.place = QLineEdit(self)
        self.place.setAccessibleName(_("Lugar"))
        self.platform = QLineEdit(self)
        self.platform.setAccessibleName(_("Plataforma o enlace"))
        self.has_next = QCheckBox(_("Próxima reunión:"), self)
        self.next_date = DateField(self, None, _("Fecha de la próxima reunión"))
        self.has_next.toggled.connect(self.next_date.setEnabled)
        self.next_time = TimeField(self, None, _("Hora de la próxima reunión"))
        self.next_place = QLineEdit(self)
        self.next_place.setAccessibleName(_("Lugar de la próxima reunión"))
        self.db = db
        form = QFormLayout(self)
        hint = QLabel(_("Cada dato se guarda al salir del campo."), self)
        hint.setObjectName("savesOnLeave")
        form.addRow(hint)
        bind = self.binding.add
        form.addRow(
            _("Fecha:"),
            with_error(
                self.session_date,
                bind(
                    "session_date",
                    _("Fecha"),
                    self.session_date,
                    lambda: _required(checked(self.session_date)),
                    self.session_date.set_date,
                    self.session_date.edited,
                ),
            ),
        )
        times = QHBoxLayout()
        for key, label, field in (
            ("start_time", _("Hora de inicio"), self.start),
            ("end_time", _("Hora de finalización"), self.end),
        ):
            error = bind(key, label, field, partial(checked, field), field.set_time, field.edited)
            times.addWidget(QLabel(label + ":", self))
            times.addWidget(with_error(field, error))
        times.addStretch(1)
        form.addRow(times)
        for key, label, box in (
            ("kind", _("Carácter"), self.kind),
            ("modality", _("Modalidad"), self.modality),
        ):
            form.addRow(
                label + ":",
                with_error(
                    box,
                    bind(
                        key,
                        label,
                        box,
                        box.currentData,
                        partial(choose_data, box),
                        box.activated,
                        partial(data_text, box),
                    ),
                ),
            )
        for key, label, line in (
            ("place", _("Lugar"), self.place),
            ("platform", _("Plataforma o enlace"), self.platform),
        ):
            form.addRow(
                label + ":",
                with_error(
                    line,
                    bind(
                        key,
                        label,
                        line,
                        partial(_stripped, line),
                        line.setText,
                        line.editingFinished,
                    ),
                ),
            )
        error = bind(
            "next_meeting_date",
            _("Próxima reunión"),
            self.next_date,
            self._next,
            self._put_next,
            self.has_next.toggled,
        )
        self.next_date.edited.connect(lambda: self.binding.left("next_meeting_date"))
        form.addRow(self.has_next, with_error(self.next_date, error))
        next_time_error = bind(
            "next_meeting_time",
            _("Hora de la próxima reunión"),
            self.next_time,
            partial(checked, self.next_time),
            self.next_time.set_time,
            self.next_time.edited,
        )
        next_time_row = QHBoxLayout()  # a short field starts where the others do
        next_time_row.addWidget(with_error(self.next_time, next_time_error))
        next_time_row.addStretch(1)
        form.addRow(_("Hora de la próxima reunión:"), next_time_row)
        next_place_error = bind(
            "next_meeting_place",
            _("Lugar de la próxima reunión"),
            self.next_place,
            partial(_stripped, self.next_place),
            self.next_place.setText,
            self.next_place.editingFinished,
        )
        form.addRow(
            _("Lugar de la próxima reunión:"), with_error(self.next_place, next_place_error)
        )
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
            self.next_time,
            self.next_place,
        ]

    def _update(self, values: dict[str, Any], version: Any, base: dict[str, Any] | None) -> Any:
        from mipg_desktop.committees.sessions import update_session

        return update_session(
            self.db, self.editor.session_id, expected_version=version, base=base, **values
        )

    def _next(self) -> Any:
        return checked(self.next_date) if self.has_next.isChecked() else None

    def _put_next(self, value: Any) -> None:
        self.has_next.blockSignals(True)
        self.has_next.setChecked(value is not None)
        self.has_next.blockSignals(False)
        self.next_date.set_date(value)
        self.next_date.setEnabled(value is not None and self.has_next.isEnabled())

    def _saved(self, summary: Any) -> None:
        sid = self.editor.session_id
        self.editor.window_.session_changed(sid)
        self.editor.reload()
        for warning in getattr(summary, "warnings", ()):
            self.editor.window_.show_user_error(warning)

    def show_detail(self, detail: SessionDetail) -> None:
        self.binding.load(
            {
                "session_date": detail.session_date,
                "start_time": detail.start_time,
                "end_time": detail.end_time,
                "kind": detail.kind,
                "modality": detail.modality,
                "place": detail.place,
                "platform": detail.platform,
                "next_meeting_date": detail.next_meeting_date,
                "next_meeting_time": detail.next_meeting_time,
                "next_meeting_place": detail.next_meeting_place,
            },
            detail.version,
        )
        for widget in self.inputs:
            widget.setEnabled(detail.can_edit_details)
        self.next_date.setEnabled(detail.can_edit_details and self.has_next.isChecked())

    # -- what is typed and not saved -----------------------------------------------------------
    def commit(self) -> bool:
        return self.binding.commit()

    def pending(self) -> list[str]:
        return [_("Datos de la sesión: {f}").format(f=f) for f in self.binding.pending()]

    def revert(self) -> None:
        self.binding.revert()


def _required(value: Any) -> Any:
    if value is None:
        raise ValueError(_("La sesión necesita una fecha."))
    return value


def _stripped(line: QLineEdit) -> str:
    return line.text().strip()
