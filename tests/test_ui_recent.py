"""«Bases de datos recientes» names each database as a person does: file name and folder
(from «~» at home), a server by user, host and database; never a URL nor a password."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from ui_support import TIMEOUT, close_window, open_window

from mipg_desktop.storage.database import Database

pytestmark = pytest.mark.qt
SECRET = "clave-de-prueba-77"


@pytest.mark.skipif(sys.platform == "win32", reason="«~» is how Linux and macOS name home")
def test_recent_databases_show_file_name_and_folder(
    qtbot: Any, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "ana"
    monkeypatch.setenv("HOME", str(home))
    stored = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    stored.setValue(
        "recent/databases",
        [
            f"sqlite:///{home}/Documentos/MIPG/mipg.sqlite",
            "/srv/comites/cigd.sqlite",
            f"postgresql+psycopg://ana:{SECRET}@servidor/mipg",
        ],
    )
    stored.sync()
    window = open_window(qtbot, db, tmp_path)
    try:
        bar = window.menuBar()
        file_menu = next(a.menu() for a in bar.actions() if a.text().replace("&", "") == "Archivo")
        qtbot.mouseClick(
            bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(file_menu.menuAction()).center()
        )
        qtbot.waitUntil(file_menu.isVisible, timeout=TIMEOUT)
        where = file_menu.actionGeometry(window.recent_menu.menuAction()).center()
        qtbot.mouseClick(file_menu, Qt.MouseButton.LeftButton, pos=where)
        qtbot.waitUntil(window.recent_menu.isVisible, timeout=TIMEOUT)
        shown = [a.text() for a in window.recent_menu.actions()]
        assert shown == [
            "mipg.sqlite — ~/Documentos/MIPG",
            "cigd.sqlite — /srv/comites",
            "ana@servidor/mipg",
        ]
        assert not any("sqlite:" in t or SECRET in t for t in shown)
        window.recent_menu.close()
        file_menu.close()
    finally:
        close_window(window)
