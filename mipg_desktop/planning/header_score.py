"""Scoring a plan sheet's column headers against the importer's fields, by words, not by list.

A header is cut into words (:func:`header_words`): accents, case, punctuation, units and
anything in parentheses dropped, names joined by «/» split, filler words («de», «la»,
«asociada»…) removed. Each field has synonyms (:data:`~.plan_columns.SYNONYMS`) and key words;
:func:`score_header` gives every field a score from 0 to 1 for one header: 1 for a known
synonym, otherwise by the key words it carries, the overlap with the closest synonym, and
key words of *other* fields it also carries (a penalty). :func:`value_fit` measures how well
the values below fit the field (dates, percentages, numbers, marks), so that the caller can
weigh the header by what the column holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import (
    ORDINALS,
    QUARTER_STEMS,
    RATING_STEMS,
    SYNONYMS,
    canon,
)
from mipg_desktop.text import normalize_key


def _bag(text: str) -> frozenset[str]:
    return frozenset(text.split())


# words that never decide anything: articles, prepositions, qualifiers
FILLERS = _bag(
    "de del la las el los y e en a al por para con o u su sus se que lo asociada "
    "asociado asociadas asociados correspondiente respectiva respectivo dd mm aaaa "
    "yyyy cop pesos porcentaje porcentual numerico fecha"
)
# words naming what the importer does not keep: the column is ignored, never guessed
IGNORED_WORDS = _bag(
    "bpin fuente fuentes financiacion financiamiento rubro rubros cdp rp contrato "
    "contratos ods sigep pdm pdt programa subprograma"
)
# words that say "of the activity": a qualifier, never a reason to call a column the activity
QUALIFIERS = frozenset({"actividad", "actividades", "descripcion", "nombre", "accion", "plan"})
ABBREVIATIONS = {"rrhh": ("recursos", "humanos"), "th": ("talento", "humano")}

KEY_WORDS: dict[str, frozenset[str]] = {
    "uid": frozenset({"uid"}),
    "code": frozenset(
        {"no", "n", "nro", "num", "numero", "codigo", "cod", "item", "id", "consecutivo"}
    ),
    "description": frozenset(
        {"actividad", "actividades", "accion", "acciones", "tarea", "tareas", "descripcion"}
    ),
    "target_value": frozenset({"meta", "cantidad"}),
    "unit": frozenset({"unidad", "medida"}),
    "indicator_name": frozenset({"indicador", "indicadores"}),
    "indicator_type": frozenset({"tipo", "clase"}),
    "owner_unit": frozenset(
        {"dependencia", "dependencias", "area", "areas", "oficina", "secretaria", "grupo"}
    ),
    "owner_person": frozenset(
        {"responsable", "responsables", "funcionario", "cargo", "persona", "lider", "encargado"}
    ),
    "weight": frozenset({"ponderacion", "peso", "ponderado", "ponderada"}),
    "start_date": frozenset({"inicio", "inicial", "desde", "comienzo"}),
    "end_date": frozenset(
        {"fin", "final", "terminacion", "finalizacion", "limite", "hasta", "cierre", "entrega"}
    ),
    "budget": frozenset({"presupuesto", "recursos", "costo", "valor", "inversion"}),
    "process": frozenset({"proceso", "procesos"}),
    "strategic_objective": frozenset({"objetivo", "objetivos", "estrategico", "estrategia"}),
    "remarks": frozenset({"observaciones", "observacion", "comentarios", "notas"}),
    "policies": frozenset({"politica", "politicas"}),
}
# a field that needs more than one of its key words (a "tipo" alone is not an indicator type)
NEEDS: dict[str, frozenset[str]] = {"indicator_type": frozenset({"indicador", "indicadores"})}
# words that rule a field out ("Unidad responsable" is not the unit of measure)
BLOCKERS: dict[str, frozenset[str]] = {
    "unit": frozenset({"responsable", "ejecutora"}),
    "owner_person": frozenset({"dependencia", "area", "oficina", "unidad", "secretaria"}),
    "indicator_name": frozenset({"tipo", "clase"}),
    "target_value": frozenset({"indicador", "unidad"}),
    "budget": frozenset({"meta"}),
    "code": frozenset({"presupuestal"}),
    "process": frozenset({"lider", "responsable", "responsables"}),
}
# other fields' key words a header of this field may carry ("Dependencia responsable")
ALLOWED: dict[str, frozenset[str]] = {
    "owner_unit": frozenset({"responsable", "responsables", "lider", "ejecutora"}),
    "owner_person": frozenset({"proceso", "procesos"}),
    "indicator_name": frozenset({"meta"}),
    "strategic_objective": frozenset({"meta"}),
}
QUARTER_KEYS: dict[str, frozenset[str]] = {
    "evidence": frozenset({"evidencia", "evidencias", "soporte", "soportes"}),
    "planned": frozenset({"programado", "programada", "planeado", "planeada", "programacion"}),
    "executed": frozenset({"ejecutado", "ejecutada", "ejecucion", "logro", "logrado"}),
    "remarks": frozenset({"observaciones", "observacion", "comentarios"}),
    "progress": frozenset({"avance", "progreso", "estado", "cumplimiento", "seguimiento"}),
}
RATING_KEYS = frozenset({"calificacion", "evaluacion", "seguimiento"})
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SHORT_PERIOD = re.compile(r"^([tqs])([1-4])$")


def _content(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word in FILLERS:
            continue
        out.extend(ABBREVIATIONS.get(word, (word,)))
    return out


_SYNONYM_WORDS = {
    name: [frozenset(_content(s.split())) for s in syns] for name, syns in SYNONYMS.items()
}


def header_words(raw: object) -> tuple[str, ...]:
    """``"Meta (cantidad) asociada / Unidad de la actividad"`` → ``(meta, unidad, actividad)``."""
    text = _PAREN.sub(" ", normalize_key(raw)).replace("/", " ")
    return tuple(_content(_NON_WORD.sub(" ", text).split()))


def plain_key(raw: object) -> str:
    """The header as the synonym lists spell it (parentheses dropped): exact matches."""
    return canon(_PAREN.sub(" ", normalize_key(raw)))


def score_field(field: str, words: Sequence[str], key: str) -> float:
    """How well a header (its ``words`` and :func:`plain_key`) names ``field``, 0 to 1."""
    if key in SYNONYMS.get(field, ()):
        return 1.0
    present = set(words)
    keys = KEY_WORDS.get(field, frozenset())
    found = present & keys
    if not found or present & BLOCKERS.get(field, frozenset()):
        return 0.0
    if field in NEEDS and not present & NEEDS[field]:
        return 0.0
    extra_keys: set[str] = set()
    for other, other_keys in KEY_WORDS.items():
        if other != field:
            extra_keys |= present & other_keys
    extra_keys -= keys | NEEDS.get(field, frozenset()) | ALLOWED.get(field, frozenset())
    if field != "description":
        extra_keys -= QUALIFIERS
    overlap = max(
        (len(present & s) / len(present | s) for s in _SYNONYM_WORDS.get(field, []) if s),
        default=0.0,
    )
    score = 0.6 + 0.3 * overlap + (0.05 if len(found) > 1 else 0.0) - 0.3 * len(extra_keys)
    return max(0.0, min(score, 0.95))


def period(words: Sequence[str]) -> tuple[list[str], str, int] | None:
    """``(stem words, "trimestre"|"semestre", number)`` for "avance t1", "ii trimestre…"."""
    unit, number, stem = "", 0, []
    for word in words:
        short = _SHORT_PERIOD.match(word)
        if word in ("trimestre", "semestre", "trim", "sem"):
            unit = "semestre" if word.startswith("sem") else "trimestre"
        elif short and not number:
            unit = "semestre" if short.group(1) == "s" else "trimestre"
            number = int(short.group(2))
        elif word in ORDINALS and not number:
            number = ORDINALS[word]
        else:
            stem.append(word)
    if not unit or not 1 <= number <= 4:
        return None
    return stem, unit, number


def score_period(words: Sequence[str]) -> list[tuple[str, float]]:
    """Quarter and semester targets (``"avance_t1"``, ``"calificacion_s2"``) for a header."""
    found = period(words)
    if found is None:
        return []
    stem, unit, number = found
    joined = " ".join(stem)
    if unit == "semestre":
        if number > 2 or not set(stem) & RATING_KEYS:
            return []
        exact = joined in {" ".join(_content(s.split())) for s in RATING_STEMS}
        return [(f"calificacion_s{number}", 1.0 if exact else 0.8)]
    if set(stem) == {"seguimiento"}:  # progress or evidence: the values decide
        return [(quarter_key("progress", number), 0.85), (quarter_key("evidence", number), 0.75)]
    results: list[tuple[str, float]] = []
    for name, keys in QUARTER_KEYS.items():
        exact = joined in {" ".join(_content(s.split())) for s in QUARTER_STEMS[name]}
        if exact or set(stem) & keys:
            results.append(
                (quarter_key(name, number), 1.0 if exact else 0.85 - 0.05 * len(results))
            )
    if not stem:
        results.append((quarter_key("progress", number), 0.55))
    return results


QUARTER_NAMES = {
    "progress": "avance",
    "planned": "programado",
    "executed": "ejecutado",
    "evidence": "evidencia",
    "remarks": "observaciones",
}


def quarter_key(stem: str, number: int) -> str:
    return f"{QUARTER_NAMES[stem]}_t{number}"


def plan_words(names: Iterable[str]) -> list[frozenset[str]]:
    """The telling words of a plan's names («plan», «anual», «institucional» say nothing)."""
    dull = {"plan", "anual", "institucional", "entidad", "programa"}
    out = []
    for name in names:
        words = frozenset(w for w in header_words(name) if w not in dull)
        if words:
            out.append(words)
    return out


@dataclass(frozen=True)
class PlanTarget:
    """A Decreto 612 plan as a column may name it."""

    key: str
    label: str
    exact: frozenset[str]
    acronyms: frozenset[str]
    names: tuple[frozenset[str], ...]


def plan_target(key: str, label: str, names: Sequence[str]) -> PlanTarget:
    acronyms = {canon(n) for n in names if n and " " not in n.strip() and n.strip().isupper()}
    return PlanTarget(
        key=key,
        label=label,
        exact=frozenset(canon(n) for n in names if n),
        acronyms=frozenset(acronyms),
        names=tuple(plan_words(names)),
    )


@dataclass(frozen=True)
class HeaderText:
    """One header cell, normalised once for every target it is scored against."""

    words: tuple[str, ...]
    key: str
    exact_keys: frozenset[str]
    all_words: frozenset[str]

    @classmethod
    def of(cls, raw: str) -> HeaderText:
        text = normalize_key(raw)
        bare = _PAREN.sub(" ", text)
        return cls(
            words=header_words(raw),
            key=canon(bare),
            exact_keys=frozenset({canon(text), canon(bare)}),
            all_words=frozenset(header_words(text.replace("(", " ").replace(")", " "))),
        )


def score_plan(header: HeaderText, target: PlanTarget) -> float:
    if header.exact_keys & target.exact:
        return 1.0
    if header.all_words & target.acronyms:
        return 0.95
    telling = header.all_words - {"plan", "anual", "institucional", "entidad", "programa"}
    best = 0.0
    for name in target.names if telling else ():
        overlap = len(telling & name) / len(telling | name)
        if telling <= name:  # «Plan Anticorrupción»: every word it says is in the name
            best = max(best, 0.75 + 0.25 * overlap)
        elif overlap >= 0.5:
            best = max(best, 0.5 + 0.5 * overlap)
    return best


def value_fit(parse: Callable[[object], Any] | None, values: Sequence[object]) -> float | None:
    """The share of the sample ``values`` that ``parse`` accepts; ``None`` with under 3 values."""
    filled = [v for v in values if not pv.is_blank(v)]
    if parse is None or len(filled) < 3:
        return None
    accepted = 0
    for value in filled:
        try:
            parse(value)
        except pv.CellError:
            continue
        accepted += 1
    return accepted / len(filled)


def text_fit(values: Sequence[object]) -> float | None:
    """For the activity: the share of values that are real text (not numbers nor dates)."""
    filled = [v for v in values if not pv.is_blank(v)]
    if len(filled) < 3:
        return None
    return sum(1 for v in filled if _is_text(v)) / len(filled)


def _is_text(value: object) -> bool:
    if not isinstance(value, str) or len(value.strip()) < 4:
        return False
    for parse in (pv.parse_number, pv.parse_date):
        try:
            parse(value)
        except pv.CellError:
            continue
        return False
    return True


def weigh(score: float, fit: float | None, exact: bool) -> float:
    """A header score weighed by how the values fit (an exact synonym loses less)."""
    if fit is None:
        return score
    factor = (0.8 + 0.2 * fit) if exact else (0.6 + 0.4 * fit)
    bonus = 0.05 if fit == 1 and not exact else 0.0
    return min(1.0, score * factor + bonus)


MAX_HEADER = 120


@lru_cache(maxsize=2048)
def scores_for(raw: str, plans: tuple[PlanTarget, ...]) -> tuple[tuple[str, float], ...]:
    """Every target a header may name, with its score (no values weighed yet); a long text is
    a value, never a header."""
    if len(raw) > MAX_HEADER:
        return ()
    header = HeaderText.of(raw)
    words = header.words
    named = [t.key for t in plans if header.exact_keys & t.exact]  # «Programa de Transparencia…»
    if named:
        return ((named[0], 1.0),)
    if not words or set(words) & IGNORED_WORDS:
        return ()
    found = score_period(words)
    if found:
        return tuple(found)
    for target in plans:
        score = score_plan(header, target)
        if score:
            found.append((target.key, score))
    for name in KEY_WORDS:
        score = score_field(name, words, header.key)
        if score > 0:
            found.append((name, score))
    return tuple(found)
