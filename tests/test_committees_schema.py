"""The freeze triggers exist after every upgrade (batch migrations on SQLite drop them)."""

from __future__ import annotations

from sqlalchemy import text

from mipg_desktop.storage.database import Database

FROZEN_TABLES = {
    "committee_sessions",
    "agenda_items",
    "agenda_attachments",
    "attendance",
    "session_guests",
    "quorum_checks",
    "decisions",
    "commitments",
    "agenda_item_policies",
    "agenda_item_plan_types",
    "errata",
}


def test_every_frozen_table_has_its_triggers(db: Database) -> None:
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            rows = conn.execute(
                text("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
        else:
            rows = conn.execute(
                text(
                    "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    "WHERE NOT t.tgisinternal"
                )
            ).scalars()
        covered = set(rows)
    missing = FROZEN_TABLES - covered
    assert not missing, (
        f"freeze triggers missing on {sorted(missing)}: a later migration rebuilt the table "
        "(SQLite batch mode); recreate them from 0002_committees"
    )
