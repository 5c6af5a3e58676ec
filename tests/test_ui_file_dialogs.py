"""A file dialog showing the database's folder must not make later saves vanish.

Qt's own file dialog opens each listed file to guess its type; closing that handle drops
this process's SQLite locks (POSIX), and another program closing the database next then
deletes the write-ahead log this process still writes to. Found by a walkthrough: an
agenda item «saved» after the dialog was invisible to ``mipg`` and lost on a crash.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QFileSystemModel
from ui_support import TIMEOUT, in_dialog_later

from mipg_desktop.audit import record
from mipg_desktop.storage.database import Database
from ui import file_dialogs

pytestmark = [pytest.mark.qt, pytest.mark.sqlite_only]

COUNT = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "print(c.execute(\"SELECT COUNT(*) FROM audit_entries WHERE action = 'probe'\").fetchone()[0]);"
    " c.close()"
)


def _probe(db: Database) -> None:
    with db.transaction() as session:
        record(session, db.user_name, "probe", "settings", 1, "escrito por la ventana")


def _count_elsewhere(path: Path) -> int:
    """Another program opens the file, reads, closes (as «mipg sessions» beside the window)."""
    out = subprocess.run([sys.executable, "-c", COUNT, str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


def test_saves_after_a_file_dialog_on_the_database_folder_stay_visible(
    qtbot: Any, db: Database
) -> None:
    path = db.path
    assert path is not None
    _probe(db)  # the window's connection is open and holds its locks
    assert _count_elsewhere(path) == 1
    listed: list[int] = []

    def look(dialog: QFileDialog) -> None:
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        dialog.setViewMode(QFileDialog.ViewMode.Detail)  # «Tipo» column, as people see it
        qtbot.waitUntil(lambda: model.rowCount(model.index(str(path.parent))) >= 2, timeout=TIMEOUT)
        root = model.index(str(path.parent))
        for row in range(model.rowCount(root)):
            for column in range(model.columnCount(root)):
                model.data(model.index(row, column, root))  # what the view shows: type, icon
                model.data(model.index(row, column, root), 1)
            listed.append(row)
        qtbot.wait(300)  # the gatherer thread fills in icons and types meanwhile
        dialog.reject()

    in_dialog_later(QFileDialog, look)
    assert file_dialogs.get_open_file_name(None, "Abrir", str(path.parent), "*") == ("", "")
    assert listed
    assert _count_elsewhere(path) == 1  # the other program comes and goes
    _probe(db)  # then the window saves again
    assert _count_elsewhere(path) == 2  # and that save is on disk for everyone
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() or _count_elsewhere(path) == 2


def test_a_name_typed_without_extension_gets_the_filter_s() -> None:
    assert file_dialogs._first_suffix("PDF (*.pdf)") == "pdf"
    assert file_dialogs._first_suffix("Libro de Excel (*.xlsx)") == "xlsx"
    assert file_dialogs._first_suffix("Todos (*)") == ""
