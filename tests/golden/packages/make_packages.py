"""Make the golden session package of the current format version (run once per new
version, commit the file; never rewrite an older version's file).

    .venv/bin/python tests/golden/packages/make_packages.py

The package holds a full, approved session (attendance, a delegate, a guest, a quorum
check, agenda items and a sub-item with attachments, a decision, a commitment with a
follow-up, an erratum, the entity's header and the acta as approved), as
``v<version>.mipgsesion`` beside this script.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

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
            sid = full_session(db, approve=True)
            add_erratum(db, sid, "Donde dice «Meta 1» debe decir «Meta uno».", "Punto 1")
            export_session(db, sid, target)
        finally:
            db.close()
    return target


if __name__ == "__main__":
    print(make())
