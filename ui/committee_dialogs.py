"""Dialogs to create a committee, add a member and schedule a session (one core call each)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
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
from mipg_desktop.models.committees import ROLES
from ui.fields import DateField, TimeField

if TYPE_CHECKING:
    from mipg_desktop.committees.types import CommitteeTypeInfo, SessionTemplate
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
    """A new committee starts from its type (CIGD, CICCI, territorial, sectoral): its
    reglamento, modality rules and agenda come from the type, whose source is shown."""

    def __init__(
        self,
        parent: QWidget,
        types: Sequence[CommitteeTypeInfo] = (),
        existing: Collection[str] = (),
    ) -> None:
        """``existing``: the type codes the entity already has a committee of; the first
        type it does not have yet is proposed (a second CIGD is rarely what is meant)."""
        super().__init__(parent, _("Nuevo comité"))
        self.setObjectName("committeeDialog")
        self.types = {t.code: t for t in types}
        self.committee_type = QComboBox(self)
        self.committee_type.setAccessibleName(_("Tipo de comité"))
        for kind in types:
            self.committee_type.addItem(kind.name, kind.code)
            self.committee_type.setItemData(
                self.committee_type.count() - 1, kind.source, Qt.ItemDataRole.ToolTipRole
            )
        self.committee_type.addItem(_("Otro comité (sin tipo)"), "")
        self.add(_("Tipo"), self.committee_type)
        self.type_source = QLabel(self)
        self.type_source.setObjectName("typeSource")
        self.type_source.setWordWrap(True)
        self.form.addRow("", self.type_source)
        self.name = self.line(_("Nombre"), _("Comité Institucional de Gestión y Desempeño"))
        self.short_name = self.line(_("Sigla"), "CIGD")
        self.creation_act = self.line(_("Acto de creación"))
        self.creation_act.setPlaceholderText(_("Resolución 123 de 2018"))
        self.finish()
        missing = [t.code for t in types if t.code not in existing]
        if missing:
            self.committee_type.setCurrentIndex(self.committee_type.findData(missing[0]))
        self.committee_type.currentIndexChanged.connect(self._type_chosen)
        self._type_chosen()
        self.resize(560, self.sizeHint().height())

    def _type_chosen(self) -> None:
        kind = self.types.get(self.committee_type.currentData() or "")
        if kind is None:
            self.type_source.setText(
                _("Sin tipo: el reglamento y el orden del día empiezan con valores generales.")
            )
            self.resize(max(self.width(), 560), self.sizeHint().height())
            return
        self.name.setText(kind.name)
        self.short_name.setText(kind.short_name)
        secretary = kind.reglamento.get("secretary")
        lines = [kind.description, _("Fuente: {source}.").format(source=kind.source.rstrip("."))]
        if secretary is not None:
            lines.append(
                _("Secretaría técnica: {who} ({source}).").format(
                    who=secretary.value, source=secretary.source.rstrip(".")
                )
            )
        self.type_source.setText("\n".join(line for line in lines if line))
        self.form.activate()  # the dialog grows with the type's text, never clips it
        self.resize(max(self.width(), 560), self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {
            "type_code": self.committee_type.currentData() or "",
            "name": self.name.text(),
            "short_name": self.short_name.text(),
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
    """``templates``: the session templates of the committee's type, offered for the
    agenda (its fixed items always come)."""

    def __init__(self, parent: QWidget, templates: Sequence[SessionTemplate] = ()) -> None:
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
        self.default_place = _("Sala de juntas")
        self.place = self.line(_("Lugar"), self.default_place)
        self.platform = self.line(_("Plataforma o enlace"))
        self.modality.currentIndexChanged.connect(self._modality_chosen)
        self.agenda_template = QComboBox(self)
        self.agenda_template.setAccessibleName(_("Plantilla del orden del día"))
        self.agenda_template.addItem(_("Solo los puntos fijos del comité"), "")
        for template in templates:
            self.agenda_template.addItem(template.name, template.code)
            tip = _("{when}. Fuente: {source}.").format(
                when=template.when or "—", source=template.source.rstrip(".")
            )
            self.agenda_template.setItemData(
                self.agenda_template.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.add(_("Orden del día"), self.agenda_template)
        self.modality_reason = ""  # asked when the reglamento does not allow the modality
        self.finish()

    def _modality_chosen(self) -> None:
        """A virtual session has no room: the proposed «Sala de juntas» goes (a place the
        secretary typed stays), and comes back for an in-person or mixed one."""
        virtual = self.modality.currentData() == "virtual"
        if virtual and self.place.text().strip() == self.default_place:
            self.place.clear()
        elif not virtual and not self.place.text().strip():
            self.place.setText(self.default_place)

    def values(self) -> dict[str, Any]:
        return {
            "session_date": _typed(self.session_date, _("Indique la fecha de la sesión.")),
            "start_time": _typed(self.start, _("Indique la hora de inicio (por ejemplo 9:00).")),
            "end_time": _typed(self.end),
            "kind": self.kind.currentData(),
            "modality": self.modality.currentData(),
            "place": self.place.text(),
            "platform": self.platform.text(),
            "agenda_template": self.agenda_template.currentData() or "",
            "modality_reason": self.modality_reason,
        }


def new_committee(window: MainWindow) -> CommitteeDialog:
    from mipg_desktop.committees.types import list_types

    db = window.db
    scope = window.reporting_scope  # a MECI-only entity is offered the CICCI, never a CIGD
    from mipg_desktop.committees.views import list_committees

    types = _now(window, lambda: list_types(db, scope))
    existing = {c.type_code for c in _now(window, lambda: list_committees(db)) if c.type_code}
    dialog = CommitteeDialog(window, types, existing)
    dialog.submit = lambda: _now(window, lambda: _create_committee(db, dialog.values()))
    dialog.accepted.connect(lambda: window.committee_created(dialog.result_value.id))
    dialog.open()
    return dialog


def _create_committee(db: Any, values: dict[str, Any]) -> Any:
    from mipg_desktop.committees.committees import create_committee
    from mipg_desktop.committees.types import create_from_type

    code = values.pop("type_code")
    if code:
        return create_from_type(db, code, **values)
    return create_committee(db, kind="other", **values)


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
    from mipg_desktop.committees.types import committee_templates
    from ui.modality_rules import modality_reason

    db = window.db
    dialog = SessionDialog(window, _now(window, lambda: committee_templates(db, committee_id)))

    def submit() -> Any:
        values = dialog.values()
        if not values["modality_reason"]:
            values["modality_reason"] = modality_reason(
                window, dialog, committee_id, values["modality"]
            )
        return _now(window, lambda: create_session(db, committee_id, **values))

    def created() -> None:
        summary = dialog.result_value
        window.session_created(committee_id, summary.year, summary.id)
        for warning in summary.warnings:
            window.show_user_error(warning)

    dialog.submit = submit
    dialog.accepted.connect(created)
    dialog.open()
    return dialog
