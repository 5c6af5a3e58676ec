"""Whole-process cost of `mipg --version` and `mipg catalog` against `python -c pass`.

Runs each command several times, interleaved, in the same run, and prints medians and ratios.
Usage: .venv/bin/python benchmarks/bench_cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    py = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.sqlite")
        subprocess.run(
            [py, "-m", "mipg_desktop", "--db", db, "init"], check=True, stdout=subprocess.DEVNULL
        )
        commands = {
            "python -c pass (floor)": [py, "-c", "pass"],
            "mipg --version": [py, "-m", "mipg_desktop", "--version"],
            "mipg catalog": [py, "-m", "mipg_desktop", "--db", db, "catalog"],
            "mipg catalog --json": [py, "-m", "mipg_desktop", "--db", db, "catalog", "--json"],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                samples[name].append(timed(cmd))
    floor = statistics.median(samples["python -c pass (floor)"])
    print(f"{'command':28} {'median ms':>10} {'ratio':>7}   ({runs} runs each, interleaved)")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:28} {median * 1000:10.1f} {median / floor:7.1f}x")


if __name__ == "__main__":
    main()
