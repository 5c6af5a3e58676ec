"""Item models of the window, tested without any widget."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, Qt

from mipg_desktop.storage.database import Database
from ui.models.table import ROW_ROLE, Column, RowTableModel
from ui.models.tree import KIND_ROLE, LazyTreeModel, TreeRow
from ui.navigation import ROOT_MIPG, Navigator

pytestmark = pytest.mark.qt


def _years(row: TreeRow) -> list[TreeRow]:
    return [TreeRow("year", (row.key, y), str(y), has_children=True) for y in (2025, 2026)]


def _sessions(row: TreeRow) -> list[TreeRow]:
    committee, year = row.key
    return [TreeRow("session", (committee, year, n), f"Acta No. {n:02d} de {year}") for n in (1, 2)]


def test_tree_fetches_children_only_when_asked(qapp: object) -> None:
    model = LazyTreeModel({"committee": _years, "year": _sessions})
    model.set_rows([TreeRow("committee", 7, "CIGD", has_children=True)])
    root = model.index(0, 0)
    assert model.data(root) == "CIGD"
    assert model.data(root, KIND_ROLE) == "committee"
    assert model.hasChildren(root)
    assert model.rowCount(root) == 0
    assert model.fetch_count == 0
    assert model.canFetchMore(root)
    model.fetchMore(root)
    assert model.rowCount(root) == 2
    assert not model.canFetchMore(root)
    year = model.index(1, 0, root)
    assert model.data(year) == "2026"
    assert model.parent(year) == root
    model.fetchMore(year)
    session = model.index(1, 0, year)
    assert model.data(session) == "Acta No. 02 de 2026"
    assert model.parent(session).row() == 1
    assert model.fetch_count == 2
    assert model.find("session", (7, 2026, 2)) == session


def test_tree_reload_fetches_again(qapp: object) -> None:
    calls: list[int] = []

    def loader(row: TreeRow) -> list[TreeRow]:
        calls.append(1)
        return [TreeRow("leaf", len(calls), f"hoja {len(calls)}")]

    model = LazyTreeModel({"root": loader})
    model.set_rows([TreeRow("root", None, "raíz", has_children=True)])
    root = model.index(0, 0)
    model.fetchMore(root)
    assert model.data(model.index(0, 0, root)) == "hoja 1"
    model.reload(root)
    assert model.rowCount(root) == 1
    assert model.data(model.index(0, 0, root)) == "hoja 2"


def test_tree_node_without_loader_cannot_fetch(qapp: object) -> None:
    model = LazyTreeModel({})
    model.set_rows([TreeRow("unknown", 1, "x", has_children=True)])
    assert not model.canFetchMore(model.index(0, 0))
    assert model.index(5, 0) == QModelIndex()


def test_catalog_tree_lazy_over_database(qapp: object, db: Database) -> None:
    navigator = Navigator(db)
    model = LazyTreeModel(navigator.loaders())
    model.set_rows(navigator.top_level())
    mipg = model.find(ROOT_MIPG, None)
    assert mipg.isValid()
    assert model.rowCount(mipg) == 0
    model.fetchMore(mipg)
    assert model.rowCount(mipg) == 7
    d3 = model.index(2, 0, mipg)
    assert model.data(d3).startswith("D3 · Gestión con Valores")
    model.fetchMore(d3)
    names = [model.data(model.index(r, 0, d3)) for r in range(model.rowCount(d3))]
    assert "Gobierno Digital" in names and "Mejora Normativa" in names


@dataclass(frozen=True)
class _Commitment:
    number: int
    text: str
    owner: str


def test_table_model_set_rows(qapp: object) -> None:
    columns = [
        Column[_Commitment]("No.", lambda r: str(r.number), sort_key=lambda r: r.number),
        Column[_Commitment]("Compromiso", lambda r: r.text),
        Column[_Commitment]("Responsable", lambda r: r.owner),
    ]
    model = RowTableModel(columns)
    assert model.rowCount() == 0
    rows = [_Commitment(1, "Publicar el plan", "Planeación"), _Commitment(2, "Año", "Ñandú")]
    model.set_rows(rows)
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Compromiso"
    assert model.data(model.index(1, 2)) == "Ñandú"
    assert model.data(model.index(0, 0), ROW_ROLE) is rows[0]
    assert model.row(1) is rows[1]
    assert model.data(model.index(9, 0)) is None


def test_minutes_preview_escapes_user_text(qapp: object) -> None:
    """The minutes are shown from the markup, block by block: HTML typed is text."""
    from PySide6.QtGui import QTextDocument

    from ui.rich_document import document_markup, fill_document

    doc = QTextDocument()
    fill_document(doc, "A **<b>x</b>** & *y*\n\n- uno")
    assert doc.toPlainText().startswith("A <b>x</b> & y")
    assert doc.findBlockByNumber(1).textList() is not None
    assert document_markup(doc) == "A **<b>x</b>** & *y*\n\n- uno"
