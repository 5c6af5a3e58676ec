"""The commitments tracker across sessions and committees, with filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.catalog import get_catalog
from mipg_desktop.catalog_view import CatalogView
from mipg_desktop.committees.views import CommitmentInfo, list_commitments, list_committees
from mipg_desktop.i18n import _, ngettext
from mipg_desktop.storage.database import Database
from ui.formats import short_date
from ui.models.table import SORT_ROLE, Column, RowTableModel
from ui.tasks import TaskRunner

STATUS_FILTERS = (
    ("", "Todos los estados"),
    ("open", "Abiertos"),
    ("in_progress", "En curso"),
    ("overdue", "Vencidos"),
    ("done", "Cumplidos"),
    ("cancelled", "Cancelados"),
)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _overdue_color(row: CommitmentInfo) -> Any:
    return QColor("#b3261e") if row.overdue else None


def commitment_columns(
    with_session: bool = True, committee: Any = None
) -> list[Column[CommitmentInfo]]:
    """``committee``: a function giving a commitment's committee as the column shows it
    (the tracker lists every committee's commitments); None: no committee column."""
    columns = [
        Column[CommitmentInfo](_("No."), lambda r: str(r.number), lambda r: r.number, RIGHT),
        Column[CommitmentInfo](_("Compromiso"), lambda r: r.text, tooltip=lambda r: r.text),
        Column[CommitmentInfo](_("Responsable"), lambda r: r.owner, tooltip=lambda r: r.owner),
        Column[CommitmentInfo](
            _("Plazo"),
            lambda r: short_date(r.due_date),
            lambda r: r.due_date.toordinal() if r.due_date else 0,
        ),
        Column[CommitmentInfo](_("Estado"), lambda r: r.status_label, foreground=_overdue_color),
        Column[CommitmentInfo](
            _("Avance"), lambda r: f"{r.progress} %", lambda r: r.progress, RIGHT
        ),
    ]
    if with_session:
        columns.append(
            Column[CommitmentInfo](
                _("Acta"),
                lambda r: r.session_title,
                lambda r: r.session_date.toordinal(),
                tooltip=lambda r: _("{committee} · {title}").format(
                    committee=r.committee_name, title=r.session_title
                ),
            )
        )
    if committee is not None:
        columns.append(
            Column[CommitmentInfo](_("Comité"), committee, tooltip=lambda r: r.committee_name)
        )
    return columns


UNIT_WIDTH = 240  # the Responsable column on a wide screen
MIN_UNIT_WIDTH = 110
ACTA_COLUMN = 6
MIN_ACTA_WIDTH = 80
COMMITMENT_SHARE = 0.5  # of the room the other columns leave, at least


class CommitmentsTracker(QWidget):
    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        self.setObjectName("commitmentsTracker")
        self.setAccessibleName(_("Seguimiento de compromisos"))
        self._short_names: dict[int, str] = {}
        self.model = RowTableModel(
            commitment_columns(
                committee=lambda r: self._short_names.get(r.committee_id, r.committee_name)
            ),
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.status = QComboBox(self)
        self.status.setAccessibleName(_("Filtrar por estado"))
        for code, label in STATUS_FILTERS:
            self.status.addItem(_(label), code)
        self.committee = QComboBox(self)
        self.committee.setAccessibleName(_("Filtrar por comité"))
        self.committee.addItem(_("Todos los comités"), None)
        self.policy = QComboBox(self)
        self.policy.setAccessibleName(_("Filtrar por política"))
        self.policy.addItem(_("Todas las políticas"), None)
        self.policy.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.policy.setMinimumContentsLength(30)  # long policy names: the tooltip has them whole
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText(_("Responsable…"))
        self.owner.setAccessibleName(_("Filtrar por responsable"))
        self.owner.setClearButtonEnabled(True)
        self.overdue_only = QCheckBox(_("Solo &vencidos"), self)
        self.summary = QLabel(self)
        self.summary.setObjectName("commitmentsSummary")
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("commitmentsTable")
        self.table.setAccessibleName(_("Tabla de compromisos"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by due date
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # a long unit name must not squeeze the commitment itself (the tooltip has it whole)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, UNIT_WIDTH)
        # on a narrow screen the unit and the acta give way (they wrap) so the commitment
        # keeps most of the room
        header.setSectionResizeMode(ACTA_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.viewport().installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self._layout()
        self.status.currentIndexChanged.connect(self.reload)
        self.committee.currentIndexChanged.connect(self.reload)
        self.policy.currentIndexChanged.connect(self.reload)
        self._select_after_load: int | None = None
        self._policy_after_load: str | None = None
        self.overdue_only.toggled.connect(self.reload)
        self.owner.textChanged.connect(lambda _t: self._debounce.start())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_columns()
        return False

    def _fit_columns(self) -> None:
        """The Responsable and Acta columns as wide as they need, but never so wide that
        the commitment's text (the stretched column) gets less than its share."""
        table = self.table
        acta = table.sizeHintForColumn(ACTA_COLUMN)
        if acta <= 0:
            acta = table.horizontalHeader().sectionSizeHint(ACTA_COLUMN)
        fixed = sum(
            table.columnWidth(c)
            for c in range(self.proxy.columnCount())
            if c not in (1, 2, ACTA_COLUMN) and not table.isColumnHidden(c)
        )
        room = table.viewport().width() - fixed
        flexible = int(room * (1 - COMMITMENT_SHARE))
        if flexible < acta + UNIT_WIDTH:  # both give way in proportion
            acta = max(MIN_ACTA_WIDTH, acta * flexible // (acta + UNIT_WIDTH))
        unit = max(MIN_UNIT_WIDTH, min(UNIT_WIDTH, flexible - acta))
        table.setColumnWidth(ACTA_COLUMN, acta)
        table.setColumnWidth(2, unit)

    def _layout(self) -> None:
        title = QLabel(_("Seguimiento de compromisos"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        filters = QHBoxLayout()
        for widget in (self.status, self.committee, self.policy, self.owner, self.overdue_only):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._status_row())
        layout.addWidget(self.summary)

    def _status_row(self) -> QVBoxLayout:
        self.new_status = QComboBox(self)
        self.new_status.setAccessibleName(_("Nuevo estado del compromiso"))
        for code, label in (
            ("open", "Abierto"),
            ("in_progress", "En curso"),
            ("done", "Cumplido"),
            ("cancelled", "Cancelado"),
        ):
            self.new_status.addItem(_(label), code)
        self.new_progress = QSpinBox(self)
        self.new_progress.setRange(0, 100)
        self.new_progress.setSuffix(" %")
        self.new_progress.setAccessibleName(_("Avance del compromiso"))
        self.update_button = QPushButton(_("&Actualizar el compromiso seleccionado"), self)
        self.update_button.setObjectName("updateCommitment")
        self.update_button.clicked.connect(self.update_selected)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Estado:"), self))
        row.addWidget(self.new_status)
        row.addWidget(QLabel(_("Avance:"), self))
        row.addWidget(self.new_progress)
        row.addWidget(self.update_button)
        row.addStretch(1)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("Nota de seguimiento…"))
        self.note.setAccessibleName(_("Nota de seguimiento del compromiso"))
        self.follow_button = QPushButton(_("Registrar &seguimiento"), self)
        self.follow_button.setObjectName("addFollowUp")
        self.follow_button.clicked.connect(self.add_follow_up)
        notes = QHBoxLayout()  # a row of its own: the note stays wide on a small screen
        notes.addWidget(self.note, 1)
        notes.addWidget(self.follow_button)
        self.export_button = QPushButton(_("E&xportar a Excel…"), self)
        self.export_button.setObjectName("exportCommitments")
        self.export_button.clicked.connect(lambda: self.export_excel())
        row.addWidget(self.export_button)
        rows = QVBoxLayout()
        rows.addLayout(row)
        rows.addLayout(notes)
        return rows

    def export_excel(self, target: Path | None = None) -> None:
        from ui.packages import export_commitments_excel

        window = self.window()
        if hasattr(window, "runner"):
            export_commitments_excel(window, self.filters(), target)  # type: ignore[arg-type]

    def add_follow_up(self) -> None:
        """One call: a dated note with the progress shown, kept in the commitment's history."""
        from datetime import date

        from mipg_desktop.committees.commitments import add_follow_up

        row, note = self.selected(), self.note.text().strip()
        if row is None or not note:
            return
        db, progress, version = self.db, self.new_progress.value(), row.version

        def done(_r: Any) -> None:
            if self.note.text().strip() == note:
                self.note.clear()  # kept when refused: nothing typed is lost
            self.reload()

        self._op(
            _("Seguimiento del compromiso {n}").format(n=row.number),
            row,
            lambda: add_follow_up(
                db, row.id, date.today(), note, progress=progress, expected_version=version
            ),
            done,
        )

    def _op(self, label: str, row: CommitmentInfo, fn: Any, then: Any = None) -> None:
        """One undoable call on the commitment's session; a refusal is explained and the
        list read again (a change elsewhere shows up, nothing is overwritten)."""
        from mipg_desktop.scopes import session_scope

        window = self.window()
        ops = getattr(window, "ops", None)
        if ops is None:
            return

        def refused(error: BaseException) -> None:
            ops.explain(error)
            self.reload()

        done = then or (lambda _r: self.reload())
        ops.run(label, session_scope(row.session_id), fn, done, refused)

    # -- what is typed and not recorded -------------------------------------------------------
    def commit(self) -> bool:
        return True

    def pending(self) -> list[str]:
        note = self.note.text().strip()
        return [_("nota de seguimiento sin registrar «{t}»").format(t=note[:40])] if note else []

    def revert(self) -> None:
        self.note.clear()

    def selected(self) -> CommitmentInfo | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.row(index) if index.isValid() else None

    def _selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.new_status.setCurrentIndex(max(self.new_status.findData(row.status), 0))
            self.new_progress.setValue(row.progress)

    def update_selected(self) -> None:
        """One call: the status and progress of the selected commitment."""
        from mipg_desktop.committees.commitments import set_commitment_status

        row = self.selected()
        if row is None:
            return
        db, status, progress, version = (
            self.db,
            str(self.new_status.currentData()),
            self.new_progress.value(),
            row.version,
        )
        self._op(
            _("Estado del compromiso {n}").format(n=row.number),
            row,
            lambda: set_commitment_status(
                db, row.id, status, progress=progress, expected_version=version
            ),
        )

    def load(self) -> None:
        db = self.db
        self.runner.run(lambda: (list_committees(db), get_catalog(db)), self._fill_choices)

    def show_commitment(self, commitment_id: int, policy_code: str | None = None) -> None:
        """Clear the filters but the policy, and select the commitment once listed."""
        for combo in (self.status, self.committee, self.policy):
            combo.blockSignals(True)
        self.status.setCurrentIndex(0)
        self.committee.setCurrentIndex(0)
        self.policy.setCurrentIndex(0)
        self._policy_after_load = policy_code
        self.owner.blockSignals(True)
        self.owner.clear()
        self.overdue_only.blockSignals(True)
        self.overdue_only.setChecked(False)
        for widget in (self.status, self.committee, self.policy, self.owner, self.overdue_only):
            widget.blockSignals(False)
        self._select_after_load = commitment_id
        self.load()

    def _fill_choices(self, found: tuple[list[Any], CatalogView]) -> None:
        committees, catalog = found
        self.policy.blockSignals(True)
        wanted = self._policy_after_load or self.policy.currentData()
        self._policy_after_load = None
        while self.policy.count() > 1:
            self.policy.removeItem(1)
        for policy in catalog.policies():
            self.policy.addItem(policy.name, policy.code)
            self.policy.setItemData(
                self.policy.count() - 1, policy.name, Qt.ItemDataRole.ToolTipRole
            )
        self.policy.setCurrentIndex(max(self.policy.findData(wanted), 0))
        self.policy.blockSignals(False)
        self._fill_committees(committees)

    def _fill_committees(self, committees: list[Any]) -> None:
        self.committee.blockSignals(True)
        current = self.committee.currentData()
        while self.committee.count() > 1:
            self.committee.removeItem(1)
        self._short_names = {c.id: c.short_name or c.name for c in committees}
        for committee in committees:
            self.committee.addItem(committee.short_name or committee.name, committee.id)
        index = self.committee.findData(current)
        self.committee.setCurrentIndex(max(index, 0))
        self.committee.blockSignals(False)
        self.reload()

    def filters(self) -> dict[str, Any]:
        return {
            "status": self.status.currentData() or None,
            "owner": self.owner.text().strip() or None,
            "committee_id": self.committee.currentData(),
            "overdue": True if self.overdue_only.isChecked() else None,
            "policy_code": self.policy.currentData(),
        }

    def reload(self) -> None:
        db, filters = self.db, self.filters()
        self.runner.run(lambda: list_commitments(db, **filters), self._show)

    def _show(self, rows: list[CommitmentInfo]) -> None:
        self.model.set_rows(rows)
        self._fit_columns()
        wanted, self._select_after_load = self._select_after_load, None
        for row, info in enumerate(rows):
            if info.id == wanted:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
        overdue = sum(1 for r in rows if r.overdue)
        self.summary.setText(
            "; ".join(
                (
                    ngettext("{n} compromiso", "{n} compromisos", len(rows)).format(n=len(rows)),
                    ngettext("{n} vencido", "{n} vencidos", overdue).format(n=overdue),
                )
            )
        )
