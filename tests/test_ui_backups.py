"""Automatic copies from the window (on close, after work), the «Copias de seguridad»
dialog (list and restore, by clicking) and a damaged database found on open."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from damage_support import corrupt_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from shiboken6 import isValid
from ui_support import (
    TIMEOUT,
    activate,
    answer_next,
    click,
    close_window,
    dialog,
    idle,
    keys,
    leave,
    menu_action,
    open_window,
    replace_text,
    row_center,
)

from mipg_desktop.entity_profile import get_entity, save_entity
from mipg_desktop.storage.backup_rotation import (
    backup_folder,
    list_backups,
    make_automatic_backup,
    quick_check,
)
from mipg_desktop.storage.database import Database, open_database
from ui.backups_dialog import BackupsDialog
from ui.entity_editor import EntityEditor
from ui.main_window import MainWindow

pytestmark = [pytest.mark.qt, pytest.mark.sqlite_only]


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "copias"
    monkeypatch.setenv("MIPG_BACKUP_DIR", str(root))
    monkeypatch.setenv("MIPG_AUTO_BACKUP", "1")
    return root


def _type_entity_name(qtbot: Any, window: MainWindow, name: str) -> None:
    click(qtbot, window.welcome.entity_button)
    editor = window.editors.currentWidget()
    assert isinstance(editor, EntityEditor)
    replace_text(qtbot, editor.entity_inputs["name"], name)
    leave(qtbot, editor.entity_inputs["name"])
    idle(qtbot, window)


def _entity_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM entities")]
    finally:
        conn.close()


def test_closing_the_window_makes_todays_copy(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, copies: Path
) -> None:
    assert db.path is not None
    _type_entity_name(qtbot, window, "Alcaldía de Jericó")
    started = time.perf_counter()
    keys(qtbot, window, "Ctrl+Q")
    gone = time.perf_counter() - started
    assert not window.isVisible()
    assert gone < 2.0, gone  # the window goes at once; the copy runs behind
    idle(qtbot, window)
    made = list_backups(backup_folder(db.path))
    assert len(made) == 1 and made[0].path.name.endswith(".sqlite")
    assert f"{datetime.now():%Y-%m-%d}" in made[0].path.name
    assert quick_check(made[0].path) == [] and _entity_in(made[0].path) == ["Alcaldía de Jericó"]
    result = window.auto_backups.last_result
    assert result is not None and result.seconds < 5


def test_a_copy_after_a_while_without_work(  # type: ignore[no-untyped-def]
    qtbot, db: Database, tmp_path: Path, copies: Path, monkeypatch
) -> None:
    monkeypatch.setattr("ui.auto_backup.IDLE_MS", 300)
    window = open_window(qtbot, db, tmp_path)
    try:
        assert db.path is not None
        folder = backup_folder(db.path)
        _type_entity_name(qtbot, window, "Gobernación de Antioquia")
        qtbot.waitUntil(lambda: bool(list_backups(folder)), timeout=TIMEOUT)
        assert window.isVisible()
        idle(qtbot, window)
        assert "Copia automática guardada" in window.statusBar().currentMessage()
        # the same day, nothing more, however long the window stays idle
        qtbot.wait(800)
        assert len(list_backups(folder)) == 1
    finally:
        close_window(window)


def _two_copies(db: Database) -> tuple[Path, Path]:
    yesterday = make_automatic_backup(db.url, now=datetime.now() - timedelta(days=1))
    save_entity(db, expected_version=None, name="Alcaldía de Urrao", city="Urrao")
    today = make_automatic_backup(db.url)
    assert yesterday.path is not None and today.path is not None
    return yesterday.path, today.path


def test_the_dialog_lists_the_copies_and_restores_one(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, copies: Path
) -> None:
    older, newer = _two_copies(db)
    window.refresh()
    idle(qtbot, window)
    menu_action(qtbot, window, "Archivo", "Copias de seguridad automáticas")
    shown = dialog(qtbot, BackupsDialog)
    qtbot.waitUntil(lambda: shown.table.rowCount() == 2, timeout=TIMEOUT)
    assert str(newer.parent) in shown.where.text()
    first = [shown.table.item(0, c).text() for c in range(3)]
    assert first[0] == datetime.now().strftime("%d/%m/%Y") + first[0][10:]
    assert "kB" in first[1] or "MB" in first[1]
    assert "sesiones" in first[2] or "sesión" in first[2]
    assert not shown.restore_button.isEnabled()  # nothing chosen yet
    table = shown.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row_center(table, 1, 0))
    assert shown.chosen() is not None and shown.chosen().path == older
    # asked first: «Cancelar» changes nothing
    answer_next("confirmRestoreBox", "cancelRestore")
    click(qtbot, shown.restore_button)
    assert get_entity(db) is not None and shown.isVisible()
    seen: list[str] = []
    answer_next("confirmRestoreBox", "confirmRestore", lambda box: seen.append(box.text()))
    click(qtbot, shown.restore_button)
    qtbot.waitUntil(lambda: not isValid(shown) or not shown.isVisible(), timeout=TIMEOUT)
    idle(qtbot, window)
    assert "¿Restaurar la copia del" in seen[0]
    assert get_entity(db) is None  # the older copy had no entity yet
    assert window.editors.currentWidget() is window.welcome  # read again
    assert "Se restauró la copia del" in window.statusBar().currentMessage()
    assert db.path is not None
    kept = [p for p in db.path.parent.iterdir() if "antes-de-restaurar" in p.name]
    assert kept and _entity_in(kept[0]) == ["Alcaldía de Urrao"]
    # the dialog again, closed with its button
    menu_action(qtbot, window, "Archivo", "Copias de seguridad automáticas")
    again = dialog(qtbot, BackupsDialog)
    qtbot.waitUntil(lambda: again.table.rowCount() == 2, timeout=TIMEOUT)
    click(qtbot, again.close_button)
    qtbot.waitUntil(lambda: not isValid(again), timeout=TIMEOUT)  # closed and gone


def _damage_box(qtbot: Any) -> QMessageBox:
    return dialog(qtbot, QMessageBox, "damageBox")  # type: ignore[no-any-return]


def test_damage_found_on_open_offers_the_latest_good_copy(  # type: ignore[no-untyped-def]
    qtbot, db_url: str, tmp_path: Path, copies: Path
) -> None:
    with open_database(db_url) as first:
        save_entity(first, expected_version=None, name="Alcaldía de Betania", city="Betania")
        good = make_automatic_backup(first.url, now=datetime.now() - timedelta(days=1))
    assert good.path is not None
    path = Path(db_url.removeprefix("sqlite:///"))
    corrupt_page(path)
    db = open_database(db_url, read_damaged=True)  # as the program opens it: only to read
    window = open_window(qtbot, db, tmp_path)
    try:
        box = _damage_box(qtbot)
        assert "está dañada" in box.text()
        assert "más reciente en buen estado" in box.informativeText()
        assert "Alcaldía" not in box.informativeText()  # what it holds: sessions, not data
        assert "solo lectura" in window.windowTitle()
        restore = box.findChild(QPushButton, "restoreLatestGood")
        assert restore is not None and "Restaurar la copia del" in restore.text()
        click(qtbot, restore)
        qtbot.waitUntil(
            lambda: "Se restauró" in window.statusBar().currentMessage(), timeout=TIMEOUT
        )
        idle(qtbot, window)
        assert quick_check(path) == []
        assert "solo lectura" not in window.windowTitle()
        assert get_entity(db) is not None and get_entity(db).name == "Alcaldía de Betania"
    finally:
        close_window(window)
        db.close()


def test_a_damaged_database_opened_read_only_is_never_written(  # type: ignore[no-untyped-def]
    qtbot, db_url: str, tmp_path: Path, copies: Path
) -> None:
    from sqlalchemy import text

    from mipg_desktop.errors import MipgError

    path = Path(db_url.removeprefix("sqlite:///"))
    corrupt_page(path)
    before = path.read_bytes()
    db = open_database(db_url, read_damaged=True)
    window = open_window(qtbot, db, tmp_path)
    try:
        box = _damage_box(qtbot)
        assert "No hay copias automáticas en buen estado" in box.informativeText()
        assert box.findChild(QPushButton, "restoreLatestGood") is None
        click(qtbot, box.findChild(QPushButton, "openReadOnly"))
        idle(qtbot, window)
        assert "Solo lectura" in window.db_label.text()
        with pytest.raises(MipgError, match="solo lectura"), db.transaction() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('x', '1')"))
        # typed in the window: refused with that line, nothing written
        activate(qtbot, window)
        click(qtbot, window.welcome.entity_button)
        editor = window.editors.currentWidget()
        assert isinstance(editor, EntityEditor)
        replace_text(qtbot, editor.entity_inputs["name"], "Alcaldía de Tarso")
        leave(qtbot, editor.entity_inputs["name"])
        idle(qtbot, window)
        assert "solo lectura" in window.save_label.text()
        window.guarded.clear()  # what could not be saved is dropped at close
        keys(qtbot, window, "Ctrl+Q")  # closing makes no copy of a damaged file
        idle(qtbot, window)
        assert list_backups(backup_folder(path)) == []
        assert path.read_bytes() == before
    finally:
        close_window(window)
        db.close()


def test_closing_from_the_damage_message(  # type: ignore[no-untyped-def]
    qtbot, db_url: str, tmp_path: Path, copies: Path
) -> None:
    corrupt_page(Path(db_url.removeprefix("sqlite:///")))
    db = open_database(db_url, read_damaged=True)
    window = open_window(qtbot, db, tmp_path)
    try:
        click(qtbot, _damage_box(qtbot).findChild(QPushButton, "closeDamaged"))
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    finally:
        close_window(window)
        db.close()


def test_after_an_unclean_end_the_whole_file_is_checked(db_url: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from ui.auto_backup import check_on_open
    from ui.single_instance import DatabaseLock

    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; from ui.single_instance import DatabaseLock\n"
            "lock = DatabaseLock(sys.argv[1]); assert lock.acquire()\n"
            "os.kill(os.getpid(), 9)",
            db_url,
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert killed.returncode == -9
    lock = DatabaseLock(db_url)
    assert lock.acquire() and lock.unclean  # the killed program's lock was left behind
    lock.release()
    clean = DatabaseLock(db_url)
    assert clean.acquire() and not clean.unclean
    clean.release()
    path = Path(db_url.removeprefix("sqlite:///"))
    assert check_on_open(path, full=True) is None
    corrupt_page(path)
    damage = check_on_open(path, full=True)
    assert damage is not None and damage.problems and damage.latest_good is None


def test_the_program_opens_a_damaged_file_only_to_read_it(db_url: str) -> None:
    """``mipg-desktop`` on a damaged file: the window opens read-only (to offer a copy), the
    file stays byte for byte; ``mipg`` refuses it in one line."""
    import os
    import subprocess
    import sys

    path = Path(db_url.removeprefix("sqlite:///"))
    corrupt_page(path)
    before = path.read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", str(path), "--exit-when-ready"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert window.returncode == 0, window.stderr
    cli = subprocess.run(
        [sys.executable, "-m", "mipg_desktop", "--db", str(path), "sessions"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert cli.returncode == 1 and "dañada" in cli.stderr
    assert len(cli.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
