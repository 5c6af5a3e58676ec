"""The window and the command line on one SQLite file: the minutes being typed in the window
are changed meanwhile by ``mipg import-session``; the window's next save does not overwrite
that change, it shows both texts, and the one not kept stays in the audit trail."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd
from test_ui_editing import open_session, tab
from ui_support import TIMEOUT, idle, in_dialog_later, press, type_text

from mipg_desktop.committees import views
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.package import export_session, import_session
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.storage.database import Database, open_database
from ui.conflict_dialog import ConflictDialog
from ui.main_window import MainWindow

pytestmark = [pytest.mark.qt, pytest.mark.sqlite_only]
ROOT = Path(__file__).resolve().parent.parent


def test_the_window_never_overwrites_what_the_command_line_wrote(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    set_status(db, sid, "minutes_draft")
    # the presidency revises the acta on its own laptop and sends the package back
    first = tmp_path / "borrador.mipgsesion"
    export_session(db, sid, first)
    with open_database(tmp_path / "presidencia.sqlite") as laptop:
        theirs_id = import_session(laptop, first).session_id
        item = views.get_session_detail(laptop, theirs_id).agenda[0]
        save_deliberation(
            laptop, item.id, "Texto revisado por la presidencia.", expected_version=item.version
        )
        back = tmp_path / "revisado.mipgsesion"
        export_session(laptop, theirs_id, back)

    editor = open_session(qtbot, window, cigd.committee_id, sid)
    tab(qtbot, editor, editor.minutes)
    minutes = editor.minutes
    qtbot.mouseClick(
        minutes.items.viewport(),
        Qt.MouseButton.LeftButton,
        pos=minutes.items.visualItemRect(minutes.items.item(0)).center(),
    )
    # meanwhile, on the same file, the command line brings the revision in
    cli = subprocess.run(
        [sys.executable, "-m", "mipg_desktop", "--db", str(db.path), "import-session", str(back)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "MIPG_USER": "Línea de comandos"},
        timeout=120,
    )
    assert cli.returncode == 0, cli.stderr
    shown: list[tuple[str, str]] = []

    def keep_mine(box: ConflictDialog) -> None:
        shown.append((box.fields[0].mine, box.fields[0].theirs))
        press(box.findChild(QPushButton, "keepMine"))

    in_dialog_later(ConflictDialog, keep_mine)
    minutes.text.setFocus()
    type_text(minutes.text, "Texto de la secretaría.")
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    idle(qtbot, window)
    assert shown == [("Texto de la secretaría.", "Texto revisado por la presidencia.")]
    assert views.get_session_detail(db, sid).agenda[0].deliberation == "Texto de la secretaría."
    with db.transaction() as session:
        kept = session.scalars(
            select(AuditEntry.changes).where(AuditEntry.action == "conflict")
        ).all()
    assert any(c.get("not_kept") == "Texto revisado por la presidencia." for c in kept)
