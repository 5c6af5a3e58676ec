"""The window enables a session's controls by the phase flags the core gives
(``SessionDetail``: committees.phases), never by rules of its own: for a session in every
phase, what the real widgets allow is what the flags allow."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytest.importorskip("PySide6")

from test_committees_support import build_cigd
from test_session_phases import EXPECTED
from ui_support import TIMEOUT, idle

from mipg_desktop.committees.approval import approve_minutes
from mipg_desktop.committees.sessions import cancel_session, convene, create_session, set_status
from mipg_desktop.storage.database import Database
from ui.main_window import MainWindow
from ui.session_editor import STEP_LABELS, SessionEditor

pytestmark = pytest.mark.qt

ORDER = ("scheduled", "convened", "held", "minutes_draft", "under_review", "approved")


def _session_in(db: Database, committee_id: int, phase: str, month: int) -> int:
    s = create_session(db, committee_id, date(2026, month, 12))
    if phase == "cancelled":
        cancel_session(db, s.id, "Aplazada por la emergencia")
        return s.id
    for step in ORDER[1 : ORDER.index(phase) + 1]:
        if step == "convened":
            convene(db, s.id, convened_on=date(2026, month, 2))
        elif step == "approved":
            approve_minutes(db, s.id, approved_by="Comité en pleno")
        else:
            set_status(db, s.id, step)
    return s.id


def _open(qtbot: Any, window: MainWindow, committee_id: int, sid: int) -> SessionEditor:
    window.session_created(committee_id, 2026, sid)
    qtbot.waitUntil(
        lambda: (
            isinstance(editor := window.editors.currentWidget(), SessionEditor)
            and editor.session_id == sid
            and editor.detail is not None
        ),
        timeout=TIMEOUT,
    )
    idle(qtbot, window)
    editor = window.editors.currentWidget()
    assert isinstance(editor, SessionEditor)
    return editor


def _allowed(editor: SessionEditor) -> dict[str, bool]:
    """What the window lets the user do now, read from its widgets."""
    minutes, decisions, commitments = editor.minutes, editor.decisions, editor.commitments
    agenda, attendance = editor.agenda, editor.attendance
    return {
        "can_edit_agenda": all(
            w.isEnabled() for w in (agenda.add_button, agenda.attach_button, agenda.title)
        ),
        "can_edit_details": all(  # the next meeting's date: once «there is one» is ticked
            w.isEnabled() for w in editor.details.inputs if w is not editor.details.next_date
        ),
        "can_edit_guests": attendance.guest_button.isEnabled(),
        "can_record_attendance": attendance.all_present.isEnabled()
        and attendance.verify.isEnabled(),
        "can_vote": decisions.record_button.isEnabled() and decisions.text.isEnabled(),
        "can_add_commitments": commitments.add_button.isEnabled(),
        "can_write_minutes": not minutes.text.isReadOnly()
        and all(w.isEnabled() for w in minutes.format_buttons),
        "can_approve": editor.next_step.isVisibleTo(editor)
        and editor.next_step.text() == STEP_LABELS["approve"],
        "can_add_erratum": editor.erratum_button.isVisibleTo(editor),
    }


def _forbidding(editor: SessionEditor) -> dict[str, bool]:
    """The same controls, each one disabled or hidden when its flag says no."""
    minutes, agenda, attendance = editor.minutes, editor.agenda, editor.attendance
    return {
        "can_edit_agenda": any(
            w.isEnabled()
            for w in (
                agenda.add_button,
                agenda.up_button,
                agenda.down_button,
                agenda.edit_button,
                agenda.remove_button,
                agenda.attach_button,
                agenda.title,
                agenda.presenter,
                agenda.duration,
            )
        ),
        "can_edit_details": any(w.isEnabled() for w in editor.details.inputs),
        "can_edit_guests": any(
            b.isEnabled()
            for b in (
                attendance.guest_button,
                attendance.edit_guest_button,
                attendance.remove_guest_button,
            )
        ),
        "can_record_attendance": attendance.all_present.isEnabled()
        or attendance.verify.isEnabled(),
        "can_vote": any(
            w.isEnabled()
            for w in (
                editor.decisions.text,
                editor.decisions.record_button,
                editor.decisions.edit_button,
                editor.decisions.remove_button,
                *editor.decisions.votes.values(),
            )
        ),
        "can_add_commitments": any(
            w.isEnabled()
            for w in (
                editor.commitments.text,
                editor.commitments.add_button,
                editor.commitments.edit_button,
                editor.commitments.remove_button,
            )
        ),
        "can_write_minutes": not minutes.text.isReadOnly()
        or any(w.isEnabled() for w in minutes.format_buttons),
        "can_approve": editor.next_step.isVisibleTo(editor)
        and editor.next_step.text() == STEP_LABELS["approve"],
        "can_add_erratum": editor.erratum_button.isVisibleTo(editor),
    }


def test_every_phase_s_controls_follow_the_core_s_flags(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Database
) -> None:
    cigd = build_cigd(db)
    phases = (*ORDER, "cancelled")
    sessions = {p: _session_in(db, cigd.committee_id, p, n) for n, p in enumerate(phases, 1)}
    for phase, sid in sessions.items():
        editor = _open(qtbot, window, cigd.committee_id, sid)
        detail = editor.detail
        assert detail is not None and detail.status == phase
        flags = {name: bool(getattr(detail, name)) for name in _allowed(editor)}
        assert {f for f, on in flags.items() if on} == EXPECTED[phase], phase
        allowed = {f for f, on in _allowed(editor).items() if on}
        assert allowed == EXPECTED[phase], phase  # everything the flags allow is offered
        offered = {f for f, on in _forbidding(editor).items() if on}
        assert offered <= EXPECTED[phase], (phase, offered - EXPECTED[phase])
        step = detail.next_step
        assert editor.next_step.isVisibleTo(editor) == (step is not None), phase
        if step is not None:
            assert editor.next_step.text() == STEP_LABELS[step], phase
