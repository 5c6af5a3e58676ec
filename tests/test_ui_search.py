"""The search box: results as you type, without accents, opening the session they belong to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from mipg_desktop.committees.agenda import add_agenda_item
from mipg_desktop.committees.committees import create_committee
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.entity_profile import save_entity
from mipg_desktop.storage.database import Database
from ui.app_settings import AppSettings
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt


@pytest.fixture
def window(qtbot, db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    save_entity(db, expected_version=None, name="Alcaldía de Tunja")
    committee = create_committee(
        db, "Comité Institucional de Gestión y Desempeño", short_name="CIGD"
    )
    session = create_session(db, committee.id, date(2026, 3, 12))
    item = add_agenda_item(db, session.id, "Política de Gestión Documental")
    save_deliberation(db, item.id, "Se aprobó la actualización de las tablas de retención.")
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.is_ready, timeout=30_000)
    win.session_id = session.id  # type: ignore[attr-defined]
    yield win
    win.flush()
    win.runner.wait_idle()


def test_typing_finds_minutes_and_opens_their_session(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    results = window.search_panel.results
    assert not results.isVisible()
    window.search_box.setFocus()
    QTest.keyClicks(window.search_box, "retencion")
    qtbot.waitUntil(lambda: results.isVisible() and results.count() == 1, timeout=10_000)
    item = results.item(0)
    assert "Punto del orden del día · Acta No. 01 de 2026 · CIGD" in item.text()
    assert "retención" in item.text()
    QTest.keyClick(window.search_box, Qt.Key.Key_Return)
    current = window.tree_model.row_at(window.tree.currentIndex())
    assert current is not None and (current.kind, current.key) == ("session", window.session_id)  # type: ignore[attr-defined]


def test_no_match_says_so_and_clearing_hides_results(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    results = window.search_panel.results
    window.search_box.setText("palabrainexistente")
    qtbot.waitUntil(lambda: results.isVisible() and results.count() == 1, timeout=10_000)
    assert results.item(0).text() == "Sin resultados"
    window.search_box.clear()
    qtbot.waitUntil(lambda: not results.isVisible(), timeout=10_000)
