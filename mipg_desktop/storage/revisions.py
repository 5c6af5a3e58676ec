"""What schema revisions this program knows, read from the migration files without Alembic.

Start-up must not import Alembic unless an upgrade is really needed, so the
revision graph is parsed here from ``migrations/versions/*.py`` (a test checks
that it agrees with Alembic's own view).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"

_ASSIGN = re.compile(r"^(revision|down_revision)\s*(?::[^=]+)?=\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class RevisionGraph:
    known: frozenset[str]
    heads: frozenset[str]
    parents: dict[str, tuple[str, ...]]


def _parse(path: Path) -> tuple[str, tuple[str, ...]]:
    values: dict[str, object] = {}
    for name, expr in _ASSIGN.findall(path.read_text(encoding="utf-8")):
        values.setdefault(name, ast.literal_eval(expr.strip()))
    revision = values.get("revision")
    if not isinstance(revision, str):
        raise RuntimeError(f"migration without revision id: {path}")
    down = values.get("down_revision")
    if down is None:
        parents: tuple[str, ...] = ()
    elif isinstance(down, str):
        parents = (down,)
    else:
        parents = tuple(str(d) for d in down)  # type: ignore[attr-defined]
    return revision, parents


@cache
def revision_graph() -> RevisionGraph:
    parents: dict[str, tuple[str, ...]] = {}
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        if path.name.startswith("_"):
            continue
        revision, downs = _parse(path)
        parents[revision] = downs
    referenced = {p for downs in parents.values() for p in downs}
    heads = frozenset(r for r in parents if r not in referenced)
    return RevisionGraph(known=frozenset(parents), heads=heads, parents=parents)
