"""Which editor a tree node opens; editors are reused while the window lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.drops import plan_drops
from ui.main_window import editor_for
from ui.models.tree import TreeRow

if TYPE_CHECKING:
    from ui.commitments_view import CommitmentsTracker
    from ui.main_window import MainWindow


@editor_for("root_home")
def open_home(window: MainWindow, row: TreeRow) -> QWidget:
    from ui.home_view import show_home

    return show_home(window)


@editor_for("committee")
def open_committee(window: MainWindow, row: TreeRow) -> QWidget:
    from ui.committee_editor import CommitteeEditor

    editor = window.cached_editor(("committee", row.key), lambda: CommitteeEditor(window, row.key))
    assert isinstance(editor, CommitteeEditor)
    editor.load()
    return editor


@editor_for("session")
def open_session(window: MainWindow, row: TreeRow) -> QWidget:
    from ui.session_editor import SessionEditor

    editor = window.cached_editor(("session", row.key), lambda: SessionEditor(window, row.key))
    assert isinstance(editor, SessionEditor)
    editor.reload()
    return editor


@editor_for("root_commitments")
def open_commitments(window: MainWindow, row: TreeRow) -> QWidget:

    tracker = tracker_for(window)
    tracker.load()
    return tracker


def tracker_for(window: MainWindow) -> CommitmentsTracker:
    from ui.commitments_view import CommitmentsTracker

    tracker = window.cached_editor(("commitments", None), lambda: _tracker(window))
    assert isinstance(tracker, CommitmentsTracker)
    return tracker


def _tracker(window: MainWindow) -> QWidget:
    from ui.commitments_view import CommitmentsTracker

    tracker = CommitmentsTracker(window.db, window.runner, window)
    window.guard(tracker)
    return tracker


@editor_for("commitment")
def open_policy_commitment(window: MainWindow, row: TreeRow) -> QWidget:
    """A commitment under a policy: the tracker, filtered by that policy, with it selected."""
    from ui.commitments_view import CommitmentsTracker

    commitment_id, policy_code = row.key
    tracker = window.cached_editor(("commitments", None), lambda: _tracker(window))
    assert isinstance(tracker, CommitmentsTracker)
    tracker.show_commitment(commitment_id, policy_code)
    return tracker


@editor_for("plan_year")
def open_rollup(window: MainWindow, row: TreeRow) -> QWidget:
    from ui.plan_view import RollupView

    view = window.cached_editor(("rollup", row.key), lambda: RollupView(window, row.key))
    assert isinstance(view, RollupView)
    plan_drops(view, window)
    view.load()
    return view


@editor_for("plan")
def open_plan(window: MainWindow, row: TreeRow) -> QWidget:
    from ui.plan_view import PlanEditor

    editor = window.cached_editor(("plan", row.key), lambda: PlanEditor(window, row.key))
    assert isinstance(editor, PlanEditor)
    plan_drops(editor, window)
    editor.load()
    return editor


@editor_for("root_furag")
def open_furag(window: MainWindow, row: TreeRow) -> QWidget:
    from ui.furag_view import FuragView

    view = window.cached_editor(("furag", None), lambda: FuragView(window))
    assert isinstance(view, FuragView)
    view.load()
    return view


@editor_for("activity")
def open_activity(window: MainWindow, row: TreeRow) -> QWidget:
    from ui.plan_view import PlanEditor

    plan_id, activity_id = row.key
    editor = window.cached_editor(("plan", plan_id), lambda: PlanEditor(window, plan_id))
    assert isinstance(editor, PlanEditor)
    editor.select_activity = activity_id
    editor.load()
    return editor
