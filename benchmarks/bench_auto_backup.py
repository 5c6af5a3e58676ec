"""How long the automatic copy takes on a demo database (what closing the window waits for).

    .venv/bin/python benchmarks/bench_auto_backup.py [--years 10] [--runs 5]

Builds a ``mipg demo --years N`` database, then times, median of ``--runs``: the quick check
on open, the fingerprint that decides «something changed», a whole automatic copy (copy,
``integrity_check`` of the copy, rotation), and the two cheap answers (already made today;
nothing changed since the last one).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from mipg_desktop.storage.backup_rotation import (
    Outcome,
    database_fingerprint,
    make_automatic_backup,
    quick_check,
)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mipg_desktop",
                "--db",
                str(db),
                "demo",
                "--years",
                str(args.years),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        url = f"sqlite:///{db}"
        root = Path(folder) / "copias"
        day = iter(range(1000))

        def copy() -> None:
            when = datetime(2026, 1, 1, 12) + timedelta(days=next(day))
            conn = sqlite3.connect(db)
            with conn:
                conn.execute("INSERT OR REPLACE INTO settings VALUES ('bench', ?)", (str(when),))
            conn.close()
            assert make_automatic_backup(url, root=root, now=when).outcome is Outcome.MADE

        last = datetime(2026, 1, 1, 12) + timedelta(days=args.runs - 1)
        later = last + timedelta(days=1)
        measures: list[tuple[str, Callable[[], object]]] = [
            ("quick_check on open", lambda: quick_check(db)),
            ("fingerprint", lambda: database_fingerprint(db)),
            ("automatic copy (made)", copy),
            ("already made today", lambda: make_automatic_backup(url, root=root, now=last)),
            ("nothing changed", lambda: make_automatic_backup(url, root=root, now=later)),
        ]
        print(f"demo --years {args.years}: {db.stat().st_size / 1e6:.1f} MB")
        for label, fn in measures:
            print(f"{label + ':':26}{median_ms(fn, args.runs):7.1f} ms")


if __name__ == "__main__":
    main()
