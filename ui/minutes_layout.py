"""How the minutes tab fits a small screen (1024×600) and a usual one (1366×768): the agenda
list wide enough to read long Spanish titles (they wrap; the whole title in a tooltip), the
reusable blocks on their own row, sized from the font, and the list's width remembered."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QListView,
    QListWidget,
    QSizePolicy,
    QSplitter,
    QWidget,
)

LIST_CHARS = 24  # the agenda list is never narrower than about this many characters
LIST_CHARS_FIRST = 34  # its first width, before the person moves the splitter
BLOCK_CHARS = 24  # the blocks combo shows at least this many characters of a block's name
SPLITTER_KEY = "splitters/minutes"


def fit_agenda_list(items: QListWidget) -> None:
    """Titles wrap onto several lines instead of being cut; no sideways scrolling."""
    items.setWordWrap(True)
    items.setTextElideMode(Qt.TextElideMode.ElideNone)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    items.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    items.setResizeMode(QListView.ResizeMode.Adjust)
    items.setUniformItemSizes(False)
    items.setSpacing(1)
    items.setMinimumWidth(_chars(items, LIST_CHARS))


def fit_blocks(blocks: QComboBox) -> None:
    """The combo takes the room of its row, never less than :data:`BLOCK_CHARS` characters;
    its whole name is its tooltip."""
    blocks.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    blocks.setMinimumContentsLength(BLOCK_CHARS)
    blocks.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    blocks.currentTextChanged.connect(blocks.setToolTip)


def block_row(blocks: QComboBox, insert: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(blocks, 1)
    row.addWidget(insert)
    return row


def remembered_split(splitter: QSplitter, items: QListWidget, settings: QSettings) -> None:
    """The list keeps its width when the window grows (the text takes the rest), can never
    be folded away, and reopens as wide as the person left it."""
    splitter.setChildrenCollapsible(False)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([_chars(items, LIST_CHARS_FIRST), 10_000])
    saved = settings.value(SPLITTER_KEY)
    if isinstance(saved, QByteArray):
        splitter.restoreState(saved)
    splitter.splitterMoved.connect(
        lambda _pos, _index: settings.setValue(SPLITTER_KEY, splitter.saveState())
    )


def _chars(widget: QWidget, count: int) -> int:
    scroll = widget.style().pixelMetric(widget.style().PixelMetric.PM_ScrollBarExtent)
    return widget.fontMetrics().averageCharWidth() * count + scroll + 8
