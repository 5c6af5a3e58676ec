"""Migration 0009_review on a database of 0008: the review tables come, the data stays."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mipg_desktop.storage.database import open_database

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.sqlite_only
def test_0008_upgrades_with_empty_review_tables_and_its_sessions_kept(tmp_path: Path) -> None:
    path = tmp_path / "antigua.sqlite"
    shutil.copyfile(GOLDEN / "0008_import_layouts.sqlite", path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO committees (uid, entity_id, name, short_name, kind, creation_act, active, "
        "created_at, updated_at, version) VALUES ('c1', 1, 'CIGD', 'CIGD', 'institutional', '', "
        "1, '2026-01-02 03:04:05', '2026-01-02 03:04:05', 1)"
    )
    conn.execute(
        "INSERT INTO committee_sessions (uid, committee_id, number, year, kind, modality, place, "
        "platform, session_date, status, notice_override_reason, next_meeting_place, "
        "approved_by, approved_sha256, approved_signers, created_at, updated_at, version) "
        "VALUES ('s1', 1, 1, 2026, 'ordinary', 'in_person', '', '', '2026-03-12', 'held', '', "
        "'', '', '', '', '2026-01-02 03:04:05', '2026-01-02 03:04:05', 1)"
    )
    conn.commit()
    conn.close()
    with open_database(path) as db, db.transaction(False) as session:
        from sqlalchemy import func, select

        from mipg_desktop.models.review import ReviewObservation, ReviewResponse
        from mipg_desktop.models.sessions import CommitteeSession

        row = session.scalars(select(CommitteeSession)).one()
        assert (row.uid, row.status, row.approved_review) == ("s1", "held", "")
        for model in (ReviewResponse, ReviewObservation):
            assert session.scalar(select(func.count()).select_from(model)) == 0
