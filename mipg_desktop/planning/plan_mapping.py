"""Which column of a plan sheet holds which field: proposed by score, confirmed by the user.

Fields are named by Spanish keys (:data:`FIELD_KEYS`, ``avance_t1``…, ``calificacion_s1``,
``plan_<código>``), the same in the window, on the command line (``--map CAMPO=COLUMNA``) and
in saved layouts. :func:`detect_header` finds the header row among the first rows of a sheet
and :func:`assign` gives each column its most likely field, one column per field, with a
confidence; :func:`column_map` turns a confirmed ``{campo: columna}`` into the reader's
:class:`~.plan_columns.ColumnMap`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mipg_desktop.i18n import _
from mipg_desktop.planning import header_score as hs
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import ColumnMap

CONFIDENT = 0.7
MIN_SCORE = 0.45
DOUBT_MARGIN = 0.08
SAMPLE_ROWS = 50
LOOK_PAST = 4  # rows looked at below the best header so far (data rows never beat it)
IGNORE = ""

FIELD_KEYS: dict[str, str] = {
    "codigo": "code",
    "id_mipg": "uid",
    "actividad": "description",
    "meta": "target_value",
    "unidad": "unit",
    "indicador": "indicator_name",
    "tipo_indicador": "indicator_type",
    "dependencia": "owner_unit",
    "responsable": "owner_person",
    "ponderacion": "weight",
    "inicio": "start_date",
    "fin": "end_date",
    "presupuesto": "budget",
    "proceso": "process",
    "objetivo": "strategic_objective",
    "observaciones": "remarks",
    "politicas": "policies",
}
KEY_OF_FIELD = {internal: key for key, internal in FIELD_KEYS.items()}
STEM_OF_NAME = {spanish: stem for stem, spanish in hs.QUARTER_NAMES.items()}
_QUARTER = re.compile(r"^(avance|programado|ejecutado|evidencia|observaciones)_t([1-4])$")
_RATING = re.compile(r"^calificacion_s([12])$")


def field_labels() -> dict[str, str]:
    """The label each non-plan field has in the window (in order)."""
    labels = {
        "actividad": _("Actividad"),
        "codigo": _("Código"),
        "meta": _("Meta"),
        "unidad": _("Unidad de medida"),
        "indicador": _("Indicador"),
        "tipo_indicador": _("Tipo de indicador"),
        "dependencia": _("Dependencia"),
        "responsable": _("Responsable"),
        "ponderacion": _("Ponderación"),
        "inicio": _("Fecha de inicio"),
        "fin": _("Fecha de terminación"),
        "presupuesto": _("Presupuesto"),
        "proceso": _("Proceso"),
        "objetivo": _("Objetivo estratégico"),
        "observaciones": _("Observaciones"),
        "politicas": _("Políticas MIPG"),
        "id_mipg": _("Identificador MIPG"),
    }
    stems = {
        "avance": _("Avance"),
        "programado": _("Programado"),
        "ejecutado": _("Ejecutado"),
        "evidencia": _("Evidencia"),
        "observaciones": _("Observaciones"),
    }
    for number in (1, 2, 3, 4):
        for stem, label in stems.items():
            labels[f"{stem}_t{number}"] = _("{what} T{n}").format(what=label, n=number)
    for number in (1, 2):
        labels[f"calificacion_s{number}"] = _("Calificación control interno S{n}").format(n=number)
    return labels


@dataclass(frozen=True)
class Targets:
    """Everything a column may be: the fields and the catalog's Decreto 612 plans."""

    plans: tuple[hs.PlanTarget, ...]
    plan_ids: dict[str, int]

    def labels(self) -> dict[str, str]:
        labels = field_labels()
        for plan in self.plans:
            labels[plan.key] = _("Plan: {name}").format(name=plan.label)
        return labels


@dataclass(frozen=True)
class PlanMapping:
    """A confirmed mapping: the sheet, its header row and ``{campo: columna (0-based)}``."""

    sheet: str
    header_row: int
    fields: dict[str, int]
    layout: str = ""
    header_key: str = ""  # the header row it was made for (empty: not checked)


@dataclass(frozen=True)
class ColumnChoice:
    """One column of the header row and what it will be read as (``field`` ``""``: ignored)."""

    index: int
    letter: str
    header: str
    field: str
    label: str
    confidence: float
    note: str = ""
    repeated: bool = False

    @property
    def doubtful(self) -> bool:
        return bool(self.field) and self.confidence < CONFIDENT


def letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _fit(target: str, values: Sequence[object]) -> float | None:
    from mipg_desktop.planning.plan_rows import PARSERS, QUARTER_PARSERS

    if target == "description":
        return hs.text_fit(values)
    if target.startswith("plan_"):
        return hs.value_fit(pv.parse_mark, values)
    quarter = _QUARTER.match(target)
    if quarter and quarter.group(1) == "evidencia":
        return hs.text_fit(values)
    parse = QUARTER_PARSERS.get(STEM_OF_NAME[quarter.group(1)]) if quarter else PARSERS.get(target)
    return None if parse is pv.text else hs.value_fit(parse, values)


def _candidates(
    headers: Sequence[object], samples: Sequence[Sequence[object]], targets: Targets
) -> list[tuple[float, int, str]]:
    found = []
    for index, raw in enumerate(headers):
        if not isinstance(raw, str) or pv.is_blank(raw):
            continue
        column = [row[index] if index < len(row) else None for row in samples]
        for target, score in hs.scores_for(raw, targets.plans):
            if samples:
                score = hs.weigh(score, _fit(target, column), score >= 1.0)
            found.append((score, index, target))
    found = _code_named(found, headers)
    found.sort(key=lambda c: (-c[0], c[1]))
    return found


CODE_WORDS = frozenset({"codigo", "cod"})


def _code_named(
    found: list[tuple[float, int, str]], headers: Sequence[object]
) -> list[tuple[float, int, str]]:
    """A column whose header says «código» wins the code over a bare «N°», «No.» or «Ítem»."""
    named = {
        i for _s, i, t in found if t == "code" and CODE_WORDS & set(hs.header_words(headers[i]))
    }
    if not named:
        return found
    return [c for c in found if c[2] != "code" or c[1] in named]


def _key(target: str) -> str:
    return KEY_OF_FIELD.get(target, target)


def assign(
    headers: Sequence[object],
    samples: Sequence[Sequence[object]],
    targets: Targets,
    fixed: Mapping[int, str] | None = None,
    fixed_note: str = "",
) -> list[ColumnChoice]:
    """Each column's field: ``fixed`` ones as given, the rest by score, one column per field."""
    fixed = dict(fixed or {})
    labels = targets.labels()
    chosen: dict[int, tuple[str, float, str]] = {
        i: (k, 1.0, fixed_note or _("ignorada a mano")) for i, k in fixed.items()
    }
    taken = {k for k in fixed.values() if k}
    candidates = _candidates(headers, samples, targets)
    for score, index, target in candidates:
        key = _key(target)
        if score < MIN_SCORE or index in chosen or key in taken:
            continue
        chosen[index] = (key, score, "")
        taken.add(key)
    for score, index, target in candidates:
        key = _key(target)
        current = chosen.get(index)
        if current is None or index in fixed or key == current[0] or current[1] >= 1.0:
            continue
        if key not in taken and score >= current[1] - DOUBT_MARGIN and score >= MIN_SCORE:
            note = _("¿o «{other}»?").format(other=labels.get(key, key))
            chosen[index] = (current[0], min(current[1], CONFIDENT - 0.05), note)
    return [_choice(i, raw, chosen.get(i), candidates, labels) for i, raw in enumerate(headers)]


def _choice(
    index: int,
    raw: object,
    chosen: tuple[str, float, str] | None,
    candidates: list[tuple[float, int, str]],
    labels: dict[str, str],
) -> ColumnChoice:
    header = " ".join(str(raw).split()) if raw is not None else ""
    if chosen is not None and chosen[0]:
        key, confidence, note = chosen
        return ColumnChoice(
            index, letter(index), header, key, labels.get(key, key), confidence, note
        )
    note = chosen[2] if chosen is not None else ""
    repeated = False
    if not note and header:
        best = next((c for c in candidates if c[1] == index and c[0] >= MIN_SCORE), None)
        if best is None:
            note = _("no corresponde a ningún campo")
        else:
            name = labels.get(_key(best[2]), best[2])
            note = _("«{field}» ya tiene columna").format(field=name)
            repeated = True
    return ColumnChoice(index, letter(index), header, IGNORE, _("Ignorar"), 0.0, note, repeated)


def _text_cells(cells: Sequence[object]) -> int:
    return sum(1 for c in cells if isinstance(c, str) and c.strip())


@dataclass
class Detection:
    header_row: int
    headers: list[object]
    choices: list[ColumnChoice]
    samples: list[Sequence[object]] = field(default_factory=list)
    fixed: dict[int, str] = field(default_factory=dict)


def detect_header(
    head: Sequence[tuple[int, Sequence[object]]], targets: Targets, search_rows: int
) -> Detection | None:
    """The row among the first ``search_rows`` whose columns name the most fields, with the
    activity among them (title rows over merged cells and blank rows are skipped)."""
    best: tuple[float, int, Sequence[object]] | None = None
    for position, (number, cells) in enumerate(head):
        if number > search_rows or (best is not None and position > best[1] + LOOK_PAST):
            break
        if _text_cells(cells) < 2:
            continue
        choices = assign(cells, [], targets)
        fields = {c.field for c in choices if c.field}
        if "actividad" not in fields or len(fields) < 2:
            continue
        total = sum(c.confidence for c in choices if c.field)
        if best is None or total > best[0] + 1e-9:
            best = (total, position, cells)
    if best is None:
        return None
    _total, position, cells = best
    return detection_at(head, position, targets)


def detection_at(
    head: Sequence[tuple[int, Sequence[object]]],
    position: int,
    targets: Targets,
    fixed: Mapping[int, str] | None = None,
    fixed_note: str = "",
) -> Detection:
    number, cells = head[position]
    samples = [c for _n, c in head[position + 1 : position + 1 + SAMPLE_ROWS]]
    choices = assign(cells, samples, targets, fixed, fixed_note)
    return Detection(number, list(cells), choices, samples, dict(fixed or {}))


def column_map(
    header_row: int, headers: Sequence[object], fields: Mapping[str, int], targets: Targets
) -> ColumnMap:
    """The reader's column map for a confirmed ``{campo: columna}``; other headers: unknown."""
    columns = ColumnMap(header_row=header_row)
    for key, index in fields.items():
        quarter, rating = _QUARTER.match(key), _RATING.match(key)
        if key in FIELD_KEYS:
            columns.fields[FIELD_KEYS[key]] = index
        elif quarter:
            columns.quarters[(STEM_OF_NAME[quarter.group(1)], int(quarter.group(2)))] = index
        elif rating:
            columns.ratings[int(rating.group(1))] = index
        elif key in targets.plan_ids:
            columns.plan_types[index] = targets.plan_ids[key]
    used = set(fields.values())
    for index, raw in enumerate(headers):
        if index not in used and not pv.is_blank(raw):
            columns.unknown.append((index, " ".join(str(raw).split())))
    return columns


def known_key(key: str, targets: Targets) -> bool:
    return (
        key in FIELD_KEYS
        or bool(_QUARTER.match(key) or _RATING.match(key))
        or (key in targets.plan_ids)
    )
