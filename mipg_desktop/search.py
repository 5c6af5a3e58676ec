"""Text search across minutes, agenda items, decisions, commitments and plan activities.

Accent- and case-insensitive, every word must appear, words match as prefixes so results
come as the user types. SQLite uses the FTS5 index kept by triggers (revision
``0004_search``); PostgreSQL, which has no such table, scans the same sources with an
accent-folding ``LIKE``: the same answers, fine for an office's volume.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text

from mipg_desktop.i18n import _
from mipg_desktop.text import normalize_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

KIND_AGENDA_ITEM = "agenda_item"
KIND_COMMITMENT = "commitment"
KIND_DECISION = "decision"
KIND_ACTIVITY = "activity"
KINDS = {1: KIND_AGENDA_ITEM, 2: KIND_COMMITMENT, 3: KIND_DECISION, 4: KIND_ACTIVITY}
MAX_WORDS = 8
MAX_WORD_LENGTH = 60
SNIPPET_CHARS = 120

_WORD = re.compile(r"\w+", re.UNICODE)
_ACCENTED = "áàâäéèêëíìîïóòôöúùûüñç"
_PLAIN = "aaaaeeeeiiiioooouuuunc"

SOURCES_SQL = """
SELECT 1 AS kind, id, session_id AS owner_id, title,
       description || ' ' || deliberation AS body FROM agenda_items
UNION ALL SELECT 2, id, session_id, owner_name, text || ' ' || remarks FROM commitments
UNION ALL SELECT 3, id, session_id, '', text FROM decisions
UNION ALL SELECT 4, id, plan_id, code,
       description || ' ' || indicator_name || ' ' || owner_unit || ' ' || owner_person
       FROM plan_activities
"""


@dataclass(frozen=True)
class SearchHit:
    """One match: what it is, where it lives (session or plan) and the text around it."""

    kind: str
    record_id: int
    session_id: int | None
    plan_id: int | None
    context: str
    title: str
    snippet: str
    committee_id: int | None = None
    year: int | None = None

    @property
    def kind_label(self) -> str:
        return {
            KIND_AGENDA_ITEM: _("Punto del orden del día"),
            KIND_COMMITMENT: _("Compromiso"),
            KIND_DECISION: _("Decisión"),
            KIND_ACTIVITY: _("Actividad del plan"),
        }[self.kind]


def query_words(query: str) -> list[str]:
    """The words of a query, folded (case, accents), at most :data:`MAX_WORDS`."""
    words = [normalize_key(w)[:MAX_WORD_LENGTH] for w in _WORD.findall(query)]
    return [w for w in words if w][:MAX_WORDS]


def search(db: Database, query: str, limit: int = 50) -> list[SearchHit]:
    """Up to ``limit`` hits for ``query``, best first; an empty query finds nothing."""
    words = query_words(query)
    if not words:
        return []
    with db.transaction() as session:
        if db.dialect == "sqlite":
            raw = _sqlite_rows(session, words, limit)
        else:
            raw = _scan_rows(session, words, limit)
        return _with_context(session, raw)


def _sqlite_rows(session: Session, words: Sequence[str], limit: int) -> list[tuple[Any, ...]]:
    match = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
    rows = session.execute(
        text(
            "SELECT rowid, owner_id, title, snippet(search_fts, 2, '', '', '…', 18) "
            "FROM search_fts WHERE search_fts MATCH :match ORDER BY rank, rowid DESC LIMIT :limit"
        ),
        {"match": match, "limit": limit},
    ).all()
    return [(KINDS[r[0] % 8], r[0] // 8, r[1], r[2], r[3]) for r in rows]


def _fold_sql(expression: str) -> str:
    return f"translate(lower({expression}), '{_ACCENTED}', '{_PLAIN}')"


def _scan_rows(session: Session, words: Sequence[str], limit: int) -> list[tuple[Any, ...]]:
    folded = _fold_sql("title || ' ' || body")
    conditions = " AND ".join(f"{folded} LIKE :w{i} ESCAPE '\\'" for i in range(len(words)))
    params: dict[str, Any] = {
        f"w{i}": "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for i, w in enumerate(words)
    }
    params["limit"] = limit
    statement = text(
        f"SELECT kind, id, owner_id, title, body FROM ({SOURCES_SQL}) AS sources "
        f"WHERE {conditions} ORDER BY kind, id DESC LIMIT :limit"
    ).bindparams(bindparam("limit"))
    rows = session.execute(statement, params).all()
    return [(KINDS[r[0]], r[1], r[2], r[3], _snippet(r[4], words)) for r in rows]


def _snippet(body: str, words: Sequence[str]) -> str:
    """Text around the first word found (both sides folded the same way)."""
    folded = normalize_key(body)
    body = " ".join(body.split())
    at = min((folded.find(w) for w in words if w in folded), default=0)
    start = max(0, at - SNIPPET_CHARS // 3)
    piece = body[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(body) else "")


def _with_context(session: Session, raw: list[tuple[Any, ...]]) -> list[SearchHit]:
    """Name where each hit lives: its acta (committee and year) or its plan (and year)."""
    session_ids = sorted({r[2] for r in raw if r[0] != KIND_ACTIVITY})
    plan_ids = sorted({r[2] for r in raw if r[0] == KIND_ACTIVITY})
    places: dict[tuple[bool, int], tuple[str, int | None, int]] = {}
    if session_ids:
        for sid, number, year, cid, name, short in session.execute(
            text(
                "SELECT s.id, s.number, s.year, c.id, c.name, c.short_name "
                "FROM committee_sessions s JOIN committees c ON c.id = s.committee_id "
                "WHERE s.id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": session_ids},
        ):
            label = _("Acta No. {number:02d} de {year} · {committee}").format(
                number=number, year=year, committee=short or name
            )
            places[(False, sid)] = (label, cid, year)
    if plan_ids:
        for pid, name, year in session.execute(
            text("SELECT id, name, year FROM plans WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": plan_ids},
        ):
            label = name if str(year) in name else f"{name} ({year})"
            places[(True, pid)] = (label, None, year)
    hits = []
    for kind, record_id, owner_id, title, snippet in raw:
        is_plan = kind == KIND_ACTIVITY
        label, committee_id, year = places.get((is_plan, owner_id), ("", None, None))
        hits.append(
            SearchHit(
                kind=kind,
                record_id=record_id,
                session_id=None if is_plan else owner_id,
                plan_id=owner_id if is_plan else None,
                context=label,
                title=title or "",
                snippet=snippet.replace("**", "").replace("*", ""),
                committee_id=committee_id,
                year=year,
            )
        )
    return hits
