"""The secretary's side of the review, clicked through: three members' responses imported
at once (one made on an older draft), the observations beside the text, a proposed wording
accepted and undone with Ctrl+Z, one rejected with a reply, one marked answered; responses
and packages dropped onto the window."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox
from test_committees_package import full_session
from test_ui_keyboard import collisions
from ui_support import (
    TIMEOUT,
    answer_next,
    click,
    dialog,
    drop_files,
    idle,
    in_dialog_later,
    keys,
    menu_action,
)

from mipg_desktop.committees import review_drafts
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.package import export_session
from mipg_desktop.committees.review import review_observations
from mipg_desktop.committees.review_package import open_for_review
from mipg_desktop.committees.review_response import ObservationDraft, write_response
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.main_window import MainWindow
from ui.review_window import ReviewWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "borradores"
    monkeypatch.setenv(review_drafts.ENV_FOLDER, str(folder))
    return folder


WORDING = "Se presentó el **avance** del *plan* con 78 % de cumplimiento.\n\n- Meta 1\n- Meta 2"


def _item(db: Database, sid: int, title: str) -> Any:
    return next(i for i in get_session_detail(db, sid).all_agenda_items() if i.title == title)


def three_responses(db: Database, folder: Path) -> tuple[int, list[Path]]:
    """Diana answered the first draft; the secretary then wrote on; Gloria and Mauricio
    answered the second one."""
    sid = full_session(db)
    set_status(db, sid, "minutes_draft")
    first = open_for_review(export_session(db, sid, folder / "v1.mipgsesion").path)
    sub = next(t for t in first.targets if t.label.startswith("Punto 3.1."))
    late = next(m for m in first.members if m.full_name != first.members[0].full_name)
    older = write_response(
        first,
        late.uid,
        [ObservationDraft("deliberation", sub.uid, "Faltan las metas rezagadas por nombre.", None)],
        folder / "c.mipgrespuesta",
    )
    item = _item(db, sid, "Metas rezagadas")
    save_deliberation(db, item.id, "Se revisaron las metas 4 y 7.", expected_version=item.version)
    second = open_for_review(export_session(db, sid, folder / "v2.mipgsesion").path)
    main = next(
        t for t in second.targets if t.label.startswith("Punto 3. ") and t.kind == "deliberation"
    )
    gloria, mauricio = (
        next(m for m in second.members if m.full_name == name)
        for name in ("Gloria Inés Parra", "Mauricio Ortiz Rincón")
    )
    a = write_response(
        second,
        gloria.uid,
        [
            ObservationDraft(
                "deliberation", main.uid, "Precisar el porcentaje.", WORDING, WRITTEN_AT
            ),
            ObservationDraft("acta", second.session_uid, "Falta la hora de cierre.", None),
        ],
        folder / "a.mipgrespuesta",
    )
    b = write_response(second, mauricio.uid, [], folder / "b.mipgrespuesta", no_observations=True)
    return sid, [older, a, b]


# 14:05 UTC: in Colombia (UTC-5) 09:05, as the documents and the member's side say it
WRITTEN_AT = datetime(2026, 3, 13, 14, 5, tzinfo=UTC)


def minutes_of(qtbot: Any, window: MainWindow, sid: int) -> Any:
    def shown() -> bool:
        editor = window.editors.currentWidget()
        return isinstance(editor, SessionEditor) and editor.session_id == sid

    qtbot.waitUntil(shown, timeout=TIMEOUT)
    editor: Any = window.editors.currentWidget()
    qtbot.waitUntil(lambda: editor.tabs.currentWidget() is editor.minutes, timeout=TIMEOUT)
    idle(qtbot, window)
    return editor.minutes


def click_row(qtbot: Any, view: Any, contains: str) -> None:
    row = next(r for r in range(view.count()) if contains in view.item(r).text())
    view.scrollToItem(view.item(row))
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentRow() == row


def test_three_responses_imported_accepted_undone_rejected(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    sid, files = three_responses(db, tmp_path)
    chosen = [str(files[1]), str(files[0]), str(files[2])]  # any order
    monkeypatch.setattr(
        file_dialogs, "get_open_file_names", staticmethod(lambda *a, **k: (chosen, ""))
    )
    menu_action(qtbot, window, "Archivo", "Importar respuesta de miembro")
    box = dialog(qtbot, QMessageBox, "responsesImported")
    assert box.text() == "Respuestas importadas: 3 de 3."
    said = box.informativeText()
    assert "Gloria Inés Parra: 2 observaciones nuevas." in said
    assert "Mauricio Ortiz Rincón: sin observaciones." in said
    assert "borrador anterior" in said
    box.close()
    minutes = minutes_of(qtbot, window, sid)
    panel = minutes.observations
    qtbot.waitUntil(panel.isVisible, timeout=TIMEOUT)
    editor = minutes.editor
    assert editor.tabs.tabText(editor.tabs.indexOf(minutes)) == "&3 Acta (3)"
    qtbot.waitUntil(  # taken to the first item with open observations
        lambda: minutes.items.currentItem().text() == "3. Avance del Plan de Acción",
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    assert panel.list.count() == 2  # this item's and the acta's: Gloria's two
    assert "Mauricio Ortiz Rincón (sin observaciones)" in panel.title.text()  # answered too
    assert collisions(window) == []  # its buttons' Alt+letters are free in the session
    click_row(qtbot, panel.list, "Precisar el porcentaje")
    shown = panel.list.currentItem().text()
    assert "13/03/2026 9:05" in shown and "2:05" not in shown, shown  # Colombia, not UTC
    assert panel.texts.isVisible()  # the proposed wording against the current text
    assert panel.now.toPlainText().startswith("Se presentó el avance del plan.")
    assert "78 % de cumplimiento" in panel.proposed.toPlainText()
    assert not panel.changed.isVisible()  # answered on the current draft
    click(qtbot, panel.accept_button)  # «Aceptar»: the wording replaces the text
    qtbot.waitUntil(lambda: "78 % de cumplimiento" in minutes.text.toPlainText(), timeout=TIMEOUT)
    idle(qtbot, window)
    item = _item(db, sid, "Avance del Plan de Acción")
    assert item.deliberation == WORDING
    assert "Acoger la observación" in window.undo_action.text()
    assert not panel.accept_button.isEnabled()  # resolved: nothing more to do on it
    keys(qtbot, panel.list, "Ctrl+Z")  # «Deshacer»: the text as it was, the observation open
    qtbot.waitUntil(
        lambda: "78 %" not in _item(db, sid, "Avance del Plan de Acción").deliberation,
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    qtbot.waitUntil(lambda: "78 %" not in minutes.text.toPlainText(), timeout=TIMEOUT)
    assert _item(db, sid, "Avance del Plan de Acción").deliberation.startswith(
        "Se presentó el **avance** del *plan*."
    )
    qtbot.waitUntil(lambda: panel.accept_button.isEnabled(), timeout=TIMEOUT)
    # the acta as a whole: marked answered
    click_row(qtbot, panel.list, "Falta la hora de cierre")
    click(qtbot, panel.answer_button)  # «Marcar como respondida»
    qtbot.waitUntil(
        lambda: any(
            o.status == "answered" for o in review_observations(db, sid) if o.target_kind == "acta"
        ),
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    # the older draft: flagged where the text changed since; rejected with a reply
    assert "Abiertas en otros puntos: 1." in panel.title.text()
    click(qtbot, panel.next_button)  # «Ir a las siguientes»: the sub-item 3.1
    assert minutes.items.currentItem().text() == "3.1. Metas rezagadas"
    idle(qtbot, window)
    click_row(qtbot, panel.list, "Faltan las metas rezagadas")
    assert panel.changed.isVisible() and "El texto cambió" in panel.changed.text()

    def reply(ask: QInputDialog) -> None:
        ask.setTextValue("Las metas se nombran en el anexo del punto.")
        ask.accept()

    in_dialog_later(QInputDialog, reply, "askTextDialog")
    click(qtbot, panel.reject_button)  # «Rechazar…»
    qtbot.waitUntil(
        lambda: any(o.status == "rejected" for o in review_observations(db, sid)), timeout=TIMEOUT
    )
    idle(qtbot, window)
    rejected = next(o for o in review_observations(db, sid) if o.status == "rejected")
    assert rejected.reply == "Las metas se nombran en el anexo del punto."
    assert rejected.changed_since and rejected.older_draft
    qtbot.waitUntil(
        lambda: "Respuesta: Las metas se nombran" in panel.comment.text(), timeout=TIMEOUT
    )
    assert editor.tabs.tabText(editor.tabs.indexOf(minutes)) == "&3 Acta (1)"


def test_responses_and_packages_dropped_on_the_window(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, drafts: Path, monkeypatch
) -> None:
    sid, files = three_responses(db, tmp_path)
    assert drop_files(window, files[1:])
    box = dialog(qtbot, QMessageBox, "responsesImported")
    assert box.text() == "Respuestas importadas: 2 de 2."
    box.close()
    idle(qtbot, window)
    assert drop_files(window, files[1:2])  # the same one again: nothing changes
    again = dialog(qtbot, QMessageBox, "responsesImported")
    qtbot.waitUntil(lambda: "ya estaba importada" in again.informativeText(), timeout=TIMEOUT)
    assert again.text() == "Respuestas importadas: 0 de 1."
    again.close()
    idle(qtbot, window)
    assert len(review_observations(db, sid)) == 2
    answer_next("packageDropped", "reviewDroppedPackage")
    assert drop_files(window, [tmp_path / "v2.mipgsesion"])  # «Revisar como miembro»
    review = dialog(qtbot, ReviewWindow, "reviewWindow")
    assert review.package.session_title == "Acta No. 01 de 2026"
    review.close()
    monkeypatch.setattr(file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: ("", "")))
    answer_next("packageDropped", "importDroppedPackage")
    assert drop_files(window, [tmp_path / "v2.mipgsesion"])  # «Importar»: the session here
    qtbot.waitUntil(
        lambda: "Sesión «Acta No. 01 de 2026»" in window.statusBar().currentMessage(),
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    assert not drop_files(window, [tmp_path / "v1.mipgsesion", tmp_path / "v2.mipgsesion"])


def test_nothing_is_resolved_once_the_acta_is_approved(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    from mipg_desktop.committees.approval import approve_minutes
    from mipg_desktop.committees.review import import_response
    from mipg_desktop.committees.sessions import submit_for_review

    sid, files = three_responses(db, tmp_path)
    for path in files:
        import_response(db, path)
    submit_for_review(db, sid)
    approve_minutes(db, sid, approved_by="Gloria Inés Parra")
    detail = get_session_detail(db, sid)
    window.session_created(detail.committee_id, detail.session_date.year, sid)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    editor.tabs.setCurrentWidget(editor.minutes)
    idle(qtbot, window)
    minutes = editor.minutes
    click_row(qtbot, minutes.items, "3. Avance del Plan de Acción")
    idle(qtbot, window)
    panel = minutes.observations
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=TIMEOUT)
    click_row(qtbot, panel.list, "Precisar el porcentaje")
    assert panel.texts.isVisible()  # still readable
    buttons = (panel.accept_button, panel.reject_button, panel.answer_button)
    assert not any(b.isEnabled() for b in buttons)


def test_approval_says_how_many_observations_are_still_open(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    from mipg_desktop.committees.review import import_response
    from mipg_desktop.committees.sessions import submit_for_review
    from ui.approval_dialog import ApprovalDialog

    sid, files = three_responses(db, tmp_path)
    for path in files:
        import_response(db, path)
    submit_for_review(db, sid)
    detail = get_session_detail(db, sid)
    window.session_created(detail.committee_id, detail.session_date.year, sid)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    idle(qtbot, window)
    click(qtbot, editor.next_step)  # «Aprobar el acta»
    approval = dialog(qtbot, ApprovalDialog, "approvalDialog")
    note = approval.findChild(QLabel, "openObservationsNote")
    assert note is not None and note.isVisible()
    assert note.text().startswith("Quedan 3 observaciones de los miembros sin resolver")
    approval.reject()


def test_the_import_summary_says_a_resolved_observation_came_reworded() -> None:
    """The window's and the command line's line for a response saved again whose resolved
    observation the member rewrote: the secretary is told it was not applied."""
    from mipg_desktop.committees.review import ResponseImport
    from ui.review_import import Outcome, outcome_line

    result = ResponseImport(6, "Édgar Mauricio Fonseca", 0, False, False, False, 0, 4, 1)
    line = outcome_line(Outcome(Path("r.mipgrespuesta"), result))
    assert "1 observación ya resuelta llegó con otra redacción, que no se aplicó" in line
    assert "pida a Édgar Mauricio Fonseca" in line


def test_a_response_to_another_acta_says_which_one(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch
) -> None:
    """The secretary imports, with one acta open, a response a member made to another one:
    the summary names the acta it went to (in the acta open, nothing more is said)."""
    from ui.review_import import Outcome, outcome_line

    sid, files = three_responses(db, tmp_path)
    monkeypatch.setattr(
        file_dialogs, "get_open_file_names", staticmethod(lambda *a, **k: ([str(files[2])], ""))
    )
    menu_action(qtbot, window, "Archivo", "Importar respuesta de miembro")  # from «Inicio»
    box = dialog(qtbot, QMessageBox, "responsesImported")
    said = box.informativeText()
    assert (
        "Mauricio Ortiz Rincón: sin observaciones. Es la respuesta al Acta No. 01 de 2026" in said
    )
    box.close()
    idle(qtbot, window)
    again = Outcome(files[2], response_to(sid))
    assert "Es la respuesta" not in outcome_line(again, shown=sid)
    assert "Es la respuesta al Acta No. 01" in outcome_line(again, shown=sid + 1)


def response_to(sid: int) -> Any:
    from mipg_desktop.committees.review import ResponseImport

    return ResponseImport(sid, "M", 0, True, False, False, session_title="Acta No. 01 de 2026 · X")


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_the_proposed_wording_can_be_read_before_accepting(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch, size
) -> None:
    """At 1024×600 the current text and the proposed wording are boxes of five lines, not
    one line to scroll through (the secretary reads them before «Aceptar»)."""
    window.resize(*size)
    sid, files = three_responses(db, tmp_path)
    monkeypatch.setattr(
        file_dialogs, "get_open_file_names", staticmethod(lambda *a, **k: ([str(files[1])], ""))
    )
    menu_action(qtbot, window, "Archivo", "Importar respuesta de miembro")
    dialog(qtbot, QMessageBox, "responsesImported").close()
    minutes = minutes_of(qtbot, window, sid)
    panel = minutes.observations
    qtbot.waitUntil(panel.isVisible, timeout=TIMEOUT)
    click_row(qtbot, panel.list, "Precisar el porcentaje")
    qtbot.waitUntil(panel.texts.isVisible, timeout=TIMEOUT)
    idle(qtbot, window)
    lines = panel.now.fontMetrics().lineSpacing()
    for view in (panel.now, panel.proposed):
        assert view.viewport().height() >= 5 * lines, view.viewport().height()
        bottom = view.mapTo(panel, QPoint(0, view.height())).y()  # not cut off by the panel
        assert bottom <= panel.accept_button.mapTo(panel, QPoint(0, 0)).y(), bottom
    assert minutes.text.height() >= 4 * lines  # the acta's text stays writable above


def test_a_no_observations_answer_to_an_older_draft_points_to_no_observation() -> None:
    """«Sin observaciones» on an older draft: the line says the acta changed since, not
    that «the observation» shows it (there is none)."""
    from mipg_desktop.committees.review import ResponseImport
    from ui.review_import import Outcome, outcome_line

    result = ResponseImport(6, "Luz Adriana Cárdenas Vega", 0, True, False, True)
    line = outcome_line(Outcome(Path("r.mipgrespuesta"), result), shown=6)
    assert line == (
        "Luz Adriana Cárdenas Vega: sin observaciones. Respondió sobre un borrador anterior: "
        "el acta cambió después de que la leyó."
    )
