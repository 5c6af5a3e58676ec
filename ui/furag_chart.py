"""A small painted chart of FURAG results across years: the IDI and the seven dimensions,
each in its own panel, the entity's line against its peer group's average (dashed). A title
too long for its panel wraps onto more lines (:func:`wrap_title`); the tooltip has it whole."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mipg_desktop.i18n import _
from mipg_desktop.planning.furag import FuragResultInfo

ENTITY_COLOR = QColor("#1f5fa8")
PEER_COLOR = QColor("#8a8a8a")
GRID_COLOR = QColor("#dddddd")
COLUMNS = 4
PANEL_HEIGHT = 104
LEGEND_HEIGHT = 22
TITLE_LINES = 2  # at most; the last one is elided if the title is longer (the tooltip has it)


@dataclass(frozen=True)
class Series:
    code: str
    label: str
    points: tuple[tuple[int, float | None, float | None], ...]  # year, score, peer average

    @property
    def latest(self) -> float | None:
        return next((s for _y, s, _p in reversed(self.points) if s is not None), None)


def chart_series(history: list[FuragResultInfo]) -> list[Series]:
    """IDI and D1–D7, one point per year (a year without the measure has None)."""
    series = [
        Series(
            "IDI",
            _("IDI"),
            tuple((r.year, r.idi, r.peer_idi) for r in history),
        )
    ]
    names = {d.code: d.name for r in history for d in r.dimensions}
    for number in range(1, 8):
        code = f"D{number}"
        points = []
        for result in history:
            found = next((d for d in result.dimensions if d.code == code), None)
            points.append(
                (result.year, found.score if found else None, found.peer_average if found else None)
            )
        series.append(Series(code, f"{code} {names.get(code, '')}".strip(), tuple(points)))
    # a measure no year has (a MECI form has no IDI and only D7) gets no empty panel
    return [s for s in series if any(p[1] is not None for p in s.points)]


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def wrap_title(title: str, metrics: QFontMetrics, first: float, width: float) -> list[str]:
    """``title`` in lines: the first ``first`` pixels wide (the value is beside it), the others
    ``width``; word by word, at most :data:`TITLE_LINES`, the last elided."""
    lines: list[str] = []
    words = title.split()
    while words:
        room = first if not lines else width
        if len(lines) == TITLE_LINES - 1:
            rest = " ".join(words)
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, int(room)))
            break
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= room:
            line += " " + words.pop(0)
        if metrics.horizontalAdvance(line) > room:
            line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(room))
        lines.append(line)
    return lines


class FuragChart(QWidget):
    """Eight panels (IDI, D1–D7) in two rows; scores 0–100 on the vertical axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("furagChart")
        self.setAccessibleName(_("Gráfica del IDI y las dimensiones por vigencia"))
        self.series: list[Series] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_history(self, history: list[FuragResultInfo]) -> None:
        self.series = chart_series(history) if history else []
        self.setAccessibleDescription(
            "; ".join(
                _("{label}: {score} (grupo par {peer})").format(
                    label=s.label,
                    score=_number(s.latest),
                    peer=_number(s.points[-1][2] if s.points else None),
                )
                for s in self.series
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(760, LEGEND_HEIGHT + 2 * PANEL_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(4 * 120, LEGEND_HEIGHT + 2 * 80)

    def panel_at(self, x: float, y: float) -> Series | None:
        """The series whose panel is under the point (for its tooltip)."""
        if not self.series or y < LEGEND_HEIGHT:
            return None
        rows = (len(self.series) + COLUMNS - 1) // COLUMNS
        column = int(x // (self.width() / COLUMNS))
        row = int((y - LEGEND_HEIGHT) // ((self.height() - LEGEND_HEIGHT) / rows))
        index = row * COLUMNS + column
        return self.series[index] if 0 <= column < COLUMNS and index < len(self.series) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            series = self.panel_at(event.pos().x(), event.pos().y())
            if series is None:
                QToolTip.hideText()
                return True
            lines = [series.label] + [
                _("{year}: {score} (grupo par {peer})").format(
                    year=year, score=_number(score), peer=_number(peer)
                )
                for year, score, peer in series.points
            ]
            QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)

    def _boxes(self) -> list[tuple[Series, QRectF]]:
        rows = (len(self.series) + COLUMNS - 1) // COLUMNS
        width = self.width() / COLUMNS
        height = (self.height() - LEGEND_HEIGHT) / max(rows, 1)
        boxes = []
        for index, series in enumerate(self.series):
            row, column = divmod(index, COLUMNS)
            box = QRectF(column * width, LEGEND_HEIGHT + row * height, width, height)
            boxes.append((series, box.adjusted(4, 2, -4, -4)))
        return boxes

    def _title(self, metrics: QFontMetrics, box: QRectF, series: Series) -> list[str]:
        value_width = metrics.horizontalAdvance(_number(series.latest)) + 8
        return wrap_title(series.label, metrics, box.width() - value_width - 8, box.width() - 8)

    def panel_center(self, code: str) -> QPointF:
        """The middle of the panel of ``code`` (IDI, D1…)."""
        return next(box.center() for series, box in self._boxes() if series.code == code)

    def titles(self) -> list[list[str]]:
        """Each panel's title as drawn now, line by line."""
        metrics = self.fontMetrics()
        return [self._title(metrics, box, series) for series, box in self._boxes()]

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        if not self.series:
            painter.setPen(text)
            painter.drawText(
                QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, _("Sin resultados que graficar.")
            )
            return
        self._legend(painter, text)
        metrics = painter.fontMetrics()
        boxes = self._boxes()
        titles = [self._title(metrics, box, series) for series, box in boxes]
        # the plots of a row line up: each as low as the row's longest title needs
        depth = {
            box.y(): max(
                len(t) for t, (_s, b) in zip(titles, boxes, strict=True) if b.y() == box.y()
            )
            for _series, box in boxes
        }
        for (series, box), title in zip(boxes, titles, strict=True):
            self._panel(painter, box, series, text, title, depth[box.y()])

    def _legend(self, painter: QPainter, text: QColor) -> None:
        x = 8.0
        middle = LEGEND_HEIGHT / 2
        for label, color, style in (
            (_("Entidad"), ENTITY_COLOR, Qt.PenStyle.SolidLine),
            (_("Promedio del grupo par"), PEER_COLOR, Qt.PenStyle.DashLine),
        ):
            painter.setPen(QPen(color, 2, style))
            painter.drawLine(QPointF(x, middle), QPointF(x + 26, middle))
            painter.setPen(text)
            width = painter.fontMetrics().horizontalAdvance(label)
            painter.drawText(
                QRectF(x + 32, 0, width + 4, LEGEND_HEIGHT), Qt.AlignmentFlag.AlignVCenter, label
            )
            x += 32 + width + 24

    def _panel(
        self,
        painter: QPainter,
        box: QRectF,
        series: Series,
        text: QColor,
        title: list[str],
        lines: int,
    ) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(QPen(GRID_COLOR, 1))
        painter.drawRect(box)
        value = _number(series.latest)
        value_width = metrics.horizontalAdvance(value) + 8
        painter.setPen(text)
        for number, part in enumerate(title):
            painter.drawText(
                QRectF(box.x() + 4, box.y() + 1 + number * line, box.width(), line), part
            )
        painter.setPen(ENTITY_COLOR)
        painter.drawText(
            QRectF(box.right() - value_width, box.y() + 1, value_width - 4, line),
            Qt.AlignmentFlag.AlignRight,
            value,
        )
        top = lines * line
        plot = QRectF(
            box.x() + 26, box.y() + top + 4, box.width() - 34, box.height() - top - line - 8
        )
        self._axes(painter, plot, series, text)
        self._line(painter, plot, series, 2, PEER_COLOR, Qt.PenStyle.DashLine)
        self._line(painter, plot, series, 1, ENTITY_COLOR, Qt.PenStyle.SolidLine)

    def _axes(self, painter: QPainter, plot: QRectF, series: Series, text: QColor) -> None:
        metrics = painter.fontMetrics()
        for level, align in (
            (0, Qt.AlignmentFlag.AlignBottom),
            (50, Qt.AlignmentFlag.AlignVCenter),
            (100, Qt.AlignmentFlag.AlignTop),
        ):
            y = plot.bottom() - plot.height() * level / 100
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if level == 50 and plot.height() < 3 * metrics.height():
                continue  # a short panel: 0 and 100 say the scale
            painter.setPen(PEER_COLOR)
            # the labels stay inside the plot's height: 100 below its line, 0 above its line
            top = {0: y - metrics.height(), 50: y - metrics.height() / 2, 100: y}[level]
            painter.drawText(
                QRectF(plot.left() - 26, top, 22, metrics.height()),
                Qt.AlignmentFlag.AlignRight | align,
                str(level),
            )
        years = [year for year, _s, _p in series.points]
        shown = years if len(years) <= 4 else [years[0], years[-1]]
        painter.setPen(text)
        for index, year in enumerate(years):
            if year not in shown:
                continue
            x = self._x(plot, index, len(years))
            label = str(year)
            half = metrics.horizontalAdvance(label) / 2 + 2
            painter.drawText(
                QRectF(x - half, plot.bottom() + 1, 2 * half, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )

    @staticmethod
    def _x(plot: QRectF, index: int, count: int) -> float:
        if count == 1:
            return plot.center().x()
        margin = 10.0
        return plot.left() + margin + (plot.width() - 2 * margin) * index / (count - 1)

    def _line(
        self,
        painter: QPainter,
        plot: QRectF,
        series: Series,
        which: int,
        color: QColor,
        style: Qt.PenStyle,
    ) -> None:
        count = len(series.points)
        points: list[QPointF] = []
        for index, values in enumerate(series.points):
            value = values[which]
            if value is not None:
                y = plot.bottom() - plot.height() * min(max(value, 0.0), 100.0) / 100
                points.append(QPointF(self._x(plot, index, count), y))
        painter.setPen(QPen(color, 2, style))
        for first, second in pairwise(points):
            painter.drawLine(first, second)
        painter.setPen(QPen(color, 1))
        painter.setBrush(color)
        for point in points:
            painter.drawEllipse(point, 2.5, 2.5)
        painter.setBrush(Qt.BrushStyle.NoBrush)
