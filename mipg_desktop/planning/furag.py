"""FURAG / IDI results: importing Función Pública's published files, and the history.

- :func:`import_furag(db, path, entity=None, year=None) <import_furag>`: finds the header by
  "Índice de Desempeño Institucional" among the first rows, the dimensions by code (D1–D7),
  the policies by FURAG code (P1…) or name/alias prefix, the sub-indices (I01…) kept as they
  are; chooses the entity by SIGEP code first, then exact name (refusing a name or code shared
  by several rows, with the candidates listed), never by a close name (refused with
  suggestions), defaulting to the entity profile; the year from ``year``, the title rows or
  the file name. With a "Grupo par" column, the peer group's averages are kept beside each
  score. Importing a year again replaces that year.
- :func:`list_furag(db) <list_furag>` → ``list[FuragResultInfo]``, the history by year.
- :func:`weakest_policies(db, year=None, count=5) <weakest_policies>` → the lowest policy
  scores of that year (default the latest), to link improvement activities to them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mipg_desktop.audit import record
from mipg_desktop.catalog import current_version
from mipg_desktop.entity_profile import current_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.catalog import Policy
from mipg_desktop.models.furag import (
    SCORE_DIMENSION,
    SCORE_INDEX,
    SCORE_POLICY,
    FuragResult,
    FuragScore,
)
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.furag_entity import choose_entity
from mipg_desktop.planning.plan_columns import canon
from mipg_desktop.planning.plan_rows import letter
from mipg_desktop.planning.sheet_reader import open_sheets
from mipg_desktop.planning.xlsx_safety import MAX_ROWS, too_many_rows, used_width
from mipg_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.storage.database import Database

IDI_KEY = "indice de desempeno institucional"
INFO_COLUMNS = {
    "entidad": "name",
    "nombre entidad": "name",
    "nombre de la entidad": "name",
    "departamento": "department",
    "municipio": "municipality",
    "grupo par": "peer_group",
    "codigo sigep": "sigep",
    "codigo": "sigep",
    "sigep": "sigep",
    "codigo entidad": "sigep",
}
_DIMENSION = re.compile(r"^d([1-7])\b")
_POLICY_CODE = re.compile(r"^p(\d{1,2})\b")
_INDEX = re.compile(r"^i(\d{2,3})\b")
HEADER_ROWS = 30
_YEAR = re.compile(r"\b(20\d\d)\b")


@dataclass(frozen=True)
class ScoreInfo:
    kind: str
    code: str
    label: str
    score: float | None
    peer_average: float | None = None


@dataclass(frozen=True)
class FuragResultInfo:
    id: int
    year: int
    entity_name: str
    sigep_code: str
    peer_group: str
    idi: float | None
    peer_idi: float | None
    peer_count: int
    dimensions: tuple[ScoreInfo, ...] = ()
    policies: tuple[ScoreInfo, ...] = ()
    indices: tuple[ScoreInfo, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FuragImportResult:
    year: int
    entity_name: str
    matched_by: str
    idi: float | None
    scores: int
    peer_count: int
    replaced: bool
    unknown_columns: tuple[str, ...] = ()


@dataclass
class _Layout:
    header_row: int
    idi: int
    info: dict[str, int] = field(default_factory=dict)
    scores: list[tuple[int, str, str, str]] = field(default_factory=list)  # col, kind, code, label
    unknown: list[str] = field(default_factory=list)


def _policy_keys(session: Session) -> tuple[dict[int, str], list[tuple[str, str]]]:
    version = current_version(session)
    policies = session.scalars(select(Policy).where(Policy.catalog_version_id == version.id))
    by_number: dict[int, str] = {}
    names: list[tuple[str, str]] = []
    for policy in policies:
        if policy.furag_number:
            by_number[policy.furag_number] = policy.code
        names += [(canon(n), policy.code) for n in (policy.name, *policy.aliases)]
    names.sort(key=lambda item: -len(item[0]))  # longest name first: the most specific prefix
    return by_number, names


def _classify(
    header: object, by_number: dict[int, str], names: list[tuple[str, str]]
) -> tuple[str, str] | None:
    key = canon(header)
    if match := _DIMENSION.match(key):
        return SCORE_DIMENSION, f"D{match.group(1)}"
    if match := _INDEX.match(key):
        return SCORE_INDEX, f"I{match.group(1)}"
    if (match := _POLICY_CODE.match(key)) and int(match.group(1)) in by_number:
        return SCORE_POLICY, by_number[int(match.group(1))]
    for name, code in names:
        if key == name or key.startswith(name + " "):
            return SCORE_POLICY, code
    return None


def _layout(rows: list[tuple[int, tuple[object, ...]]], session: Session) -> _Layout | None:
    by_number, names = _policy_keys(session)
    for number, cells in rows:
        keys = [canon(c) for c in cells]
        if IDI_KEY not in keys:
            continue
        layout = _Layout(header_row=number, idi=keys.index(IDI_KEY))
        seen: set[tuple[str, str]] = set()
        for index, (key, raw) in enumerate(zip(keys, cells, strict=True)):
            if not key or index == layout.idi:
                continue
            if key in INFO_COLUMNS:
                layout.info.setdefault(INFO_COLUMNS[key], index)
                continue
            kind = _classify(raw, by_number, names)
            label = " ".join(str(raw).split())
            if kind is None or kind in seen:
                layout.unknown.append(f"{letter(index)} «{label}»")
                continue
            seen.add(kind)
            layout.scores.append((index, kind[0], kind[1], label))
        if "name" in layout.info:
            return layout
    return None


def _score(value: object, where: str, problems: list[str]) -> float | None:
    try:
        number = pv.parse_number(value)
    except pv.CellError as error:
        problems.append(f"{where}: {error}.")
        return None
    if number is not None and not 0 <= number <= 100:
        problems.append(
            _("{where}: {v} no es un puntaje entre 0 y 100.").format(where=where, v=number)
        )
    return number


def _read(path: Path, progress: Progress) -> list[tuple[int, tuple[object, ...]]]:
    with open_sheets(path) as sheets:
        sheet = sheets[0]
        # the columns of the title and header rows, so that no row is padded up to a far-away
        # cell (each padded row would cost memory)
        width = used_width([cells for _n, cells in sheet.head(HEADER_ROWS)])
        rows = []
        for number, cells in sheet.rows(1, width):
            if number > MAX_ROWS:
                raise too_many_rows(path, sheet.title, number, MAX_ROWS)
            rows.append((number, tuple(cells)))
            if number % 2000 == 0:
                progress.update(number, 0, _("Leyendo resultados FURAG"))
        return rows


def _peer_averages(
    entries: list[tuple[int, tuple[object, ...]]], layout: _Layout, group: str
) -> tuple[dict[int, float], int]:
    col = layout.info.get("peer_group")
    if col is None or not group:
        return {}, 0
    peers = [cells for _n, cells in entries if canon(cells[col]) == canon(group)]
    averages: dict[int, float] = {}
    for index in [layout.idi] + [s[0] for s in layout.scores]:
        values = []
        for cells in peers:
            try:
                value = pv.parse_number(cells[index])
            except pv.CellError:
                value = None
            if value is not None:
                values.append(value)
        if values:
            averages[index] = round(mean(values), 2)
    return averages, len(peers)


def _year(rows: list[tuple[int, tuple[object, ...]]], layout: _Layout, path: Path) -> int | None:
    texts = [pv.text(c) for n, cells in rows if n < layout.header_row for c in cells]
    for text in [*texts, path.stem]:
        if match := _YEAR.search(text):
            return int(match.group(1))
    return None


def import_furag(
    db: Database,
    path: str | Path,
    entity: str | None = None,
    year: int | None = None,
    progress: Progress = NO_PROGRESS,
) -> FuragImportResult:
    """Import one entity's results for one year; see the module docstring."""
    path = Path(path)
    rows = _read(path, progress)
    with db.transaction() as session:
        layout = _layout(rows[:HEADER_ROWS], session)
        if layout is None:
            raise ValidationError(
                _(
                    "No se importó {file}: no se encontró la columna «Índice de Desempeño "
                    "Institucional» con «Entidad» en las primeras 30 filas."
                ).format(file=path.name)
            )
        width = max(len(c) for _n, c in rows)
        entries = [
            (n, cells + (None,) * (width - len(cells)))
            for n, cells in rows
            if n > layout.header_row and not pv.is_blank(cells[layout.info["name"]])
        ]
        profile = current_entity(session)
        name = entity or (profile.name if profile else "")
        if not name:
            raise ValidationError(_("Indique la entidad con --entity (nombre o código SIGEP)."))
        sigep = profile.sigep_code if profile and not entity else ""
        number, cells, how = choose_entity(entries, layout.info, name, sigep)
        year = year or _year(rows, layout, path)
        if year is None:
            raise ValidationError(
                _("No se encontró la vigencia en el archivo; indíquela con --year.")
            )
        return _store(db, session, path, layout, entries, (number, cells, how), year)


def _store(
    db: Database,
    session: Session,
    path: Path,
    layout: _Layout,
    entries: list[tuple[int, tuple[object, ...]]],
    chosen: tuple[int, tuple[object, ...], str],
    year: int,
) -> FuragImportResult:
    number, cells, how = chosen
    info = {k: pv.text(cells[i]) for k, i in layout.info.items()}
    problems: list[str] = []
    where = _("fila {row}, columna {col}")
    idi = _score(cells[layout.idi], where.format(row=number, col=letter(layout.idi)), problems)
    scores = [
        (
            col,
            kind,
            code,
            label,
            _score(cells[col], where.format(row=number, col=letter(col)), problems),
        )
        for col, kind, code, label in layout.scores
    ]
    if problems:
        raise ValidationError(
            _("No se importó {file}; no se guardó nada.").format(file=path.name), problems
        )
    averages, peers = _peer_averages(entries, layout, info.get("peer_group", ""))
    existing = session.scalar(select(FuragResult).where(FuragResult.year == year))
    replaced = existing is not None
    if existing is not None:
        session.delete(existing)
        session.flush()
    result = FuragResult(
        year=year,
        entity_name=info["name"],
        sigep_code=info.get("sigep", ""),
        department=info.get("department", ""),
        municipality=info.get("municipality", ""),
        peer_group=info.get("peer_group", ""),
        idi=idi,
        peer_idi=averages.get(layout.idi),
        peer_count=peers,
        source_file=path.name[:300],
    )
    result.scores = [
        FuragScore(
            position=p, kind=k, code=c, label=lb[:300], score=s, peer_average=averages.get(col)
        )
        for p, (col, k, c, lb, s) in enumerate(scores)
    ]
    session.add(result)
    session.flush()
    record(
        session,
        db.user_name,
        "update" if replaced else "create",
        "furag_results",
        result.id,
        f"FURAG {year}: {info['name']}",
        {"idi": idi, "file": path.name},
    )
    return FuragImportResult(
        year, info["name"], how, idi, len(scores), peers, replaced, tuple(layout.unknown)
    )


def _info(result: FuragResult) -> FuragResultInfo:
    def pick(kind: str) -> tuple[ScoreInfo, ...]:
        return tuple(
            ScoreInfo(s.kind, s.code, s.label, s.score, s.peer_average)
            for s in result.scores
            if s.kind == kind
        )

    return FuragResultInfo(
        id=result.id,
        year=result.year,
        entity_name=result.entity_name,
        sigep_code=result.sigep_code,
        peer_group=result.peer_group,
        idi=result.idi,
        peer_idi=result.peer_idi,
        peer_count=result.peer_count,
        dimensions=tuple(sorted(pick(SCORE_DIMENSION), key=lambda s: s.code)),
        policies=pick(SCORE_POLICY),
        indices=pick(SCORE_INDEX),
    )


def list_furag(db: Database) -> list[FuragResultInfo]:
    """The history: one result per year, oldest first."""
    with db.transaction() as session:
        results = session.scalars(
            select(FuragResult).order_by(FuragResult.year).options(selectinload(FuragResult.scores))
        )
        return [_info(r) for r in results]


def weakest_policies(db: Database, year: int | None = None, count: int = 5) -> list[ScoreInfo]:
    """The ``count`` lowest policy scores of ``year`` (default: the latest year imported)."""
    history = list_furag(db)
    chosen = [r for r in history if year is None or r.year == year]
    if not chosen:
        return []
    scored = [p for p in chosen[-1].policies if p.score is not None]
    return sorted(scored, key=lambda p: (p.score, p.code))[:count]
