"""The attendance grid with a live quorum indicator: each change is one core call."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from functools import partial
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTime
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees import labels
from mipg_desktop.committees.views import (
    AttendeeInfo,
    GuestInfo,
    MemberInfo,
    QuorumInfo,
    SessionDetail,
)
from mipg_desktop.i18n import _
from mipg_desktop.models.sessions import ATTENDING_STATUSES as ATTENDING
from ui.fields import tab_in_order
from ui.models.table import Column, RowTableModel

if TYPE_CHECKING:
    from ui.session_editor import SessionEditor

STATUSES = ("", "present", "absent", "excused", "delegated")

ATTENDEE_COLUMNS = [
    Column[AttendeeInfo](_("Integrante"), lambda a: a.name),
    Column[AttendeeInfo](_("Rol"), lambda a: a.role_label),
    Column[AttendeeInfo](_("Cargo"), lambda a: a.position),
    Column[AttendeeInfo](_("Asistencia"), lambda a: a.status_label),
    Column[AttendeeInfo](
        _("En representación"),
        lambda a: a.delegate_name if a.status == "delegated" else "",
    ),
    Column[AttendeeInfo](_("Virtual"), lambda a: ""),
    Column[AttendeeInfo](_("Hora de llegada"), lambda a: ""),
]
STATUS_COLUMN, REMOTE_COLUMN, ARRIVAL_COLUMN = 3, 5, 6
NO_TIME = QTime(0, 0)  # shown as «—»: arrival not recorded


def quorum_style(quorum: QuorumInfo) -> str:
    color = "#1e7b34" if quorum.can_decide else "#a05a00" if quorum.can_deliberate else "#b3261e"
    return f"QLabel {{ color: white; background: {color}; padding: 6px; border-radius: 4px; }}"


class AttendancePanel(QWidget):
    def __init__(self, editor: SessionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("attendancePanel")
        self.quorum = QLabel(self)
        self.quorum.setObjectName("quorumIndicator")
        self.quorum.setAccessibleName(_("Indicador de quórum"))
        self.quorum.setWordWrap(True)
        self.model = RowTableModel(ATTENDEE_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("attendanceTable")
        self.table.setAccessibleName(_("Asistencia de los integrantes"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        # Tab leaves a field in the grid (which saves it) instead of moving between cells
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.all_present = QPushButton(_("Marcar a &todos presentes"), self)
        self.all_present.clicked.connect(self.mark_all_present)
        self.verify = QPushButton(_("&Verificar quórum (dejar constancia)"), self)
        self.verify.clicked.connect(self.verify_quorum)
        self.guest_button = QPushButton(_("Agre&gar invitado…"), self)
        self.guest_button.setObjectName("addGuest")
        self.guest_button.clicked.connect(lambda: self.add_guest())
        self.guest_model = RowTableModel(GUEST_COLUMNS, self)
        self.guests = QTableView(self)
        self.guests.setTabKeyNavigation(False)
        self.guests.setObjectName("sessionGuests")
        self.guests.setAccessibleName(_("Invitados de la sesión"))
        self.guests.setModel(self.guest_model)
        self.guests.verticalHeader().setVisible(False)
        self.guests.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.guests.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.guests.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.guests.setMaximumHeight(110)
        self.guests.doubleClicked.connect(lambda _i: self.edit_guest())
        self.edit_guest_button = QPushButton(_("Corregir invitado…"), self)
        self.edit_guest_button.setObjectName("editGuest")
        self.edit_guest_button.clicked.connect(lambda: self.edit_guest())
        self.remove_guest_button = QPushButton(_("Quitar invitado…"), self)
        self.remove_guest_button.setObjectName("removeGuest")
        self.remove_guest_button.clicked.connect(lambda: self.remove_guest())
        self.hint = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_present)
        buttons.addWidget(self.verify)
        buttons.addStretch(1)
        guest_buttons = QHBoxLayout()
        guest_buttons.addWidget(QLabel(_("Invitados de la sesión, con voz y sin voto:"), self))
        guest_buttons.addStretch(1)
        for button in (self.guest_button, self.edit_guest_button, self.remove_guest_button):
            guest_buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(guest_buttons)
        layout.addWidget(self.guests)
        self.combos: list[QComboBox] = []
        self.remote_boxes: list[QCheckBox] = []
        self.arrivals: list[ArrivalEdit] = []
        self._arrival_rows: list[int] = []
        self.latest: dict[int, AttendeeInfo] = {}
        self.remembered: dict[int, tuple[bool, time | None]] = {}
        self.start_time: time | None = None
        self.in_flight: set[int] = set()
        self.queued: dict[int, AttendeeInfo] = {}

    def set_members(self, members: list[MemberInfo]) -> None:
        self.members = members

    def rows_for(self, detail: SessionDetail) -> list[AttendeeInfo]:
        """Members with their attendance, then permanent guests (voice, no vote)."""
        rows = list(detail.attendees)
        status = {g.name: g.status for g in detail.guests if g.permanent}
        marks = {g.name: g.version for g in detail.guests if g.permanent}
        for member in getattr(self, "members", []):
            if member.role == "permanent_guest":
                code = status.get(member.name, "")
                rows.append(
                    AttendeeInfo(
                        membership_id=member.membership_id,
                        name=member.name,
                        role=member.role,
                        role_label=member.role_label,
                        position=member.position,
                        has_vote=False,
                        status=code,
                        status_label=labels.attendance_label(code),
                        delegate_name="",
                        delegate_position="",
                        remote=False,
                        arrival_time=None,
                        version=marks.get(member.name, 0),
                    )
                )
        return rows

    def show_detail(self, detail: SessionDetail) -> None:
        rows = self.rows_for(detail)
        self.model.set_rows(rows)
        text = detail.quorum.text
        if detail.quorum_now is not None:
            text += "\n" + _(
                "La asistencia cambió después de verificar el quórum (ahora: {now}). "
                "Pulse «Verificar quórum» para registrarlo de nuevo; el acta dice el registrado."
            ).format(now=detail.quorum_now.text)
        self.quorum.setText(text)
        self.quorum.setStyleSheet(quorum_style(detail.quorum_now or detail.quorum))
        editable = detail.can_record_attendance
        self.hint.setText(
            ""
            if editable
            else _("La asistencia se registra una vez convocada la sesión.")
            if not detail.is_frozen
            else _("Acta aprobada: la asistencia no se puede cambiar.")
        )
        self.hint.setVisible(not editable)
        self.all_present.setEnabled(editable)
        self.verify.setEnabled(editable)
        invited = [g for g in detail.guests if not g.permanent]
        self.guest_model.set_rows(invited)
        self.guests.setVisible(bool(invited))  # no empty table taking the members' room
        for button in (self.guest_button, self.edit_guest_button, self.remove_guest_button):
            button.setEnabled(detail.can_edit_guests)
        self.combos, self.remote_boxes, self.arrivals = [], [], []
        self._arrival_rows = []
        self.start_time = detail.start_time
        self.latest = {
            a.membership_id: a
            for a in rows
            if a.membership_id not in self.in_flight and a.membership_id not in self.queued
        } | {m: self.latest[m] for m in (*self.in_flight, *self.queued) if m in self.latest}
        for a in rows:
            if a.status in ATTENDING:
                self.remembered[a.membership_id] = (a.remote, a.arrival_time)
        members = {m.membership_id for m in detail.attendees}
        for row, attendee in enumerate(rows):
            box = QComboBox(self.table)
            box.setAccessibleName(_("Asistencia de {name}").format(name=attendee.name))
            for status in STATUSES:
                box.addItem(labels.attendance_label(status), status)
            box.setCurrentIndex(max(box.findData(attendee.status), 0))
            box.setEnabled(editable)
            box.activated.connect(
                lambda _i, a=attendee, b=box: self.set_status(a, str(b.currentData()))
            )
            self.table.setIndexWidget(self.model.index(row, STATUS_COLUMN), box)
            self.combos.append(box)
            if attendee.membership_id in members:  # after the status: Tab goes along the row
                self._attendance_widgets(row, attendee, editable)
        self._tab_along_rows()

    def _tab_along_rows(self) -> None:
        """Tab reads the table row by row (status, virtual, arrival), then the buttons."""
        in_rows: list[QWidget] = []
        for row in range(self.model.rowCount()):
            for column in (STATUS_COLUMN, REMOTE_COLUMN, ARRIVAL_COLUMN):
                widget = self.table.indexWidget(self.model.index(row, column))
                if widget is not None:
                    in_rows.append(widget)
        chain = [self.table, *in_rows, self.all_present, self.verify, self.guest_button]
        chain += [self.guests, self.edit_guest_button, self.remove_guest_button]
        tab_in_order(chain)

    def _attendance_widgets(self, row: int, attendee: AttendeeInfo, editable: bool) -> None:
        """«Virtual» and the arrival time, for a member marked present or delegated."""
        attending = editable and attendee.status in ATTENDING
        mid = attendee.membership_id
        remote = QCheckBox(self.table)
        remote.setAccessibleName(_("{name} asiste de forma virtual").format(name=attendee.name))
        remote.setChecked(attendee.remote)
        remote.setEnabled(attending)
        remote.toggled.connect(lambda on, m=mid: self.save_mark(m, remote=on))
        arrival = ArrivalEdit(self.table, self.start_time)
        arrival.setAccessibleName(_("Hora de llegada de {name}").format(name=attendee.name))
        arrival.show_arrival(attendee.arrival_time)
        arrival.setEnabled(attending)
        arrival.editingFinished.connect(partial(self._arrival_edited, mid, arrival))
        self.table.setIndexWidget(self.model.index(row, REMOTE_COLUMN), remote)
        self.table.setIndexWidget(self.model.index(row, ARRIVAL_COLUMN), arrival)
        self.remote_boxes.append(remote)
        self.arrivals.append(arrival)
        self._arrival_rows.append(mid)

    def _arrival_edited(self, membership_id: int, field: ArrivalEdit) -> None:
        if field.edited():
            self.save_mark(membership_id, arrival=field.arrival())

    # -- what is typed and not saved -----------------------------------------------------------
    def commit(self) -> bool:
        """An arrival time still being typed is saved now (leaving, closing)."""
        for field, attendee in zip(self.arrivals, self._arrival_rows, strict=False):
            if field.hasFocus():
                self._arrival_edited(attendee, field)
        if self.in_flight:
            self.editor.window_.runner.drain()
        return True

    def pending(self) -> list[str]:
        return []

    def revert(self) -> None:
        pass

    # -- actions: one core call each -------------------------------------------------------
    def set_status(self, attendee: AttendeeInfo, status: str) -> None:
        if not status:
            return
        mark = self.latest.get(attendee.membership_id, attendee)
        delegate = mark.delegate_name
        position = mark.delegate_position
        if status == "delegated":
            asked = ask_delegate(self, mark)
            if asked is None:
                self.editor.reload()
                return
            delegate, position = asked
        self.save_mark(
            attendee.membership_id, status=status, delegate=delegate.strip(), position=position
        )

    def save_mark(
        self,
        membership_id: int,
        *,
        status: str | None = None,
        delegate: str | None = None,
        position: str | None = None,
        remote: bool | None = None,
        arrival: time | EllipsisType | None = ...,
    ) -> None:
        """One call with the whole mark: what changed, the rest as last saved from this grid
        (not as last drawn: a second quick edit must not undo the first)."""

        old = self.latest.get(membership_id)
        if old is None or not (status or old.status):
            return
        new = replace(old, status=status or old.status)
        if delegate is not None and delegate != old.delegate_name:
            new = replace(new, delegate_name=delegate, delegate_position="")
        if position is not None:
            new = replace(new, delegate_position=position)
        if new.status in ATTENDING and old.status not in ATTENDING:
            was_remote, was_at = self.remembered.get(membership_id, (False, None))
            new = replace(new, remote=was_remote, arrival_time=was_at)  # a mis-click undone
        if remote is not None:
            new = replace(new, remote=remote)
        if not isinstance(arrival, EllipsisType):
            new = replace(new, arrival_time=arrival)
        if new.status not in ATTENDING:
            new = replace(new, remote=False, arrival_time=None)
        if new == old:
            return
        self.latest[membership_id] = new
        if new.status in ATTENDING:
            self.remembered[membership_id] = (new.remote, new.arrival_time)
        if membership_id in self.in_flight:  # one write per row at a time, with its version
            self.queued[membership_id] = new
            return
        self._send(membership_id, new)

    def _send(self, membership_id: int, new: AttendeeInfo) -> None:
        from mipg_desktop.committees.attendance import set_attendance

        db, sid = self.editor.db, self.editor.session_id
        version = new.version or None
        self.in_flight.add(membership_id)

        def done(ref: Any) -> None:
            self.in_flight.discard(membership_id)
            following = self.queued.pop(membership_id, None)
            self.latest[membership_id] = replace(self.latest[membership_id], version=ref.version)
            if following is not None:
                self._send(membership_id, replace(following, version=ref.version))

        def refused(error: BaseException) -> None:
            self.in_flight.discard(membership_id)
            self.queued.pop(membership_id, None)
            self.editor.window_.ops.explain(error)

        self.editor.op(
            _("Asistencia de {name}: {status}").format(
                name=new.name, status=labels.attendance_label(new.status)
            ),
            lambda: set_attendance(
                db,
                sid,
                membership_id,
                new.status,
                delegate_name=new.delegate_name,
                delegate_position=new.delegate_position,
                remote=new.remote,
                arrival_time=new.arrival_time,
                expected_version=version,
            ),
            done,
            refused,
        )

    def mark_all_present(self) -> None:
        from mipg_desktop.committees.attendance import mark_present

        db, sid = self.editor.db, self.editor.session_id
        ids = [a.membership_id for a in self.model.rows if not a.status]
        if ids:
            self.editor.op(_("Marcar a todos presentes"), lambda: mark_present(db, sid, ids))

    def add_guest(self) -> None:
        """A guest for this session only: voice without vote, never counted for quorum."""
        from ui.edit_dialogs import edit_guest

        edit_guest(self.editor, None)

    def selected_guest(self) -> Any:
        index = self.guests.currentIndex()
        if not index.isValid():
            self.editor.window_.show_user_error(_("Seleccione un invitado de la lista."))
            return None
        return self.guest_model.row(index)

    def edit_guest(self) -> None:
        from ui.edit_dialogs import edit_guest

        guest = self.selected_guest()
        if guest is not None and self.edit_guest_button.isEnabled():
            edit_guest(self.editor, guest)

    def remove_guest(self, confirm: bool = True) -> None:
        from mipg_desktop.committees.attendance import remove_guest
        from ui.agenda_panel import confirm_removal

        guest = self.selected_guest()
        if guest is None or guest.guest_id is None or not self.remove_guest_button.isEnabled():
            return
        if confirm and not confirm_removal(
            self, _("¿Quitar a {name} de los invitados de la sesión?").format(name=guest.name)
        ):
            return
        db, gid, version = self.editor.db, guest.guest_id, guest.version
        self.editor.op(
            _("Quitar al invitado {name}").format(name=guest.name),
            lambda: remove_guest(db, gid, expected_version=version),
        )

    def verify_quorum(self) -> None:
        from mipg_desktop.committees.attendance import verify_quorum

        db, sid = self.editor.db, self.editor.session_id
        self.editor.op(
            _("Verificar el quórum"),
            lambda: verify_quorum(db, sid),
            lambda quorum: self.editor.window_.statusBar().showMessage(
                _("Quórum verificado y registrado: {text}").format(text=quorum.text), 8000
            ),
        )


GUEST_COLUMNS = [
    Column[GuestInfo](_("Invitado"), lambda g: g.name),
    Column[GuestInfo](_("Cargo"), lambda g: g.position),
    Column[GuestInfo](_("Entidad"), lambda g: g.organization),
    Column[GuestInfo](_("Virtual"), lambda g: _("Sí") if g.remote else ""),
]


def ask_delegate(parent: QWidget, mark: AttendeeInfo) -> tuple[str, str] | None:
    """Who attends on the member's behalf: name (required) and position."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit

    dialog = QDialog(parent)
    dialog.setObjectName("delegateDialog")
    dialog.setWindowTitle(_("En representación de {name}").format(name=mark.name))
    name = QLineEdit(mark.delegate_name, dialog)
    name.setAccessibleName(_("Nombre de quien asiste en representación"))
    position = QLineEdit(mark.delegate_position, dialog)
    position.setAccessibleName(_("Cargo de quien asiste en representación"))
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton(_("&Aceptar"), QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
    assert ok is not None and cancel is not None
    ok.setObjectName("acceptDelegate")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(_("Nombre:"), name)
    form.addRow(_("Cargo:"), position)
    form.addRow(buttons)
    if not dialog.exec() or not name.text().strip():
        return None
    return name.text().strip(), position.text().strip()


class ArrivalEdit(QTimeEdit):
    """An arrival time, «—» when not recorded. Entering an empty field starts from the
    session's start time, so typing or the arrows begin from a sensible hour; leaving it
    unchanged records nothing."""

    def __init__(self, parent: QWidget, start: time | None) -> None:
        super().__init__(parent)
        self.start = start or time(8, 0)
        self.setDisplayFormat("h:mm ap")
        self.setMinimumTime(NO_TIME)
        self.setSpecialValueText("—")
        self._at_focus: QTime | None = None
        self._was_empty = False

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field (arrows move between hour and minutes), as in the form."""
        return QWidget.focusNextPrevChild(self, next)

    def show_arrival(self, value: time | None) -> None:
        self.setTime(NO_TIME if value is None else QTime(value.hour, value.minute))

    def arrival(self) -> time | None:
        value = self.time()
        return None if value == NO_TIME else time(value.hour(), value.minute())

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._was_empty = self.time() == NO_TIME
        if self._was_empty:
            self.setTime(QTime(self.start.hour, self.start.minute))
        self._at_focus = self.time()
        super().focusInEvent(event)

    def edited(self) -> bool:
        """False when the user only passed through an empty field (it shows «—» again)."""
        if self._was_empty and self.time() == self._at_focus:
            self.setTime(NO_TIME)
            return False
        return True
