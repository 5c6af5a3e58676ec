"""Damaging a SQLite file on purpose: one page overwritten in the middle of the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

GARBAGE = 0xA5


def corrupt_page(path: Path, table: str = "furag_scores") -> int:
    """Overwrite the first page of ``table`` (found with ``dbstat``; else the middle page)
    with garbage; returns the page number. The file header and the schema stay readable, so
    the database still opens: only a check finds the damage."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        count = int(conn.execute("PRAGMA page_count").fetchone()[0])
        try:
            row = conn.execute("SELECT min(pageno) FROM dbstat WHERE name = ?", (table,)).fetchone()
            page = int(row[0]) if row and row[0] else count // 2
        except sqlite3.OperationalError:  # no dbstat in this build
            page = count // 2
    finally:
        conn.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes([GARBAGE]) * size)
    return page
