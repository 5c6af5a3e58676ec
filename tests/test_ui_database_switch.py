"""«Abrir base de datos» and «Nueva base de datos» replace the database in the same window,
after saving what was typed; the old file's lock is released, the new one's taken."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd
from ui_support import TIMEOUT, close_errors, idle, keys, menu_action, replace_text, user_errors

from mipg_desktop.committees import views
from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.storage.database import Database, open_database
from ui import file_dialogs, places
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor
from ui.single_instance import DatabaseLock
from ui.welcome import WelcomePanel

pytestmark = pytest.mark.qt


def other_database(folder: Path) -> Path:
    path = folder / "otra entidad.sqlite"
    other = open_database(path)
    save_entity(other, expected_version=None, name="Gobernación de Boyacá")
    other.close()
    return path


def choose(monkeypatch: pytest.MonkeyPatch, kind: str, path: Path) -> None:
    monkeypatch.setattr(file_dialogs, kind, staticmethod(lambda *a, **k: (str(path), "")))


def main_windows() -> list[Any]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_open_replaces_the_database_in_this_window_after_saving(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    first = db.path
    assert first is not None
    lock = DatabaseLock(db.url)
    assert lock.acquire()
    window.lock = lock  # as the program holds it
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    window.refresh()
    idle(qtbot, window)
    editor = places.open_session(window, cigd.committee_id, 2026, sid, places.TAB_DETAILS)
    assert isinstance(editor, SessionEditor)
    idle(qtbot, window)
    replace_text(qtbot, editor.details.platform, "https://meet.example.gov.co/cigd")  # not left
    path = other_database(tmp_path)
    choose(monkeypatch, "get_open_file_name", path)
    windows = len(main_windows())
    keys(qtbot, window.tree, "Ctrl+O")
    idle(qtbot, window)
    assert window.db.path == path
    assert len(main_windows()) == windows  # no second window
    assert "otra entidad.sqlite" in window.windowTitle()
    assert window.db_label.text() == str(path)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), WelcomePanel), timeout=TIMEOUT
    )  # no committee there yet: the first steps
    entity = get_entity(window.db)
    assert entity is not None and entity.name == "Gobernación de Boyacá"
    # what was typed went to the first file, whose lock is free now
    assert not lock._lock.isLocked()
    again = DatabaseLock(f"sqlite:///{first}")
    assert again.acquire()
    again.release()
    taken = DatabaseLock(window.db.url)
    assert not taken.acquire()  # the window holds the new one
    before = open_database(first)
    try:
        assert views.get_session_detail(before, sid).platform == "https://meet.example.gov.co/cigd"
    finally:
        before.close()
    assert window.settings.recent_databases()[0] == str(path)
    # the same file again: nothing changes, it says so
    keys(qtbot, window.tree, "Ctrl+O")
    assert "ya está abierta en esta ventana" in window.statusBar().currentMessage()
    # a file that is not there is refused; the window stays
    choose(monkeypatch, "get_open_file_name", tmp_path / "no existe.sqlite")
    keys(qtbot, window.tree, "Ctrl+O")
    qtbot.waitUntil(lambda: bool(user_errors(window)), timeout=TIMEOUT)
    assert "No se encontró el archivo" in user_errors(window)[0]
    close_errors(window)
    assert window.db.path == path


def test_a_new_database_is_created_and_opened_in_this_window(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    save_entity(db, expected_version=None, name="Alcaldía de Tunja")
    choose(monkeypatch, "get_save_file_name", tmp_path / "nueva")
    menu_action(qtbot, window, "Archivo", "Nueva base de datos")
    idle(qtbot, window)
    created = tmp_path / "nueva.sqlite"
    assert created.exists() and window.db.path == created
    assert get_entity(window.db) is None  # empty, migrated
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), WelcomePanel), timeout=TIMEOUT
    )
    # an existing file is never overwritten
    choose(monkeypatch, "get_save_file_name", db.path)
    menu_action(qtbot, window, "Archivo", "Nueva base de datos")
    qtbot.waitUntil(lambda: bool(user_errors(window)), timeout=TIMEOUT)
    assert "Ya existe el archivo" in user_errors(window)[0]
    close_errors(window)
    assert window.db.path == created
    entity = get_entity(db)
    assert entity is not None and entity.name == "Alcaldía de Tunja"
