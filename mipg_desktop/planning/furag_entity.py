"""Choosing the entity's row in a FURAG results file: SIGEP code first, then exact name.

A name or code shared by several rows is refused with the candidates (department,
municipality, SIGEP code) listed; a name found only approximately is refused with
suggestions, never imported in place of another entity's results.
"""

from __future__ import annotations

import difflib

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import canon


def choose_entity(
    entries: list[tuple[int, tuple[object, ...]]], info: dict[str, int], name: str, sigep: str
) -> tuple[int, tuple[object, ...], str]:
    """The entity's row: by SIGEP code first, then by exact name; never by a close name."""
    name_col, code_col = info["name"], info.get("sigep")
    if code_col is not None:
        for code in (sigep.strip(), name.strip()):
            found = [(n, c) for n, c in entries if code and pv.text(c[code_col]) == code]
            if len(found) == 1:
                return (*found[0], "sigep")
            if found:
                raise _ambiguous(found, info, _("código SIGEP «{v}»").format(v=code))
    key = canon(name)
    same = [(n, c) for n, c in entries if canon(c[name_col]) == key]
    if len(same) == 1:
        return (*same[0], "exact")
    if same:
        raise _ambiguous(same, info, _("nombre «{v}»").format(v=name))
    names = list(dict.fromkeys(canon(c[name_col]) for _n, c in entries))
    originals = {canon(c[name_col]): pv.text(c[name_col]) for _n, c in entries}
    hints = difflib.get_close_matches(key, names, n=3, cutoff=0.5)
    suggestion = "; ".join(f"«{originals[h]}»" for h in hints)
    raise ValidationError(
        _(
            "La entidad «{name}» no está en el archivo con ese nombre exacto; no se guardó nada."
        ).format(name=name),
        [_("¿Quiso decir {names}? Indique el nombre exacto con --entity.").format(names=suggestion)]
        if hints
        else [],
    )


def _ambiguous(
    found: list[tuple[int, tuple[object, ...]]], info: dict[str, int], what: str
) -> ValidationError:
    lines = []
    for number, cells in found:
        parts = [
            f"{label} {pv.text(cells[info[key]])}"
            for key, label in (
                ("department", _("departamento")),
                ("municipality", _("municipio")),
                ("sigep", _("código SIGEP")),
            )
            if key in info and pv.text(cells[info[key]])
        ]
        lines.append(
            _("Fila {row}: «{name}» ({where})").format(
                row=number,
                name=pv.text(cells[info["name"]]),
                where=", ".join(parts) or _("sin departamento ni municipio"),
            )
        )
    return ValidationError(
        _(
            "Hay {n} entidades con el {what} en el archivo; indique el código SIGEP de la suya "
            "con --entity. No se guardó nada."
        ).format(n=len(found), what=what),
        lines,
    )
