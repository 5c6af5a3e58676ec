"""The main window: wires actions and panes, delegates every operation to the core."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTreeView

from mipg_desktop.catalog import get_catalog
from mipg_desktop.i18n import _
from mipg_desktop.storage.database import Database


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(_("MIPG Desktop"))
        self.catalog_model = QStandardItemModel(self)
        self.catalog_model.setHorizontalHeaderLabels([_("Modelo MIPG")])
        catalog = get_catalog(db)
        for dimension in catalog.dimensions:
            item = QStandardItem(f"{dimension.code} · {dimension.name}")
            item.setEditable(False)
            for policy in dimension.policies:
                child = QStandardItem(policy.name)
                child.setEditable(False)
                item.appendRow(child)
            self.catalog_model.appendRow(item)
        self.catalog_tree = QTreeView(self)
        self.catalog_tree.setModel(self.catalog_model)
        self.catalog_tree.setAccessibleName(_("Árbol del modelo MIPG"))
        splitter = QSplitter(self)
        splitter.addWidget(self.catalog_tree)
        splitter.addWidget(QLabel(_("Seleccione un elemento del árbol."), self))
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(db.engine.url.render_as_string(hide_password=True))
