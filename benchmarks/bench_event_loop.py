"""Longest pause of the window's event loop while a session pack is exported in the background.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_event_loop.py [--db DB] [--items 40]

With ``--db`` (e.g. a ``mipg demo --years 10`` database) the session with the most agenda
items is exported; without it, a large session is built through the core services: a
committee year, ``--items`` agenda items with long deliberations, decisions, commitments and
PDF annexes. The pack is exported through the window's task runner (one worker thread, as
the "Paquete PDF" button does) while a 5 ms timer on the GUI thread records the gaps
between its ticks. Prints the pack time and the longest gap (target: under 100 ms).

The same timer runs from the moment the window is shown, so the script also prints the
longest pause while SQLAlchemy, the models and the services load on the worker behind the
first screen (between the window's ``ready`` and ``core_loaded``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = (
    "La secretaría técnica presentó el avance de las metas del trimestre, con énfasis en las "
    "acciones de racionalización de trámites y en la publicación de la información en la sede "
    "electrónica. Los integrantes deliberaron sobre los riesgos identificados y las acciones "
    "de mejora propuestas por la Oficina de Control Interno. "
)


def build_session(db: object, items: int) -> int:
    from mipg_desktop.committees.agenda import add_agenda_item, add_attachment
    from mipg_desktop.committees.commitments import add_commitment
    from mipg_desktop.committees.minutes import save_deliberation
    from mipg_desktop.committees.views import get_session_detail
    from mipg_desktop.committees.votes import record_decision
    from mipg_desktop.documents.convocation_pdf import render_convocation
    from mipg_desktop.documents.from_session import load_convocation
    from ui.dev_screenshots import sample_data

    _committee, session_id, _year = sample_data(db)  # type: ignore[arg-type]
    annex = render_convocation(load_convocation(db, session_id))  # type: ignore[arg-type]
    for n in range(items):
        ref = add_agenda_item(
            db,
            session_id,
            f"Punto {n + 1}: seguimiento a la política {n % 19 + 1}",
            presenter="Oficina de Planeación",
            duration_minutes=15,
        )  # type: ignore[arg-type]
        if n % 4 == 0:
            add_attachment(db, ref.id, f"anexo-{n + 1}.pdf", annex, "application/pdf")  # type: ignore[arg-type]
    for item in get_session_detail(db, session_id).all_agenda_items():  # type: ignore[arg-type]
        save_deliberation(db, item.id, "\n\n".join([PARAGRAPH * 3] * 4))  # type: ignore[arg-type]
    for n in range(10):
        record_decision(db, session_id, f"Decisión {n + 1}: aprobar el informe", 3)  # type: ignore[arg-type]
        add_commitment(db, session_id, f"Compromiso {n + 1}: publicar el avance", "Planeación")  # type: ignore[arg-type]
    return session_id


def largest_session(db: object) -> int:
    from mipg_desktop.committees.views import get_session_detail, list_sessions

    sessions = list_sessions(db)  # type: ignore[arg-type]
    sizes = [(len(get_session_detail(db, s.id).all_agenda_items()), s.id) for s in sessions]  # type: ignore[arg-type]
    return max(sizes)[1]


def build(path: str, items: int) -> None:
    from mipg_desktop.storage.database import open_database

    db = open_database(path)
    print(f"built session {build_session(db, items)} in {path}")
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--build", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(args.build, args.items)
        return 0
    folder = Path(tempfile.mkdtemp())
    if args.db is None:
        import subprocess

        args.db = str(folder / "grande.sqlite")
        cmd = [sys.executable, __file__, "--build", args.db, "--items", str(args.items)]
        subprocess.run(cmd, check=True)
    return measure(args.db, folder)


def measure(path: str, folder: Path) -> int:
    """A fresh process, started like the program: the window, ready, then the export."""
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from mipg_desktop.storage.database import open_database
    from ui.app import make_app, settle_memory
    from ui.app_settings import AppSettings
    from ui.exports import export_document
    from ui.main_window import MainWindow

    app = make_app()
    db = open_database(path)
    settings = AppSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, settings)
    window.show()
    clock = QElapsedTimer()
    gaps: list[int] = []
    last = [0]
    marks: dict[str, int] = {}

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    window.ready.connect(lambda: marks.setdefault("ready", len(gaps)))
    window.core_loaded.connect(lambda: marks.setdefault("loaded", len(gaps)))
    target = folder / "paquete.pdf"
    done: list[float] = []
    started = [0.0]
    session: list[int] = []

    def finished(_path: Path) -> None:
        done.append(time.perf_counter() - started[0])
        QTimer.singleShot(1000, app.quit)  # keep measuring what follows the job

    def start() -> None:
        session.append(largest_session(db))
        settle_memory()  # what the program does once its core has loaded
        marks["export"] = len(gaps) + 1
        started[0] = time.perf_counter()
        export_document(window.runner, db, "pack", session[0], target, finished)

    window.core_loaded.connect(lambda: QTimer.singleShot(200, start))
    app.exec()
    timer.stop()
    window.runner.wait_idle()
    if not done:
        print("the export failed", file=sys.stderr)
        return 1
    data = target.read_bytes()
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    loading = gaps[marks["ready"] + 1 : marks["loaded"] + 1]
    print(
        f"while the core loads behind the first screen: {sum(loading)} ms, "
        f"longest pause {max(loading, default=0)} ms"
    )
    gaps = gaps[marks["export"] :]
    longest = max(gaps)
    print(f"session {session[0]}: pack of {len(data) / 1e6:.1f} MB, ~{pages} pages")
    print(f"pack export (background, through the window's task runner): {done[0]:.2f} s")
    print(
        "pauses over 30 ms (ms since start, length):",
        [(sum(gaps[:i]), g) for i, g in enumerate(gaps) if g > 30],
    )
    print(f"event loop: {len(gaps)} ticks of 5 ms, longest pause {longest} ms (target < 100 ms)")
    return 0 if longest < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
