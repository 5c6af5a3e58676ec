"""Correcting what was entered, in a dialog (F2, a double click, or «Corregir…»): an agenda
item, a decision and its vote, a commitment, a session guest. OK is one versioned, undoable
core call; a refusal shows inside the dialog, beside the field, and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _
from mipg_desktop.reporting_scope import visible_plan_types
from ui.fields import DateField, choose_data
from ui.form_binding import FormBinding, with_error
from ui.spell_check import attach_spell_check

if TYPE_CHECKING:
    from mipg_desktop.catalog_view import CatalogView, PlanTypeInfo
    from mipg_desktop.committees.views import (
        AgendaItemInfo,
        CommitmentInfo,
        DecisionInfo,
        GuestInfo,
        SessionDetail,
    )
    from ui.session_editor import SessionEditor


class EditDialog(QDialog):
    """A form whose OK saves through a :class:`FormBinding` (no save on leaving a field)."""

    def __init__(
        self,
        editor: SessionEditor,
        title: str,
        table: str,
        update: Callable[[dict[str, Any], Any, dict[str, Any] | None], Any],
        read: Callable[[Any], tuple[Any, dict[str, Any]]],
    ) -> None:
        from mipg_desktop.scopes import session_scope

        super().__init__(editor.window_)
        self.editor = editor
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        sid = editor.session_id
        self.binding = FormBinding(
            editor.window_, title, table, lambda: session_scope(sid), update, read, self
        )
        self.form = QFormLayout()
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(_("&Guardar"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        assert ok is not None and cancel is not None
        ok.setObjectName("saveEdit")
        cancel.setObjectName("cancelEdit")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def row(
        self,
        key: str,
        label: str,
        widget: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        text: Callable[[Any], str] | None = None,
    ) -> None:
        error = self.binding.add(key, label, widget, get, put, None, text)
        self.form.addRow(label + ":", with_error(widget, error))

    def accept(self) -> None:
        if self.binding.commit():
            self.editor.reload()
            super().accept()


def _line(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    return edit


def _checklist(parent: QWidget, name: str, choices: list[tuple[int, str]]) -> QListWidget:
    box = QListWidget(parent)
    box.setAccessibleName(name)
    box.setMaximumHeight(130)
    for value, label in choices:
        entry = QListWidgetItem(label, box)
        entry.setData(Qt.ItemDataRole.UserRole, value)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(Qt.CheckState.Unchecked)
    return box


def _checked(box: QListWidget) -> list[int]:
    return sorted(
        int(box.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    )


def _check(box: QListWidget, values: list[int]) -> None:
    for i in range(box.count()):
        entry = box.item(i)
        on = int(entry.data(Qt.ItemDataRole.UserRole)) in values
        entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _names(box: QListWidget) -> Callable[[Any], str]:
    labels = {
        int(box.item(i).data(Qt.ItemDataRole.UserRole)): box.item(i).text()
        for i in range(box.count())
    }
    return lambda values: ", ".join(labels.get(v, str(v)) for v in values or []) or _("(ninguna)")


def _required(text: str, label: str) -> str:
    if not text.strip():
        raise ValueError(_("«{label}» es obligatorio.").format(label=label))
    return text.strip()


def _item_combo(parent: QWidget, detail: SessionDetail, name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    box.addItem(_("(sin punto)"), None)
    for item in detail.all_agenda_items():
        box.addItem(f"{item.number}. {item.title[:70]}", item.id)
    return box


# -- agenda items ------------------------------------------------------------------------------
def _plan_keys(plan_type: PlanTypeInfo) -> list[str]:
    return [plan_type.code, plan_type.name, *(str(n["name"]) for n in plan_type.names_by_year)]


def _linked(item: AgendaItemInfo, catalog: CatalogView) -> set[str]:
    return {t.code for t in catalog.plan_types if set(_plan_keys(t)) & set(item.plan_types)}


def edit_agenda_item(editor: SessionEditor, item: AgendaItemInfo) -> EditDialog:
    from mipg_desktop.committees.agenda import update_agenda_item

    db = editor.db
    catalog = editor.window_.navigator.catalog()
    dialog = EditDialog(
        editor,
        _("Corregir el punto {number}").format(number=item.number),
        "agenda_items",
        lambda values, version, base: update_agenda_item(
            db, item.id, expected_version=version, base=base, **values
        ),
        lambda ref: (ref.version, {}),
    )
    dialog.setObjectName("agendaItemDialog")
    title, presenter = _line(dialog, _("Título del punto")), _line(dialog, _("Quién presenta"))
    duration = QSpinBox(dialog)
    duration.setRange(0, 600)
    duration.setSuffix(_(" min"))
    duration.setSpecialValueText(_("(sin duración)"))
    duration.setAccessibleName(_("Duración en minutos"))
    policies = _checklist(
        dialog, _("Políticas vinculadas"), [(p.id, p.name) for p in catalog.policies()]
    )
    # a MECI-only entity is offered no Decreto 612 plan, save those the point already has
    offered = visible_plan_types(catalog, editor.window_.reporting_scope, _linked(item, catalog))
    plans = _checklist(dialog, _("Planes vinculados"), [(t.id, t.name) for t in offered])
    # the item names its links (a plan type as named in the session's year), or codes
    by_code = {k: p.id for p in catalog.policies() for k in (p.code, p.name)}
    plan_by_code = {k: t.id for t in catalog.plan_types for k in _plan_keys(t)}
    dialog.row(
        "title", _("Título"), title, lambda: _required(title.text(), _("Título")), title.setText
    )
    dialog.row(
        "presenter", _("Presenta"), presenter, lambda: presenter.text().strip(), presenter.setText
    )
    dialog.row(
        "duration_minutes",
        _("Duración"),
        duration,
        lambda: duration.value() or None,
        lambda v: duration.setValue(v or 0),
    )
    dialog.row(
        "policy_ids",
        _("Políticas"),
        policies,
        lambda: _checked(policies),
        lambda v: _check(policies, v),
        _names(policies),
    )
    dialog.row(
        "plan_type_ids",
        _("Planes"),
        plans,
        lambda: _checked(plans),
        lambda v: _check(plans, v),
        _names(plans),
    )
    dialog.binding.load(
        {
            "title": item.title,
            "presenter": item.presenter,
            "duration_minutes": item.duration_minutes,
            "policy_ids": sorted(by_code[c] for c in item.policies if c in by_code),
            "plan_type_ids": sorted(plan_by_code[c] for c in item.plan_types if c in plan_by_code),
        },
        item.version,
    )
    dialog.resize(620, dialog.sizeHint().height())
    dialog.open()
    return dialog


# -- decisions ---------------------------------------------------------------------------------
def edit_decision(editor: SessionEditor, decision: DecisionInfo) -> EditDialog:
    from mipg_desktop.committees.votes import update_decision

    assert editor.detail is not None
    db = editor.db

    def update(values: dict[str, Any], version: Any, base: dict[str, Any] | None) -> Any:
        values = dict(values)
        tie = values.pop("tie_break", tie_now)
        if base is not None:
            base = {k: v for k, v in base.items() if k != "tie_break"}
        return update_decision(
            db, decision.id, expected_version=version, base=base, tie_break=tie, **values
        )

    tie_now = (
        ("for" if decision.outcome == "approved" else "against") if decision.tie_broken else None
    )
    dialog = EditDialog(
        editor,
        _("Corregir la decisión {number}").format(number=decision.number),
        "decisions",
        update,
        lambda info: (info.version, {}),
    )
    dialog.setObjectName("decisionDialog")
    text = QPlainTextEdit(dialog)
    text.setAccessibleName(_("Texto de la decisión"))
    attach_spell_check(text)
    text.setMaximumHeight(110)
    item = _item_combo(dialog, editor.detail, _("Punto del orden del día de la decisión"))
    spins = {}
    for key, label in (
        ("votes_for", _("A favor")),
        ("votes_against", _("En contra")),
        ("abstentions", _("Abstenciones")),
    ):
        spin = QSpinBox(dialog)
        spin.setRange(0, 500)
        spin.setAccessibleName(label)
        spins[key] = spin
    tie = QComboBox(dialog)
    tie.setAccessibleName(_("Voto de calidad de la presidencia en caso de empate"))
    for code, label in (
        (None, _("(sin voto de calidad)")),
        ("for", _("A favor")),
        ("against", _("En contra")),
    ):
        tie.addItem(label, code)
    dialog.row(
        "text",
        _("Decisión"),
        text,
        lambda: _required(text.toPlainText(), _("Decisión")),
        text.setPlainText,
    )
    dialog.row(
        "agenda_item_id",
        _("Punto"),
        item,
        item.currentData,
        lambda v: choose_data(item, v),
        lambda v: item.itemText(max(item.findData(v), 0)),
    )
    for key, spin in spins.items():
        dialog.row(key, spin.accessibleName(), spin, spin.value, spin.setValue)
    dialog.row(
        "tie_break",
        _("Empate"),
        tie,
        tie.currentData,
        lambda v: choose_data(tie, v),
        lambda v: tie.itemText(max(tie.findData(v), 0)),
    )
    dialog.binding.load(
        {
            "text": decision.text,
            "agenda_item_id": decision.agenda_item_id,
            "votes_for": decision.votes_for,
            "votes_against": decision.votes_against,
            "abstentions": decision.abstentions,
            "tie_break": tie_now,
        },
        decision.version,
    )
    dialog.resize(600, dialog.sizeHint().height())
    dialog.open()
    return dialog


# -- commitments -------------------------------------------------------------------------------
def edit_commitment(editor: SessionEditor, commitment: CommitmentInfo) -> EditDialog:
    from mipg_desktop.committees.commitments import update_commitment

    assert editor.detail is not None
    db = editor.db
    dialog = EditDialog(
        editor,
        _("Corregir el compromiso {number}").format(number=commitment.number),
        "commitments",
        lambda values, version, base: update_commitment(
            db, commitment.id, expected_version=version, base=base, **values
        ),
        lambda info: (info.version, {}),
    )
    dialog.setObjectName("commitmentDialog")
    text = QPlainTextEdit(dialog)
    text.setAccessibleName(_("Texto del compromiso"))
    attach_spell_check(text)
    text.setMaximumHeight(110)
    owner = QComboBox(dialog)
    owner.setEditable(True)
    owner.setAccessibleName(_("Responsable del compromiso"))
    for attendee in editor.detail.attendees:
        owner.addItem(attendee.name)
    due = DateField(dialog, None, _("Fecha límite"))
    item = _item_combo(dialog, editor.detail, _("Punto del orden del día del compromiso"))
    dialog.row(
        "text",
        _("Compromiso"),
        text,
        lambda: _required(text.toPlainText(), _("Compromiso")),
        text.setPlainText,
    )
    dialog.row(
        "owner_name",
        _("Responsable"),
        owner,
        lambda: _required(owner.currentText(), _("Responsable")),
        owner.setEditText,
    )
    dialog.row("due_date", _("Plazo"), due, lambda: _date_or_error(due), due.set_date)
    dialog.row(
        "agenda_item_id",
        _("Punto"),
        item,
        item.currentData,
        lambda v: choose_data(item, v),
        lambda v: item.itemText(max(item.findData(v), 0)),
    )
    dialog.binding.load(
        {
            "text": commitment.text,
            "owner_name": commitment.owner,
            "due_date": commitment.due_date,
            "agenda_item_id": commitment.agenda_item_id,
        },
        commitment.version,
    )
    dialog.resize(600, dialog.sizeHint().height())
    dialog.open()
    return dialog


def _date_or_error(field: DateField) -> Any:
    problem = field.error()
    if problem:
        raise ValueError(problem)
    return field.date()


# -- session guests ----------------------------------------------------------------------------
def edit_guest(editor: SessionEditor, guest: GuestInfo | None) -> EditDialog:
    """A session guest: a new one (``guest`` None) or a correction."""
    from mipg_desktop.committees.attendance import add_guest, update_guest

    db, sid = editor.db, editor.session_id

    def update(values: dict[str, Any], version: Any, base: dict[str, Any] | None) -> Any:
        if guest is None or guest.guest_id is None:
            return add_guest(db, sid, **values)
        return update_guest(db, guest.guest_id, expected_version=version, base=base, **values)

    dialog = EditDialog(
        editor,
        _("Invitado de la sesión") if guest is None else _("Corregir invitado"),
        "session_guests",
        update,
        lambda ref: (ref.version, {}),
    )
    dialog.setObjectName("guestDialog")
    name, position = _line(dialog, _("Nombre del invitado")), _line(dialog, _("Cargo"))
    organization = _line(dialog, _("Entidad u organización"))
    remote = QCheckBox(_("Asiste de forma virtual"), dialog)
    dialog.row("name", _("Nombre"), name, lambda: _required(name.text(), _("Nombre")), name.setText)
    dialog.row("position", _("Cargo"), position, lambda: position.text().strip(), position.setText)
    dialog.row(
        "organization",
        _("Entidad"),
        organization,
        lambda: organization.text().strip(),
        organization.setText,
    )
    dialog.row("remote", _("Virtual"), remote, remote.isChecked, remote.setChecked)
    empty = {"name": "", "position": "", "organization": "", "remote": False}
    if guest is None:
        dialog.binding.load(empty, None)
    else:
        dialog.binding.load(
            {
                "name": guest.name,
                "position": guest.position,
                "organization": guest.organization,
                "remote": guest.remote,
            },
            guest.version,
        )
    hint = QLabel(_("Los invitados tienen voz, no voto, y no cuentan para el quórum."), dialog)
    hint.setWordWrap(True)
    dialog.form.addRow(hint)
    dialog.resize(520, dialog.sizeHint().height())
    dialog.open()
    return dialog
