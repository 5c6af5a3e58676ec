"""Session packages: follow-ups on earlier commitments, uid clashes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_committees_package import counts, full_session, other_db  # noqa: F401 (fixture)

from mipg_desktop.committees import views
from mipg_desktop.committees.commitments import add_follow_up
from mipg_desktop.committees.package import export_session, import_session
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.storage.database import Database


def _second_session_following_up(db: Database, first: int) -> tuple[int, str]:
    detail = views.get_session_detail(db, first)
    commitment = detail.commitments[0]
    s2 = create_session(db, detail.committee_id, date(2026, 4, 16))
    add_follow_up(
        db, commitment.id, date(2026, 4, 16), "Publicado en la sede electrónica", "URL", 80, s2.id
    )
    return s2.id, commitment.uid


def _follow_up_notes(db: Database, commitment_uid: str) -> list[tuple[str, int | None]]:
    for c in views.list_commitments(db):
        if c.uid == commitment_uid:
            return [(f.note, f.progress) for f in c.follow_ups]
    raise AssertionError("commitment missing")


def test_follow_ups_on_earlier_commitments_travel_with_their_session(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    first = full_session(db)
    export_session(db, first, tmp_path / "s1.zip")  # shared before the next session
    second, commitment_uid = _second_session_following_up(db, first)
    export_session(db, second, tmp_path / "s2.zip")
    import_session(other_db, tmp_path / "s1.zip")
    before = _follow_up_notes(other_db, commitment_uid)
    assert before == [("En revisión jurídica", 30)]
    assert import_session(other_db, tmp_path / "s2.zip").action == "created"
    after = _follow_up_notes(other_db, commitment_uid)
    assert after == [*before, ("Publicado en la sede electrónica", 80)]
    commitment = next(c for c in views.list_commitments(other_db) if c.uid == commitment_uid)
    assert commitment.progress == 80 and commitment.status == "in_progress"
    # idempotent: the same package again changes nothing
    snapshot = counts(other_db)
    assert import_session(other_db, tmp_path / "s2.zip").action == "unchanged"
    assert counts(other_db) == snapshot
    assert _follow_up_notes(other_db, commitment_uid) == after


def test_follow_up_already_brought_by_the_earlier_session_is_not_duplicated(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    first = full_session(db)
    second, commitment_uid = _second_session_following_up(db, first)
    export_session(db, first, tmp_path / "s1.zip")  # carries the follow-up made in s2
    export_session(db, second, tmp_path / "s2.zip")
    import_session(other_db, tmp_path / "s1.zip")
    import_session(other_db, tmp_path / "s2.zip")
    assert _follow_up_notes(other_db, commitment_uid) == _follow_up_notes(db, commitment_uid)
    assert import_session(other_db, tmp_path / "s2.zip").action == "unchanged"
    assert import_session(other_db, tmp_path / "s1.zip").action == "unchanged"
