"""Finding the plan in a workbook: the sheet, its header row and each column's field.

In order: a mapping the user confirmed (sheet, row, columns); a saved layout for the same
header row (:mod:`~.plan_layouts`), or one named by the user; otherwise the scored detection
(:func:`~.plan_mapping.detect_header`). Hand-given columns (``--map``) go on top. Also: the
warning when the title rows name an entity other than the profile's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.planning import header_score as hs
from mipg_desktop.planning import plan_mapping as pm
from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import HEADER_SEARCH_ROWS, canon
from mipg_desktop.planning.plan_layouts import Layout, header_key, resolve
from mipg_desktop.planning.xlsx_safety import used_width

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.planning.plan_rows import CatalogLookup
    from mipg_desktop.planning.sheet_reader import Row, Sheet

HEAD_ROWS = HEADER_SEARCH_ROWS + pm.SAMPLE_ROWS
IGNORE_WORDS = frozenset({"ignorar", "ignorada", "ninguno", "ninguna"})
_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


def targets_for(catalog: CatalogLookup) -> pm.Targets:
    plans = []
    ids = {}
    for type_id, code in catalog.type_codes.items():
        names = catalog.type_names.get(type_id, ())
        key = f"plan_{code}"
        label = next((n for n in names[1:2] if n), names[0] if names else code)
        plans.append(hs.plan_target(key, label, names))
        ids[key] = type_id
    return pm.Targets(tuple(plans), ids)


@dataclass
class Located:
    worksheet: Sheet
    head: list[Row]
    detection: pm.Detection
    layout: str = ""


def sheet_head(worksheet: Sheet) -> list[Row]:
    head = worksheet.head(HEAD_ROWS)
    width = used_width([cells for _n, cells in head[:HEADER_SEARCH_ROWS]])
    return [(n, cells[:width]) for n, cells in head]


def _every_column(headers: Sequence[object], fields: Mapping[str, int]) -> dict[int, str]:
    fixed = dict.fromkeys(range(len(headers)), pm.IGNORE)
    fixed.update({index: key for key, index in fields.items() if index < len(headers)})
    return fixed


def _confirmed(
    worksheets: Sequence[Sheet], mapping: pm.PlanMapping, targets: pm.Targets
) -> Located | None:
    for worksheet in worksheets:
        if worksheet.title != mapping.sheet:
            continue
        head = sheet_head(worksheet)
        position = next((p for p, (n, _c) in enumerate(head) if n == mapping.header_row), None)
        if position is None:
            return None
        if mapping.header_key and header_key(head[position][1]) != mapping.header_key:
            raise ValidationError(
                _(
                    "La hoja «{sheet}» cambió desde la vista previa (fila {row}); ábrala de "
                    "nuevo para revisar las columnas. No se guardó nada."
                ).format(sheet=mapping.sheet, row=mapping.header_row)
            )
        fixed = _every_column(head[position][1], mapping.fields)
        note = _("elegida a mano")
        return Located(
            worksheet, head, pm.detection_at(head, position, targets, fixed, note), mapping.layout
        )
    return None


def _by_layout(
    head: list[Row], targets: pm.Targets, layouts: Mapping[str, Layout], wanted: Layout | None
) -> tuple[pm.Detection, str] | None:
    if not layouts and wanted is None:
        return None
    for position, (_n, cells) in enumerate(head[:HEADER_SEARCH_ROWS]):
        if sum(1 for c in cells if isinstance(c, str) and c.strip()) < 2:
            continue
        key = header_key(cells)
        layout = wanted or layouts.get(key)
        if layout is None:
            continue
        fields = resolve(layout.mapping, cells)
        if "actividad" not in fields:
            continue
        exact = layout.header_key == key
        fixed = _every_column(cells, fields) if exact else {i: k for k, i in fields.items()}
        note = _("formato guardado «{name}»").format(name=layout.name)
        return pm.detection_at(head, position, targets, fixed, note), layout.name
    return None


def locate(
    worksheets: Sequence[Sheet],
    targets: pm.Targets,
    layouts: Mapping[str, Layout],
    mapping: pm.PlanMapping | None = None,
    wanted: Layout | None = None,
) -> Located | None:
    """The sheet and mapping to read (see the module docstring); ``None``: no header found."""
    if mapping is not None:
        return _confirmed(worksheets, mapping, targets)
    heads: dict[int, list[Row]] = {}
    for number, worksheet in enumerate(worksheets):
        head = heads[number] = sheet_head(worksheet)
        found = _by_layout(head, targets, layouts, wanted)
        if found is not None:
            return Located(worksheet, head, found[0], found[1])
    if wanted is not None:
        return None
    for number, worksheet in enumerate(worksheets):
        head = heads[number]
        detection = pm.detect_header(head, targets, HEADER_SEARCH_ROWS)
        if detection is not None:
            return Located(worksheet, head, detection)
    return None


def column_index(column: str, headers: Sequence[object]) -> int | None:
    """A column named by its header text or by its letter (``C``, ``AB``)."""
    wanted = canon(column)
    for index, header in enumerate(headers):
        if wanted and canon(header) == wanted:
            return index
    if _LETTERS.match(column.strip()):
        from openpyxl.utils import column_index_from_string

        index = column_index_from_string(column.strip().upper()) - 1
        return index if index < max(len(headers), 1) else None
    return None


def apply_overrides(
    located: Located, overrides: Sequence[tuple[str, str]], targets: pm.Targets
) -> None:
    """Put the hand-given ``(campo, columna)`` pairs over the located mapping."""
    if not overrides:
        return
    detection = located.detection
    headers = detection.headers
    fixed = {i: k for i, k in detection.fixed.items() if k}
    problems = []
    for key, column in overrides:
        key = canon(key).replace(" ", "_")
        index = column_index(column, headers)
        if key not in IGNORE_WORDS and not pm.known_key(key, targets):
            problems.append(_("«{k}» no es un campo (vea --check).").format(k=key))
        elif index is None:
            problems.append(_("«{c}» no es una columna del encabezado.").format(c=column))
        else:
            key = pm.IGNORE if key in IGNORE_WORDS else key
            fixed = {i: k for i, k in fixed.items() if not (k == key and key)}
            fixed[index] = key
    if problems:
        raise ValidationError(_("No se puede usar --map:"), problems)
    position = next(p for p, (n, _c) in enumerate(located.head) if n == detection.header_row)
    located.detection = pm.detection_at(located.head, position, targets, fixed, _("elegida a mano"))


def _bag(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENTITY_WORDS = _bag(
    "alcaldia gobernacion secretaria hospital ese instituto municipio departamento "
    "ministerio superintendencia agencia empresa empresas universidad concejo "
    "personeria contraloria corporacion fondo registraduria defensoria procuraduria "
    "asamblea gobernacion"
)
_DULL = frozenset({"municipal", "distrital", "departamental", "nacional", "de", "del", "la"})


def entity_warning(session: Session, titles: Sequence[Sequence[object]]) -> str:
    """A warning when a title row names an entity and it is not the profile's one."""
    from mipg_desktop.entity_profile import current_entity

    entity = current_entity(session)
    if entity is None or not entity.name:
        return ""
    own = set(hs.header_words(entity.name)) - _DULL
    for cells in titles:
        for cell in cells:
            if not isinstance(cell, str) or pv.is_blank(cell):
                continue
            words = set(hs.header_words(re.split(r"\s+[—–-]\s+", cell)[0])) - _DULL
            if not words & ENTITY_WORDS or not own:
                continue
            if len(words & own) / len(own) < 0.6:
                return _(
                    "El archivo parece de otra entidad: «{file}»; la entidad del perfil es «{own}»."
                ).format(file=" ".join(cell.split()), own=entity.name)
    return ""
