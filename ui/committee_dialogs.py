"""Dialogs to create a committee, add a member and schedule a session (one core call each)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from mipg_desktop.committees import labels
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import COMMITTEE_KINDS, ROLES
from ui.fields import DateField, TimeField

if TYPE_CHECKING:
    from mipg_desktop.committees.views import MemberInfo, PersonInfo
    from ui.main_window import MainWindow

MODALITIES = ("in_person", "virtual", "mixed")
SESSION_KINDS = ("ordinary", "extraordinary")


def combo(
    parent: QWidget, codes: tuple[str, ...], label: Callable[[str], str], name: str
) -> QComboBox:
    box = QComboBox(parent)
    for code in codes:
        box.addItem(label(code), code)
    box.setAccessibleName(name)
    return box


class FormDialog(QDialog):
    """A small form. OK makes its one core call right away (``submit``): a refusal shows
    inside the dialog, which stays open with everything typed; success closes it."""

    def __init__(self, parent: QWidget, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Aceptar"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("acceptForm")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setStyleSheet("QLabel { color: #b3261e; }")
        self.error.setWordWrap(True)
        self.error.hide()
        self.submit: Callable[[], Any] | None = None
        self.result_value: Any = None

    def line(self, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setAccessibleName(label)
        self.form.addRow(label + ":", edit)
        return edit

    def add(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label + ":", widget)
        return widget

    def finish(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)
        for line in self.findChildren(QLineEdit):  # typing again: the old reason goes
            line.textEdited.connect(lambda _t: self.error.hide())

    def refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        from mipg_desktop.errors import MipgError

        if self.submit is not None:
            try:
                self.result_value = self.submit()
            except (MipgError, ValueError) as error:
                self.refuse(str(error))
                return
        super().accept()


def _typed(field: DateField | TimeField, required: str = "") -> Any:
    problem = field.error()
    if problem:
        raise ValueError(problem)
    value = field.date() if isinstance(field, DateField) else field.time()
    if value is None and required:
        raise ValueError(required)
    return value


def _now(window: MainWindow, fn: Callable[[], Any]) -> Any:
    """A dialog's one call, on this thread once the worker is idle (the dialog waits)."""
    window.runner.drain()
    return fn()


class CommitteeDialog(FormDialog):
    def __init__(self, parent: QWidget, scope: str = "mipg") -> None:
        from mipg_desktop.reporting_scope import scope_defaults

        super().__init__(parent, _("Nuevo comité"))
        self.setObjectName("committeeDialog")
        proposed = scope_defaults(scope)  # a MECI-only entity: the CICCI, never a CIGD
        self.name = self.line(_("Nombre"), proposed.committee_name)
        self.short_name = self.line(_("Sigla"), proposed.committee_short_name)
        self.kind = combo(self, COMMITTEE_KINDS, labels.committee_kind_label, _("Tipo de comité"))
        self.kind.setCurrentIndex(max(0, self.kind.findData(proposed.committee_kind)))
        self.add(_("Tipo"), self.kind)
        self.creation_act = self.line(_("Acto de creación"))
        self.creation_act.setPlaceholderText(_("Resolución 123 de 2018"))
        self.finish()
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "short_name": self.short_name.text(),
            "kind": self.kind.currentData(),
            "creation_act": self.creation_act.text(),
        }


class MemberDialog(FormDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, _("Agregar integrante"))
        self.setObjectName("memberDialog")
        self.full_name = self.line(_("Nombre completo"))
        self.position = self.line(_("Cargo"))
        self.unit = self.line(_("Dependencia"))
        self.role = combo(self, ROLES, labels.role_label, _("Rol en el comité"))
        self.role.setCurrentIndex(ROLES.index("voting_member"))
        self.add(_("Rol"), self.role)
        self.start = DateField(self, date(date.today().year, 1, 1), _("Fecha de ingreso"))
        self.add(_("Desde"), self.start)
        self.end = DateField(self, None, _("Fecha de retiro"))
        self.add(_("Hasta"), self.end)
        self.end.setToolTip(_("Vacía mientras siga en el comité"))
        self.finish()
        self.people: dict[int, PersonInfo] = {}
        self.chosen: PersonInfo | None = None

    def set_people(self, people: list[PersonInfo], members: set[int]) -> None:
        """People already registered (e.g. in another committee), not sitting on this one,
        are offered as you type, with their position to tell namesakes apart; choosing one
        adds that same person."""
        self.people = {p.id: p for p in people if p.id not in members}
        model = QStandardItemModel(self)
        for person in self.people.values():
            shown = f"{person.full_name} — {person.position}" if person.position else ""
            item = QStandardItem(shown or person.full_name)
            item.setData(person.full_name, Qt.ItemDataRole.EditRole)  # what is typed and matched
            item.setData(shown or person.full_name, Qt.ItemDataRole.DisplayRole)
            item.setData(person.id, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
        self.full_name.setCompleter(completer)

    def _chosen(self, index: QModelIndex) -> None:
        person = self.people.get(index.data(Qt.ItemDataRole.UserRole))
        if person is None:
            return
        self.chosen = person
        self.position.setText(self.position.text() or person.position)
        self.unit.setText(self.unit.text() or person.unit)

    def existing_person(self) -> PersonInfo | None:
        """The person picked from the list; or the only registered one with the typed name."""
        typed = self.full_name.text().strip().casefold()
        if self.chosen is not None and self.chosen.full_name.strip().casefold() == typed:
            return self.chosen
        same = [p for p in self.people.values() if p.full_name.strip().casefold() == typed]
        return same[0] if len(same) == 1 else None

    def values(self) -> dict[str, Any]:
        return {
            "full_name": self.full_name.text(),
            "position": self.position.text(),
            "unit": self.unit.text(),
            "role": self.role.currentData(),
            "start_date": _typed(self.start, _("Indique la fecha de ingreso.")),
        }


class SessionDialog(FormDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, _("Programar sesión"))
        self.setObjectName("sessionDialog")
        self.session_date = DateField(self, date.today(), _("Fecha de la sesión"))
        self.add(_("Fecha"), self.session_date)
        self.start = TimeField(self, None, _("Hora de inicio"))
        self.add(_("Hora de inicio"), self.start)
        self.end = TimeField(self, None, _("Hora de finalización"))
        self.add(_("Hora de finalización (opcional)"), self.end)
        self.kind = combo(self, SESSION_KINDS, labels.session_kind_label, _("Carácter"))
        self.add(_("Carácter"), self.kind)
        self.modality = combo(self, MODALITIES, labels.modality_label, _("Modalidad"))
        self.add(_("Modalidad"), self.modality)
        self.place = self.line(_("Lugar"), _("Sala de juntas"))
        self.platform = self.line(_("Plataforma o enlace"))
        self.finish()

    def values(self) -> dict[str, Any]:
        return {
            "session_date": _typed(self.session_date, _("Indique la fecha de la sesión.")),
            "start_time": _typed(self.start, _("Indique la hora de inicio (por ejemplo 9:00).")),
            "end_time": _typed(self.end),
            "kind": self.kind.currentData(),
            "modality": self.modality.currentData(),
            "place": self.place.text(),
            "platform": self.platform.text(),
        }


def new_committee(window: MainWindow) -> CommitteeDialog:
    from mipg_desktop.committees.committees import create_committee

    dialog = CommitteeDialog(window, window.reporting_scope)
    db = window.db
    dialog.submit = lambda: _now(window, lambda: create_committee(db, **dialog.values()))
    dialog.accepted.connect(lambda: window.committee_created(dialog.result_value.id))
    dialog.open()
    return dialog


def add_member(window: MainWindow, committee_id: int, done: Callable[[], None]) -> MemberDialog:
    """A new member: one undoable call (a new person, or one already registered)."""
    from mipg_desktop.committees.people import add_member as join
    from mipg_desktop.committees.people import end_membership
    from mipg_desktop.committees.views import list_members, list_people
    from mipg_desktop.scopes import committee_scope

    dialog = MemberDialog(window)
    db = window.db
    window.runner.run(
        lambda: (list_people(db), {m.person_id for m in list_members(db, committee_id)}),
        lambda found: dialog.set_people(*found),
    )

    def submit() -> Any:
        v, known = dialog.values(), dialog.existing_person()
        end = _typed(dialog.end)

        def call() -> Any:
            member = join(
                db,
                committee_id,
                v["full_name"],
                v["role"],
                v["start_date"],
                v["position"],
                v["unit"],
                person_id=known.id if known else None,
            )
            if end is not None:
                member = end_membership(
                    db, member.membership_id, end, expected_version=member.version
                )
            return member

        return window.ops.run_now(
            _("Agregar a {name}").format(name=v["full_name"].strip()),
            committee_scope(committee_id),
            call,
        )

    dialog.submit = submit
    dialog.accepted.connect(done)
    dialog.open()
    return dialog


def edit_member(
    window: MainWindow, committee_id: int, member: MemberInfo, done: Callable[[], None]
) -> MemberDialog:
    """Correct a member: name (the person), position, role, period (the membership); one
    undoable call. Refused while an approved acta shows them, except the end date."""
    from mipg_desktop.committees.people import update_membership, update_person
    from mipg_desktop.scopes import committee_scope

    dialog = MemberDialog(window)
    dialog.setWindowTitle(_("Corregir integrante"))
    dialog.setObjectName("editMemberDialog")
    dialog.full_name.setText(member.name)
    dialog.position.setText(member.position)
    dialog.unit.setText(member.unit)
    dialog.role.setCurrentIndex(max(dialog.role.findData(member.role), 0))
    dialog.start.set_date(member.start_date)
    dialog.end.set_date(member.end_date)
    db = window.db

    def submit() -> Any:
        v = dialog.values()
        end = _typed(dialog.end)
        membership: dict[str, Any] = {
            k: v[k]
            for k, old in (
                ("role", member.role),
                ("position", member.position),
                ("start_date", member.start_date),
            )
            if v[k] != old
        }
        if end != member.end_date:
            membership["end_date"] = end
        base = {
            "role": member.role,
            "position": member.position,
            "start_date": member.start_date,
            "end_date": member.end_date,
        }

        def call() -> Any:
            person = {
                k: v[k].strip()
                for k, old in (("full_name", member.name), ("unit", member.unit))
                if v[k].strip() != old
            }
            if person:  # the person's own data: their name and unit, in every committee
                update_person(
                    db,
                    member.person_id,
                    expected_version=member.person_version,
                    base={"full_name": member.name, "unit": member.unit},
                    **person,
                )
            if membership:
                return update_membership(
                    db,
                    member.membership_id,
                    expected_version=member.version,
                    base={k: base[k] for k in membership},
                    **membership,
                )
            return None

        return window.ops.run_now(
            _("Corregir a {name}").format(name=member.name), committee_scope(committee_id), call
        )

    dialog.submit = submit
    dialog.accepted.connect(done)
    dialog.open()
    return dialog


def new_session(window: MainWindow, committee_id: int) -> SessionDialog:
    from mipg_desktop.committees.sessions import create_session

    dialog = SessionDialog(window)
    db = window.db
    dialog.submit = lambda: _now(
        window, lambda: create_session(db, committee_id, **dialog.values())
    )

    def created() -> None:
        summary = dialog.result_value
        window.session_created(committee_id, summary.year, summary.id)
        for warning in summary.warnings:
            window.show_user_error(warning)

    dialog.accepted.connect(created)
    dialog.open()
    return dialog
