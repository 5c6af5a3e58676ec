"""Cell values as entities write them, and header names as they spell them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mipg_desktop.planning import plan_values as pv
from mipg_desktop.planning.plan_columns import canon, find_header, map_columns


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.25, 0.25),
        (25, 0.25),
        ("25%", 0.25),
        ("25 %", 0.25),
        ("12,5%", 0.125),
        ("0,5", 0.5),
        (1, 1.0),
        (100, 1.0),
        (None, None),
        ("—", None),
    ],
)
def test_percent(raw: object, expected: float | None) -> None:
    assert pv.parse_percent(raw) == expected


@pytest.mark.parametrize("raw", ["mucho", "150%", -0.2, 250])
def test_percent_refused(raw: object) -> None:
    with pytest.raises(pv.CellError):
        pv.parse_percent(raw)


@given(st.integers(min_value=0, max_value=1000))
def test_percent_text_round_trip(tenths: int) -> None:
    value = tenths / 1000
    assert pv.parse_percent(f"{value * 100:.1f}%") == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2026, 2, 2, 0, 0), date(2026, 2, 2)),
        (date(2026, 2, 2), date(2026, 2, 2)),
        ("02/02/2026", date(2026, 2, 2)),
        ("2/3/2026", date(2026, 3, 2)),
        ("2026-05-13", date(2026, 5, 13)),
        (46055, date(2026, 2, 2)),
        ("", None),
    ],
)
def test_dates(raw: object, expected: date | None) -> None:
    assert pv.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2026", "mañana", "2026/13/01", 12])
def test_dates_refused(raw: object) -> None:
    with pytest.raises(pv.CellError):
        pv.parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1.234.567", 1234567.0), ("$ 2,000,000", 2000000.0), ("1.234,50", 1234.5), ("12", 12.0)],
)
def test_numbers(raw: str, expected: float) -> None:
    assert pv.parse_number(raw) == expected


def test_marks_and_indicator_types() -> None:
    assert [pv.parse_mark(v) for v in ("Si", "SÍ", "x", "N/A", "no", None, "")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    with pytest.raises(pv.CellError):
        pv.parse_mark("quizás")
    assert pv.parse_indicator_type("Eficacia") == "eficacia"
    assert pv.parse_indicator_type("EFECTIVIDAD (impacto)") == "efectividad"


def test_header_names() -> None:
    assert canon("  % Avance\nTrimestre   I ") == "avance trimestre i"
    columns = map_columns(
        4,
        ["No.", "Actividad", "Ponderación (%)", "Avance T2", "II Trimestre Evidencias", "Enero"],
        {},
    )
    assert columns.fields == {"code": 0, "description": 1, "weight": 2}
    assert columns.quarters == {("progress", 2): 3, ("evidence", 2): 4}
    assert columns.unknown == [(5, "Enero")]
    rows = [(1, ["Plan de acción 2026"]), (2, []), (3, ["Actividad", "Meta", "Responsable"])]
    found = find_header(rows, {})
    assert found is not None and found.header_row == 3
