"""Search as you type: debounced, run on the worker, the newest answer wins.

Each hit is listed with what it is and where it lives; activating it opens its
session on the tab holding it (``ui.search_hits``), or its plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem

from mipg_desktop.i18n import _

if TYPE_CHECKING:
    from mipg_desktop.search import SearchHit
    from mipg_desktop.storage.database import Database
    from ui.main_window import MainWindow

DEBOUNCE_MS = 250
MAX_HITS = 60


def _search(db: Database, query: str) -> list[SearchHit]:
    from mipg_desktop.search import search  # on the worker: SQLAlchemy may still be loading

    return search(db, query, limit=MAX_HITS)


class SearchPanel(QObject):
    def __init__(self, window: MainWindow, box: QLineEdit) -> None:
        super().__init__(window)
        self.window = window
        self.box = box
        self.results = QListWidget(window)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(_("Resultados de la búsqueda"))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setMaximumHeight(320)
        self.results.hide()
        self.results.itemActivated.connect(self.open_item)
        self.results.itemClicked.connect(self.open_item)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        box.textChanged.connect(lambda _text: self.timer.start())
        box.returnPressed.connect(self.open_first)
        self.serial = 0
        # Hits stay on the Python side, found by row: PySide6 6.12 crashes (none_dealloc)
        # when items that were given setData() values are cleared.
        self.hits: list[SearchHit] = []

    def run(self) -> None:
        query = self.box.text().strip()
        self.serial += 1
        serial = self.serial
        if not query:
            self.results.clear()
            self.hits = []
            self.results.hide()
            return
        db = self.window.db
        self.window.runner.run(
            lambda: _search(db, query), lambda hits: self.show_hits(serial, hits)
        )

    def show_hits(self, serial: int, hits: list[SearchHit]) -> None:
        if serial != self.serial:
            return  # a newer query is on its way
        self.results.clear()
        self.hits = list(hits)
        if not hits:
            empty = QListWidgetItem(_("Sin resultados"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(empty)
        for hit in self.hits:
            head = " · ".join(p for p in (hit.kind_label, hit.context) if p)
            body = ": ".join(p for p in (hit.title, hit.snippet) if p)
            item = QListWidgetItem(f"{head}\n{body}")
            item.setToolTip(f"{head}\n{hit.snippet}")
            self.results.addItem(item)
        self.results.show()

    def open_first(self) -> None:
        if self.results.isVisible() and self.results.count():
            self.open_item(self.results.item(0))

    def open_item(self, item: QListWidgetItem) -> None:
        number = self.results.row(item)
        if not 0 <= number < len(self.hits):
            return
        hit = self.hits[number]
        from ui.search_hits import open_hit

        self.window.wait_for_core()
        open_hit(self.window, hit, self.box.text())
