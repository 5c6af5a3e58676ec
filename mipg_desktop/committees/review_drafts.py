"""A member's unsent observations on a received package, kept on disk as they are typed.

The review window saves the whole draft at every change (:func:`save_draft`): written to a
private temporary file beside its target, flushed to disk, then renamed into place, so a
closed window, a crash or a killed process leaves the last saved draft whole, never half a
file. Opening the same package again (same session uid and draft version) reads it back
(:func:`load_draft`). The files live in the user's data folder (``MIPG_REVIEW_DRAFTS_DIR``
in tests), readable by the user only: they name the member.

A draft file that cannot be read (damaged, another program's) is set aside with the suffix
``.danado`` and the review starts empty; it is never silently overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FORMAT = "mipg-borrador-revision"
FORMAT_VERSION = 1
ENV_FOLDER = "MIPG_REVIEW_DRAFTS_DIR"
MEMBER_FILE = "miembro.json"
MAX_DRAFT_BYTES = 20_000_000  # far above any real draft; a larger file is not read
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DraftObservation:
    """One observation as the member is writing it (not sent yet)."""

    id: str  # local id, stable while the member edits it
    target_kind: str  # "acta" | "deliberation" | "decision" | "commitment"
    target_uid: str
    comment: str = ""
    proposed_text: str | None = None  # markup, or None: no wording proposed
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def is_empty(self) -> bool:
        return not self.comment.strip() and self.proposed_text is None


@dataclass(frozen=True)
class ReviewDraft:
    session_uid: str
    session_version: str
    member_uid: str | None = None
    observations: tuple[DraftObservation, ...] = ()
    saved_to: str | None = None  # the last response file written from this draft
    saved_at: datetime | None = None
    # where the package was opened from and what it is, to offer it again after a restart
    package_path: str | None = None
    title: str = ""

    @property
    def unsent(self) -> bool:
        """Observations written and not yet in a saved response (or changed since)."""
        written = [o for o in self.observations if not o.is_empty]
        if not written:
            return False
        if self.saved_at is None:
            return True
        return max(o.updated_at for o in written) > self.saved_at

    def with_observation(self, observation: DraftObservation) -> ReviewDraft:
        """``observation`` added, or replacing the one with its id (its place kept)."""
        kept = list(self.observations)
        for index, existing in enumerate(kept):
            if existing.id == observation.id:
                kept[index] = replace(observation, updated_at=datetime.now(UTC))
                return replace(self, observations=tuple(kept))
        return replace(self, observations=(*kept, observation))

    def without(self, observation_id: str) -> ReviewDraft:
        kept = tuple(o for o in self.observations if o.id != observation_id)
        return replace(self, observations=kept)

    def find(self, observation_id: str) -> DraftObservation | None:
        return next((o for o in self.observations if o.id == observation_id), None)

    def on_target(self, target_kind: str, target_uid: str) -> list[DraftObservation]:
        return [
            o
            for o in self.observations
            if o.target_kind == target_kind and o.target_uid == target_uid
        ]


def new_observation(target_kind: str, target_uid: str, **values: Any) -> DraftObservation:
    return DraftObservation(uuid.uuid4().hex, target_kind, target_uid, **values)


# -- where -------------------------------------------------------------------------------------
def drafts_folder() -> Path:
    folder = os.environ.get(ENV_FOLDER)
    if folder:
        return Path(folder)
    from platformdirs import user_data_dir

    return Path(user_data_dir("mipg-desktop", appauthor=False)) / "borradores-revision"


def draft_path(session_uid: str, session_version: str) -> Path:
    """One file per session and draft version; the name never carries what the package
    says (a hash of it), so no package can name a file outside the folder."""
    key = hashlib.sha256(f"{session_uid}\0{session_version}".encode()).hexdigest()[:40]
    return drafts_folder() / f"{key}.json"


# -- writing -----------------------------------------------------------------------------------
def _write_private(path: Path, data: bytes) -> None:
    """``data`` into ``path`` whole or not at all, flushed to disk, readable by the user."""
    from mipg_desktop.storage.safe_files import fsync_folder, make_private_folder

    make_private_folder(path.parent)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.parcial")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        fsync_folder(path.parent)


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def draft_to_json(draft: ReviewDraft) -> dict[str, Any]:
    return {
        "formato": FORMAT,
        "version_formato": FORMAT_VERSION,
        "session_uid": draft.session_uid,
        "session_version": draft.session_version,
        "member_uid": draft.member_uid,
        "saved_to": draft.saved_to,
        "saved_at": _stamp(draft.saved_at),
        "package_path": draft.package_path,
        "title": draft.title,
        "observations": [
            {
                "id": o.id,
                "target_kind": o.target_kind,
                "target_uid": o.target_uid,
                "comment": o.comment,
                "proposed_text": o.proposed_text,
                "created_at": _stamp(o.created_at),
                "updated_at": _stamp(o.updated_at),
            }
            for o in draft.observations
        ],
    }


def save_draft(draft: ReviewDraft) -> Path:
    path = draft_path(draft.session_uid, draft.session_version)
    data = json.dumps(draft_to_json(draft), ensure_ascii=False, indent=1).encode("utf-8")
    _write_private(path, data)
    return path


def discard_draft(session_uid: str, session_version: str) -> None:
    draft_path(session_uid, session_version).unlink(missing_ok=True)


# -- reading -----------------------------------------------------------------------------------
def _moment(value: Any) -> datetime:
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _text(value: Any, limit: int = 400_000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("not a text")
    return value


def _observation(raw: Any) -> DraftObservation:
    if not isinstance(raw, dict):
        raise ValueError("not an observation")
    proposed = raw.get("proposed_text")
    return DraftObservation(
        id=_text(raw["id"], 64),
        target_kind=_text(raw["target_kind"], 32),
        target_uid=_text(raw["target_uid"], 200),
        comment=_text(raw.get("comment", "")),
        proposed_text=None if proposed is None else _text(proposed),
        created_at=_moment(raw["created_at"]),
        updated_at=_moment(raw.get("updated_at") or raw["created_at"]),
    )


def draft_from_json(data: Any) -> ReviewDraft:
    if not isinstance(data, dict) or data.get("formato") != FORMAT:
        raise ValueError("not a review draft")
    member = data.get("member_uid")
    saved_to = data.get("saved_to")
    saved_at = data.get("saved_at")
    package = data.get("package_path")  # drafts written before it was kept have none
    return ReviewDraft(
        session_uid=_text(data["session_uid"], 200),
        session_version=_text(data["session_version"], 200),
        member_uid=None if member is None else _text(member, 200),
        observations=tuple(_observation(o) for o in data.get("observations", [])),
        saved_to=None if saved_to is None else _text(saved_to, 4096),
        saved_at=None if saved_at is None else _moment(saved_at),
        package_path=None if package is None else _text(package, 4096),
        title=_text(data.get("title") or "", 400),
    )


def _remove_leftovers(folder: Path) -> None:
    """The temporary files of a writer that was killed (its process is gone)."""
    from mipg_desktop.storage.safe_files import process_alive

    for leftover in folder.glob(".*.parcial"):
        parts = leftover.name.split(".")
        pid = parts[-3] if len(parts) >= 4 else ""
        if pid.isdigit() and not process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def load_draft(session_uid: str, session_version: str) -> ReviewDraft | None:
    """The saved draft of this session and version, or None. A file that cannot be read is
    set aside (``.danado``) and None returned: the member starts again, nothing overwritten."""
    path = draft_path(session_uid, session_version)
    with contextlib.suppress(OSError):
        _remove_leftovers(path.parent)
    try:
        if path.stat().st_size > MAX_DRAFT_BYTES:
            raise ValueError("too large")
        draft = draft_from_json(json.loads(path.read_text(encoding="utf-8")))
        if (draft.session_uid, draft.session_version) != (session_uid, session_version):
            raise ValueError("another draft")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        with contextlib.suppress(OSError):
            path.replace(path.with_name(path.name + ".danado"))
        return None
    return draft


def load_or_start(session_uid: str, session_version: str) -> ReviewDraft:
    found = load_draft(session_uid, session_version)
    return found if found is not None else ReviewDraft(session_uid, session_version)


def _all_drafts() -> list[ReviewDraft]:
    """Every readable draft in the folder (an unreadable one is skipped, never touched)."""
    found: list[ReviewDraft] = []
    try:
        files = sorted(drafts_folder().glob("*.json"))
    except OSError:
        return []
    for path in files:
        if path.name == MEMBER_FILE:
            continue
        try:
            if path.stat().st_size > MAX_DRAFT_BYTES:
                continue
            found.append(draft_from_json(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def _newest_first(drafts: list[ReviewDraft]) -> list[ReviewDraft]:
    drafts.sort(key=lambda d: max((o.updated_at for o in d.observations), default=_EPOCH))
    return drafts[::-1]


def other_drafts(session_uid: str, session_version: str) -> list[ReviewDraft]:
    """Drafts of the same session on other versions of its draft acta (a member who began on
    one package and then received a newer one), newest change first."""
    return _newest_first(
        [
            d
            for d in _all_drafts()
            if d.session_uid == session_uid and d.session_version != session_version
        ]
    )


def unsent_drafts() -> list[ReviewDraft]:
    """Reviews with observations not yet in a saved response, newest change first: after a
    restart (or a crash) the window offers to go on with them."""
    return _newest_first([d for d in _all_drafts() if d.unsent])


def carry_over(
    draft: ReviewDraft, older: ReviewDraft, targets: set[tuple[str, str]]
) -> ReviewDraft:
    """``draft`` (empty) with the observations of ``older`` on parts the new draft still has,
    and its member: nothing the member typed on the earlier package is lost."""
    kept = tuple(
        o for o in older.observations if (o.target_kind, o.target_uid) in targets and not o.is_empty
    )
    return replace(draft, member_uid=draft.member_uid or older.member_uid, observations=kept)


# -- the member last chosen (the window proposes them again) -----------------------------------
def remember_member(member_uid: str) -> None:
    data = json.dumps({"member_uid": member_uid}).encode("utf-8")
    with contextlib.suppress(OSError):
        _write_private(drafts_folder() / MEMBER_FILE, data)


def remembered_member() -> str | None:
    try:
        value = json.loads((drafts_folder() / MEMBER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = value.get("member_uid") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None
