"""The editing model, used as a secretary does: nothing typed is lost whatever she clicks,
everything can be corrected before approval, nothing is overwritten silently, and undo is
the core's, named in the Edit menu."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTabBar
from sqlalchemy import select
from test_committees_lifecycle import held_session
from test_committees_support import build_cigd
from test_history import content
from ui_support import (
    TIMEOUT,
    answer_next,
    click,
    close_errors,
    dialog,
    idle,
    in_dialog_later,
    keys,
    leave,
    menu_action,
    press,
    replace_text,
    type_text,
    user_errors,
)

from mipg_desktop.committees import views
from mipg_desktop.committees.agenda import update_agenda_item
from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.sessions import set_status, update_session
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.storage.database import Database, open_database
from ui import file_dialogs
from ui.conflict_dialog import ConflictDialog
from ui.edit_dialogs import EditDialog
from ui.main_window import MainWindow
from ui.session_editor import SessionEditor

pytestmark = pytest.mark.qt


def open_session(qtbot: Any, window: MainWindow, committee_id: int, sid: int) -> SessionEditor:
    window.session_created(committee_id, 2026, sid)
    qtbot.waitUntil(
        lambda: isinstance(window.editors.currentWidget(), SessionEditor), timeout=TIMEOUT
    )
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=TIMEOUT)
    idle(qtbot, window)
    return editor


@pytest.fixture
def held(qtbot, window: MainWindow, db: Database) -> tuple[SessionEditor, int, Any]:  # type: ignore[no-untyped-def]
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    return open_session(qtbot, window, cigd.committee_id, sid), sid, cigd


def tab(qtbot: Any, editor: SessionEditor, widget: Any) -> None:
    """Click the tab that shows ``widget``."""
    bar = editor.tabs.findChild(QTabBar)
    assert bar is not None
    index = editor.tabs.indexOf(widget)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert editor.tabs.currentWidget() is widget


def select_row(qtbot: Any, table: Any, row: int) -> None:
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(table.model().index(row, 1)).center(),
    )


def click_node(qtbot: Any, window: MainWindow, index: Any) -> None:
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def audit(db: Database, action: str) -> list[AuditEntry]:
    with db.transaction() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# -- nothing typed is lost ---------------------------------------------------------------------
def test_a_field_is_saved_when_the_tab_changes(
    qtbot, window: MainWindow, held, db: Database
) -> None:  # type: ignore[no-untyped-def]
    editor, sid, _cigd = held
    tab(qtbot, editor, editor.details)
    replace_text(qtbot, editor.details.place, "Auditorio principal de la Gobernación")
    tab(qtbot, editor, editor.agenda)  # no Tab, no «save»: only another tab
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).place == "Auditorio principal de la Gobernación"


def test_a_field_is_saved_when_another_tree_node_is_clicked(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    tab(qtbot, editor, editor.details)
    replace_text(qtbot, editor.details.platform, "https://meet.example.gov.co/cigd")
    entity = window.tree_model.find("root_entity", None)  # «Entidad y control documental»
    qtbot.mouseClick(
        window.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.tree.visualRect(entity).center(),
    )
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).platform == "https://meet.example.gov.co/cigd"
    assert window.editors.currentWidget() is not editor


def test_a_refused_value_stays_and_keeps_the_person_where_it_can_be_fixed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    tab(qtbot, editor, editor.details)
    replace_text(qtbot, editor.details.end.line, "7:00")  # before the 9:00 start
    leave(qtbot, editor.details.end.line)
    idle(qtbot, window)
    error = editor.details.binding.fields["end_time"].error
    assert error.isVisible() and "anterior a la de inicio" in error.text()
    assert editor.details.end.time() == time(7, 0)  # kept as typed (written the standard way)
    assert window.save_label.text().startswith("Sin guardar: Datos de la sesión")
    tab(qtbot, editor, editor.agenda)  # another tab of the session may be looked at
    entity = window.tree_model.find("root_entity", None)
    qtbot.mouseClick(
        window.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.tree.visualRect(entity).center(),
    )
    idle(qtbot, window)
    assert window.editors.currentWidget() is editor  # not taken away from the refused value
    assert editor.tabs.currentWidget() is editor.details  # but taken back to it
    focused = QApplication.focusWidget()
    assert focused is editor.details.end.line or editor.details.end.isAncestorOf(focused)
    replace_text(qtbot, editor.details.end.line, "11:30")
    leave(qtbot, editor.details.end.line)
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).end_time == time(11, 30)
    assert not error.isVisible() and window.save_label.text().startswith("Todo guardado")


def test_typed_minutes_are_saved_on_switching_items_and_before_a_pdf(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database, tmp_path, monkeypatch
) -> None:

    editor, sid, _cigd = held
    set_status(db, sid, "minutes_draft")
    editor.reload()
    idle(qtbot, window)
    tab(qtbot, editor, editor.minutes)
    minutes = editor.minutes
    first = minutes.items.item(0)
    qtbot.mouseClick(
        minutes.items.viewport(),
        Qt.MouseButton.LeftButton,
        pos=minutes.items.visualItemRect(first).center(),
    )
    minutes.text.setFocus()
    type_text(minutes.text, "Se verificó el quórum con cinco integrantes.")
    second = minutes.items.item(1)
    qtbot.mouseClick(  # at once: no pause, no timer
        minutes.items.viewport(),
        Qt.MouseButton.LeftButton,
        pos=minutes.items.visualItemRect(second).center(),
    )
    found = views.get_session_detail(db, sid).all_agenda_items()
    assert found[0].deliberation == "Se verificó el quórum con cinco integrantes."
    minutes.text.setFocus()
    type_text(minutes.text, "Acta anterior aprobada.")
    target = tmp_path / "acta.pdf"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(target), ""))
    )
    click(qtbot, editor.export_buttons["minutes"])
    qtbot.waitUntil(target.exists, timeout=60_000)
    idle(qtbot, window)
    import subprocess

    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Acta anterior aprobada." in text  # typed a moment before the click


def test_bold_and_italics_by_keys_and_buttons(
    qtbot, window: MainWindow, held, db: Database
) -> None:  # type: ignore[no-untyped-def]
    editor, sid, _cigd = held
    set_status(db, sid, "minutes_draft")
    editor.reload()
    idle(qtbot, window)
    tab(qtbot, editor, editor.minutes)
    minutes = editor.minutes
    minutes.text.setFocus()
    type_text(minutes.text, "Alcalde")
    keys(qtbot, minutes.text, "Ctrl+A")
    keys(qtbot, minutes.text, "Ctrl+B")
    assert minutes.text.toPlainText() == "Alcalde"  # shown bold, no marks
    assert minutes.text.markup() == "**Alcalde**"
    keys(qtbot, minutes.text, "Ctrl+A")
    click(qtbot, minutes.format_buttons[1])  # «Cursiva»
    assert minutes.text.markup() == "***Alcalde***"
    keys(qtbot, minutes.text, "Ctrl+A")
    keys(qtbot, minutes.text, "Ctrl+I")  # again: off, as in Word
    assert minutes.text.markup() == "**Alcalde**"
    keys(qtbot, minutes.text, "Ctrl+A")
    click(qtbot, minutes.format_buttons[0])  # «Negrita»
    assert minutes.text.markup() == "Alcalde"
    keys(qtbot, minutes.text, "Ctrl+End")
    keys(qtbot, minutes.text, "Ctrl+B")  # no selection, at the word's end: what is typed next
    type_text(minutes.text, " Municipal")
    assert minutes.text.toPlainText() == "Alcalde Municipal"
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.save_state.clean, timeout=TIMEOUT)
    assert views.get_session_detail(db, sid).agenda[0].deliberation == "Alcalde **Municipal**"


# -- nothing is overwritten silently -----------------------------------------------------------
def _text_changed_elsewhere(db: Database, sid: int, text: str) -> None:
    with open_database(db.url) as elsewhere:
        item = views.get_session_detail(elsewhere, sid).agenda[0]
        save_deliberation(elsewhere, item.id, text, expected_version=item.version)


@pytest.mark.parametrize("choice", ["keepMine", "takeTheirs", "saveMerge"])
def test_minutes_changed_elsewhere_ask_and_keep_both_versions(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database, choice: str
) -> None:
    editor, sid, _cigd = held
    set_status(db, sid, "minutes_draft")
    editor.reload()
    idle(qtbot, window)
    tab(qtbot, editor, editor.minutes)
    minutes = editor.minutes
    _text_changed_elsewhere(db, sid, "Texto de la presidencia.")  # after the window read it
    seen: list[tuple[str, str]] = []

    def settle(box: ConflictDialog) -> None:
        field = box.fields[0]
        seen.append((field.mine, field.theirs))
        if choice == "saveMerge":
            box.merged["deliberation"].setPlainText("Texto de la presidencia. Texto mío.")
        press(box.findChild(QPushButton, choice))

    in_dialog_later(ConflictDialog, settle)
    minutes.text.setFocus()
    type_text(minutes.text, "Texto mío.")
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    idle(qtbot, window)
    assert seen == [("Texto mío.", "Texto de la presidencia.")]
    stored = views.get_session_detail(db, sid).agenda[0].deliberation
    expected = {
        "keepMine": "Texto mío.",
        "takeTheirs": "Texto de la presidencia.",
        "saveMerge": "Texto de la presidencia. Texto mío.",
    }[choice]
    assert stored == expected and minutes.text.toPlainText() == expected
    kept_elsewhere = [e.changes for e in audit(db, "conflict")]
    not_kept = " ".join(str(c) for c in kept_elsewhere)
    if choice == "keepMine":
        assert "Texto de la presidencia." in not_kept
    elif choice == "takeTheirs":
        assert "Texto mío." in not_kept
    else:
        assert "Texto de la presidencia." in not_kept and "Texto mío." in not_kept
    assert window.save_state.clean


def test_a_form_field_changed_elsewhere_asks_before_overwriting(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    tab(qtbot, editor, editor.details)
    version = views.get_session_detail(db, sid).version
    with open_database(db.url) as elsewhere:
        update_session(elsewhere, sid, expected_version=version, place="Sala de juntas del piso 3")
    in_dialog_later(ConflictDialog, lambda box: press(box.findChild(QPushButton, "takeTheirs")))
    replace_text(qtbot, editor.details.place, "Auditorio")
    leave(qtbot, editor.details.place)
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).place == "Sala de juntas del piso 3"
    assert editor.details.place.text() == "Sala de juntas del piso 3"
    assert "Auditorio" in str([e.changes for e in audit(db, "conflict")])


def test_a_change_elsewhere_to_another_field_is_no_conflict(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    tab(qtbot, editor, editor.details)
    version = views.get_session_detail(db, sid).version
    with open_database(db.url) as elsewhere:
        update_session(elsewhere, sid, expected_version=version, platform="https://meet.gov.co/x")
    replace_text(qtbot, editor.details.place, "Auditorio")
    leave(qtbot, editor.details.place)
    idle(qtbot, window)
    stored = views.get_session_detail(db, sid)
    assert (stored.place, stored.platform) == ("Auditorio", "https://meet.gov.co/x")


# -- everything can be corrected, and undone ---------------------------------------------------
def test_an_agenda_item_corrected_removed_and_undone_from_the_edit_menu(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    agenda = editor.agenda
    tab(qtbot, editor, agenda)
    before = views.get_session_detail(db, sid)
    row = 1
    title = agenda.model.rows[row].item.title
    select_row(qtbot, agenda.table, row)
    click(qtbot, agenda.edit_button)
    fix = dialog(qtbot, EditDialog, "agendaItemDialog")
    replace_text(qtbot, fix.binding.fields["title"].widget, title + " (corregido)")
    replace_text(qtbot, fix.binding.fields["presenter"].widget, "Secretaría técnica")
    click(qtbot, fix.findChild(QPushButton, "saveEdit"))
    idle(qtbot, window)
    assert agenda.model.rows[row].item.title == title + " (corregido)"
    assert window.undo_action.text() == "&Deshacer: Corregir el punto 2"

    answer_next("confirmRemoval", "cancelRemove")  # asked first: «no» keeps it
    select_row(qtbot, agenda.table, row)
    click(qtbot, agenda.remove_button)
    idle(qtbot, window)
    assert len(agenda.model.rows) == len(before.agenda)
    answer_next("confirmRemoval", "confirmRemove")
    keys(qtbot, agenda.table, "Delete")  # the Delete key asks the same
    qtbot.waitUntil(lambda: len(agenda.model.rows) == len(before.agenda) - 1, timeout=TIMEOUT)
    idle(qtbot, window)
    menu_action(qtbot, window, "Editar", "Deshacer: Quitar el punto «")
    qtbot.waitUntil(lambda: len(agenda.model.rows) == len(before.agenda), timeout=TIMEOUT)
    idle(qtbot, window)
    assert "Se deshizo" in window.statusBar().currentMessage()
    keys(qtbot, agenda.table, "Ctrl+Z")  # the correction too
    idle(qtbot, window)
    assert content(views.get_session_detail(db, sid).agenda) == content(before.agenda)
    keys(qtbot, agenda.table, "Ctrl+Y")
    idle(qtbot, window)
    assert agenda.model.rows[row].item.title == title + " (corregido)"


def test_undo_pressed_before_the_add_finished_undoes_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    agenda = editor.agenda
    tab(qtbot, editor, agenda)
    count = len(views.get_session_detail(db, sid).all_agenda_items())
    replace_text(qtbot, agenda.title, "Punto agregado y deshecho en seguida")
    click(qtbot, agenda.add_button)
    keys(qtbot, agenda.table, "Ctrl+Z")  # no wait at all: queued behind the add
    idle(qtbot, window)
    assert len(views.get_session_detail(db, sid).all_agenda_items()) == count
    assert not user_errors(window)
    assert window.redo_action.isEnabled()


def test_ctrl_z_in_the_field_just_added_from_undoes_the_addition(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    agenda = editor.agenda
    tab(qtbot, editor, agenda)
    count = len(views.get_session_detail(db, sid).all_agenda_items())
    replace_text(qtbot, agenda.title, "Punto que se deshace desde su propio campo")
    keys(qtbot, agenda.title, "Return")
    qtbot.waitUntil(lambda: agenda.title.text() == "", timeout=TIMEOUT)
    idle(qtbot, window)
    assert len(views.get_session_detail(db, sid).all_agenda_items()) == count + 1
    agenda.title.setFocus()
    keys(qtbot, agenda.title, "Ctrl+Z")  # the field has nothing of its own: the add is undone
    idle(qtbot, window)
    assert len(views.get_session_detail(db, sid).all_agenda_items()) == count
    assert agenda.title.text() == ""  # the added title does not come back to be added twice


def test_moves_by_keyboard_and_by_button(qtbot, window: MainWindow, held, db: Database) -> None:  # type: ignore[no-untyped-def]
    editor, sid, _cigd = held
    agenda = editor.agenda
    tab(qtbot, editor, agenda)
    titles = [r.item.title for r in agenda.model.rows]
    select_row(qtbot, agenda.table, 1)
    click(qtbot, agenda.down_button)
    qtbot.waitUntil(
        lambda: [r.item.title for r in agenda.model.rows][2] == titles[1], timeout=TIMEOUT
    )
    idle(qtbot, window)
    click(qtbot, agenda.up_button)
    qtbot.waitUntil(lambda: [r.item.title for r in agenda.model.rows] == titles, timeout=TIMEOUT)
    idle(qtbot, window)
    select_row(qtbot, agenda.table, 1)
    keys(qtbot, agenda.table, "Alt+Down")
    qtbot.waitUntil(
        lambda: [i.title for i in views.get_session_detail(db, sid).agenda][2] == titles[1],
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    keys(qtbot, agenda.table, "Alt+Up")  # the moved item stays selected
    idle(qtbot, window)
    assert [i.title for i in views.get_session_detail(db, sid).agenda] == titles


def test_an_item_changed_elsewhere_is_not_removed_blindly(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    agenda = editor.agenda
    tab(qtbot, editor, agenda)
    item = agenda.model.rows[1].item
    with open_database(db.url) as elsewhere:
        update_agenda_item(elsewhere, item.id, expected_version=item.version, presenter="Otra")
    select_row(qtbot, agenda.table, 1)
    answer_next("confirmRemoval", "confirmRemove")
    click(qtbot, agenda.remove_button)
    qtbot.waitUntil(lambda: bool(user_errors(window)), timeout=TIMEOUT)
    assert "Otra persona modificó" in user_errors(window)[0]
    assert item.id in [i.id for i in views.get_session_detail(db, sid).agenda]


def _typing_in_first_item(
    qtbot: Any, window: MainWindow, editor: SessionEditor, db: Database, sid: int
) -> Any:
    set_status(db, sid, "minutes_draft")
    editor.reload()
    idle(qtbot, window)
    tab(qtbot, editor, editor.minutes)
    return editor.minutes


def test_a_cancelled_conflict_is_asked_again_before_leaving(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    minutes = _typing_in_first_item(qtbot, window, editor, db, sid)
    _text_changed_elsewhere(db, sid, "Texto de la presidencia.")
    seen: list[str] = []

    def cancel(box: ConflictDialog) -> None:
        seen.append("cancelado")
        box.reject()

    in_dialog_later(ConflictDialog, cancel)
    minutes.text.setFocus()
    type_text(minutes.text, "Texto mío.")
    qtbot.waitUntil(lambda: seen == ["cancelado"], timeout=TIMEOUT)
    idle(qtbot, window)
    assert window.save_label.text().startswith("Sin guardar")

    def keep(box: ConflictDialog) -> None:
        seen.append("conservado")
        press(box.findChild(QPushButton, "keepMine"))

    in_dialog_later(ConflictDialog, keep)
    click_node(qtbot, window, window.tree_model.find("root_entity", None))  # leaving: asked again
    qtbot.waitUntil(lambda: seen == ["cancelado", "conservado"], timeout=TIMEOUT)
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).agenda[0].deliberation == "Texto mío."
    assert window.editors.currentWidget() is not editor and window.save_state.clean


def test_text_typed_into_an_item_removed_elsewhere_is_offered_to_copy(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    from PySide6.QtWidgets import QApplication

    from mipg_desktop.committees.agenda import remove_agenda_item

    editor, sid, _cigd = held
    minutes = _typing_in_first_item(qtbot, window, editor, db, sid)
    with open_database(db.url) as elsewhere:
        item = views.get_session_detail(elsewhere, sid).agenda[0]
        remove_agenda_item(elsewhere, item.id, expected_version=item.version)
    minutes.text.setFocus()
    type_text(minutes.text, "Un párrafo que no debe perderse.")
    qtbot.waitUntil(lambda: bool(user_errors(window)), timeout=TIMEOUT)
    assert "No existe el punto" in user_errors(window)[0]
    close_errors(window)
    answer_next("unsavableTextBox", "copyAndDiscard")
    click_node(qtbot, window, window.tree_model.find("root_entity", None))
    idle(qtbot, window)
    assert QApplication.clipboard().text() == "Un párrafo que no debe perderse."
    assert window.editors.currentWidget() is not editor and window.save_state.clean


def test_closing_right_after_typing_over_a_change_elsewhere_asks_first(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    minutes = _typing_in_first_item(qtbot, window, editor, db, sid)
    _text_changed_elsewhere(db, sid, "Texto de la presidencia.")
    seen: list[str] = []

    def keep(box: ConflictDialog) -> None:
        seen.append(box.fields[0].theirs)
        press(box.findChild(QPushButton, "keepMine"))

    in_dialog_later(ConflictDialog, keep)
    minutes.text.setFocus()
    type_text(minutes.text, "Texto mío.")
    keys(qtbot, window, "Ctrl+Q")  # at once, the write maybe still on its way
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    assert seen == ["Texto de la presidencia."]
    assert views.get_session_detail(db, sid).agenda[0].deliberation == "Texto mío."


def test_coming_back_to_an_item_shows_what_was_typed_and_adds_to_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    """Type in point 1, go to point 2, come back: the text is there, and more typed adds to
    it (it once showed the text as first read, and the next keystroke saved over it)."""
    editor, sid, _cigd = held
    minutes = _typing_in_first_item(qtbot, window, editor, db, sid)

    def go(row: int) -> None:
        entry = minutes.items.item(row)
        qtbot.mouseClick(
            minutes.items.viewport(),
            Qt.MouseButton.LeftButton,
            pos=minutes.items.visualItemRect(entry).center(),
        )

    go(0)
    minutes.text.setFocus()
    type_text(minutes.text, "Primer párrafo escrito.")
    qtbot.waitUntil(lambda: window.save_state.clean, timeout=TIMEOUT)
    go(1)
    go(0)
    assert minutes.text.toPlainText() == "Primer párrafo escrito."
    minutes.text.moveCursor(minutes.text.textCursor().MoveOperation.End)
    minutes.text.setFocus()
    type_text(minutes.text, " Y una nota más.")
    go(1)
    idle(qtbot, window)
    stored = views.get_session_detail(db, sid).agenda[0].deliberation
    assert stored == "Primer párrafo escrito. Y una nota más."


def test_next_meeting_time_and_place_are_saved_when_left_and_refused_beside_the_field(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, held, db: Database
) -> None:
    editor, sid, _cigd = held
    tab(qtbot, editor, editor.details)
    replace_text(qtbot, editor.details.next_time.line, "2:30 p. m.")
    leave(qtbot, editor.details.next_time.line)
    replace_text(qtbot, editor.details.next_place, "Auditorio de la Gobernación")
    leave(qtbot, editor.details.next_place)
    idle(qtbot, window)
    stored = views.get_session_detail(db, sid)
    assert stored.next_meeting_time == time(14, 30)
    assert stored.next_meeting_place == "Auditorio de la Gobernación"
    replace_text(qtbot, editor.details.next_place, "x" * 301)
    leave(qtbot, editor.details.next_place)
    idle(qtbot, window)
    error = editor.details.binding.fields["next_meeting_place"].error
    assert error.isVisible() and "Lugar de la próxima reunión" in error.text()
    assert views.get_session_detail(db, sid).next_meeting_place == "Auditorio de la Gobernación"
    replace_text(qtbot, editor.details.next_place, "Sala 2")
    leave(qtbot, editor.details.next_place)
    idle(qtbot, window)
    assert views.get_session_detail(db, sid).next_meeting_place == "Sala 2"
    assert not error.isVisible()
