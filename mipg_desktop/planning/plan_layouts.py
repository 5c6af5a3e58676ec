"""Saved plan layouts: a confirmed column mapping, found again by the header row it was made for.

The key of a header row is the SHA-256 of its cells as :func:`~.plan_columns.canon` spells them,
in order, trailing blanks dropped (:func:`header_key`). The stored mapping is
``{campo: texto del encabezado}``: applied to another row, each field goes to the column with
that header (:func:`resolve`), so a layout named on the command line also fits a file whose
columns moved.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.models.imports import LAYOUT_KIND_PLAN, ImportLayout
from mipg_desktop.planning.plan_columns import canon
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_NAME = 200


@dataclass(frozen=True)
class Layout:
    name: str
    header_key: str
    mapping: dict[str, str]


def normalised_headers(cells: Sequence[object]) -> list[str]:
    keys = [canon(c) for c in cells]
    while keys and not keys[-1]:
        keys.pop()
    return keys


def header_key(cells: Sequence[object]) -> str:
    joined = "\x1f".join(normalised_headers(cells))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _layout(row: ImportLayout) -> Layout:
    try:
        mapping = json.loads(row.mapping)
    except ValueError:
        mapping = {}
    clean = {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {}
    return Layout(row.name, row.header_key, clean)


def plan_layouts(session: Session) -> dict[str, Layout]:
    """Saved plan layouts by header key (the most recently used one for a repeated key)."""
    rows = session.scalars(
        select(ImportLayout)
        .where(ImportLayout.kind == LAYOUT_KIND_PLAN)
        .order_by(ImportLayout.used_at.is_(None), ImportLayout.used_at.desc())
    ).all()
    found: dict[str, Layout] = {}
    for row in rows:
        found.setdefault(row.header_key, _layout(row))
    return found


def layout_named(session: Session, name: str) -> Layout | None:
    row = session.scalar(
        select(ImportLayout).where(
            ImportLayout.kind == LAYOUT_KIND_PLAN, ImportLayout.name == name.strip()
        )
    )
    return _layout(row) if row is not None else None


def resolve(mapping: Mapping[str, str], headers: Sequence[object]) -> dict[str, int]:
    """``{campo: column}`` for the fields whose header is in ``headers`` (first free match)."""
    keys = [canon(h) for h in headers]
    taken: set[int] = set()
    fields: dict[str, int] = {}
    for field, header in mapping.items():
        wanted = canon(header)
        for index, key in enumerate(keys):
            if key == wanted and index not in taken:
                fields[field] = index
                taken.add(index)
                break
    return fields


def save_layout(
    session: Session, name: str | None, headers: Sequence[object], fields: Mapping[str, int]
) -> str:
    """Save (or update) the layout for this header row; returns the name it was saved under."""
    key = header_key(headers)
    texts = [" ".join(str(h).split()) if h is not None else "" for h in headers]
    mapping = {field: texts[index] for field, index in fields.items() if index < len(texts)}
    query = select(ImportLayout).where(ImportLayout.kind == LAYOUT_KIND_PLAN)
    if name:
        row = session.scalar(query.where(ImportLayout.name == name.strip()[:MAX_NAME]))
    else:
        row = session.scalar(query.where(ImportLayout.header_key == key))
    if row is None:
        row = ImportLayout(kind=LAYOUT_KIND_PLAN, name=_free_name(session, name or "", key))
        session.add(row)
    row.header_key = key
    row.headers = json.dumps(normalised_headers(headers), ensure_ascii=False)
    row.mapping = json.dumps(mapping, ensure_ascii=False)
    row.used_at = utcnow()
    return row.name


def mark_used(session: Session, name: str) -> None:
    row = session.scalar(
        select(ImportLayout).where(ImportLayout.kind == LAYOUT_KIND_PLAN, ImportLayout.name == name)
    )
    if row is not None:
        row.used_at = utcnow()


def _free_name(session: Session, wanted: str, key: str) -> str:
    base = " ".join(wanted.split())[:MAX_NAME] or f"Formato {key[:8]}"
    taken = set(
        session.scalars(
            select(ImportLayout.name).where(ImportLayout.kind == LAYOUT_KIND_PLAN)
        ).all()
    )
    name, n = base, 2
    while name in taken:
        name = f"{base[: MAX_NAME - 6]} ({n})"
        n += 1
    return name
