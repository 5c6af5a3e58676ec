"""search: accent-insensitive full-text index (SQLite FTS5) kept by triggers

Revision ID: 0004_search
Revises: 0003_plans
Create Date: 2026-11-21 12:50:00

On SQLite, ``search_fts`` is an FTS5 table with ``remove_diacritics 2`` whose rowid
encodes the source (``id * 8 + kind``); triggers on the source tables keep it in step.
PostgreSQL needs no table: ``mipg_desktop.search`` queries the sources directly there.
"""

from __future__ import annotations

from alembic import op

revision = "0004_search"
down_revision = "0003_plans"
branch_labels = None
depends_on = None

# kind number, source table, title expression, body expression, owner column
SOURCES = (
    (1, "agenda_items", "NEW.title", "NEW.description || ' ' || NEW.deliberation", "session_id"),
    (2, "commitments", "NEW.owner_name", "NEW.text || ' ' || NEW.remarks", "session_id"),
    (3, "decisions", "''", "NEW.text", "session_id"),
    (
        4,
        "plan_activities",
        "NEW.code",
        "NEW.description || ' ' || NEW.indicator_name "
        "|| ' ' || NEW.owner_unit || ' ' || NEW.owner_person",
        "plan_id",
    ),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(owner_id UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for kind, table, title, body, owner in SOURCES:
        values = f"NEW.id * 8 + {kind}, NEW.{owner}, {title}, {body}"
        op.execute(
            f"CREATE TRIGGER trg_{table}_search_ins AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO search_fts (rowid, owner_id, title, body) VALUES ({values}); END"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_search_upd AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM search_fts WHERE rowid = OLD.id * 8 + {kind}; "
            f"INSERT INTO search_fts (rowid, owner_id, title, body) VALUES ({values}); END"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_search_del AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_fts WHERE rowid = OLD.id * 8 + {kind}; END"
        )
        select = values.replace("NEW.", "")
        op.execute(
            f"INSERT INTO search_fts (rowid, owner_id, title, body) SELECT {select} FROM {table}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for _kind, table, *_ in SOURCES:
        for event in ("ins", "upd", "del"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_search_{event}")
    op.execute("DROP TABLE IF EXISTS search_fts")
