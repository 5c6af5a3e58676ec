"""The member's side of the review, clicked through: a received package opened from the
menu, the member chosen, observations written, the response saved and read back by the core;
«Sin observaciones» in one click; what is typed survives closing the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
)
from test_committees_package import full_session, other_db  # noqa: F401  (fixture)
from test_ui_keyboard import mnemonic
from ui_support import TIMEOUT, answer_next, click, dialog, idle, keys, menu_action, tick, type_text

from mipg_desktop.committees import review_drafts
from mipg_desktop.committees.package import export_session
from mipg_desktop.committees.review_response import read_response
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.storage.database import Database
from ui import file_dialogs
from ui.main_window import MainWindow
from ui.review_window import ReviewWindow

pytestmark = pytest.mark.qt


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "borradores"
    monkeypatch.setenv(review_drafts.ENV_FOLDER, str(folder))
    return folder


@pytest.fixture
def package(db: Database, tmp_path: Path) -> Path:
    sid = full_session(db)
    set_status(db, sid, "minutes_draft")
    return export_session(db, sid, tmp_path / "borrador.mipgsesion").path


def open_review(qtbot: Any, window: MainWindow, package: Path, monkeypatch: Any) -> ReviewWindow:
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(package), ""))
    )
    menu_action(qtbot, window, "Archivo", "Revisar paquete recibido")
    review = dialog(qtbot, ReviewWindow, "reviewWindow")
    qtbot.waitUntil(review.isActiveWindow, timeout=TIMEOUT)
    return review  # type: ignore[no-any-return]


def choose_member(qtbot: Any, review: ReviewWindow, name: str) -> None:
    """Down in the combo until the member's name shows (as with the keyboard)."""
    for _ in range(review.member.count()):
        if review.member.currentText().startswith(name):
            return
        keys(qtbot, review.member, "Down")
    raise AssertionError(f"{name} is not among the members")


def click_part(qtbot: Any, review: ReviewWindow, label: str) -> None:
    parts: QListWidget = review.part_list
    row = next(r for r in range(parts.count()) if parts.item(r).toolTip() == label)
    parts.scrollToItem(parts.item(row))
    rect = parts.visualItemRect(parts.item(row))
    qtbot.mouseClick(parts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert review.current_part() == tuple(parts.item(row).data(Qt.ItemDataRole.UserRole + 1))


def focused() -> Any:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_member_writes_observations_and_saves_the_response(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, package: Path, drafts: Path, tmp_path: Path, monkeypatch
) -> None:
    review = open_review(qtbot, window, package, monkeypatch)
    assert "Acta No. 01 de 2026" in review.windowTitle()
    assert "Se presentó el avance del plan." in review.text.toPlainText()  # rendered, no «**»
    assert "**" not in review.text.toPlainText()
    choose_member(qtbot, review, "Gloria Inés Parra")
    letters = [
        mnemonic(w.text())
        for w in review.findChildren(QAbstractButton) + review.findChildren(QLabel)
        if w.isVisible() and mnemonic(w.text())
    ]
    assert len(letters) == len(set(letters)) >= 7, letters  # one Alt+letter, one thing
    # on the acta as a whole: a comment
    click_part(qtbot, review, "El acta en su conjunto")
    click(qtbot, review.observations.add_button)  # «Agregar observación»
    assert focused() is review.observations.comment
    type_text(focused(), "Falta la hora de cierre de la sesión.")
    assert not review.observations.propose.isEnabled()  # no wording for the whole acta
    # on a deliberation: a comment and another wording, prefilled with the draft's text
    click_part(qtbot, review, "Punto 3. Avance del Plan de Acción — Desarrollo")
    click(qtbot, review.observations.add_button)
    type_text(focused(), "Precisar el porcentaje.")
    tick(qtbot, review.observations.propose)
    wording = review.observations.wording
    assert wording.isEnabled() and wording.toPlainText().startswith("Se presentó el avance")
    assert focused() is wording
    wording.moveCursor(wording.textCursor().MoveOperation.End)
    type_text(wording, " Avance del 78 %.")
    observations = review.observations.list
    assert observations.count() == 2
    assert "Falta la hora de cierre" in observations.item(0).text()
    assert "(y propone otra redacción)" in observations.item(1).text()
    # a third one, removed before sending
    click(qtbot, review.observations.add_button)
    type_text(focused(), "Esta no va.")
    answer_next("confirmRemoveObservation", "confirmRemoveObservationYes")
    click(qtbot, review.observations.remove_button)  # «Quitar observación»
    qtbot.waitUntil(lambda: observations.count() == 2, timeout=TIMEOUT)
    assert not review.none_button.isEnabled()  # observations written: not «sin observaciones»
    out = tmp_path / "respuesta.mipgrespuesta"
    suggested: list[str] = []

    def save_as(_parent: Any, _caption: str, where: str, _filters: str) -> tuple[str, str]:
        suggested.append(where)
        return str(out), ""

    monkeypatch.setattr(file_dialogs, "get_save_file_name", staticmethod(save_as))
    click(qtbot, review.save_button)  # «Guardar respuesta…»
    box = dialog(qtbot, QMessageBox, "responseSaved")
    assert str(out) in box.text()
    box.close()
    assert (
        Path(suggested[0]).name == "Respuesta Acta No. 01 de 2026 - Gloria Inés Parra.mipgrespuesta"
    )
    response = read_response(out).content
    assert response["response"]["member_name"] == "Gloria Inés Parra"
    assert response["response"]["no_observations"] is False
    sent = sorted(response["observations"], key=lambda o: o["target_kind"])
    assert [(o["target_kind"], o["comment"]) for o in sent] == [
        ("acta", "Falta la hora de cierre de la sesión."),
        ("deliberation", "Precisar el porcentaje."),
    ]
    assert sent[0]["proposed_text"] is None
    assert sent[1]["proposed_text"].endswith("- Meta 2 Avance del 78 %.")
    assert sent[1]["text_seen"].startswith("Se presentó el **avance**")
    assert "última respuesta: respuesta.mipgrespuesta" in review.state.text()
    out = tmp_path / "otra vez.mipgrespuesta"  # saved again: the same observations' uids
    click(qtbot, review.save_button)
    dialog(qtbot, QMessageBox, "responseSaved").close()
    again = read_response(out).content
    assert {o["uid"] for o in again["observations"]} == {o["uid"] for o in sent}
    assert again["response"]["uid"] != response["response"]["uid"]
    close = review.findChild(QPushButton, "closeReview")
    assert close is not None
    click(qtbot, close)  # «Cerrar»
    qtbot.waitUntil(lambda: not review.isVisible(), timeout=TIMEOUT)
    idle(qtbot, window)


def test_no_observations_is_one_click(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, package: Path, drafts: Path, tmp_path: Path, monkeypatch
) -> None:
    review_drafts.remember_member("nobody")
    review = open_review(qtbot, window, package, monkeypatch)
    assert review.member.currentData() is None  # never the operating-system user
    choose_member(qtbot, review, "Mauricio Ortiz Rincón")
    out = tmp_path / "sin.mipgrespuesta"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", staticmethod(lambda *a, **k: (str(out), ""))
    )
    told: list[str] = []
    answer_next(
        "confirmNoObservations",
        "confirmNoObservationsYes",
        lambda box: told.append(box.informativeText()),
    )
    click(qtbot, review.none_button)  # «Sin observaciones»
    dialog(qtbot, QMessageBox, "responseSaved").close()
    assert "Mauricio Ortiz Rincón" in told[0] and "«Sin observaciones»" in told[0]
    response = read_response(out).content
    assert response["response"]["no_observations"] is True
    assert response["observations"] == []
    assert review_drafts.remembered_member() == review.member.currentData()
    review.close()


def test_what_is_typed_survives_closing_and_reopening(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, package: Path, drafts: Path, monkeypatch
) -> None:
    review = open_review(qtbot, window, package, monkeypatch)
    choose_member(qtbot, review, "Gloria Inés Parra")
    click_part(qtbot, review, "Punto 3. Avance del Plan de Acción — Decisión 1")
    click(qtbot, review.observations.add_button)
    type_text(focused(), "La votación fue 5 a 1, no unánime.")
    review.close()  # the window's close button: nothing asked, nothing lost
    qtbot.waitUntil(lambda: not window.findChildren(ReviewWindow), timeout=TIMEOUT)
    again = open_review(qtbot, window, package, monkeypatch)
    assert again is not review
    assert again.member.currentText().startswith("Gloria Inés Parra")
    assert again.observations.list.count() == 1
    assert "La votación fue 5 a 1" in again.observations.list.item(0).text()
    click(qtbot, again.observations.add_button)  # on the part being read: the first one
    assert again.observations.list.count() == 2
    again.close()


def test_a_newer_package_brings_the_observations_written_on_the_earlier_one(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    db: Database,
    package: Path,
    drafts: Path,
    tmp_path: Path,
    monkeypatch,
) -> None:
    from mipg_desktop.committees.minutes import save_deliberation
    from mipg_desktop.committees.views import get_session_detail, list_sessions

    review = open_review(qtbot, window, package, monkeypatch)
    choose_member(qtbot, review, "Gloria Inés Parra")
    click_part(qtbot, review, "Punto 3. Avance del Plan de Acción — Decisión 1")
    click(qtbot, review.observations.add_button)
    type_text(focused(), "Faltó el voto en contra.")
    review.close()
    qtbot.waitUntil(lambda: not window.findChildren(ReviewWindow), timeout=TIMEOUT)
    sid = list_sessions(db)[0].id
    item = next(
        i for i in get_session_detail(db, sid).all_agenda_items() if i.title == "Metas rezagadas"
    )
    save_deliberation(db, item.id, "Se revisaron las metas 4 y 7.", expected_version=item.version)
    newer = export_session(db, sid, tmp_path / "borrador-2.mipgsesion").path
    again = open_review(qtbot, window, newer, monkeypatch)
    assert again.package.session_version != review.package.session_version
    assert again.member.currentText().startswith("Gloria Inés Parra")
    assert "Faltó el voto en contra." in again.observations.list.item(0).text()
    assert "borrador anterior" in again.state.text()
    again.close()


def test_a_member_on_an_empty_database_finds_the_review_on_the_first_page(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
    drafts: Path,
    monkeypatch,
) -> None:
    """Someone who never used the program installs it to read the acta the secretary sent:
    the welcome page (an empty database) offers the review, not only the secretary's steps."""
    from ui.welcome import WelcomePanel

    sid = full_session(other_db)
    set_status(other_db, sid, "minutes_draft")
    received = export_session(other_db, sid, tmp_path / "recibido.mipgsesion").path
    welcome = window.editors.currentWidget()
    assert isinstance(welcome, WelcomePanel)
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(received), ""))
    )
    button = window.findChild(QPushButton, "welcomeReview")
    assert button is not None and button.isVisible() and button.isEnabled()
    assert "Revisar un paquete de sesión recibido" in button.text()
    click(qtbot, button)
    review = dialog(qtbot, ReviewWindow, "reviewWindow")
    assert review.package.session_title == "Acta No. 01 de 2026"
    review.close()


def test_after_a_restart_the_first_page_offers_the_review_not_yet_sent(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
    drafts: Path,
    monkeypatch,
) -> None:
    """The member wrote an observation and closed the program without saving the response:
    next time, the first page says a review is waiting and opens it where it was."""
    from ui_support import close_window, open_window

    from mipg_desktop.storage.database import open_database

    sid = full_session(other_db)
    set_status(other_db, sid, "minutes_draft")
    received = export_session(other_db, sid, tmp_path / "recibido.mipgsesion").path
    resume = window.findChild(QPushButton, "welcomeResume")
    assert resume is not None and not resume.isVisible()  # nothing waiting yet
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", staticmethod(lambda *a, **k: (str(received), ""))
    )
    click(qtbot, window.findChild(QPushButton, "welcomeReview"))
    review = dialog(qtbot, ReviewWindow, "reviewWindow")
    qtbot.waitUntil(review.isActiveWindow, timeout=TIMEOUT)
    choose_member(qtbot, review, "Gloria Inés Parra")
    click_part(qtbot, review, "Punto 3. Avance del Plan de Acción — Decisión 1")
    click(qtbot, review.observations.add_button)
    type_text(focused(), "Falta el plazo de la decisión.")
    review.close()
    qtbot.waitUntil(lambda: not window.findChildren(ReviewWindow), timeout=TIMEOUT)

    later_db = open_database(tmp_path / "al_dia_siguiente.sqlite")
    later = open_window(qtbot, later_db, tmp_path)
    try:
        waiting = later.findChild(QPushButton, "welcomeResume")
        assert waiting is not None and waiting.isVisible()
        assert "Continuar la revisión sin enviar: Acta No. 01 de 2026" in waiting.text()
        click(qtbot, waiting)
        again = dialog(qtbot, ReviewWindow, "reviewWindow")
        assert again.package.path == received
        assert "Falta el plazo de la decisión." in again.observations.list.item(0).text()
        again.close()
    finally:
        close_window(later)
        later_db.close()
