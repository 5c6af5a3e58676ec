"""Two writers on one record never lose a save silently: every write either builds on what
is stored (the text it was typed over) or is refused with the stored text to show. Two
programs on one SQLite file, and two PostgreSQL connections."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from datetime import date

from test_committees_lifecycle import held_session
from test_committees_support import build_cigd

from mipg_desktop.committees.minutes import save_deliberation
from mipg_desktop.committees.views import get_session_detail
from mipg_desktop.errors import ConcurrentEdit
from mipg_desktop.storage.database import Database, open_database

SAVES = 60


@dataclass(frozen=True)
class Save:
    writer: str
    version: int  # the version it produced
    base: str  # the text it was typed over
    text: str


def writer(
    db: Database,
    name: str,
    item_id: int,
    start: tuple[int, str],
    saves: list[Save],
    refused: list[str],
) -> None:
    """Types and autosaves like the minutes editor: each write carries the version and the
    text it was typed over; a refusal re-reads the stored text (the person chose theirs)."""
    version, base = start
    pause = random.Random(name).uniform
    for n in range(SAVES):
        time.sleep(pause(0.0, 0.004))  # typing between autosaves
        text = f"{base[:200]} [{name} {n}]"
        try:
            ref = save_deliberation(db, item_id, text, expected_version=version, base=base)
        except ConcurrentEdit as error:
            refused.append(name)  # loudly: the window shows both texts
            version, base = int(error.version or 0), str(error.current["deliberation"])
            continue
        saves.append(Save(name, ref.version, base, text))
        version, base = ref.version, text


def test_two_programs_on_one_record_never_lose_a_save(db: Database) -> None:
    cigd = build_cigd(db)
    sid = held_session(db, cigd, date(2026, 3, 12))
    item = get_session_detail(db, sid).agenda[0]
    saves: list[Save] = []
    refused: list[str] = []
    with open_database(db.url) as other:  # a second program (or PostgreSQL user)
        threads = [
            threading.Thread(
                target=writer, args=(who, name, item.id, (item.version, ""), saves, refused)
            )
            for who, name in ((db, "ventana"), (other, "otra"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    ordered = sorted(saves, key=lambda s: s.version)
    assert [s.version for s in ordered] == list(
        range(item.version + 1, item.version + 1 + len(saves))
    )
    previous = ""
    for save in ordered:  # each write was typed over exactly what was stored before it
        assert save.base == previous, (save, previous)
        previous = save.text
    stored = get_session_detail(db, sid).agenda[0].deliberation
    assert stored == ordered[-1].text
    assert len(saves) + len(refused) == 2 * SAVES
    assert {s.writer for s in saves} == {"ventana", "otra"}
    print(f"two writers, {2 * SAVES} saves: {len(saves)} stored, {len(refused)} refused, 0 lost")
