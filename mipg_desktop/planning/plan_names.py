"""The plan's name as the importer proposes it: an ALL-CAPS title made readable
(«PLAN DE ACCIÓN INSTITUCIONAL VIGENCIA 2026» → «Plan de Acción Institucional 2026»), with a
note asking the user to check a name taken from the sheet."""

from __future__ import annotations

import re

from mipg_desktop.i18n import _
from mipg_desktop.planning.plan_columns import canon
from mipg_desktop.planning.plan_rows import SheetRead

_MINOR = frozenset(
    {"a", "al", "con", "de", "del", "e", "el", "en", "la", "las", "los", "o", "para", "por"}
    | {"u", "y"}
)


_ACRONYMS = frozenset(
    {"MIPG", "MECI", "PAI", "POA", "PAAC", "PTEP", "PINAR", "PETI", "PETH", "PIC", "SST", "TIC"}
    | {"TRD", "SIG"}
)


def _title_word(word: str, position: int) -> str:
    if word in _ACRONYMS or not word.isalpha():
        return word
    lower = word.lower()
    return lower if position and lower in _MINOR else lower[:1].upper() + lower[1:]


def readable_name(sheet: SheetRead, name: str) -> str:
    """An ALL-CAPS title in title case (without «vigencia» before the year), and a note to
    check it; a bare sheet name «Plan» noted as well."""
    if name.isupper() and sum(1 for w in name.split() if w.isalpha() and len(w) > 2) >= 2:
        words = re.sub(r"\bvigencia\s+(?=(19|20)\d\d\b)", "", name, flags=re.I).split()
        name = " ".join(_title_word(w, i) for i, w in enumerate(words))
    elif canon(name) not in ("plan", "hoja1", "sheet1", "hoja 1"):
        return name
    sheet.warnings.insert(
        0,
        _("El nombre del plan («{name}») se tomó de la hoja; revíselo o cámbielo.").format(
            name=name
        ),
    )
    return name
