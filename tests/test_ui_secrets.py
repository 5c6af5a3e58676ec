"""No password in the settings file, the log, the recent databases or a message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from ui_support import press, tick, type_text

from mipg_desktop.errors import DatabaseRefused
from mipg_desktop.storage.database import open_database

pytestmark = pytest.mark.qt
ROOT = Path(__file__).resolve().parent.parent
SECRET = "secreto"


def _files_text(folder: Path) -> str:
    return "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()
    )


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+psycopg://u:{SECRET}@127.0.0.1:1/x",  # nobody listens there
        f"postgresql+psycopg://u:{SECRET}@127.0.0.1:5x32/x",  # a typo in the port
    ],
)
def test_an_unreachable_server_never_shows_the_password(tmp_path: Path, url: str) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "MIPG_LOG_DIR": str(tmp_path / "log"),
        "MIPG_RUNTIME_DIR": str(tmp_path / "run"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", url, "--exit-when-ready"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert "u:***@127.0.0.1" in done.stderr or "No se pudo conectar" in done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert SECRET not in _files_text(tmp_path)


def _run_main(
    monkeypatch: Any, tmp_path: Path, url: str, opened: Any, person: bool = False
) -> list[Any]:
    """``ui.app.main`` on ``url``, the database behind it being ``opened(url)``;
    ``person``: as a person starts it (dialogs may be asked; the window closes when ready)."""
    import ui.app
    import ui.main_window

    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setenv("MIPG_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setenv("MIPG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setattr("mipg_desktop.storage.database.open_database", opened)
    monkeypatch.setattr(ui.app, "preload_core", lambda: None)
    windows: list[Any] = []

    class Recorded(ui.main_window.MainWindow):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            windows.append(self)
            if person:
                self.ready.connect(lambda: QTimer.singleShot(0, self.close))

    monkeypatch.setattr(ui.main_window, "MainWindow", Recorded)
    flags = [] if person else ["--exit-when-ready"]
    code = ui.app.main(["--db", url, *flags], fast_exit=False)
    assert code == 0
    return windows


def test_a_server_database_is_remembered_and_shown_without_password(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, db_url: str
) -> None:
    url = f"postgresql+psycopg://ana:{SECRET}@db.entidad.gov.co:5432/mipg"
    asked: list[str] = []

    def opened(target: str) -> Any:
        asked.append(target)
        return open_database(db_url)  # stands in for the server

    windows = _run_main(monkeypatch, tmp_path, url, opened)
    assert asked == [url]  # connecting uses the password, in memory
    window = windows[0]
    from ui.error_hook import ErrorHook

    hook = ErrorHook()  # as main installs it: an unexpected error that names the address
    hook.install()
    try:
        hook.handle(RuntimeError, RuntimeError(f"falló {url}"), None)
    finally:
        hook.uninstall()
    assert "falló" in hook.last_message or "inesperado" in hook.last_message
    assert SECRET not in hook.last_message
    settings = _files_text(tmp_path / "cfg")
    assert "ana@db.entidad.gov.co" in settings and SECRET not in settings
    log = _files_text(tmp_path / "log")
    assert "falló" in log and SECRET not in log
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent == ["ana@db.entidad.gov.co/mipg"]
    assert SECRET not in window.windowTitle() + window.db_label.text()
    for box in QApplication.topLevelWidgets():
        if box.objectName() == "unexpectedErrorBox":
            assert SECRET not in box.text() + box.detailedText()  # type: ignore[attr-defined]
            box.close()
    window.runner.wait_idle()
    window.db.close()
    window.deleteLater()
    assert isinstance(window.recent_menu, QMenu)


def test_the_password_is_asked_when_the_server_wants_one(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, db_url: str
) -> None:
    from ui import passwords

    url = "postgresql+psycopg://ana@db.entidad.gov.co:5432/mipg"
    asked: list[str] = []
    kept: list[tuple[str, str]] = []
    monkeypatch.setattr(passwords, "stored_password", lambda target: "")
    monkeypatch.setattr(passwords, "keyring_available", lambda: True)
    monkeypatch.setattr(passwords, "store_password", lambda t, p: kept.append((t, p)) or True)

    def opened(target: str) -> Any:
        asked.append(target)
        if "clave-nueva" not in target:
            try:
                raise OSError("connection failed: fe_sendauth: no password supplied")
            except OSError as cause:
                raise DatabaseRefused("No se pudo conectar con la base de datos") from cause
        return open_database(db_url)

    def answer(dialog: passwords.PasswordDialog) -> None:
        dialog.password.setFocus()
        type_text(dialog.password, "clave-nueva")
        tick(qtbot, dialog.remember)
        press(dialog.connect_button)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, passwords.PasswordDialog) and widget.isVisible():
                answer(widget)
                return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    windows = _run_main(monkeypatch, tmp_path, url, opened, person=True)
    assert asked == [url, "postgresql+psycopg://ana:clave-nueva@db.entidad.gov.co:5432/mipg"]
    assert kept == [(url, "clave-nueva")]  # in the keyring, as asked
    assert "clave-nueva" not in _files_text(tmp_path / "cfg")
    window = windows[0]
    assert window.is_ready and not window.isVisible()
    window.runner.wait_idle()
    window.db.close()
    window.deleteLater()


def test_the_password_dialog_can_be_cancelled(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch
) -> None:
    from ui import passwords

    monkeypatch.setattr(passwords, "keyring_available", lambda: False)

    def cancel() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, passwords.PasswordDialog) and widget.isVisible():
                assert not widget.remember.isEnabled()  # no keyring here: not offered
                press(widget.cancel_button)
                return
        QTimer.singleShot(20, cancel)

    QTimer.singleShot(0, cancel)
    assert passwords.ask_password("postgresql+psycopg://ana@h/x", refused=True) is None


def test_stored_recent_passwords_are_taken_out(tmp_path: Path, qapp: Any) -> None:
    from ui.app_settings import AppSettings

    path = tmp_path / "s.ini"
    old = QSettings(str(path), QSettings.Format.IniFormat)  # what an older version wrote
    old.setValue(
        "recent/databases",
        [f"postgresql+psycopg://u:{SECRET}@h/x", "/a/b.sqlite", "sqlite:////a/b.sqlite"],
    )
    old.sync()
    settings = AppSettings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.recent_databases() == ["postgresql+psycopg://u@h/x", "/a/b.sqlite"]
    settings.add_recent(f"postgresql+psycopg://v:{SECRET}@h/y")
    assert SECRET not in path.read_text(encoding="utf-8")


def test_recent_databases_by_name_and_opened_from_the_menu(  # type: ignore[no-untyped-def]
    qtbot, db: Any, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtCore import Qt
    from ui_support import TIMEOUT, close_window, open_window

    stored = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    stored.setValue(
        "recent/databases",
        ["sqlite:////srv/comites/mipg.sqlite", f"postgresql+psycopg://ana:{SECRET}@srv/mipg"],
    )
    stored.sync()
    from ui import database_switch

    started: list[str] = []  # opened in this window (ui.database_switch)
    monkeypatch.setattr(
        database_switch, "open_here", lambda _window, target, create=False: started.append(target)
    )
    window = open_window(qtbot, db, tmp_path)
    try:
        names = [a.text() for a in window.recent_menu.actions()]
        assert names == ["mipg.sqlite — /srv/comites", "ana@srv/mipg"]
        bar = window.menuBar()
        file_menu = next(a.menu() for a in bar.actions() if a.text().replace("&", "") == "Archivo")
        qtbot.mouseClick(
            bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(file_menu.menuAction()).center()
        )
        qtbot.waitUntil(file_menu.isVisible, timeout=TIMEOUT)
        where = file_menu.actionGeometry(window.recent_menu.menuAction()).center()
        qtbot.mouseClick(file_menu, Qt.MouseButton.LeftButton, pos=where)
        qtbot.waitUntil(window.recent_menu.isVisible, timeout=TIMEOUT)
        for action in window.recent_menu.actions():
            qtbot.mouseClick(
                window.recent_menu,
                Qt.MouseButton.LeftButton,
                pos=window.recent_menu.actionGeometry(action).center(),
            )
            if action is not window.recent_menu.actions()[-1]:
                qtbot.mouseClick(
                    bar,
                    Qt.MouseButton.LeftButton,
                    pos=bar.actionGeometry(file_menu.menuAction()).center(),
                )
                qtbot.waitUntil(file_menu.isVisible, timeout=TIMEOUT)
                qtbot.mouseClick(file_menu, Qt.MouseButton.LeftButton, pos=where)
                qtbot.waitUntil(window.recent_menu.isVisible, timeout=TIMEOUT)
        assert started == [
            "/srv/comites/mipg.sqlite",
            "postgresql+psycopg://ana@srv/mipg",  # its password is asked for, or found
        ]
        assert SECRET not in (tmp_path / "ui.ini").read_text(encoding="utf-8")
    finally:
        close_window(window)
