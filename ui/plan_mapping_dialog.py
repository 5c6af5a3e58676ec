"""The mapping step of a plan import: the sheet's first rows, a field chooser over each column,
and the rows that would be refused. Nothing is written until «Importar» is pressed; then the
import is one core call (:func:`~mipg_desktop.planning.plan_import.import_plan`) in one
transaction, which also saves the confirmed columns as a layout for the next file."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from mipg_desktop.planning.plan_proposal import MappingProposal
    from ui.main_window import MainWindow

CHOICE_ROW, CONFIDENCE_ROW, FIRST_DATA_ROW = 0, 1, 2
PERCENT_FIELDS = frozenset({"ponderacion", *(f"avance_t{n}" for n in (1, 2, 3, 4))})


def preview_text(value: object, field: str, shown: str) -> str:
    """A preview cell as the plan view shows it: dates dd/mm/aaaa, fractions as percentages
    in the weight and progress columns; anything else as the file has it (``shown``)."""
    from datetime import datetime

    from ui.formats import percent, short_date

    if isinstance(value, datetime):
        return short_date(value.date())
    if isinstance(value, date):
        return short_date(value)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if field in PERCENT_FIELDS and number and 0 <= float(value) <= 1:  # type: ignore[arg-type]
        return percent(float(value))  # type: ignore[arg-type]
    return shown


def _confidence_text(field: str, confidence: float, note: str) -> str:
    if not field:
        return _("ignorada")
    if confidence < 0.7:
        return _("dudosa ({c:.0%})").format(c=confidence)
    return _("{c:.0%}").format(c=confidence)


class PlanMappingDialog(QDialog):
    """Shows a :class:`MappingProposal`; ``choices()`` is what the user settled on."""

    def __init__(self, parent: QWidget, proposal: MappingProposal, review: Any) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.review = review  # callable(choices) -> None, re-checks in the background
        self.serial = 0  # the latest check asked for
        self.shown = 0  # the check on screen
        self.setObjectName("planMappingDialog")
        self.setWindowTitle(_("Importar plan: qué es cada columna"))
        self.setAccessibleName(self.windowTitle())
        self.year = QSpinBox(self)
        self.year.setObjectName("mappingYear")
        self.year.setAccessibleName(_("Vigencia del plan"))
        self.year.setRange(1990, 2100)
        self.year.setValue(proposal.year or date.today().year)
        self.year.valueChanged.connect(lambda _v: self._changed(None))
        self.name = QLineEdit(proposal.plan_name, self)
        self.name.setObjectName("mappingPlanName")
        self.name.setAccessibleName(_("Nombre del plan"))
        self.name.setMaxLength(300)
        self.name_timer = QTimer(self)
        self.name_timer.setSingleShot(True)
        self.name_timer.setInterval(400)
        self.name_timer.timeout.connect(lambda: self._changed(None))
        self.name.textEdited.connect(lambda _t: self._name_edited())
        self.summary = QLabel(self)
        self.summary.setObjectName("mappingSummary")
        self.summary.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("mappingWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setMinimumHeight(self.warnings.fontMetrics().lineSpacing() * 2)
        self.table = QTableWidget(self)
        self.table.setObjectName("mappingTable")
        self.table.setAccessibleName(_("Primeras filas de la hoja y campo de cada columna"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.combos: list[QComboBox] = []
        self.problems_title = QLabel(self)
        self.problems_title.setObjectName("mappingProblemsTitle")
        self.problems = QListWidget(self)
        self.problems.setObjectName("mappingProblems")
        self.problems.setAccessibleName(_("Filas que se rechazarían y por qué"))
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            _("&Importar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        assert self.import_button is not None
        self.import_button.setObjectName("importMappedPlan")
        cancel = buttons.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        assert cancel is not None
        cancel.setObjectName("cancelPlanMapping")
        self.cancel_button = cancel
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        top = QHBoxLayout()
        name_label = QLabel(_("&Nombre del plan:"), self)
        name_label.setBuddy(self.name)
        top.addWidget(name_label)
        top.addWidget(self.name, 1)
        year_label = QLabel(_("&Vigencia:"), self)
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        # the table and the problems share a splitter: the problems coming and going never
        # move the table (the list is always there, empty when there is nothing to say)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("mappingSplitter")
        self.splitter.setChildrenCollapsible(False)
        bottom = QWidget(self.splitter)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.problems_title)
        bottom_layout.addWidget(self.problems, 1)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(buttons)
        self._build_table()
        self.show_proposal(proposal)
        self._fit_screen(parent)
        if proposal.year is None:  # check the rows again with the year the chooser shows
            QTimer.singleShot(0, lambda: self._changed(None))

    def _fit_screen(self, parent: QWidget) -> None:
        screen = parent.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.resize(min(1100, int(area.width() * 0.95)), min(680, int(area.height() * 0.9)))

    def _build_table(self) -> None:
        proposal = self.proposal
        data = proposal.preview[1:]
        columns = proposal.columns
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(FIRST_DATA_ROW + len(data))
        self.table.setHorizontalHeaderLabels([f"{c.letter} · {c.header}" for c in columns])
        self.table.setVerticalHeaderLabels(
            [_("Campo"), _("Confianza"), *[str(n) for n, _cells in data]]
        )
        for column in columns:
            combo = QComboBox(self.table)
            combo.setAccessibleName(
                _("Campo de la columna {col} «{h}»").format(col=column.letter, h=column.header)
            )
            for key, label in proposal.options:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(column.field)))
            combo.currentIndexChanged.connect(lambda _i, c=column.index: self._changed(c))
            self.table.setCellWidget(CHOICE_ROW, column.index, combo)
            self.combos.append(combo)
        header = self.table.horizontalHeader()
        header.setDefaultSectionSize(170)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)

    def _fill_rows(self, proposal: MappingProposal) -> None:
        fields = {c.index: c.field for c in proposal.columns}
        raw = dict(proposal.rows[: len(proposal.preview)])
        for row, (number, cells) in enumerate(proposal.preview[1:], start=FIRST_DATA_ROW):
            values = raw.get(number, ())
            for index, shown in enumerate(cells[: len(proposal.columns)]):
                value = values[index] if index < len(values) else None
                text = preview_text(value, fields.get(index, ""), shown)
                item = self.table.item(row, index)
                if item is None:
                    self.table.setItem(row, index, QTableWidgetItem(text))
                elif item.text() != text:
                    item.setText(text)

    def choices(self) -> dict[int, str]:
        return {i: str(combo.currentData() or "") for i, combo in enumerate(self.combos)}

    def plan_name(self) -> str | None:
        """The name the user typed (``None``: the one taken from the file)."""
        return " ".join(self.name.text().split()) if self.name.isModified() else None

    def _name_edited(self) -> None:
        self.import_button.setEnabled(False)
        self.name_timer.start()

    def _changed(self, _index: int | None) -> None:
        """Check the rows again; a field chosen for two columns stays on both (a problem to
        resolve, shown in the list), never taken from the other column silently."""
        self.name_timer.stop()
        self.serial += 1
        self.import_button.setEnabled(False)
        self.problems_title.setText(_("Revisando las filas con las columnas elegidas…"))
        self.review(self.serial, self.choices(), self.year.value(), self.plan_name())

    def reviewed(self, serial: int, proposal: MappingProposal) -> None:
        from shiboken6 import isValid

        if isValid(self) and self.isVisible() and serial == self.serial:
            self.shown = serial
            self.show_proposal(proposal)

    def show_proposal(self, proposal: MappingProposal) -> None:
        self.proposal = proposal
        year = proposal.year or _("sin vigencia")
        summary = _("{file} · hoja «{sheet}», encabezados en la fila {row} · {year}").format(
            file=proposal.file.name, sheet=proposal.sheet, row=proposal.header_row, year=year
        )
        if not self.name.isModified() and not self.name_timer.isActive():
            self.name.setText(proposal.plan_name)
        if proposal.layout:
            summary += " · " + _("formato guardado «{name}» aplicado").format(name=proposal.layout)
        self.summary.setText(summary)
        doubts = proposal.doubtful_columns
        notes = [*proposal.warnings]
        if doubts:
            notes.insert(0, _("Revise las columnas dudosas antes de importar."))
        dropped = proposal.dropped_line()
        if dropped:
            notes.insert(0, dropped)
        self.warnings.setText("\n".join(notes))
        used = Counter(c.field for c in proposal.columns if c.field)
        for column in proposal.columns:
            twice = used[column.field] > 1 if column.field else False
            text = _confidence_text(column.field, column.confidence, column.note)
            if twice:
                text = _("repetida: elija una")
            item = QTableWidgetItem(text)
            item.setToolTip(column.note or text)
            if column.doubtful or twice:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(CONFIDENCE_ROW, column.index, item)
        self._fill_rows(proposal)
        self.problems.clear()
        self.problems.addItems([*proposal.problems, *doubts])
        count = len(proposal.problems)
        if count:
            self.problems_title.setText(
                ngettext(
                    "{n} problema: corríjalo en el archivo o elija otra columna.",
                    "{n} problemas: corríjalos en el archivo o elija otras columnas.",
                    count,
                ).format(n=count)
            )
        elif doubts:
            self.problems_title.setText(
                ngettext(
                    "Ninguna fila se rechaza ({n} actividad), pero revise las columnas dudosas:",
                    "Ninguna fila se rechaza ({n} actividades), pero revise las columnas dudosas:",
                    proposal.activity_count,
                ).format(n=proposal.activity_count)
            )
        else:
            self.problems_title.setText(
                ngettext(
                    "Sin problemas: se importará {n} actividad.",
                    "Sin problemas: se importarán {n} actividades.",
                    proposal.activity_count,
                ).format(n=proposal.activity_count)
            )
        self.import_button.setEnabled(not count and "actividad" in proposal.fields)


def ask_mapping(window: MainWindow, path: Path) -> None:
    """Propose the mapping of ``path`` in the background, then show the mapping step."""
    from mipg_desktop.planning.plan_proposal import propose_mapping

    db = window.db
    window.runner.run(lambda: propose_mapping(db, path), lambda p: _show(window, p))


def _show(window: MainWindow, proposal: MappingProposal) -> None:
    from mipg_desktop.planning.plan_proposal import review_mapping

    db = window.db
    dialog: PlanMappingDialog

    def review(serial: int, choices: dict[int, str], year: int, name: str | None) -> None:
        base = dialog.proposal
        window.runner.run(
            lambda: review_mapping(db, base, choices, year, name),
            lambda p: dialog.reviewed(serial, p),
        )

    dialog = PlanMappingDialog(window, proposal, review)
    dialog.accepted.connect(
        lambda: _import(window, dialog.proposal, dialog.year.value(), dialog.plan_name())
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def _import(window: MainWindow, proposal: MappingProposal, year: int, name: str | None) -> None:
    from mipg_desktop.planning.plan_import import import_plan as core_import

    db, mapping, path = window.db, proposal.mapping(), proposal.file

    def done(result: Any) -> None:
        name = result.name if len(result.name) <= 60 else result.name[:59] + "…"
        message = ngettext(
            "Plan «{name}» importado: {n} actividad.",
            "Plan «{name}» importado: {n} actividades.",
            result.activity_count,
        ).format(name=name, n=result.activity_count)
        window.statusBar().showMessage(message, 10_000)  # the notes were in the mapping step
        window.plan_imported(result.plan_id, result.year)

    window.runner.run_with_progress(
        _("Importando el plan…"),
        lambda progress: core_import(
            db,
            path,
            year=year,
            name=name or None,
            progress=progress,
            mapping=mapping,
            remember=True,
        ),
        done,
    )
