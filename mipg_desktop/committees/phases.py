"""What each phase of a session allows, in one place: the core's services refuse what a
phase does not allow, and the window enables its controls by the same flags
(:class:`PhaseFlags`, carried by :class:`~mipg_desktop.committees.views.SessionDetail`).

The phases, in order: ``scheduled`` → ``convened`` → ``held`` → ``minutes_draft`` →
``under_review`` → ``approved``; ``cancelled`` at any point before approval.
"""

from __future__ import annotations

# From the call until approval: attendance is taken, votes are recorded, the acta written.
OPEN_PHASES = ("convened", "held", "minutes_draft", "under_review")
# Nothing of the session changes any more (an approved acta takes errata only).
CLOSED_PHASES = ("approved", "cancelled")
# The step forward from each phase, named by the service that takes it (``sessions.convene``,
# ``mark_held``, ``start_minutes``, ``submit_for_review``; ``approve``: the approval, which
# the user confirms first). The phases missing here have no step forward.
NEXT_STEPS = {
    "scheduled": "convene",
    "convened": "mark_held",
    "held": "start_minutes",
    "minutes_draft": "submit_for_review",
    "under_review": "approve",
}


class PhaseFlags:
    """What the session's phase (``status``) allows; mixed into the session's detail."""

    status: str

    @property
    def can_edit_agenda(self) -> bool:
        """Agenda items, their attachments and the session's own fields."""
        return self.status not in CLOSED_PHASES

    @property
    def can_edit_details(self) -> bool:
        """Date, times, place, next meeting."""
        return self.status not in CLOSED_PHASES

    @property
    def can_edit_guests(self) -> bool:
        return self.status not in CLOSED_PHASES

    @property
    def can_record_attendance(self) -> bool:
        """Attendance and the quorum check, from the call on."""
        return self.status in OPEN_PHASES

    @property
    def can_vote(self) -> bool:
        """Decisions and their votes."""
        return self.status in OPEN_PHASES

    @property
    def can_add_commitments(self) -> bool:
        return self.status in OPEN_PHASES

    @property
    def can_write_minutes(self) -> bool:
        """The deliberation of each item (the acta's text)."""
        return self.status in OPEN_PHASES

    @property
    def next_step(self) -> str | None:
        """The step that moves the session to its next phase (:data:`NEXT_STEPS`)."""
        return NEXT_STEPS.get(self.status)

    @property
    def can_approve(self) -> bool:
        return self.status == "under_review"

    @property
    def can_add_erratum(self) -> bool:
        return self.status == "approved"
