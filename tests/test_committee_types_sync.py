"""A newer committee_types.json reaches databases already in use, at the next start-up,
without replacing a type the entity edited (as the catalog's changes do)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mipg_desktop.catalog_file import TYPES_VERSION_KEY, shipped_types_version
from mipg_desktop.committees.types import list_types
from mipg_desktop.storage.database import open_database


def _setting(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (TYPES_VERSION_KEY,))
        found = row.fetchone()
    finally:
        conn.close()
    return None if found is None else str(found[0])


@pytest.mark.sqlite_only
def test_an_older_types_version_is_synced_at_start_up_keeping_the_entitys_edits(
    tmp_path: Path,
) -> None:
    path = tmp_path / "en_uso.sqlite"
    with open_database(path) as db:
        names = {t.code: t.name for t in list_types(db)}
    assert _setting(path) == shipped_types_version()
    # as a database synced by an earlier program: an older file version, one type still as
    # that version shipped it, another the entity edited
    conn = sqlite3.connect(path)
    conn.execute("UPDATE settings SET value = '2025.9' WHERE key = ?", (TYPES_VERSION_KEY,))
    conn.execute(
        "UPDATE committee_types SET name = 'Nombre antiguo', catalog_version = '2025.9' "
        "WHERE code = 'CICCI'"
    )
    conn.execute(
        "UPDATE committee_types SET name = 'Comité de la entidad', edited = 1 WHERE code = 'CSGD'"
    )
    conn.commit()
    conn.close()

    with open_database(path) as db:
        after = {t.code: t.name for t in list_types(db)}
    assert after["CICCI"] == names["CICCI"]  # the shipped definition came back
    assert after["CSGD"] == "Comité de la entidad"  # the entity's edit stays
    assert _setting(path) == shipped_types_version()
