"""What the acta document says about attendance and votes (singular and plural)."""

from __future__ import annotations

from datetime import date

from test_committees_support import build_cigd

from mipg_desktop.committees.sessions import create_session
from mipg_desktop.committees.votes import voters_present, votes_count
from mipg_desktop.documents.from_session import load_minutes
from mipg_desktop.documents.minutes_pdf import votes_line
from mipg_desktop.documents.model import PERMANENT_GUEST, UNRECORDED, Decision
from mipg_desktop.storage.database import Database


def test_votes_line_says_one_abstention_in_singular() -> None:
    line = votes_line(Decision("Aprobar", votes_for=4, votes_against=1, abstentions=1))
    assert "1 abstención." in line and "abstenciones" not in line
    line = votes_line(Decision("Aprobar", votes_for=4, votes_against=0, abstentions=2))
    assert "2 abstenciones." in line


def test_vote_counts_in_singular_and_plural() -> None:
    assert votes_count(1) == "1 voto" and votes_count(3) == "3 votos"
    assert voters_present(1) == "1 integrante con voto presente"
    assert voters_present(0) == "0 integrantes con voto presentes"


def test_permanent_guest_without_attendance_is_not_listed_as_present(db: Database) -> None:
    cigd = build_cigd(db)
    s = create_session(db, cigd.committee_id, date(2026, 3, 12))
    minutes = load_minutes(db, s.id)
    guests = [a for a in minutes.attendees if a.role == PERMANENT_GUEST]
    assert [a.name for a in guests] == ["Gloria Inés Parra"]
    assert guests[0].attendance == UNRECORDED
    members = [a for a in minutes.attendees if a.role != PERMANENT_GUEST]
    assert members and all(a.attendance == UNRECORDED for a in members)
