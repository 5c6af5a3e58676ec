"""The main window on an empty database, used with the mouse and the keyboard: welcome panel,
entity profile saved field by field, menus and their shortcuts, demo data, backups."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from ui_support import (
    TIMEOUT,
    answer_next,
    click,
    dialog,
    idle,
    in_dialog_later,
    keys,
    leave,
    menu_action,
    replace_text,
    tick,
)

from mipg_desktop.entity_profile import get_document_control, get_entity, get_logo
from mipg_desktop.storage.database import Database
from ui import database_switch, file_dialogs
from ui.committee_dialogs import CommitteeDialog
from ui.entity_editor import EntityEditor
from ui.main_window import MainWindow
from ui.navigation import ROOT_MIPG
from ui.user_dialog import UserDialog

pytestmark = pytest.mark.qt
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_empty_database_opens_on_welcome_panel(window: MainWindow) -> None:
    assert window.editors.currentWidget() is window.welcome
    assert window.welcome.entity_button.isEnabled()
    assert not window.welcome.committee_button.isEnabled()  # the entity comes first
    mipg = window.tree_model.find(ROOT_MIPG, None)
    assert window.tree.isExpanded(mipg)
    assert window.tree_model.rowCount(mipg) == 7
    assert window.windowTitle().endswith("MIPG Desktop")
    assert window.save_label.text() == "Todo guardado"
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Deshacer"


def test_entity_profile_saved_field_by_field(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    click(qtbot, window.welcome.entity_button)
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    replace_text(qtbot, editor.entity_inputs["name"], "Alcaldía de Santa Bárbara")
    leave(qtbot, editor.entity_inputs["name"])
    idle(qtbot, window)
    replace_text(qtbot, editor.entity_inputs["nit"], "890.980.331-1")
    leave(qtbot, editor.entity_inputs["nit"])
    idle(qtbot, window)
    entity = get_entity(db)
    assert entity is not None and (entity.name, entity.nit) == (
        "Alcaldía de Santa Bárbara",
        "890.980.331-1",
    )
    assert window.save_label.text().startswith("Todo guardado · última vez a las")

    # the document-control tab: a typed date (31/01 is the 31st), a tick, each saved as left
    editor.tabs.setCurrentIndex(1)
    replace_text(qtbot, editor.control_inputs["code"], "GD-F-012")
    leave(qtbot, editor.control_inputs["code"])
    replace_text(qtbot, editor.valid_from.line, "31/01/2027")
    leave(qtbot, editor.valid_from.line)
    tick(qtbot, editor.uncontrolled)
    idle(qtbot, window)
    control = get_document_control(db)
    assert (control.code, control.valid_from, control.show_uncontrolled_copy) == (
        "GD-F-012",
        date(2027, 1, 31),
        True,
    )

    # a date that does not exist stays in its field with the reason beside it
    replace_text(qtbot, editor.valid_from.line, "31/02/2027")
    leave(qtbot, editor.valid_from.line)
    error = editor.control.fields["valid_from"].error
    assert error.isVisible() and "no existe" in error.text()
    assert editor.valid_from.line.text() == "31/02/2027"
    assert window.save_label.text().startswith("Sin guardar: Control documental")
    replace_text(qtbot, editor.valid_from.line, "01/02/2027")
    leave(qtbot, editor.valid_from.line)
    idle(qtbot, window)
    assert not error.isVisible() and get_document_control(db).valid_from == date(2027, 2, 1)

    # the logo, from its button
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(logo), ""))
    )
    editor.tabs.setCurrentIndex(0)
    click(qtbot, editor.findChild(QPushButton, "chooseLogo"))
    qtbot.waitUntil(lambda: get_logo(db) is not None, timeout=TIMEOUT)
    idle(qtbot, window)


def test_the_welcome_panel_leads_to_the_committee_once_the_entity_exists(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, monkeypatch
) -> None:

    from mipg_desktop.entity_profile import save_entity
    from mipg_desktop.planning.plans import list_plans

    save_entity(db, expected_version=None, name="Alcaldía de Pasto")
    window.refresh()
    idle(qtbot, window)
    assert window.editors.currentWidget() is window.welcome
    asked: list[str] = []

    def cancelled(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[1]))
        return "", ""

    monkeypatch.setattr(file_dialogs, "get_open_file_name", staticmethod(cancelled))
    click(qtbot, window.welcome.plan_button)  # the file dialog, then «Cancelar»
    idle(qtbot, window)
    assert asked and "plan" in asked[0].lower()
    assert list_plans(db) == [] and window.editors.currentWidget() is window.welcome
    click(qtbot, window.welcome.committee_button)
    new = dialog(qtbot, CommitteeDialog)
    assert new.name.text() == "Comité Institucional de Gestión y Desempeño"
    click(qtbot, new.buttons.button(new.buttons.StandardButton.Cancel))


def test_an_empty_entity_name_is_refused_beside_the_field(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.welcome.entity_button)
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    replace_text(qtbot, editor.entity_inputs["city"], "Pasto")
    leave(qtbot, editor.entity_inputs["city"])
    idle(qtbot, window)
    error = editor.profile.fields["city"].error
    assert error.isVisible() and "obligatorio" in error.text()
    assert editor.entity_inputs["city"].text() == "Pasto"  # kept


def test_the_calendar_opens_on_today_and_a_day_picked_is_saved(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database
) -> None:
    from mipg_desktop.entity_profile import save_entity

    save_entity(db, expected_version=None, name="Alcaldía de Pasto")
    keys(qtbot, window, "Ctrl+Shift+E")
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    editor.tabs.setCurrentIndex(1)
    idle(qtbot, window)
    field = editor.valid_from
    shown: list[date] = []

    def pick() -> None:  # the calendar is open (the menu waits): Enter on the day shown
        if not field.menu.isVisible():
            QTimer.singleShot(20, pick)
            return
        shown.append(field.calendar.selectedDate().toPython())
        days = field.calendar.findChild(QAbstractItemView)
        qtbot.keyClick(days, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    click(qtbot, field.button)
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    idle(qtbot, window)
    assert shown == [date.today()]
    assert get_document_control(db).valid_from == date.today()


def test_demo_data_from_the_welcome_button(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.welcome.demo_button)
    assert window.runner.busy
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
    qtbot.waitUntil(lambda: get_entity(db) is not None, timeout=TIMEOUT)
    assert "demostración" in window.statusBar().currentMessage()


def test_menus_and_their_shortcuts(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    # Ctrl+F goes to the search box
    keys(qtbot, window, "Ctrl+F")
    assert QApplication.focusWidget() is window.search_box
    # «Acerca de» (F1)
    in_dialog_later(QMessageBox, lambda box: box.accept())
    keys(qtbot, window, "F1")
    # «Abrir base de datos…» opens the chosen file in this window (ui.database_switch)
    opened: list[str] = []
    monkeypatch.setattr(
        file_dialogs,
        "get_open_file_name",
        staticmethod(lambda *a, **k: (str(tmp_path / "otra.sqlite"), "")),
    )
    monkeypatch.setattr(
        database_switch, "open_here", lambda _window, target, create=False: opened.append(target)
    )
    keys(qtbot, window, "Ctrl+O")
    assert opened and opened[-1].endswith("otra.sqlite")
    # «Guardar ahora» (Ctrl+S) with nothing pending says so
    keys(qtbot, window, "Ctrl+S")
    assert window.statusBar().currentMessage().startswith("Guardado a las ")
    # «Nuevo comité…» (Ctrl+Shift+N), cancelled; «Importar plan» with no file chosen
    keys(qtbot, window, "Ctrl+Shift+N")
    new = dialog(qtbot, CommitteeDialog)
    click(qtbot, new.buttons.button(new.buttons.StandardButton.Cancel))
    monkeypatch.setattr(file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: ("", "")))
    menu_action(qtbot, window, "Planes", "Importar plan (hoja de cálculo)")
    # «Cargar datos de demostración» from its menu
    menu_action(qtbot, window, "Comité", "Cargar datos de demostración")
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)


def test_the_program_user_is_asked_and_named(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    from mipg_desktop.user_profile import read_profile

    monkeypatch.setenv("MIPG_CONFIG_DIR", str(tmp_path / "config"))
    menu_action(qtbot, window, "Archivo", "Usuario del programa")
    later = dialog(qtbot, UserDialog)
    click(qtbot, next(b for b in later.findChildren(QPushButton) if b.text() == "&Ahora no"))
    assert read_profile() is None
    menu_action(qtbot, window, "Archivo", "Usuario del programa")
    asked = dialog(qtbot, UserDialog)
    name, position = asked.findChildren(QLineEdit)[:2]
    click(qtbot, asked.findChild(QPushButton, "saveUserName"))
    assert asked.isVisible() and "Escriba su nombre" in asked.error.text()  # empty refused
    replace_text(qtbot, name, "Carlos Andrés Peña")
    replace_text(qtbot, position, "Jefe de Planeación")
    click(qtbot, asked.findChild(QPushButton, "saveUserName"))
    qtbot.waitUntil(lambda: not asked.isVisible(), timeout=TIMEOUT)
    profile = read_profile()
    assert profile is not None and profile.name == "Carlos Andrés Peña"
    assert db.user_name == "Carlos Andrés Peña"


def test_quitting_with_a_refused_value_asks_first(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Q with an unsaved, refused change: the window asks; «Volver» keeps everything."""
    click(qtbot, window.welcome.entity_button)
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    replace_text(qtbot, editor.entity_inputs["nit"], "900.123.456-7")  # no name yet: refused
    leave(qtbot, editor.entity_inputs["nit"])
    idle(qtbot, window)
    seen: list[str] = []
    answer_next("discardBox", "backToWindow", lambda box: seen.append(box.informativeText()))
    keys(qtbot, window, "Ctrl+Q")
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert window.isVisible() and "Perfil de la entidad" in seen[0]
    assert editor.entity_inputs["nit"].text() == "900.123.456-7"


@pytest.mark.sqlite_only
def test_backup_from_the_file_menu(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    import sqlite3

    target = tmp_path / "copia.sqlite"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(target), ""))
    )
    keys(qtbot, window, "Ctrl+Shift+B")
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    idle(qtbot, window)
    assert "Copia de seguridad guardada" in window.statusBar().currentMessage()
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM policies").fetchone()[0] == 19
    conn.close()


def test_colombian_formats() -> None:
    from datetime import time

    from ui.formats import long_date, percent, short_date, short_time

    assert long_date(date(2026, 11, 21)) == "21 de noviembre de 2026"
    assert short_date(date(2026, 3, 5)) == "05/03/2026"
    assert percent(0.375) == "37,5%"
    assert short_time(time(14, 30)).startswith("2:30")


def test_typed_dates_and_times() -> None:
    from ui.fields import parse_date, parse_time

    assert parse_date("31/01/2027") == date(2027, 1, 31)
    assert parse_date("5-3-26") == date(2026, 3, 5)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="no existe"):
        parse_date("31/11/2026")
    with pytest.raises(ValueError, match="dd/mm/aaaa"):
        parse_date("mañana")
    from datetime import time

    assert parse_time("9:30") == time(9, 30)
    assert parse_time("2:15 p. m.") == time(14, 15)
    assert parse_time("12 am") == time(0, 0)
    assert parse_time("") is None
    with pytest.raises(ValueError):
        parse_time("25:00")
