"""A member's unsent observations: saved whole at every change, read back for the same
package, never lost when the process that typed them is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mipg_desktop.committees import review_drafts as drafts
from mipg_desktop.committees.review_drafts import ReviewDraft, new_observation

UID, VERSION = "4f1c2b9e-2f43-4c55-9d0e-1b7a3c8d9e01", "a" * 64


@pytest.fixture(autouse=True)
def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "borradores"
    monkeypatch.setenv(drafts.ENV_FOLDER, str(folder))
    return folder


def test_a_draft_is_read_back_for_the_same_session_and_version_only() -> None:
    draft = ReviewDraft(UID, VERSION, member_uid="persona-1")
    first = new_observation("acta", UID, comment="Falta la hora de cierre.")
    second = new_observation(
        "decision", "d-2", comment="Redacción", proposed_text="Se **aprueba** el plan."
    )
    draft = draft.with_observation(first).with_observation(second)
    path = drafts.save_draft(draft)
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600  # it names the member
    loaded = drafts.load_draft(UID, VERSION)
    assert loaded is not None
    assert loaded.member_uid == "persona-1"
    assert [(o.target_kind, o.comment, o.proposed_text) for o in loaded.observations] == [
        ("acta", "Falta la hora de cierre.", None),
        ("decision", "Redacción", "Se **aprueba** el plan."),
    ]
    assert loaded.observations[0].created_at == first.created_at
    assert drafts.load_draft(UID, "b" * 64) is None  # another draft version: its own file
    edited = loaded.without(second.id)
    drafts.save_draft(edited)
    again = drafts.load_draft(UID, VERSION)
    assert again is not None and [o.id for o in again.observations] == [first.id]


def test_a_damaged_draft_is_set_aside_not_overwritten(_folder: Path) -> None:
    path = drafts.draft_path(UID, VERSION)
    path.parent.mkdir(parents=True)
    path.write_text('{"formato": "mipg-borrador-revision", "session_uid": ', encoding="utf-8")
    assert drafts.load_draft(UID, VERSION) is None
    assert not path.exists()
    assert path.with_name(path.name + ".danado").read_text(encoding="utf-8").startswith("{")


def test_a_package_cannot_name_a_file_outside_the_folder(_folder: Path) -> None:
    path = drafts.draft_path("../../etc/passwd", "../x")
    assert path.parent == _folder


def test_the_member_chosen_is_remembered() -> None:
    assert drafts.remembered_member() is None
    drafts.remember_member("persona-7")
    assert drafts.remembered_member() == "persona-7"


CHILD = textwrap.dedent(
    """
    import sys
    from mipg_desktop.committees import review_drafts as drafts
    draft = drafts.ReviewDraft(sys.argv[1], sys.argv[2], member_uid="persona-1")
    count = 0
    while True:  # a member typing: the whole draft written again at every change
        count += 1
        text = "Observación número %d. " % count + "Texto largo del comentario. " * 200
        draft = draft.with_observation(drafts.new_observation("acta", sys.argv[1], comment=text))
        drafts.save_draft(draft)
        if count == 3:
            print("saved", flush=True)
    """
)


def test_a_draft_survives_the_process_killed_while_saving(_folder: Path) -> None:
    env = {**os.environ, drafts.ENV_FOLDER: str(_folder)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, UID, VERSION], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "saved"
        time.sleep(0.3)  # well inside its loop of writes
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    loaded = drafts.load_draft(UID, VERSION)
    assert loaded is not None, "the draft on disk is whole after the kill"
    count = len(loaded.observations)
    assert count >= 3
    assert loaded.observations[-1].comment.startswith(f"Observación número {count}.")
    assert not list(_folder.glob("*.danado"))
    assert not list(_folder.glob(".*.parcial")), "the killed writer's leftover is removed"


def test_a_newer_draft_of_the_session_takes_the_earlier_observations() -> None:
    older = ReviewDraft(UID, VERSION, member_uid="persona-1")
    kept = new_observation("decision", "d-1", comment="Falta el voto en contra.")
    gone = new_observation("commitment", "c-9", comment="Sobre un compromiso quitado.")
    drafts.save_draft(older.with_observation(kept).with_observation(gone))
    drafts.save_draft(ReviewDraft("otra-sesion", VERSION).with_observation(kept))
    found = drafts.other_drafts(UID, "b" * 64)
    assert [d.session_version for d in found] == [VERSION]
    newer = drafts.carry_over(ReviewDraft(UID, "b" * 64), found[0], {("decision", "d-1")})
    assert newer.member_uid == "persona-1"
    assert [o.comment for o in newer.observations] == ["Falta el voto en contra."]
    assert drafts.other_drafts(UID, VERSION) == []  # its own version is not «another»


def test_unsent_drafts_are_those_with_observations_not_yet_in_a_saved_response() -> None:
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    written = new_observation("acta", "s1", comment="Falta la hora de cierre.")
    draft = ReviewDraft("s1", "v1", observations=(written,), package_path="/x/a.mipgsesion")
    drafts.save_draft(ReviewDraft("s2", "v1"))  # opened, nothing written
    drafts.save_draft(draft)
    assert [(d.session_uid, d.package_path) for d in drafts.unsent_drafts()] == [
        ("s1", "/x/a.mipgsesion")
    ]
    sent = replace(draft, saved_to="/x/r.mipgrespuesta", saved_at=written.updated_at)
    drafts.save_draft(sent)
    assert drafts.unsent_drafts() == []
    edited = replace(written, comment="Falta la hora.", updated_at=datetime.now(UTC) + timedelta(1))
    drafts.save_draft(sent.with_observation(edited))  # changed after the response was saved
    assert [d.session_uid for d in drafts.unsent_drafts()] == ["s1"]
