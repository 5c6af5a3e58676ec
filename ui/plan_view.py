"""Plans: the activities of a plan with quarterly follow-up, the year's roll-up, Excel in/out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _
from mipg_desktop.planning.plans import ActivityInfo, PlanDetail, get_plan
from mipg_desktop.planning.rollup import RollupLine, YearRollup, rollup_year
from ui import file_dialogs
from ui.formats import number, percent, short_date
from ui.models.table import Column, RowTableModel
from ui.progress_bars import ProgressBars

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _quarter(number: int) -> Column[ActivityInfo]:
    def text(a: ActivityInfo) -> str:
        q = a.quarter(number)
        return percent(q.progress) if q is not None and q.progress is not None else ""

    return Column[ActivityInfo](_("T{n}").format(n=number), text)


ACTIVITY_COLUMNS = [
    Column[ActivityInfo](_("Código"), lambda a: a.code),
    Column[ActivityInfo](_("Actividad"), lambda a: a.description, tooltip=lambda a: a.description),
    Column[ActivityInfo](_("Dependencia"), lambda a: a.owner_unit),
    Column[ActivityInfo](_("Responsable"), lambda a: a.owner_person),
    Column[ActivityInfo](_("Meta"), lambda a: number(a.target_value)),
    Column[ActivityInfo](_("Unidad"), lambda a: a.unit, tooltip=lambda a: a.unit),
    Column[ActivityInfo](_("Peso"), lambda a: percent(a.weight) if a.weight is not None else ""),
    Column[ActivityInfo](_("Inicio"), lambda a: short_date(a.start_date)),
    Column[ActivityInfo](_("Fin"), lambda a: short_date(a.end_date)),
    *[_quarter(n) for n in (1, 2, 3, 4)],
    Column[ActivityInfo](
        _("Avance"), lambda a: percent(a.progress) if a.progress is not None else ""
    ),
    Column[ActivityInfo](
        _("Planes del Decreto 612"),
        lambda a: ", ".join(a.plan_type_short_names),
        tooltip=lambda a: "\n".join(a.plan_type_names),
    ),
    Column[ActivityInfo](_("Políticas"), lambda a: ", ".join(a.policy_names)),
]


DECREE_612_COLUMN = len(ACTIVITY_COLUMNS) - 2


def _title(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class PlanEditor(QWidget):
    def __init__(self, window: MainWindow, plan_id: int) -> None:
        super().__init__(window)
        self.window_, self.plan_id = window, plan_id
        self.setObjectName("planEditor")
        self.setAccessibleName(_("Plan de acción"))
        self.title = _title(self, "")
        self.info = QLabel(self)
        self.model = RowTableModel(ACTIVITY_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("activitiesTable")
        self.table.setAccessibleName(_("Actividades del plan"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the activity keeps a readable width; on a small screen the table scrolls instead
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 320)
        header.setSectionResizeMode(len(ACTIVITY_COLUMNS) - 1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(len(ACTIVITY_COLUMNS) - 1, 160)
        self.quarter = QComboBox(self)
        self.quarter.setAccessibleName(_("Trimestre del seguimiento"))
        for n in (1, 2, 3, 4):
            self.quarter.addItem(_("Trimestre {n}").format(n=n), n)
        self.progress = QDoubleSpinBox(self)
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.progress.setAccessibleName(_("Avance acumulado"))
        self.evidence = QLineEdit(self)
        self.evidence.setPlaceholderText(_("Evidencia…"))
        self.evidence.setAccessibleName(_("Evidencia del avance"))
        self.record_button = QPushButton(_("&Registrar avance"), self)
        self.record_button.setObjectName("recordProgress")
        self.record_button.clicked.connect(lambda: self.record())
        self.export_button = QPushButton(_("E&xportar a Excel…"), self)
        self.export_button.setObjectName("exportPlan")
        self.export_button.clicked.connect(lambda: self.export())
        follow = QHBoxLayout()
        for widget in (self.quarter, self.progress, self.evidence, self.record_button):
            follow.addWidget(widget)
        follow.addStretch(1)
        follow.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(follow)

    select_activity: int | None = None

    def load(self) -> None:
        db, pid = self.window_.db, self.plan_id
        self.window_.runner.run(lambda: get_plan(db, pid), self._show)

    def _show(self, plan: PlanDetail) -> None:
        self.title.setText(_("{name} · vigencia {year}").format(name=plan.name, year=plan.year))
        self.info.setText(
            _("{n} actividades · {type}").format(
                n=plan.activity_count, type=plan.plan_type_name or _("Plan de acción institucional")
            )
        )
        self.model.set_rows(plan.activities)
        # a MECI-only entity sees the Decreto 612 column only where its activities use it
        linked = any(a.plan_type_codes for a in plan.activities)
        hide = self.window_.reporting_scope == "meci" and not linked
        self.table.setColumnHidden(DECREE_612_COLUMN, hide)
        if self.select_activity is not None:
            for row, activity in enumerate(plan.activities):
                if activity.id == self.select_activity:
                    self.table.selectRow(row)
            self.select_activity = None

    def record(self) -> None:
        from mipg_desktop.planning.follow_up import record_progress

        index = self.table.currentIndex()
        if not index.isValid():
            self.window_.show_user_error(_("Seleccione una actividad."))
            return
        from mipg_desktop.scopes import activity_scope

        activity = self.model.row(index)
        db, quarter = self.window_.db, int(self.quarter.currentData())
        value, evidence = self.progress.value() / 100, self.evidence.text().strip()
        stored = activity.quarter(quarter)
        version = stored.version if stored is not None and stored.version else None
        values: dict[str, Any] = {"progress": value}
        if evidence:
            values["evidence"] = evidence  # an empty field keeps what was recorded

        def done(_r: Any) -> None:
            if self.evidence.text().strip() == evidence:
                self.evidence.clear()
            self.load()

        def refused(error: BaseException) -> None:
            self.window_.ops.explain(error)
            self.load()

        self.window_.ops.run(
            _("Avance del trimestre {q} de «{a}»").format(q=quarter, a=activity.description[:40]),
            activity_scope(activity.id),
            lambda: record_progress(db, activity.id, quarter, expected_version=version, **values),
            done,
            refused,
        )

    def export(self, target: Path | None = None) -> None:
        from mipg_desktop.planning.plan_export import export_plan

        if target is None:
            from ui.exports import in_documents

            path, _f = file_dialogs.get_save_file_name(
                self, _("Exportar plan"), in_documents(_("plan.xlsx")), _("Excel (*.xlsx)")
            )
            if not path:
                return
            target = Path(path)
        db, pid = self.window_.db, self.plan_id
        self.window_.runner.run_with_progress(
            _("Exportando el plan…"),
            lambda progress: export_plan(db, pid, target, progress),
            lambda out: self.window_.statusBar().showMessage(
                _("Plan exportado a {path}").format(path=out), 8000
            ),
        )


class RollupView(QWidget):
    """The year's weighted progress by dimension, policy, plan and owner, as bars."""

    def __init__(self, window: MainWindow, year: int) -> None:
        super().__init__(window)
        self.window_, self.year = window, year
        self.setObjectName("rollupView")
        self.setAccessibleName(_("Avance consolidado"))
        self.title = _title(self, _("Avance consolidado de la vigencia {year}").format(year=year))
        self.total = QLabel(self)
        self.total.setObjectName("rollupTotal")
        self.charts: dict[str, ProgressBars] = {}
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        for key, label in (
            ("by_dimension", _("Por dimensión")),
            ("by_policy", _("Por política")),
            ("by_plan", _("Por plan")),
        ):
            heading = QLabel(f"<b>{label}</b>", body)
            chart = ProgressBars(body)
            chart.setAccessibleName(label)
            body_layout.addWidget(heading)
            body_layout.addWidget(chart)
            self.charts[key] = chart
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.total)
        layout.addWidget(
            QLabel(_("La barra muestra el avance real; la marca oscura, el esperado a hoy."), self)
        )
        layout.addWidget(scroll, 1)

    def load(self) -> None:
        db, year = self.window_.db, self.year
        self.window_.runner.run(lambda: rollup_year(db, year), self._show)

    def _show(self, rollup: YearRollup) -> None:
        total: RollupLine = rollup.total
        self.total.setText(
            _(
                "Avance total {actual} frente a {expected} esperado al {date} ({n} actividades)"
            ).format(
                actual=percent(total.actual),
                expected=percent(total.expected),
                date=short_date(rollup.at),
                n=total.activities,
            )
        )
        for key, chart in self.charts.items():
            chart.set_lines(getattr(rollup, key))


def import_plan(window: MainWindow, path: Path | None = None) -> None:
    """Choose a plan file and open its mapping step (nothing is written before it)."""
    from ui.plan_mapping_dialog import ask_mapping

    if path is None:
        from mipg_desktop.planning.sheet_formats import OPEN_PATTERNS
        from ui.exports import in_documents

        chosen, _f = file_dialogs.get_open_file_name(
            window,
            _("Importar plan de acción"),
            in_documents(),
            _("Hojas de cálculo ({patterns})").format(patterns=OPEN_PATTERNS),
        )
        if not chosen:
            return
        path = Path(chosen)
    ask_mapping(window, path)
