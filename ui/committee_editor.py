"""A committee: its reglamento at a glance, its members, and the button to schedule a session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.views import CommitteeDetail, MemberInfo, get_committee, list_members
from mipg_desktop.i18n import _
from ui.formats import short_date
from ui.models.table import Column, RowTableModel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MEMBER_COLUMNS = [
    Column[MemberInfo](_("Nombre"), lambda m: m.name),
    Column[MemberInfo](_("Rol"), lambda m: m.role_label),
    Column[MemberInfo](_("Cargo"), lambda m: m.position),
    Column[MemberInfo](_("Voto"), lambda m: _("Sí") if m.has_vote else _("No")),
    Column[MemberInfo](_("Desde"), lambda m: short_date(m.start_date)),
]


class CommitteeEditor(QWidget):
    def __init__(self, window: MainWindow, committee_id: int) -> None:
        super().__init__(window)
        self.window_ = window
        self.committee_id = committee_id
        self.setObjectName("committeeEditor")
        self.setAccessibleName(_("Comité"))
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.rules = QLabel(self)
        self.rules.setWordWrap(True)
        self.members = RowTableModel(MEMBER_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setObjectName("membersTable")
        self.table.setAccessibleName(_("Integrantes del comité"))
        self.table.setModel(self.members)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_member_button = QPushButton(_("&Agregar integrante…"), self)
        self.add_member_button.clicked.connect(self.add_member)
        self.new_session_button = QPushButton(_("&Programar sesión… (Ctrl+N)"), self)
        self.new_session_button.setObjectName("newSessionButton")
        self.new_session_button.clicked.connect(self.new_session)
        shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        shortcut.activated.connect(self.new_session)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.new_session_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.rules)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(_("Integrantes vigentes:"), self))
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        db, cid = self.window_.db, self.committee_id
        self.window_.runner.run(lambda: (get_committee(db, cid), list_members(db, cid)), self._show)

    def _show(self, data: tuple[CommitteeDetail, list[MemberInfo]]) -> None:
        detail, members = data
        summary = detail.summary
        self.title.setText(
            _("{name} ({short})").format(name=summary.name, short=summary.short_name)
            if summary.short_name
            else summary.name
        )
        text = [summary.kind_label]
        if summary.creation_act:
            text.append(_("Creado por {act}").format(act=summary.creation_act))
        rules = detail.rules
        if rules is not None:
            text.append(
                _(
                    "Convocatoria con {o} días hábiles (ordinaria) y {e} (extraordinaria); "
                    "sesiona cada {m} meses."
                ).format(
                    o=rules.notice_days_ordinary,
                    e=rules.notice_days_extraordinary,
                    m=rules.periodicity_months,
                )
            )
        text.append(_("{n} sesiones registradas.").format(n=summary.session_count))
        self.rules.setText(" · ".join(text))
        self.members.set_rows(members)

    def add_member(self) -> None:
        from ui.committee_dialogs import add_member

        add_member(self.window_, self.committee_id, self.load)

    def new_session(self) -> None:
        from ui.committee_dialogs import new_session

        new_session(self.window_, self.committee_id)
