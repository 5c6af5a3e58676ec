"""Whole-process start-up of the window against a bare PySide6 window, in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--years 10] [--runs 7]

Builds a ``mipg demo --years N`` database, then alternates ``mipg-desktop --db DB
--exit-when-ready`` (the full program: imports, database checks, lock, main window, first
screen read on the worker, event loop) with a script that shows an empty ``QMainWindow``
of the same size and quits from its event loop. Prints medians and the ratio (target: at
most 3×). The first screen is read with sqlite3; SQLAlchemy, the models and the services
load on the worker right after it. ``--exit-when-loaded`` waits for that too: the second
ratio is the whole start-up, until the program has everything in memory. Offscreen,
settings and logs in a temporary folder; bytecode is written (PYTHONDONTWRITEBYTECODE is
dropped) as an installed program would have it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QMainWindow(); w.resize(1366, 768); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--frozen",
        type=Path,
        help="also time the PyInstaller build (dist/mipg-desktop/mipg-desktop)",
    )
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    py = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(Path(folder) / "config"),
            MIPG_LOG_DIR=str(Path(folder) / "log"),
            PYTHONPATH=str(root),
        )
        # an installed program has its bytecode; this sandbox sets PYTHONDONTWRITEBYTECODE,
        # which would recompile every project module on every start
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        db = str(Path(folder) / "demo.sqlite")
        start = time.perf_counter()
        subprocess.run(
            [py, "-m", "mipg_desktop", "--db", db, "demo", "--years", str(args.years)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        size = Path(db).stat().st_size / 1e6
        print(f"demo --years {args.years}: {time.perf_counter() - start:.1f} s, {size:.1f} MB")
        app_cmd = [py, "-m", "ui.app", "--db", db, "--exit-when-ready"]
        loaded_cmd = [py, "-m", "ui.app", "--db", db, "--exit-when-loaded"]
        bare_cmd = [py, "-c", BARE]
        timed(app_cmd, env)  # warm the file cache and settle any first-open work
        timed(bare_cmd, env)
        frozen_cmd = [str(args.frozen), "--db", db, "--exit-when-ready"] if args.frozen else None
        if frozen_cmd:
            timed(frozen_cmd, env)
        app_times, bare_times, frozen_times, loaded_times = [], [], [], []
        for _ in range(args.runs):
            bare_times.append(timed(bare_cmd, env))
            app_times.append(timed(app_cmd, env))
            loaded_times.append(timed(loaded_cmd, env))
            if frozen_cmd:
                frozen_times.append(timed(frozen_cmd, env))
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    ratio = app / bare
    print(f"bare PySide6 window: median {bare * 1000:.0f} ms over {args.runs} runs")
    print(f"mipg-desktop --exit-when-ready: median {app * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio: {ratio:.2f}x (target <= 3x)")
    loaded = statistics.median(loaded_times)
    print(
        f"until the core has loaded behind it (--exit-when-loaded): median "
        f"{loaded * 1000:.0f} ms, {loaded / bare:.2f}x"
    )
    if frozen_times:
        frozen = statistics.median(frozen_times)
        print(f"built program (PyInstaller): median {frozen * 1000:.0f} ms, {frozen / bare:.2f}x")

    return 0 if ratio <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
