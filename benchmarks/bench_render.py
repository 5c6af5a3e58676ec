"""Rendering cost: the longest demo acta with platypus vs. the same text on a raw canvas.

    .venv/bin/python benchmarks/bench_render.py [--db DEMO.sqlite] [--runs 5]

Without ``--db`` (or when the database has no sessions) a long sample acta is used. Both
renderers use the same embedded TTF fonts, registered before timing; the raw canvas draws the
text of the rendered acta line by line (what a hand-written canvas report would do), with
page breaks and a page number. Prints medians in ms, the ratio (target ≤ 2×) and, with a
database, the time to build the pack of the session with the most attachments.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def median_ms(function: Any, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def raw_canvas(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from mipg_desktop.documents.fonts import FONT

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, initialFontName=FONT)
    width, height = LETTER
    y, page = height - 72, 1
    text = canvas.beginText(72, y)
    text.setFont(FONT, 10)
    for line in lines:
        for piece in simpleSplit(line, FONT, 10, width - 144) or [""]:
            if y < 72:
                canvas.drawText(text)
                canvas.drawString(width - 150, 40, f"Página {page}")
                canvas.showPage()
                page += 1
                y = height - 72
                text = canvas.beginText(72, y)
                text.setFont(FONT, 10)
            text.textLine(piece)
            y -= 13.5
    canvas.drawText(text)
    canvas.drawString(width - 150, 40, f"Página {page}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def long_sample() -> Any:
    from mipg_desktop.documents import samples

    minutes = samples.minutes()
    agenda = tuple(
        dataclasses.replace(entry, deliberation=samples.DELIBERATION * 6)
        for entry in minutes.agenda
    )
    return dataclasses.replace(minutes, agenda=agenda)


def demo_minutes(db_path: str) -> tuple[Any, int | None, int | None]:
    """The longest acta of the demo database and the session with most attachments."""
    from mipg_desktop.committees.views import get_session_detail, list_sessions
    from mipg_desktop.documents.from_session import control_block, minutes_from
    from mipg_desktop.storage.database import open_database

    with open_database(db_path, create=False) as db:
        sessions = list_sessions(db)
        if not sessions:
            return long_sample(), None, None
        details = [get_session_detail(db, s.id) for s in sessions]

        def size(d: Any) -> int:
            items = d.all_agenda_items()
            return sum(len(i.deliberation) + len(i.title) for i in items) + 200 * len(items)

        longest = max(details, key=size)
        most = max(
            details,
            key=lambda d: (
                sum(len(i.attachments) for i in d.all_agenda_items()),
                len(d.all_agenda_items()),
                d.previous_session is not None,
            ),
        )
        return minutes_from(longest, control_block(db, "minutes")), longest.id, most.id


def child(kind: str, source: str) -> int:
    """One whole process: load the input, register fonts, render, write the PDF."""
    import pickle

    from mipg_desktop.documents.fonts import register_fonts

    data = pickle.loads(Path(source).read_bytes())
    register_fonts()
    if kind == "platypus":
        from mipg_desktop.documents.minutes_pdf import render_minutes

        pdf = render_minutes(data)
    else:
        pdf = raw_canvas(data)
    Path(source).with_suffix(f".{kind}.pdf").write_bytes(pdf)
    return 0


def _child_run(kind: str, source: str) -> tuple[float, float]:
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", kind, source], check=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu * 1000


def whole_process_ms(
    doc_source: str, raw_source: str, runs: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) ms of both child processes, run alternately so load hits both."""
    _child_run("platypus", doc_source)  # warm the file cache
    _child_run("raw", raw_source)
    doc, raw = [], []
    for _ in range(runs):
        doc.append(_child_run("platypus", doc_source))
        raw.append(_child_run("raw", raw_source))

    def medians(rows: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)

    return medians(doc), medians(raw)


def model_lines(minutes: Any) -> list[str]:
    """The acta's text as a hand-written canvas report would print it, paragraph by paragraph."""
    out = [f"ACTA No. {minutes.session.acta_label}", minutes.session.committee_name]
    s = minutes.session
    out += [str(x or "") for x in (s.kind, s.modality, s.day, s.start_time, s.end_time, s.place)]
    out += [f"{a.name}  {a.position}  {a.role}  {a.represents}" for a in minutes.attendees]
    out.append(minutes.quorum_statement)
    out += [f"{e.number}. {e.title}" for e in minutes.agenda]
    for entry in minutes.agenda:
        out.append(f"{entry.number}. {entry.title}  {entry.presenter}")
        out += entry.deliberation.replace("**", "").replace("*", "").split("\n")
    out += [
        f"{d.item_number} {d.text} {d.votes_for} {d.votes_against} {d.outcome}"
        for d in minutes.decisions
    ]
    out += [f"{c.number} {c.text} {c.owner} {c.due_date}" for c in minutes.commitments]
    out += [minutes.next_meeting, str(minutes.next_meeting_date or "")]
    for signer in (minutes.president, minutes.secretary):
        out += [signer.name, signer.position, signer.role_label]
    out += list(minutes.annexes)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="demo database (mipg --db X demo --years 2)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "INPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    from mipg_desktop.documents import inspect
    from mipg_desktop.documents.fonts import register_fonts
    from mipg_desktop.documents.minutes_pdf import render_minutes

    register_fonts()
    minutes, longest_id, pack_id = demo_minutes(args.db) if args.db else (long_sample(), None, None)
    render_minutes(minutes)  # warm-up: imports, font subsets, babel data
    doc_ms, pdf = median_ms(lambda: render_minutes(minutes), args.runs)
    lines = model_lines(minutes)
    raw_canvas(lines)
    raw_ms, raw_pdf = median_ms(lambda: raw_canvas(lines), args.runs)
    pages = len(inspect.page_texts(pdf))
    source = f"demo session {longest_id}" if longest_id else "long sample acta"
    print(f"acta ({source}): {pages} pages, {sum(len(x) for x in lines)} characters")
    print(f"platypus acta median: {doc_ms:.1f} ms over {args.runs} runs")
    print(f"raw canvas, same text: {raw_ms:.1f} ms ({len(inspect.page_texts(raw_pdf))} pages)")
    print(f"in-process ratio (layout + drawing vs drawing only): {doc_ms / raw_ms:.2f}x")
    import pickle
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        model, text = Path(folder, "acta.pickle"), Path(folder, "lines.pickle")
        model.write_bytes(pickle.dumps(minutes))
        text.write_bytes(pickle.dumps(lines))
        (doc_wall, doc_cpu), (raw_wall, raw_cpu) = whole_process_ms(
            str(model), str(text), args.runs
        )
    print(f"whole process, platypus acta: wall {doc_wall:.0f} ms, CPU {doc_cpu:.0f} ms")
    print(f"whole process, raw canvas:    wall {raw_wall:.0f} ms, CPU {raw_cpu:.0f} ms")
    print(
        f"whole-process ratio: wall {doc_wall / raw_wall:.2f}x, CPU {doc_cpu / raw_cpu:.2f}x "
        "(target <= 2x)"
    )
    if pack_id is not None:
        from mipg_desktop.documents.from_session import load_pack
        from mipg_desktop.documents.pack_pdf import render_pack
        from mipg_desktop.storage.database import open_database

        with open_database(args.db, create=False) as db:
            start = time.perf_counter()
            pack = load_pack(db, pack_id)
            load_ms = (time.perf_counter() - start) * 1000
        pack_ms, pack_pdf = median_ms(lambda: render_pack(pack), max(1, args.runs // 2))
        pages = len(inspect.page_texts(pack_pdf))
        print(
            f"pack of session {pack_id}: {pages} pages, {len(pack.attachments)} attachments, "
            f"read {load_ms:.0f} ms + render median {pack_ms:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
