"""Dialogs to create a committee, add a member and schedule a session (one core call each)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from mipg_desktop.committees import labels
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import COMMITTEE_KINDS, ROLES

if TYPE_CHECKING:
    from mipg_desktop.committees.views import PersonInfo
    from ui.main_window import MainWindow

MODALITIES = ("in_person", "virtual", "mixed")
SESSION_KINDS = ("ordinary", "extraordinary")


def qdate_to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, value: date | None = None, name: str = "") -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    day = value or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    edit.setAccessibleName(name)
    return edit


def combo(
    parent: QWidget, codes: tuple[str, ...], label: Callable[[str], str], name: str
) -> QComboBox:
    box = QComboBox(parent)
    for code in codes:
        box.addItem(label(code), code)
    box.setAccessibleName(name)
    return box


class FormDialog(QDialog):
    """A small form; ``values()`` gives plain data, ``on_accept`` makes the one core call."""

    def __init__(self, parent: QWidget, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Aceptar"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def line(self, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setAccessibleName(label)
        self.form.addRow(label + ":", edit)
        return edit

    def add(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label + ":", widget)
        return widget

    def finish(self) -> None:
        self.form.addRow(self.buttons)


class CommitteeDialog(FormDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, _("Nuevo comité"))
        self.setObjectName("committeeDialog")
        self.name = self.line(_("Nombre"), _("Comité Institucional de Gestión y Desempeño"))
        self.short_name = self.line(_("Sigla"), "CIGD")
        self.kind = combo(self, COMMITTEE_KINDS, labels.committee_kind_label, _("Tipo de comité"))
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
        self.start = date_edit(self, date(date.today().year, 1, 1), _("Fecha de ingreso"))
        self.add(_("Desde"), self.start)
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
            "start_date": qdate_to_date(self.start.date()),
        }


class SessionDialog(FormDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, _("Programar sesión"))
        self.setObjectName("sessionDialog")
        self.session_date = date_edit(self, None, _("Fecha de la sesión"))
        self.add(_("Fecha"), self.session_date)
        self.kind = combo(self, SESSION_KINDS, labels.session_kind_label, _("Carácter"))
        self.add(_("Carácter"), self.kind)
        self.modality = combo(self, MODALITIES, labels.modality_label, _("Modalidad"))
        self.add(_("Modalidad"), self.modality)
        self.place = self.line(_("Lugar"), _("Sala de juntas"))
        self.platform = self.line(_("Plataforma o enlace"))
        self.finish()

    def values(self) -> dict[str, Any]:
        return {
            "session_date": qdate_to_date(self.session_date.date()),
            "kind": self.kind.currentData(),
            "modality": self.modality.currentData(),
            "place": self.place.text(),
            "platform": self.platform.text(),
        }


def new_committee(window: MainWindow) -> CommitteeDialog:
    from mipg_desktop.committees.committees import create_committee

    dialog = CommitteeDialog(window)

    def accepted() -> None:
        values, db = dialog.values(), window.db
        window.runner.run(
            lambda: create_committee(db, **values),
            lambda summary: window.committee_created(summary.id),
        )

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def add_member(window: MainWindow, committee_id: int, done: Callable[[], None]) -> MemberDialog:
    from mipg_desktop.committees.people import add_member as join
    from mipg_desktop.committees.views import list_members, list_people

    dialog = MemberDialog(window)
    db = window.db
    window.runner.run(
        lambda: (list_people(db), {m.person_id for m in list_members(db, committee_id)}),
        lambda found: dialog.set_people(*found),
    )

    def accepted() -> None:
        v, known = dialog.values(), dialog.existing_person()
        person_id = known.id if known else None
        window.runner.run(
            lambda: join(
                db,
                committee_id,
                v["full_name"],
                v["role"],
                v["start_date"],
                v["position"],
                v["unit"],
                person_id=person_id,
            ),
            lambda _m: done(),
        )

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def new_session(window: MainWindow, committee_id: int) -> SessionDialog:
    from mipg_desktop.committees.sessions import create_session

    dialog = SessionDialog(window)

    def accepted() -> None:
        values, db = dialog.values(), window.db
        window.runner.run(
            lambda: create_session(db, committee_id, **values),
            lambda summary: window.session_created(committee_id, summary.year, summary.id),
        )

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog
