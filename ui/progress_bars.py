"""A small painted chart: one horizontal bar per line, actual against expected progress."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mipg_desktop.planning.rollup import RollupLine
from ui.formats import percent

STATUS_COLORS = {"green": "#2e7d32", "yellow": "#c89200", "red": "#c62828"}
ROW_HEIGHT = 24
LABEL_WIDTH = 260


class ProgressBars(QWidget):
    """Bars for roll-up lines; the thin dark mark is the progress expected by now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[RollupLine] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_lines(self, lines: Sequence[RollupLine]) -> None:
        self.lines = list(lines)
        self.setAccessibleDescription(
            "; ".join(f"{line.label}: {percent(line.actual)}" for line in self.lines)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, max(ROW_HEIGHT, ROW_HEIGHT * len(self.lines) + 4))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_width = min(LABEL_WIDTH, self.width() // 3)
        bar_width = max(40, self.width() - label_width - 80)
        metrics = painter.fontMetrics()
        for row, line in enumerate(self.lines):
            top = row * ROW_HEIGHT + 2
            label = metrics.elidedText(line.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(0, top, label_width - 8, ROW_HEIGHT - 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            frame = QRectF(label_width, top + 4, bar_width, ROW_HEIGHT - 12)
            painter.fillRect(frame, QColor("#e6e6e6"))
            filled = QRectF(
                frame.x(), frame.y(), frame.width() * min(line.actual, 1.0), frame.height()
            )
            painter.fillRect(filled, QColor(STATUS_COLORS.get(line.status, "#777777")))
            x = frame.x() + frame.width() * min(line.expected, 1.0)
            painter.setPen(QPen(QColor("#222222"), 2))
            painter.drawLine(int(x), int(frame.top() - 3), int(x), int(frame.bottom() + 3))
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(frame.right() + 8, top, 72, ROW_HEIGHT - 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                percent(line.actual),
            )
        painter.end()
