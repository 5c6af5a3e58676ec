"""Longest pause of the window while a 30-page acta opens in a spell-checked editor.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_spell_check.py [--runs 5]

The acta is the demo's minutes text repeated to about 15,000 words (30 pages), with a few
misspellings. Each run opens it in a new QPlainTextEdit with ``attach_spell_check`` while a
5 ms timer on the GUI thread records the gaps between its ticks, until every word is checked
and every block repainted. The first run starts with no dictionary in memory (it loads on
the worker thread), the next ones with the per-word cache warm, as when a second acta opens.
The same text in an editor without spell check gives the baseline: what ``setPlainText``
and the layout cost by themselves. Prints medians and the ratio (target: no pause over
50 ms caused by the spell check).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = 15_000


def acta_text(words: int = WORDS) -> str:
    """The demo's minutes, filled in and repeated to ``words`` words, with misspellings."""
    from mipg_desktop.demo import committees_text as T

    fill = {
        "presenter": "La jefe de la Oficina Asesora de Planeación",
        "pct": "87",
        "goal": "90",
        "acta": "Acta No. 3 de 2026",
    }
    parts = [t.format(**fill) for t in T.DELIBERATION]
    parts += [T.PREVIOUS_TEXT.format(**fill), T.COMMITMENTS_TEXT, T.OTHER_TEXT]
    parts += [f"- {text} ({owner})." for text, owner in T.COMMITMENTS]
    parts += T.FOLLOW_UPS
    parts.append("La sesion se levanto sin quorum; la interventoria no presento su informe.")
    block = "\n\n".join(parts)
    out, count, n = [], 0, 0
    while count < words:
        n += 1
        piece = f"Punto {n}. {block}"
        out.append(piece)
        count += len(piece.split())
    return "\n\n".join(out)


class Heartbeat:
    """Ticks every 5 ms on the GUI thread; ``longest`` is the worst gap seen."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0


def open_acta(text: str, spell: bool, beat: Heartbeat) -> tuple[float, float, float]:
    """(longest gap, seconds in setPlainText, seconds until all is checked) for one opening
    of ``text`` in a new editor, with or without spell check."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from ui.spell_check import attach_spell_check

    app = QApplication.instance()
    edit = QPlainTextEdit()
    edit.resize(900, 700)
    edit.show()
    highlighter = attach_spell_check(edit) if spell else None
    app.processEvents()  # type: ignore[union-attr]
    spent: list[float] = []

    def open_text() -> None:
        started = time.perf_counter()
        edit.setPlainText(text)
        spent.append(time.perf_counter() - started)

    beat.reset()
    start = time.perf_counter()
    QTimer.singleShot(0, open_text)
    wait_for(lambda: bool(spent) and (highlighter is None or not highlighter.busy()))
    done = time.perf_counter() - start
    settle = time.perf_counter() + 0.03  # a last tick or two: a pause at the end counts too
    wait_for(lambda: time.perf_counter() > settle)
    gap = beat.longest
    edit.close()
    edit.deleteLater()
    app.processEvents()  # type: ignore[union-attr]
    return gap, spent[0], done


def wait_for(condition: object, timeout: float = 120.0) -> float:
    """Run the real event loop (as the window does) until ``condition()`` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    start = time.perf_counter()

    def poll() -> None:
        if condition() or time.perf_counter() - start > timeout:  # type: ignore[operator]
            loop.quit()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    QTimer.singleShot(0, poll)
    loop.exec()
    timer.stop()
    if not condition():  # type: ignore[operator]
        raise TimeoutError("the spell check did not finish")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["MIPG_CONFIG_DIR"] = tempfile.mkdtemp(prefix="mipg-spell-bench-")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    text = acta_text()
    print(f"acta: {len(text.split())} words, {text.count(chr(10) * 2) + 1} paragraphs")
    beat = Heartbeat()
    rows: dict[str, list[tuple[float, float]]] = {"plain": [], "cold": [], "warm": []}
    for run in range(args.runs):
        for kind in ("plain", "cold" if run == 0 else "warm"):
            gap, spent, done = open_acta(text, kind != "plain", beat)
            rows[kind].append((gap, spent))
            print(
                f"  run {run + 1} {kind:5}: longest pause {gap * 1000:6.1f} ms, "
                f"setPlainText {spent * 1000:6.1f} ms, all checked after {done:5.2f} s"
            )
    plain = statistics.median(g for g, _ in rows["plain"])
    plain_set = statistics.median(s for _, s in rows["plain"])
    warm = statistics.median(g for g, _ in rows["warm"]) if rows["warm"] else float("nan")
    warm_set = statistics.median(s for _, s in rows["warm"]) if rows["warm"] else float("nan")
    cold = rows["cold"][0][0]
    print(f"median longest pause, no spell check: {plain * 1000:.1f} ms")
    print(f"longest pause, first acta (the dictionary loads meanwhile): {cold * 1000:.1f} ms")
    print(f"median longest pause, spell-checked, words known: {warm * 1000:.1f} ms")
    print(
        f"setPlainText median: {plain_set * 1000:.1f} ms plain, {warm_set * 1000:.1f} ms "
        f"spell-checked (ratio {warm_set / plain_set:.2f})"
    )
    worst = max(cold, warm)
    print(f"longest pause with spell check: {worst * 1000:.1f} ms (target < 50 ms)")
    del app


if __name__ == "__main__":
    main()
