"""The entities of a FURAG results file: listing them, suggesting the profile's, choosing one.

- :func:`entity_of` reads one row's entity columns into a :class:`FuragEntity`.
- :func:`similarity` compares two entity names the way people write them: accents, case,
  punctuation, abbreviations («E.S.E.», «Deptal.», «Mpal.») and word order do not count.
- :func:`suggest` is the entity that matches the profile closely (its SIGEP code, else a name
  clearly closer than any other), for the window to preselect; never imported unasked.
- :func:`choose_entity` is the row to import: by SIGEP code first, then by exact name
  (accents and case aside). A shared name or a name not in the file is refused with the
  candidates listed (name, SIGEP code, municipality, department, form), so the next try can
  name the entity by its code.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.furag_layout import STOP_WORDS
from mipg_desktop.planning.plan_columns import canon

ABBREVIATIONS = {
    "ese": "empresa social del estado",
    "eice": "empresa industrial y comercial del estado",
    "esp": "empresa de servicios publicos",
    "deptal": "departamental",
    "dptal": "departamental",
    "dpto": "departamento",
    "depto": "departamento",
    "mpal": "municipal",
    "mcpal": "municipal",
    "inst": "instituto",
    "hosp": "hospital",
    "univ": "universidad",
    "corp": "corporacion",
    "sria": "secretaria",
    "nal": "nacional",
    "adtivo": "administrativo",
    "admin": "administrativo",
    "gral": "general",
    "dist": "distrital",
    "sta": "santa",
    "sto": "santo",
}
CLOSE_ENOUGH = 0.85
SPELLING_FROM = 0.5  # names sharing fewer words than this are not compared letter by letter
CLEAR_LEAD = 0.05
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class FuragEntity:
    """One entity (row) of a results file."""

    sheet: str
    row: int
    name: str
    sigep_code: str = ""
    department: str = ""
    municipality: str = ""
    form_type: str = ""
    legal_nature: str = ""
    organic_classification: str = ""
    peer_group: str = ""

    @property
    def key(self) -> str:
        """What names this entity to :func:`choose_entity`: its SIGEP code, else its name."""
        return self.sigep_code or self.name

    def describe(self) -> str:
        """«NAME» (código SIGEP 123, Tunja, Boyacá, MIPG): for refusals and lists."""
        place = ", ".join(p for p in (self.municipality, self.department) if p)
        parts = [
            _("código SIGEP {code}").format(code=self.sigep_code) if self.sigep_code else "",
            place,
            self.form_type,
        ]
        details = ", ".join(p for p in parts if p) or _("sin código SIGEP ni municipio")
        return f"«{self.name}» ({details})"


def entity_of(sheet: str, row: int, cells: Sequence[object], info: dict[str, int]) -> FuragEntity:
    def value(key: str) -> str:
        return pv.text(cells[info[key]]) if key in info else ""

    return FuragEntity(
        sheet=sheet,
        row=row,
        name=" ".join(value("name").split()),
        sigep_code=value("sigep"),
        department=value("department"),
        municipality=value("municipality"),
        form_type=value("form_type").upper(),
        legal_nature=value("legal_nature"),
        organic_classification=value("organic_classification"),
        peer_group=value("peer_group"),
    )


def name_words(name: str) -> list[str]:
    """«E.S.E. Hospital San Rafael» → empresa social estado hospital san rafael."""
    tokens = canon(name).split()
    joined: list[str] = []
    letters = ""
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            letters += token  # «E.S.E.» is read as e s e: one word again
            continue
        if letters:
            joined.append(letters)
            letters = ""
        if token:
            joined.append(token)
    expanded = " ".join(ABBREVIATIONS.get(t, t) for t in joined).split()
    return [t for t in expanded if t not in STOP_WORDS]


class Likeness:
    """How alike names are to one name (its words read once): 0–1, whatever the word order
    and abbreviations."""

    def __init__(self, name: str) -> None:
        self.words = set(name_words(name))
        # the name is the matcher's second sequence: what difflib indexes once
        self.matcher = difflib.SequenceMatcher(None, "", " ".join(sorted(self.words)))

    def __call__(self, other: str) -> float:
        words = set(name_words(other))
        if not self.words or not words:
            return 0.0
        dice = 2 * len(self.words & words) / (len(self.words) + len(words))
        if dice < SPELLING_FROM:
            return dice  # too different for a misspelling to matter: skip the slow part
        self.matcher.set_seq1(" ".join(sorted(words)))
        if self.matcher.quick_ratio() <= dice:
            return dice
        return max(dice, self.matcher.ratio())


def similarity(a: str, b: str) -> float:
    """0–1: how alike two entity names are, whatever their word order and abbreviations."""
    return Likeness(a)(b)


def ranked(entities: Sequence[FuragEntity], name: str) -> list[tuple[float, FuragEntity]]:
    """Entities by likeness to ``name``, closest first (file order among equals)."""
    like = Likeness(name)
    scored = [(like(e.name), e) for e in entities]
    return sorted(scored, key=lambda item: -item[0])


def suggest(
    entities: Sequence[FuragEntity],
    name: str,
    sigep: str = "",
    city: str = "",
    scored: list[tuple[float, FuragEntity]] | None = None,
) -> FuragEntity | None:
    """The profile's entity when it matches closely: same SIGEP code, else a close name
    clearly ahead of the others (its municipality breaks a tie). ``scored``: the entities
    already :func:`ranked` by ``name``."""
    if sigep:
        same = [e for e in entities if e.sigep_code == sigep.strip()]
        if len(same) == 1:
            return same[0]
    if not name:
        return None
    scored = ranked(entities, name) if scored is None else scored
    top = [(s, e) for s, e in scored[:20] if s >= CLOSE_ENOUGH]
    if not top:
        return None
    best = [e for s, e in top if s > top[0][0] - CLEAR_LEAD]
    if len(best) > 1 and city:
        best = [e for e in best if canon(e.municipality) == canon(city)] or best
    return best[0] if len(best) == 1 else None


def choose_entity(
    entities: Sequence[FuragEntity], name: str, sigep: str
) -> tuple[FuragEntity, str]:
    """The entity's row: by SIGEP code first, then by exact name; never by a close name."""
    for code in (sigep.strip(), name.strip()):
        found = [e for e in entities if code and e.sigep_code == code]
        if len(found) == 1:
            return found[0], "sigep"
        if found:
            raise _ambiguous(found, _("código SIGEP «{v}»").format(v=code))
    key = canon(name)
    same = [e for e in entities if canon(e.name) == key]
    if len(same) == 1:
        return same[0], "exact"
    if same:
        raise _ambiguous(same, _("nombre «{v}»").format(v=name))
    raise not_in_file(entities, name)


def not_in_file(entities: Sequence[FuragEntity], name: str) -> ValidationError:
    close = [e for s, e in ranked(entities, name)[:MAX_CANDIDATES] if s >= 0.5]
    if close:
        hint = _("¿Es alguna de estas? Indique su código SIGEP (o el nombre exacto) con --entity:")
        lines = [hint, *(e.describe() for e in close)]
    else:
        lines = [
            _(
                "El archivo tiene {n} entidades; ninguna se parece. Indique con --entity el código "
                "SIGEP o el nombre exacto de la suya."
            ).format(n=len(entities))
        ]
    return ValidationError(
        _(
            "La entidad «{name}» no está en el archivo con ese nombre exacto; no se guardó nada."
        ).format(name=name),
        lines,
    )


def _ambiguous(found: Sequence[FuragEntity], what: str) -> ValidationError:
    lines = [
        _("Fila {row} de la hoja «{sheet}»: {entity}").format(
            row=e.row, sheet=e.sheet, entity=e.describe()
        )
        for e in found[:MAX_CANDIDATES]
    ]
    return ValidationError(
        _(
            "Hay {n} entidades con el {what} en el archivo; indique el código SIGEP de la suya "
            "con --entity. No se guardó nada."
        ).format(n=len(found), what=what),
        lines,
    )
