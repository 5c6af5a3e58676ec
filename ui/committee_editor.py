"""A committee: its reglamento at a glance, its members, and the button to schedule a session."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
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
from ui.fields import choose_data, data_text, tab_in_order
from ui.form_binding import FormBinding
from ui.formats import short_date
from ui.models.table import Column, RowTableModel
from ui.quorum_fields import (
    bind_fraction,
    fraction_row,
    fraction_values,
    majority_fraction,
    quorum_fields,
)

if TYPE_CHECKING:
    from mipg_desktop.committees.types import CommitteeTypeInfo
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
        self.type_defaults = QLabel(self)  # who presides, the secretary... as its type says
        self.type_defaults.setObjectName("typeDefaults")
        self.type_defaults.setWordWrap(True)
        self.type_defaults.hide()
        from ui.modality_rules import ModalityRulesBox

        self.modality_rules = ModalityRulesBox(self, self._save_modalities)
        self.members = RowTableModel(MEMBER_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setObjectName("membersTable")
        self.table.setAccessibleName(_("Integrantes del comité"))
        self.table.setModel(self.members)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.edit_member())
        key = QShortcut(QKeySequence(Qt.Key.Key_F2), self.table)
        key.setContext(Qt.ShortcutContext.WidgetShortcut)
        key.activated.connect(self.edit_member)
        self.add_member_button = QPushButton(_("&Agregar integrante…"), self)
        self.add_member_button.setObjectName("addMember")
        self.add_member_button.clicked.connect(lambda: self.add_member())
        self.edit_member_button = QPushButton(_("&Corregir integrante… (F2)"), self)
        self.edit_member_button.setObjectName("editMember")
        self.edit_member_button.clicked.connect(lambda: self.edit_member())
        self.end_member_button = QPushButton(_("&Retirar integrante…"), self)
        self.end_member_button.setObjectName("endMember")
        self.end_member_button.setToolTip(
            _("Registra la fecha de retiro; las actas anteriores lo conservan")
        )
        self.end_member_button.clicked.connect(lambda: self.end_member())
        self.remove_member_button = QPushButton(_("&Quitar (registrado por error)…"), self)
        self.remove_member_button.setObjectName("removeMember")
        self.remove_member_button.clicked.connect(lambda: self.remove_member())
        self.new_session_button = QPushButton(_("&Programar sesión… (Ctrl+N)"), self)
        self.new_session_button.setObjectName("newSessionButton")
        self.new_session_button.clicked.connect(self.new_session)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)  # every platform
        shortcut.activated.connect(self.new_session)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_session_button)
        buttons.addStretch(1)
        member_buttons = QHBoxLayout()
        for button in (
            self.add_member_button,
            self.edit_member_button,
            self.end_member_button,
            self.remove_member_button,
        ):
            member_buttons.addWidget(button)
        member_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.rules)
        layout.addWidget(self.type_defaults)
        layout.addLayout(buttons)
        layout.addWidget(self._rules_box())
        layout.addWidget(self.modality_rules)
        layout.addWidget(QLabel(_("Integrantes vigentes:"), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(member_buttons)
        self._tab_down_the_page()
        window.guard(self)

    def _tab_down_the_page(self) -> None:
        """Tab goes as the page reads: the session button, the rules, the members table
        (Tab leaves it; arrows move inside), then the members' buttons."""
        self.table.setTabKeyNavigation(False)
        chain = [
            self.new_session_button,
            self.notice_ordinary,
            self.notice_extraordinary,
            self.periodicity,
            *self.deliberate.widgets(),
            *self.decide.widgets(),
            self.majority,
            *self.qualified.widgets(),
            self.tie_breaker,
            self.delegates_count,
            *self.modality_rules.focus_chain(),
            self.table,
            self.add_member_button,
            self.edit_member_button,
            self.end_member_button,
            self.remove_member_button,
        ]
        tab_in_order(chain)

    def _rules_box(self) -> QGroupBox:
        from mipg_desktop.scopes import committee_scope

        box = QGroupBox(_("Reglamento (cada dato se guarda al salir del campo)"), self)
        cid = self.committee_id
        self.binding = FormBinding(
            self.window_,
            _("Reglamento"),
            "committee_rules",
            lambda: committee_scope(cid),
            self._save_rules,
            lambda info: (info.version, {}),
            self,
        )
        self.binding.saved.connect(lambda _r: self._rules_saved())
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
        self.deliberate = quorum_fields(box, "deliberate_quorum", _("Quórum para deliberar"))
        self.decide = quorum_fields(box, "decide_quorum", _("Quórum para decidir"))
        self.qualified = majority_fraction(box)  # used by «Mayoría calificada» only
        self.majority.currentIndexChanged.connect(
            lambda _i: self.qualified.follow(str(self.majority.currentData()))
        )
        bind = self.binding.add
        errors = [
            bind(key, spin.accessibleName(), spin, spin.value, spin.setValue, spin.editingFinished)
            for key, spin in (
                ("notice_days_ordinary", self.notice_ordinary),
                ("notice_days_extraordinary", self.notice_extraordinary),
                ("periodicity_months", self.periodicity),
            )
        ]
        for key, combo_box in (("majority_kind", self.majority), ("tie_breaker", self.tie_breaker)):
            errors.append(
                bind(
                    key,
                    combo_box.accessibleName(),
                    combo_box,
                    combo_box.currentData,
                    partial(choose_data, combo_box),
                    combo_box.activated,
                    partial(data_text, combo_box),
                )
            )
        errors.append(
            bind(
                "delegates_count",
                self.delegates_count.text(),
                self.delegates_count,
                self.delegates_count.isChecked,
                self.delegates_count.setChecked,
                self.delegates_count.toggled,
            )
        )
        for fields in (self.deliberate, self.decide, self.qualified):
            errors += bind_fraction(self.binding, fields)
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
        form.addRow(fraction_row(box, _("Quórum para deliberar:"), self.deliberate))
        form.addRow(fraction_row(box, _("Quórum para decidir:"), self.decide))
        row2 = QHBoxLayout()
        row2.addWidget(self.majority)
        row2.addWidget(self.qualified.num)
        row2.addWidget(QLabel("/", box))
        row2.addWidget(self.qualified.den)
        row2.addWidget(self.tie_breaker)
        row2.addWidget(self.delegates_count)
        row2.addStretch(1)
        form.addRow(row2)
        for error in errors:
            form.addRow(error)
        return box

    def _days(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, 365)
        spin.setAccessibleName(name)
        return spin

    def _show_rules(self, rules: RulesInfo | None) -> None:
        if rules is None:
            return
        self.binding.load(
            {
                "notice_days_ordinary": rules.notice_days_ordinary,
                "notice_days_extraordinary": rules.notice_days_extraordinary,
                "periodicity_months": rules.periodicity_months,
                "majority_kind": rules.majority_kind,
                "tie_breaker": rules.tie_breaker,
                "delegates_count": rules.delegates_count,
                **fraction_values(rules, self.deliberate),
                **fraction_values(rules, self.decide),
                **fraction_values(rules, self.qualified),
            },
            rules.version,
        )
        self.deliberate.follow(rules.deliberate_quorum_kind)
        self.decide.follow(rules.decide_quorum_kind)
        self.qualified.follow(rules.majority_kind)

    def _save_rules(self, values: dict[str, Any], version: Any, base: dict[str, Any] | None) -> Any:
        """One call: the reglamento fields changed (checked against concurrent edits)."""
        from mipg_desktop.committees.committees import save_rules

        return save_rules(
            self.window_.db, self.committee_id, expected_version=version, base=base, **values
        )

    # -- what is typed and not saved -----------------------------------------------------------
    def commit(self) -> bool:
        return self.binding.commit()

    def pending(self) -> list[str]:
        return [_("Reglamento: {f}").format(f=f) for f in self.binding.pending()]

    def revert(self) -> None:
        self.binding.revert()

    def load(self) -> None:
        db, cid = self.window_.db, self.committee_id

        def fetch() -> tuple[CommitteeDetail, list[MemberInfo], CommitteeTypeInfo | None]:
            from mipg_desktop.committees.types import get_type
            from mipg_desktop.errors import NotFound

            detail = get_committee(db, cid)
            kind = None
            if detail.summary.type_code:
                try:
                    kind = get_type(db, detail.summary.type_code)
                except NotFound:
                    kind = None
            return detail, list_members(db, cid), kind

        self.window_.runner.run(fetch, self._show)

    def _show_type(self, kind: CommitteeTypeInfo | None) -> None:
        """What the committee's type says and the window does not edit (who presides, who
        is secretary, the permanent guests, what it approves); the sources in the tooltip."""
        from mipg_desktop.committees.types import defaults_summary

        if kind is None:
            self.type_defaults.hide()
            return
        text, sources = defaults_summary(kind)
        self.type_defaults.setText(text)
        self.type_defaults.setToolTip(sources)
        self.type_defaults.show()

    def _show(
        self, data: tuple[CommitteeDetail, list[MemberInfo], CommitteeTypeInfo | None]
    ) -> None:
        detail, members, kind = data
        self._show_type(kind)
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
            from mipg_desktop.committees.quorum import quorum_rules_text

            text.append(quorum_rules_text(rules).rstrip("."))
        text.append(_("{n} sesiones registradas.").format(n=summary.session_count))
        self.rules.setText(" · ".join(text))
        self._show_rules(detail.rules)
        self.modality_rules.show_rules(
            rules.modality_rules if rules else (), rules.version if rules else None
        )
        self.members.set_rows(members)

    def _save_modalities(self, rules: list[dict[str, str]], version: Any) -> None:
        from mipg_desktop.committees.modality import save_modality_rules
        from mipg_desktop.scopes import committee_scope

        db, cid = self.window_.db, self.committee_id
        self.window_.ops.run(
            _("Modalidades del reglamento"),
            committee_scope(cid),
            lambda: save_modality_rules(db, cid, rules, expected_version=version),
            lambda _r: self._rules_saved(),
        )

    def _rules_saved(self) -> None:
        self.window_.statusBar().showMessage(_("Reglamento guardado"), 5000)
        self.load()

    def add_member(self) -> None:
        from ui.committee_dialogs import add_member

        add_member(self.window_, self.committee_id, self.load)

    def selected_member(self) -> MemberInfo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.window_.show_user_error(_("Seleccione un integrante."))
            return None
        return self.members.row(index)

    def edit_member(self, ending: bool = False) -> None:
        """Correct the selected member (or, ``ending``, register their retirement)."""
        from ui.committee_dialogs import edit_member

        member = self.selected_member()
        if member is None:
            return
        dialog = edit_member(self.window_, self.committee_id, member, self.load)
        if ending:
            dialog.setWindowTitle(_("Retirar a {name}").format(name=member.name))
            if member.end_date is None:
                dialog.end.set_date(date.today())
            dialog.end.setFocus()

    def end_member(self) -> None:
        """The member leaves the committee: old actas keep showing who sat then."""
        self.edit_member(ending=True)

    def remove_member(self, confirm: bool = True) -> None:
        from mipg_desktop.committees.people import remove_membership
        from mipg_desktop.scopes import committee_scope
        from ui.agenda_panel import confirm_removal

        member = self.selected_member()
        if member is None:
            return
        if confirm and not confirm_removal(
            self,
            _("¿Quitar a {name} del comité como si nunca lo hubiera integrado?").format(
                name=member.name
            ),
            _("Solo para un registro hecho por error. Si dejó el comité, use «Retirar»."),
        ):
            return
        db, mid, version = self.window_.db, member.membership_id, member.version
        self.window_.ops.run(
            _("Quitar a {name}").format(name=member.name),
            committee_scope(self.committee_id),
            lambda: remove_membership(db, mid, expected_version=version),
            lambda _r: self.load(),
        )

    def new_session(self) -> None:
        from ui.committee_dialogs import new_session

        new_session(self.window_, self.committee_id)
