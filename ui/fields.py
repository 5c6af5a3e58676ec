"""Date and time fields that take what a person types: «31/01/2027» is 31 January, «9:30»,
«2:15 pm» or «14:15» a time; empty is «not set», never midnight or 1 January 2000.

The date field's calendar opens on its date, or today. Both emit ``edited`` when the person
leaves them or picks a day, and say in Spanish what is wrong with what was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, time
from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from mipg_desktop.i18n import _
from ui.formats import short_date, short_time

_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?\s*$")
_TIME = re.compile(
    r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(a\.?\s*m\.?|p\.?\s*m\.?)?\s*$", re.IGNORECASE
)


def parse_date(text: str, today: date | None = None) -> date | None:
    """``dd/mm/aaaa`` (also ``-`` or ``.``, a two-digit year, or no year: this one).
    Empty: None. Anything else: ValueError with the message to show."""
    if not text.strip():
        return None
    found = _DATE.match(text)
    if found is None:
        raise ValueError(
            _("«{text}» no es una fecha: escríbala como dd/mm/aaaa.").format(text=text)
        )
    day, month = int(found.group(1)), int(found.group(2))
    year_text = found.group(3)
    year = (today or date.today()).year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            _("{day:02d}/{month:02d}/{year} no existe en el calendario.").format(
                day=day, month=month, year=year
            )
        ) from None


def parse_time(text: str) -> time | None:
    """``9:30``, ``09:30``, ``9``, ``2:15 pm``, ``2:15 p. m.``, ``14:15``. Empty: None."""
    if not text.strip():
        return None
    found = _TIME.match(text)
    if found is None:
        raise ValueError(
            _("«{text}» no es una hora: escríbala como 9:30 o 2:15 p. m.").format(text=text)
        )
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    suffix = re.sub(r"[\s.]", "", (found.group(3) or "").lower())
    if suffix and not 1 <= hour <= 12:
        raise ValueError(_("Con a. m. o p. m., la hora va de 1 a 12: «{text}».").format(text=text))
    if suffix == "pm" and hour != 12:
        hour += 12
    if suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise ValueError(_("«{text}» no es una hora del día.").format(text=text))
    return time(hour, minute)


class _TypedField(QWidget):
    """A line edit that parses what is typed; ``edited`` when left or set by a picker."""

    edited = Signal()

    def __init__(self, parent: QWidget | None, name: str, placeholder: str) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setAccessibleName(name)
        self.line.setPlaceholderText(placeholder)
        self.line.editingFinished.connect(self._left)
        # focus given to the field goes to its line; not a focus proxy: Qt's Tab lands on a
        # widget with a proxy wherever it sits in the chain (after the form's last line),
        # and «Fecha de vigencia» was reached out of order
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.line, 1)
        self._shown = ""

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.line.setFocus(event.reason())

    def hasFocus(self) -> bool:
        return self.line.hasFocus()

    def _left(self) -> None:
        if self.line.text() != self._shown:
            self._tidy()
            self.edited.emit()

    def _tidy(self) -> None:
        """Rewrite a valid entry the standard way (``9:3`` → ``9:03 a. m.``)."""

    def error(self) -> str:
        """Why what is typed is not valid ("" when it is)."""
        try:
            self._parse()
        except ValueError as problem:
            return str(problem)
        return ""

    def _parse(self) -> object:
        raise NotImplementedError

    def _show(self, text: str) -> None:
        self._shown = text
        self.line.setText(text)


class DateField(_TypedField):
    def __init__(
        self, parent: QWidget | None = None, value: dt.date | None = None, name: str = ""
    ) -> None:
        super().__init__(parent, name, _("dd/mm/aaaa"))
        self.setObjectName("dateField")
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(_("Elegir en el calendario"))
        self.button.setAccessibleName(_("Calendario de {name}").format(name=name))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._open_on_value)
        self.button.setMenu(self.menu)
        self.row.addWidget(self.button)
        self.set_date(value)

    def date(self) -> dt.date | None:
        """The date typed (None when empty or not valid: see :meth:`error`)."""
        try:
            return parse_date(self.line.text())
        except ValueError:
            return None

    def set_date(self, value: dt.date | None) -> None:
        self._show(short_date(value))

    def _parse(self) -> object:
        return parse_date(self.line.text())

    def _tidy(self) -> None:
        value = self.date()
        if value is not None:
            self.line.setText(short_date(value))
        self._shown = self.line.text()

    def _open_on_value(self) -> None:
        day = self.date() or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, value: QDate) -> None:
        self.menu.hide()
        self._show(short_date(dt.date(value.year(), value.month(), value.day())))
        self.edited.emit()


class TimeField(_TypedField):
    def __init__(
        self, parent: QWidget | None = None, value: dt.time | None = None, name: str = ""
    ) -> None:
        super().__init__(parent, name, _("sin definir"))
        self.setObjectName("timeField")
        self.line.setMaximumWidth(130)
        self.set_time(value)

    def time(self) -> dt.time | None:
        try:
            return parse_time(self.line.text())
        except ValueError:
            return None

    def set_time(self, value: dt.time | None) -> None:
        self._show(short_time(value))

    def _parse(self) -> object:
        return parse_time(self.line.text())

    def _tidy(self) -> None:
        value = self.time()
        if value is not None:
            self.line.setText(short_time(value))
        self._shown = self.line.text()


class _WindowUndoWhenEmpty(QObject):
    """Ctrl+Z in a field with nothing of its own to undo goes to the window's Undo."""

    OVERRIDE = QEvent.Type.ShortcutOverride  # kept here: usable while Python shuts down
    UNDO = QKeySequence.StandardKey.Undo
    REDO = QKeySequence.StandardKey.Redo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != self.OVERRIDE or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QLineEdit):
            return False
        if (event.matches(self.UNDO) and not watched.isUndoAvailable()) or (
            event.matches(self.REDO) and not watched.isRedoAvailable()
        ):
            event.ignore()
            return True  # not the field's: the window's shortcut takes it
        return False


def entry_field(field: QLineEdit) -> QLineEdit:
    """A field where something is typed and then added (an item, a decision, a
    commitment): once added it is emptied without undo history, and Ctrl+Z there undoes
    the addition itself (the window's Undo), not the typing that was added."""
    undo_filter = _WindowUndoWhenEmpty(field)  # goes with the field
    field.installEventFilter(undo_filter)
    return field


def empty_entry(field: QLineEdit) -> None:
    field.setText("")  # setText, unlike clear(), drops the field's undo history


def tab_in_order(widgets: list[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (as the page reads)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def choose_data(box: QComboBox, value: object) -> None:
    """Show the item of ``box`` whose data is ``value`` (the first item when none is)."""
    box.setCurrentIndex(max(box.findData(value), 0))


def data_text(box: QComboBox, value: object) -> str:
    """The text of the item of ``box`` whose data is ``value`` (the first one's when none is)."""
    return box.itemText(max(box.findData(value), 0))
