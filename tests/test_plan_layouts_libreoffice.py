"""The five plan layouts of ``plan_layouts_support``, saved by LibreOffice Calc as .ods and .xls,
import to the same activities as the .xlsx they came from (converted here, headless)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import plan_layouts_support as layouts
from libreoffice_support import convert, needs_soffice

from mipg_desktop.planning.plan_import import import_plan
from mipg_desktop.planning.plans import get_plan

YEARS = {"hospital": 2025}
FORMATS = (("ods", "ods"), ("xls", "xls:MS Excel 97"))


def _activities(db: Any, plan_id: int) -> list[dict[str, Any]]:
    rows = []
    for activity in get_plan(db, plan_id).activities:
        row = dataclasses.asdict(activity)
        for key in ("id", "uid"):
            row.pop(key)
        for quarter in row["quarters"]:
            quarter.pop("id", None)
            quarter.pop("uid", None)
            quarter.pop("version", None)
        rows.append(row)
    return rows


@needs_soffice
def test_every_layout_imports_alike_from_libreoffice_copies(db: Any, tmp_path: Path) -> None:
    sources = {name: build(tmp_path / f"{name}.xlsx") for name, build in layouts.BUILDERS.items()}
    assert len(sources) >= 5
    for _suffix, target in FORMATS:
        convert(list(sources.values()), target, tmp_path)
    for name, source in sources.items():
        year = YEARS.get(name)
        original = import_plan(db, source, year=year, name=f"{name} xlsx")
        expected = _activities(db, original.plan_id)
        assert expected, name
        for suffix, _target in FORMATS:
            copy = source.with_suffix(f".{suffix}")
            result = import_plan(db, copy, year=year, name=f"{name} {suffix}")
            assert (result.year, result.header_row) == (original.year, original.header_row), copy
            assert _activities(db, result.plan_id) == expected, copy.name
