"""Make the golden database of one schema revision (run once per new revision, commit the file).

    .venv/bin/python tests/golden/make_golden.py 0002_committees

The file holds the schema at that revision plus a little data written with plain
SQL, so the migration test can check that upgrading keeps it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from mipg_desktop.storage.migrate import upgrade_to_head

HERE = Path(__file__).resolve().parent


def make(revision: str) -> Path:
    path = HERE / f"{revision}.sqlite"
    path.unlink(missing_ok=True)
    upgrade_to_head(f"sqlite:///{path}", revision)
    conn = sqlite3.connect(path)
    conn.execute(
        'INSERT INTO entities (name, nit, city, department, sigep_code, address, "order", '
        "logo_mime, created_at, updated_at) VALUES ('Entidad Dorada', '800.000.001-1', 'Pasto', "
        "'Nariño', '777', 'Calle 1', 'Territorial', '', '2026-01-02 03:04:05', "
        "'2026-01-02 03:04:05')"
    )
    conn.execute("INSERT INTO settings (key, value) VALUES ('golden_revision', ?)", (revision,))
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
    return path


if __name__ == "__main__":
    for rev in sys.argv[1:]:
        print(make(rev))
