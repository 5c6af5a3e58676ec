"""Reading the columns of a FURAG results sheet as Función Pública publishes it.

The published files (``Resultados_vigAAAA_nacion.xlsx`` / ``…_territorio.xlsx``) have a
sheet «Nacion» or «Territorio» (sometimes beside notes or a glossary), title rows, then a
header with the entity's columns (Código SIGEP, Entidad, Departamento, Municipio, Naturaleza
Jurídica, Clasificación orgánica, Tipo Formulario, Grupo par), the Índice de Desempeño
Institucional, the seven dimensions, one column per policy and the sub-indices (I01…).

Policies and dimensions are matched by **name and alias** from the catalog; a code written
before the name («P19», «POL19», «Política 19», «D6») says which kind the column is, and the
catalog's FURAG number is used only when a column has no name at all: the number of the
newest policies changes from one year to the next. A policy column the catalog does not
know is kept under the file's own code (``P20``), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.catalog import current_version
from mipg_desktop.models.catalog import Dimension, Policy
from mipg_desktop.models.furag import SCORE_DIMENSION, SCORE_INDEX, SCORE_POLICY
from mipg_desktop.planning.plan_columns import canon
from mipg_desktop.planning.plan_rows import letter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

IDI_KEYS = ("indice de desempeno institucional", "idi", "puntaje idi", "indice idi")
INFO_COLUMNS = {
    "entidad": "name",
    "nombre entidad": "name",
    "nombre de la entidad": "name",
    "nombre de entidad": "name",
    "departamento": "department",
    "nombre departamento": "department",
    "municipio": "municipality",
    "nombre municipio": "municipality",
    "grupo par": "peer_group",
    "grupo de pares": "peer_group",
    "codigo sigep": "sigep",
    "cod sigep": "sigep",
    "codigo": "sigep",
    "sigep": "sigep",
    "codigo entidad": "sigep",
    "codigo de la entidad": "sigep",
    "tipo formulario": "form_type",
    "tipo de formulario": "form_type",
    "formulario": "form_type",
    "naturaleza juridica": "legal_nature",
    "clasificacion organica": "organic_classification",
    "sector": "sector",
    "sector administrativo": "sector",
    "orden": "order",
}
STOP_WORDS = frozenset(
    (
        "a",
        "al",
        "con",
        "de",
        "del",
        "e",
        "el",
        "en",
        "la",
        "las",
        "los",
        "o",
        "para",
        "por",
        "u",
        "y",
    )
)
HEADER_ROWS = 30
_DIMENSION = re.compile(r"^(?:d|dim|dimension)\s?0?([1-7])\b\s*")
_POLICY = re.compile(r"^(?:p|pol|politica)\s?0?(\d{1,2})\b\s*")
_NUMBERED = re.compile(r"^(\d{1,2})\s+(?=[a-z])")
_INDEX = re.compile(r"^i(\d{2,3})\b")
_MIN_OVERLAP = 0.6

Column = tuple[int, str, str, str]  # index, kind, code, label (the header as written)


@dataclass
class Layout:
    header_row: int
    idi: int
    info: dict[str, int] = field(default_factory=dict)
    scores: list[Column] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Names:
    """The catalog's names and aliases, as canonical keys, by kind."""

    policies: list[tuple[str, str]]  # (key, code), longest key first
    dimensions: list[tuple[str, str]]
    by_number: dict[int, str]

    def policy(self, key: str) -> str | None:
        return _match(key, self.policies)

    def dimension(self, key: str) -> str | None:
        return _match(key, self.dimensions)


def catalog_names(session: Session) -> Names:
    version = current_version(session)
    policies: list[tuple[str, str]] = []
    by_number: dict[int, str] = {}
    for policy in session.scalars(select(Policy).where(Policy.catalog_version_id == version.id)):
        if policy.furag_number:
            by_number[policy.furag_number] = policy.code
        policies += [(canon(n), policy.code) for n in (policy.name, *policy.aliases)]
    dimensions = [
        (canon(n), d.code)
        for d in session.scalars(
            select(Dimension).where(Dimension.catalog_version_id == version.id)
        )
        for n in (d.name, *d.aliases)
    ]
    policies.sort(key=lambda item: -len(item[0]))  # longest first: the most specific prefix
    dimensions.sort(key=lambda item: -len(item[0]))
    return Names(policies, dimensions, by_number)


def words(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w not in STOP_WORDS)


def _match(key: str, names: list[tuple[str, str]]) -> str | None:
    """The code whose name is ``key``, starts it, or shares most of its words."""
    if not key:
        return None
    for name, code in names:
        if key == name or key.startswith(name + " "):
            return code
    mine = words(key)
    scored = sorted(
        ((len(mine & words(n)) / len(mine | words(n)), code) for n, code in names if mine),
        reverse=True,
    )
    best = [code for score, code in scored if score >= _MIN_OVERLAP and score == scored[0][0]]
    return best[0] if len(set(best)) == 1 else None


def is_idi(key: str) -> bool:
    return key in IDI_KEYS or key.startswith(IDI_KEYS[0] + " ")


@dataclass
class _Classifier:
    names: Names
    seen: set[tuple[str, str]] = field(default_factory=set)
    policy_seen: bool = False

    def __call__(self, key: str, above: str = "") -> tuple[str, str] | None:
        """``above``: the cell over this header, where a file that writes only codes in its
        header row («POL05») may carry the policy's name."""
        if match := _DIMENSION.match(key):
            return SCORE_DIMENSION, f"D{match.group(1)}"
        if match := _INDEX.match(key):
            return SCORE_INDEX, f"I{match.group(1)}"
        if match := _POLICY.match(key) or _NUMBERED.match(key):
            number, rest = int(match.group(1)), key[match.end() :].strip()
            if rest:
                code = self.names.policy(rest)
            else:  # the name above, else the catalog's number: a hint only
                code = self.names.policy(above) or self.names.by_number.get(number)
            return SCORE_POLICY, code or f"P{number}"
        policy, dimension = self.names.policy(key), self.names.dimension(key)
        if dimension and (policy is None or self._in_dimension_block(dimension)):
            return SCORE_DIMENSION, dimension
        return (SCORE_POLICY, policy) if policy else None

    def _in_dimension_block(self, dimension: str) -> bool:
        """Unnumbered columns named like both (Talento Humano, Control Interno): the dimension
        while the dimensions' columns last (they come before the policies)."""
        return not self.policy_seen and (SCORE_DIMENSION, dimension) not in self.seen


def find_layout(rows: Sequence[tuple[int, Sequence[object]]], names: Names) -> Layout | None:
    """The header among ``rows``: the row with the IDI and the entity's name columns."""
    above: Sequence[object] = ()
    for number, cells in rows:
        keys = [canon(c) for c in cells]
        idi = next((i for i, k in enumerate(keys) if is_idi(k)), None)
        if idi is not None:
            layout = _columns(number, idi, keys, cells, above, names)
            if "name" in layout.info:
                return layout
        above = cells
    return None


def _columns(
    number: int,
    idi: int,
    keys: list[str],
    cells: Sequence[object],
    above: Sequence[object],
    names: Names,
) -> Layout:
    layout = Layout(header_row=number, idi=idi)
    classify = _Classifier(names)
    for index, (key, raw) in enumerate(zip(keys, cells, strict=True)):
        if not key or index == idi:
            continue
        if key in INFO_COLUMNS:
            layout.info.setdefault(INFO_COLUMNS[key], index)
            continue
        label = " ".join(str(raw).split())
        over = canon(above[index]) if index < len(above) else ""
        kind = classify(key, over)
        if over and kind is not None and kind[1] == classify.names.policy(over):
            label = f"{label} {' '.join(str(above[index]).split())}"
        if kind is None or kind in classify.seen:
            layout.unknown.append(f"{letter(index)} «{label}»")
            continue
        classify.seen.add(kind)
        classify.policy_seen |= kind[0] == SCORE_POLICY
        layout.scores.append((index, kind[0], kind[1], label))
    return layout
