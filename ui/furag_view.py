"""FURAG results across years: IDI, dimensions and policies side by side, the weakest policies."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mipg_desktop.i18n import _
from mipg_desktop.planning.furag import FuragResultInfo, list_furag
from ui import file_dialogs
from ui.models.table import Column, RowTableModel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class FuragRow:
    code: str
    label: str
    bold: bool
    scores: dict[int, float | None]
    peer: float | None


def pivot(history: list[FuragResultInfo]) -> list[FuragRow]:
    """One row per measure (IDI, D1–D7, each policy), one score per year."""
    if not history:
        return []
    latest = history[-1]
    rows = [
        FuragRow(
            "IDI",
            _("Índice de Desempeño Institucional"),
            True,
            {r.year: r.idi for r in history},
            latest.peer_idi,
        )
    ]
    for group in ("dimensions", "policies"):
        for score in getattr(latest, group):
            by_year = {
                r.year: next((s.score for s in getattr(r, group) if s.code == score.code), None)
                for r in history
            }
            rows.append(
                FuragRow(
                    score.code, score.label, group == "dimensions", by_year, score.peer_average
                )
            )
    return rows


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _year_score(year: int, row: FuragRow) -> str:
    return _score(row.scores.get(year))


def furag_columns(years: list[int]) -> list[Column[FuragRow]]:
    columns = [
        Column[FuragRow](_("Código"), lambda r: r.code),
        Column[FuragRow](_("Medición"), lambda r: r.label, tooltip=lambda r: r.label),
    ]
    for year in years:
        columns.append(Column[FuragRow](str(year), partial(_year_score, year), alignment=RIGHT))
    columns.append(
        Column[FuragRow](
            _("Promedio grupo par"),
            lambda r: _score(r.peer),
            alignment=RIGHT,
            foreground=lambda r: QColor("#555555"),
        )
    )
    return columns


class FuragView(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("furagView")
        self.setAccessibleName(_("Resultados FURAG"))
        title = QLabel(_("Resultados FURAG por vigencia"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.weakest = QLabel(self)
        self.weakest.setObjectName("weakestPolicies")
        self.weakest.setWordWrap(True)
        self.model: RowTableModel[FuragRow] = RowTableModel(furag_columns([]), self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("furagTable")
        self.table.setAccessibleName(_("Puntajes FURAG por año"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.import_button = QPushButton(_("&Importar resultados FURAG (Excel)…"), self)
        self.import_button.clicked.connect(lambda: self.import_file())
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.weakest)
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        db = self.window_.db
        self.window_.runner.run(lambda: list_furag(db), self._show)

    def _show(self, history: list[FuragResultInfo]) -> None:
        years = [r.year for r in history]
        self.model.columns = furag_columns(years)
        self.model.set_rows(pivot(history))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if not history:
            self.weakest.setText(_("Aún no hay resultados FURAG importados."))
            return
        latest = history[-1]
        weakest = sorted(
            (p for p in latest.policies if p.score is not None), key=lambda p: (p.score, p.code)
        )[:5]
        self.weakest.setText(
            _("Políticas más débiles en {year}: {list}").format(
                year=latest.year,
                list="; ".join(f"{p.label} ({_score(p.score)})" for p in weakest),
            )
        )

    def import_file(self, path: Path | None = None, year: int | None = None) -> Any:
        from mipg_desktop.planning.furag import import_furag

        if path is None:
            from ui.exports import in_documents

            chosen, _f = file_dialogs.get_open_file_name(
                self, _("Importar resultados FURAG"), in_documents(), _("Excel (*.xlsx)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        db = self.window_.db

        def done(result: Any) -> None:
            self.window_.statusBar().showMessage(
                _("Resultados FURAG {year} importados para {entity}.").format(
                    year=result.year, entity=result.entity_name
                ),
                8000,
            )
            self.load()

        return self.window_.runner.run_with_progress(
            _("Importando resultados FURAG…"),
            lambda progress: import_furag(db, path, year=year, progress=progress),
            done,
        )
