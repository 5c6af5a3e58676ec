"""Session packages: follow-ups on earlier commitments, uid clashes."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_committees_package import (  # noqa: F401 (other_db is a fixture)
    counts,
    full_session,
    other_db,
    rewrite,
)

from mipg_desktop.committees import views
from mipg_desktop.committees.commitments import add_follow_up
from mipg_desktop.committees.package import PackageRefused, export_session, import_session
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.storage.database import Database


def _second_session_following_up(db: Database, first: int) -> tuple[int, str]:
    detail = views.get_session_detail(db, first)
    commitment = detail.commitments[0]
    s2 = create_session(db, detail.committee_id, date(2026, 4, 16))
    add_follow_up(
        db,
        commitment.id,
        date(2026, 4, 16),
        "Publicado en la sede electrónica",
        "URL",
        80,
        s2.id,
        expected_version=commitment.version,
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


def _as_another_session(keep: str) -> Any:
    """An edit giving the package a new session (uid, number) and fresh uids to every
    session record except those of ``keep``, which reuse the original session's uids."""

    def edit(manifest: dict[str, Any]) -> None:
        content = manifest["content"]
        old = [content["session"]["uid"]]
        for key in ("agenda_items", "attachments", "guests", "decisions", "commitments"):
            if key != keep:
                old += [r["uid"] for r in content[key]]
        if keep != "follow_ups":
            old += [r["uid"] for r in content["follow_ups"]]
        text = json.dumps(content)
        for uid in old:
            text = text.replace(uid, str(uuid.uuid4()))
        manifest["content"] = json.loads(text)
        manifest["content"]["session"]["number"] = 7

    return edit


@pytest.mark.parametrize(
    "keep", ["agenda_items", "attachments", "guests", "decisions", "commitments", "follow_ups"]
)
def test_reused_uids_are_refused_before_writing(keep: str, db: Database, tmp_path: Path) -> None:
    sid = full_session(db)
    good = tmp_path / "s1.zip"
    export_session(db, sid, good)
    bad = rewrite(good, tmp_path / "reused.zip", edit=_as_another_session(keep))
    before = counts(db)
    with pytest.raises(PackageRefused, match="identificadores reutilizados") as refused:
        import_session(db, bad)
    assert f"«{keep}»" in str(refused.value) and "No se importó nada" in str(refused.value)
    assert counts(db) == before


def test_imported_approved_acta_keeps_its_signers_when_rules_change(
    db: Database,
    other_db: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    from mipg_desktop.committees.approval import verify_approved
    from mipg_desktop.committees.committees import save_rules

    sid = full_session(db, approve=True)
    export_session(db, sid, tmp_path / "aprobada.zip")
    theirs = import_session(other_db, tmp_path / "aprobada.zip").session_id
    signers = views.get_session_detail(other_db, theirs).signers
    committee_id = views.get_session_detail(other_db, theirs).committee_id
    save_rules(other_db, committee_id, expected_version=1, signer_roles=["president"])
    assert views.get_session_detail(other_db, theirs).signers == signers
    assert verify_approved(other_db, theirs)
    assert import_session(other_db, tmp_path / "aprobada.zip").action == "unchanged"
