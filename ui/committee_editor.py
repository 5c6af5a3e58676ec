"""A committee: its reglamento at a glance, its members, and the button to schedule a session."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.committees.views import (
    CommitteeDetail,
    MemberInfo,
    RulesInfo,
    get_committee,
    list_members,
)
from mipg_desktop.i18n import _
from ui.formats import short_date
from ui.models.table import Column, RowTableModel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MAJORITIES = (
    ("simple", "Mayoría simple de los presentes"),
    ("absolute_present", "Mayoría absoluta de los presentes"),
    ("absolute_members", "Mayoría absoluta de los integrantes"),
    ("qualified", "Mayoría calificada"),
)
TIE_BREAKS = (("president", "Decide la presidencia"), ("none", "Sin desempate"))

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
        self.end_member_button = QPushButton(_("&Retirar integrante seleccionado…"), self)
        self.end_member_button.clicked.connect(lambda: self.end_member())
        self.new_session_button = QPushButton(_("&Programar sesión… (Ctrl+N)"), self)
        self.new_session_button.setObjectName("newSessionButton")
        self.new_session_button.clicked.connect(self.new_session)
        shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        shortcut.activated.connect(self.new_session)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.end_member_button)
        buttons.addWidget(self.new_session_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.rules)
        layout.addLayout(buttons)
        layout.addWidget(self._rules_box())
        layout.addWidget(QLabel(_("Integrantes vigentes:"), self))
        layout.addWidget(self.table, 1)
        self.rules_version: int | None = None

    def _rules_box(self) -> QGroupBox:
        box = QGroupBox(_("Reglamento"), self)
        self.notice_ordinary = self._days(_("Días hábiles de citación (ordinaria)"))
        self.notice_extraordinary = self._days(_("Días hábiles de citación (extraordinaria)"))
        self.periodicity = self._days(_("Periodicidad en meses"))
        self.majority = QComboBox(box)
        self.majority.setAccessibleName(_("Mayoría para decidir"))
        for code, label in MAJORITIES:
            self.majority.addItem(_(label), code)
        self.tie_breaker = QComboBox(box)
        self.tie_breaker.setAccessibleName(_("Desempate"))
        for code, label in TIE_BREAKS:
            self.tie_breaker.addItem(_(label), code)
        self.delegates_count = QCheckBox(_("Los delegados cuentan para el quórum"), box)
        self.save_rules_button = QPushButton(_("Guardar &reglamento"), box)
        self.save_rules_button.setObjectName("saveRulesButton")
        self.save_rules_button.clicked.connect(self.save_rules)
        form = QFormLayout(box)
        row = QHBoxLayout()
        for label, widget in (
            (_("Citación ordinaria:"), self.notice_ordinary),
            (_("extraordinaria:"), self.notice_extraordinary),
            (_("Sesiona cada (meses):"), self.periodicity),
        ):
            row.addWidget(QLabel(label, box))
            row.addWidget(widget)
        row.addStretch(1)
        form.addRow(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.majority)
        row2.addWidget(self.tie_breaker)
        row2.addWidget(self.delegates_count)
        row2.addStretch(1)
        row2.addWidget(self.save_rules_button)
        form.addRow(row2)
        return box

    def _days(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, 365)
        spin.setAccessibleName(name)
        return spin

    def _show_rules(self, rules: RulesInfo | None) -> None:
        if rules is None:
            return
        self.rules_version = rules.version
        self.notice_ordinary.setValue(rules.notice_days_ordinary)
        self.notice_extraordinary.setValue(rules.notice_days_extraordinary)
        self.periodicity.setValue(rules.periodicity_months)
        self.majority.setCurrentIndex(max(self.majority.findData(rules.majority_kind), 0))
        self.tie_breaker.setCurrentIndex(max(self.tie_breaker.findData(rules.tie_breaker), 0))
        self.delegates_count.setChecked(rules.delegates_count)

    def save_rules(self) -> None:
        """One call: the reglamento fields shown here (checked against concurrent edits)."""
        from mipg_desktop.committees.committees import save_rules

        values = {
            "notice_days_ordinary": self.notice_ordinary.value(),
            "notice_days_extraordinary": self.notice_extraordinary.value(),
            "periodicity_months": self.periodicity.value(),
            "majority_kind": self.majority.currentData(),
            "tie_breaker": self.tie_breaker.currentData(),
            "delegates_count": self.delegates_count.isChecked(),
        }
        db, cid, version = self.window_.db, self.committee_id, self.rules_version
        self.window_.runner.run(
            lambda: save_rules(db, cid, expected_version=version, **values),
            lambda _r: self._rules_saved(),
        )

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
        self._show_rules(detail.rules)
        self.members.set_rows(members)

    def _rules_saved(self) -> None:
        self.window_.statusBar().showMessage(_("Reglamento guardado"), 5000)
        self.load()

    def add_member(self) -> None:
        from ui.committee_dialogs import add_member

        add_member(self.window_, self.committee_id, self.load)

    def end_member(self, end_date: date | None = None) -> None:
        """End the selected membership: old actas keep showing who sat then."""
        from mipg_desktop.committees.people import end_membership

        index = self.table.currentIndex()
        if not index.isValid():
            self.window_.show_user_error(_("Seleccione un integrante."))
            return
        member = self.members.row(index)
        if end_date is None:
            from PySide6.QtWidgets import QInputDialog

            text, ok = QInputDialog.getText(
                self,
                _("Retirar integrante"),
                _("Fecha de retiro de {name} (dd/mm/aaaa):").format(name=member.name),
                text=date.today().strftime("%d/%m/%Y"),
            )
            if not ok:
                return
            try:
                end_date = datetime.strptime(text.strip(), "%d/%m/%Y").date()
            except ValueError:
                self.window_.show_user_error(_("Fecha no válida: {v}.").format(v=text))
                return
        db, mid, day = self.window_.db, member.membership_id, end_date
        self.window_.runner.run(lambda: end_membership(db, mid, day), lambda _r: self.load())

    def new_session(self) -> None:
        from ui.committee_dialogs import new_session

        new_session(self.window_, self.committee_id)
