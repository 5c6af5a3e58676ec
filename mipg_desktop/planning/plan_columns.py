"""Finding the header row and the columns of a plan sheet by names and synonyms, never position.

Headers are compared after :func:`canon`: case, accents, line breaks, doubled spaces and
punctuation ignored. Quarterly columns ("Avance Trimestre I", "% avance T2", "Evidencias II
trimestre") and Control Interno's semester columns are recognised by a stem plus an ordinal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mipg_desktop.text import normalize_key

HEADER_SEARCH_ROWS = 30
MIN_HEADER_MATCHES = 3

SYNONYMS: dict[str, tuple[str, ...]] = {
    "uid": ("id mipg", "uid", "identificador mipg"),
    "code": (
        "no",
        "n",
        "numero",
        "codigo",
        "item",
        "id",
        "codigo actividad",
        "no actividad",
        "cod",
        "nro",
        "consecutivo",
    ),
    "description": (
        "actividad",
        "actividades",
        "descripcion de la actividad",
        "descripcion actividad",
        "accion",
        "acciones",
        "nombre de la actividad",
        "tarea",
        "tareas",
    ),
    "target_value": (
        "meta plan operativo anual",
        "meta",
        "meta anual",
        "valor meta",
        "meta de la actividad",
        "meta cantidad",
        "cantidad",
    ),
    "unit": ("unidad de medida", "unidad", "unidad medida"),
    "indicator_name": ("nombre del indicador", "indicador", "nombre indicador"),
    "indicator_type": ("tipo de indicador", "tipo indicador", "clase de indicador"),
    "owner_unit": (
        "dependencia",
        "dependencia responsable",
        "area responsable",
        "area",
        "oficina responsable",
        "unidad responsable",
    ),
    "owner_person": (
        "responsable",
        "responsable de la actividad",
        "funcionario responsable",
        "cargo responsable",
        "persona responsable",
        "lider",
        "lider del proceso",
        "lider de proceso",
        "lider de la actividad",
    ),
    "weight": (
        "ponderacion",
        "peso",
        "peso porcentual",
        "ponderado",
        "ponderacion de la actividad",
    ),
    "start_date": ("fecha inicial", "fecha inicio", "fecha de inicio", "inicio", "fecha inicial"),
    "end_date": (
        "fecha final",
        "fecha fin",
        "fecha de finalizacion",
        "fecha de terminacion",
        "fecha limite",
        "fin",
    ),
    "budget": ("presupuesto", "presupuesto asignado", "recursos", "valor presupuesto"),
    "process": ("proceso", "proceso asociado"),
    "strategic_objective": ("objetivo estrategico", "objetivo", "objetivo institucional"),
    "remarks": ("observaciones", "observacion", "comentarios", "observaciones generales"),
    "policies": (
        "politica",
        "politicas",
        "politica mipg",
        "politicas mipg",
        "politica de gestion y desempeno",
        "politicas de gestion y desempeno",
    ),
}

QUARTER_STEMS: dict[str, tuple[str, ...]] = {
    "progress": (
        "avance",
        "avance acumulado",
        "estado",
        "estado de avance",
        "progreso",
        "porcentaje de avance",
        "avance fisico",
    ),
    "planned": ("programado", "meta programada", "planeado", "programacion"),
    "executed": ("ejecutado", "ejecucion", "logro", "meta ejecutada"),
    "evidence": (
        "evidencias",
        "evidencia",
        "descripcion y evidencia",
        "descripcion y evidencias",
        "soportes",
        "soporte",
    ),
    "remarks": ("observaciones", "observacion"),
}
RATING_STEMS = (
    "calificacion control interno",
    "calificacion oci",
    "evaluacion control interno",
    "calificacion de control interno",
    "evaluacion de control interno",
)
ORDINALS = {
    "i": 1,
    "1": 1,
    "primer": 1,
    "primero": 1,
    "1er": 1,
    "1ro": 1,
    "1o": 1,
    "2do": 2,
    "2o": 2,
    "3er": 3,
    "3ro": 3,
    "3o": 3,
    "4to": 4,
    "4o": 4,
    "ii": 2,
    "2": 2,
    "segundo": 2,
    "iii": 3,
    "3": 3,
    "tercer": 3,
    "tercero": 3,
    "iv": 4,
    "4": 4,
    "cuarto": 4,
}
_FILLERS = frozenset({"del", "de", "al", "el", "la", "en"})
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SHORT_PERIOD = re.compile(r"^([tqs])([1-4])$")


def canon(value: object) -> str:
    """``"  % Avance\\nTrimestre  I "`` → ``"avance trimestre i"``."""
    return " ".join(_NON_WORD.sub(" ", normalize_key(value)).split())


_FIELD_BY_KEY = {syn: name for name, syns in SYNONYMS.items() for syn in syns}
_QUARTER_BY_STEM = {stem: name for name, stems in QUARTER_STEMS.items() for stem in stems}


def _period(key: str) -> tuple[str, str, int] | None:
    """``("avance", "trimestre", 1)`` for "avance trimestre i", "avance t1", "avance i trim…"."""
    words = key.split()
    unit = ""
    number = 0
    stem: list[str] = []
    for word in words:
        short = _SHORT_PERIOD.match(word)
        if word in ("trimestre", "semestre"):
            unit = word
        elif short and not number:
            unit = "semestre" if short.group(1) == "s" else "trimestre"
            number = int(short.group(2))
        elif word in ORDINALS and not number:
            number = ORDINALS[word]
        elif word not in _FILLERS:
            stem.append(word)
    if not unit or not number:
        return None
    return " ".join(stem), unit, number


@dataclass
class ColumnMap:
    """Where each field is (0-based column index) in the header row."""

    header_row: int
    fields: dict[str, int] = field(default_factory=dict)
    quarters: dict[tuple[str, int], int] = field(default_factory=dict)
    ratings: dict[int, int] = field(default_factory=dict)
    plan_types: dict[int, int] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)

    @property
    def matches(self) -> int:
        return len(self.fields) + len(self.quarters) + len(self.ratings) + len(self.plan_types)


def _classify(
    key: str, raw: object, plan_type_keys: Mapping[str, int]
) -> tuple[str, object] | None:
    if key in _FIELD_BY_KEY:
        return "field", _FIELD_BY_KEY[key]
    period = _period(key)
    if period is not None:
        stem, unit, number = period
        if unit == "trimestre" and stem in _QUARTER_BY_STEM:
            return "quarter", (_QUARTER_BY_STEM[stem], number)
        if unit == "semestre" and stem in RATING_STEMS and number <= 2:
            return "rating", number
    plan_type = match_plan_type(raw, plan_type_keys)
    if plan_type is not None:
        return "plan_type", plan_type
    return None


def match_plan_type(raw: object, plan_type_keys: Mapping[str, int]) -> int | None:
    """A Decreto 612 plan by name, alias or short name, also "Nombre (SIGLA)"."""
    text = normalize_key(raw)
    inner = re.search(r"\(([^)]+)\)", text)
    candidates = [text, re.sub(r"\([^)]*\)", " ", text)] + ([inner.group(1)] if inner else [])
    for candidate in candidates:
        key = canon(candidate)
        if key in plan_type_keys:
            return plan_type_keys[key]
    return None


def map_columns(
    row_number: int, cells: Sequence[object], plan_type_keys: Mapping[str, int]
) -> ColumnMap:
    found = ColumnMap(header_row=row_number)
    for index, value in enumerate(cells):
        key = canon(value)
        if not key:
            continue
        kind = _classify(key, value, plan_type_keys)
        if kind is None:
            found.unknown.append((index, " ".join(str(value).split())))
            continue
        what, detail = kind
        label = " ".join(str(value).split())
        if what == "plan_type":
            found.plan_types[index] = int(detail)  # type: ignore[call-overload]
        elif not _place(found, what, detail, index):
            found.duplicates.append((index, label))
    return found


def _place(found: ColumnMap, what: str, detail: object, index: int) -> bool:
    """Put column ``index`` in its slot; ``False`` when the slot is already taken."""
    options: dict[str, Any] = {
        "field": found.fields,
        "quarter": found.quarters,
        "rating": found.ratings,
    }
    slots: dict[Any, int] = options[what]
    if detail in slots:
        return False
    slots[detail] = index
    return True


def find_header(
    rows: Sequence[tuple[int, Sequence[object]]], plan_type_keys: Mapping[str, int]
) -> ColumnMap | None:
    """The first row among ``rows`` with the most recognised headers, including the activity."""
    best: ColumnMap | None = None
    for number, cells in rows:
        if not any(isinstance(c, str) and c.strip() for c in cells):
            continue
        candidate = map_columns(number, cells, plan_type_keys)
        if "description" not in candidate.fields or candidate.matches < MIN_HEADER_MATCHES:
            continue
        if best is None or candidate.matches > best.matches:
            best = candidate
    return best


def plan_type_keys(entries: Sequence[tuple[int, Sequence[str]]]) -> dict[str, int]:
    """Canonical names → plan type id, from ``(id, [name, short name, aliases…])``."""
    keys: dict[str, int] = {}
    for type_id, names in entries:
        for name in names:
            key = canon(name)
            if key and key not in _FIELD_BY_KEY:
                keys.setdefault(key, type_id)
            inner = re.search(r"\(([^)]+)\)", normalize_key(name))
            if inner:
                keys.setdefault(canon(inner.group(1)), type_id)
    return keys
