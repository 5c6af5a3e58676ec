"""Make the golden session package of the current format version (run once per new
version, commit the file; never rewrite an older version's file).

    .venv/bin/python tests/golden/packages/make_packages.py

The package holds a full, approved session (attendance, a delegate, a guest, a quorum
check, agenda items and a sub-item with attachments, a decision, a commitment with a
follow-up, an erratum, the entity's header and the acta as approved, listing the
observations two members sent on its draft; since version 3), as ``v<version>.mipgsesion``
beside this script.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))


def make() -> Path:
    from test_committees_package import full_session

    from mipg_desktop.committees.approval import add_erratum
    from mipg_desktop.committees.package import FORMAT_VERSION, export_session
    from mipg_desktop.storage.database import open_database

    target = HERE / f"v{FORMAT_VERSION}.mipgsesion"
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "golden.sqlite")
        try:
            sid = full_session(db)
            _review(db, sid, Path(folder))
            add_erratum(db, sid, "Donde dice «Meta 1» debe decir «Meta uno».", "Punto 1")
            export_session(db, sid, target)
        finally:
            db.close()
    return target


def _review(db: Database, sid: int, folder: Path) -> None:
    """Two members answer the draft (one observation accepted, one «sin observaciones»),
    then the acta is approved."""
    from mipg_desktop.committees.approval import approve_minutes
    from mipg_desktop.committees.package import export_session
    from mipg_desktop.committees.review import import_response, review_observations
    from mipg_desktop.committees.review_actions import accept_observation
    from mipg_desktop.committees.review_package import open_for_review
    from mipg_desktop.committees.review_response import ObservationDraft, write_response
    from mipg_desktop.committees.sessions import set_status

    set_status(db, sid, "minutes_draft")
    review = open_for_review(export_session(db, sid, folder / "draft.mipgsesion").path)
    decision = next(t for t in review.targets if t.kind == "decision")
    first, second = review.members[0], review.members[1]
    note = ObservationDraft(decision.kind, decision.uid, "Precisar", "Aprobar el informe de avance")
    for member, notes in ((first, [note]), (second, [])):
        out = folder / f"{member.uid}.mipgrespuesta"
        write_response(review, member.uid, notes, out, no_observations=not notes)
        import_response(db, out)
    found = review_observations(db, sid)[0]
    accept_observation(db, found.id, found.version)
    set_status(db, sid, "under_review")
    approve_minutes(db, sid, approved_by="Comité")


if __name__ == "__main__":
    print(make())
