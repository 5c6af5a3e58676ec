"""An approved session in the window: its stored acta checked, signed with a .p12, a PDF
verified, all through the real buttons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from signing_support import PASSWORD, make_ca, make_p12
from test_ui_editing import open_session
from ui_support import TIMEOUT, click, dialog, idle, in_dialog_later, press, type_text

from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.documents.output import document_bytes
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.acta_record_bar import SignDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt


def test_sign_an_approved_acta_and_verify_a_pdf_from_the_window(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, approved: int, tmp_path: Path, monkeypatch
) -> None:
    detail = get_session_detail(db, approved)
    editor = open_session(qtbot, window, detail.committee_id, approved)
    bar = editor.record_bar
    qtbot.waitUntil(lambda: "Acta íntegra" in bar.state.text(), timeout=TIMEOUT)
    assert "Aún sin firmas" in bar.state.text()
    p12 = tmp_path / "presidencia.p12"
    p12.write_bytes(make_p12(detail.signers[0].name, make_ca()))
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(p12), ""))
    )

    def cancel(sign: SignDialog) -> None:
        press(sign.findChild(type(sign.confirm), "signCancel"))

    in_dialog_later(SignDialog, cancel)
    click(qtbot, bar.sign_button)
    idle(qtbot, window)
    assert document_bytes(db, "minutes", approved).data.count(b"/ByteRange") == 0

    def fill(sign: SignDialog) -> None:
        press(sign.findChild(type(sign.confirm), "p12Browse"))
        assert sign.path.text() == str(p12)
        sign.password.setFocus()
        type_text(sign.password, PASSWORD.decode())
        press(sign.confirm)

    in_dialog_later(SignDialog, fill)
    click(qtbot, bar.sign_button)
    qtbot.waitUntil(
        lambda: "Acta firmada por" in window.statusBar().currentMessage(), timeout=TIMEOUT
    )
    qtbot.waitUntil(lambda: "Firmas: 1" in bar.state.text(), timeout=TIMEOUT)
    signed = tmp_path / "acta-firmada.pdf"
    signed.write_bytes(document_bytes(db, "minutes", approved).data)
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(signed), ""))
    )
    click(qtbot, bar.check_button)
    box: Any = dialog(qtbot, QMessageBox, "pdfIdentity")
    assert "versión firmada n.º 1" in box.text()
    assert "Firma 1:" in box.text() and "íntegra" in box.text()
    assert "Campo de firma 2 (firma_2): sin firmar." in box.text()
    box.accept()
