"""The main window on an empty database: welcome panel, entity profile, demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from mipg_desktop.entity_profile import get_document_control, get_entity, get_logo
from mipg_desktop.storage.database import Database
from ui.app_settings import AppSettings
from ui.entity_editor import EntityEditor
from ui.main_window import MainWindow
from ui.navigation import ROOT_MIPG

pytestmark = pytest.mark.qt
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def window(qtbot, db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.is_ready, timeout=30_000)
    yield win
    win.flush()
    win.runner.wait_idle()


def test_empty_database_opens_on_welcome_panel(window: MainWindow) -> None:
    assert window.editors.currentWidget() is window.welcome
    assert window.welcome.entity_button.isEnabled()
    assert not window.welcome.committee_button.isEnabled()  # the entity comes first
    mipg = window.tree_model.find(ROOT_MIPG, None)
    assert window.tree.isExpanded(mipg)
    assert window.tree_model.rowCount(mipg) == 7
    assert window.windowTitle().endswith("MIPG Desktop")


def test_menus_have_shortcuts_and_accessible_names(window: MainWindow) -> None:
    shortcuts = {
        a.text(): a.shortcut().toString()
        for a in window.findChildren(type(window.menuBar().actions()[0]))
    }
    assert shortcuts.get("&Buscar") == "Ctrl+F"
    assert shortcuts.get("&Abrir base de datos…") == "Ctrl+O"
    assert window.tree.accessibleName()
    assert window.search_box.accessibleName() == "Buscar"


def test_entity_profile_saved_through_the_editor(
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.welcome.entity_button.click()
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    editor.entity_inputs["name"].setText("Alcaldía de Santa Bárbara")
    editor.entity_inputs["nit"].setText("890.980.331-1")
    editor.entity_inputs["city"].setText("Santa Bárbara")
    editor.save_entity_button.click()
    qtbot.waitUntil(lambda: get_entity(db) is not None, timeout=20_000)
    entity = get_entity(db)
    assert entity is not None and entity.name == "Alcaldía de Santa Bárbara"
    assert entity.nit == "890.980.331-1"
    editor.tabs.setCurrentIndex(1)
    editor.control_inputs["code"].setText("GD-F-012")
    editor.control_inputs["version"].setText("3")
    editor.uncontrolled.setChecked(True)
    editor.save_control_button.click()
    qtbot.waitUntil(lambda: get_document_control(db).code == "GD-F-012", timeout=20_000)
    assert get_document_control(db).show_uncontrolled_copy
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    editor.load_logo_file(logo)
    qtbot.waitUntil(lambda: get_logo(db) is not None, timeout=20_000)
    qtbot.waitUntil(lambda: window.welcome.demo_button.isEnabled() is False, timeout=20_000)


def test_invalid_entity_shows_spanish_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    window.open_entity_editor()
    editor = window.findChild(EntityEditor)
    assert editor is not None
    editor.entity_inputs["name"].setText("")
    editor.save_entity_button.click()

    def box() -> QMessageBox | None:
        return window.findChild(QMessageBox, "userErrorBox")

    qtbot.waitUntil(lambda: box() is not None, timeout=20_000)
    found = box()
    assert found is not None and "obligatorio" in found.text()
    found.close()


def test_demo_data_loads_in_background(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    window.welcome.demo_button.click()
    assert window.runner.busy
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
    qtbot.waitUntil(lambda: get_entity(db) is not None, timeout=20_000)
    assert "demostración" in window.statusBar().currentMessage() or get_entity(db)


def test_demo_database_opens_lazily(qtbot, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mipg_desktop.demo import run_demo
    from ui.navigation import ROOT_COMMITTEES

    run_demo(db, years=2)
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.is_ready, timeout=30_000)
    assert win.editors.currentWidget() is not win.welcome  # data: no welcome panel
    committees = win.tree_model.find(ROOT_COMMITTEES, None)
    assert win.tree_model.hasChildren(committees) and win.tree_model.rowCount(committees) == 0
    assert win.tree_model.fetch_count == 1  # only the MIPG branch, opened at start
    win.tree.expand(committees)
    qtbot.waitUntil(lambda: win.tree_model.rowCount(committees) > 0, timeout=20_000)
    win.runner.wait_idle()


def test_colombian_formats() -> None:
    from datetime import date, time

    from ui.formats import long_date, percent, short_date, short_time

    assert long_date(date(2026, 11, 21)) == "21 de noviembre de 2026"
    assert short_date(date(2026, 3, 5)) == "05/03/2026"
    assert percent(0.375) == "37,5%"
    assert short_time(time(14, 30)).startswith("2:30")


@pytest.mark.sqlite_only
def test_backup_from_the_file_menu(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from PySide6.QtWidgets import QFileDialog

    from ui.menus import backup

    target = tmp_path / "copia.sqlite"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    backup(window)
    qtbot.waitUntil(target.exists, timeout=30_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    assert "Copia de seguridad guardada" in window.statusBar().currentMessage()
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM policies").fetchone()[0] == 19
    conn.close()
