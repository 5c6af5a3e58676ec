"""FURAG results: the published sample, generated variants, history, peers, weakest policies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from test_planning_import import SAMPLES, table_counts

from mipg_desktop.entity_profile import save_entity
from mipg_desktop.errors import ValidationError
from mipg_desktop.planning.furag import import_furag, list_furag, weakest_policies

FURAG_SAMPLE = SAMPLES / "resultados_furag_ejemplo.xlsx"
ENTITY = "Instituto Departamental de Cultura y Turismo"


def test_sample_exact_values(db: Any) -> None:
    result = import_furag(db, FURAG_SAMPLE, entity=ENTITY)
    assert (result.year, result.matched_by, result.idi, result.scores) == (2024, "exact", 57.8, 12)
    assert (result.peer_count, result.replaced, result.unknown_columns) == (3, False, ())
    (info,) = list_furag(db)
    assert info.entity_name == "INSTITUTO DEPARTAMENTAL DE CULTURA Y TURISMO"
    assert (info.peer_group, info.peer_idi) == ("GRUPO PAR 2", round((57.8 + 85.5 + 57) / 3, 2))
    assert [(d.code, d.score) for d in info.dimensions] == [
        ("D1", 48.3),
        ("D2", 75.8),
        ("D3", 44.0),
        ("D4", 69.5),
        ("D5", 60.1),
        ("D6", 43.2),
        ("D7", 67.9),
    ]
    assert info.dimensions[0].peer_average == round((48.3 + 46.8 + 84.9) / 3, 2)
    assert [(p.code, p.score) for p in info.policies] == [
        ("talento-humano", 42.1),
        ("integridad", 63.9),
        ("planeacion-institucional", 43.8),
        ("gestion-documental", 45.0),
        ("control-interno", 63.3),
    ]
    weakest = weakest_policies(db, count=2)
    assert [p.code for p in weakest] == ["talento-humano", "planeacion-institucional"]


def _variant(path: Path, year: int, idi: float) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([f"Medición del Desempeño Institucional vigencia {year}"])
    ws.append(["Orden territorial"])
    ws.append([])
    ws.append(
        [
            "Código SIGEP",
            "Entidad",
            "Índice de Desempeño\nInstitucional",
            "D3  Gestión para Resultados\ncon Valores",
            "D1 Talento Humano",
            "P6 Gobierno Digital",
            "Transparencia, Acceso a la Información Pública y Lucha contra la Corrupción "
            "(Ley 1712)",
            "I01 Calidad de la planeación",
            "I02  Gestión del riesgo",
            "Observación",
        ]
    )
    ws.append(["1234", "INSTITUTO DEPTAL DE CULTURA Y TURISMO", idi, 61, 48.5, 70, "55,5", 40, 80])
    ws.append(["9999", "ALCALDÍA DE TUNJA", 77, 70, 60, 72, 81, 50, 60])
    wb.save(path)
    return path


def test_variant_history_sigep_and_exact_name(db: Any, tmp_path: Path) -> None:
    save_entity(db, expected_version=None, name=ENTITY, sigep_code="1234")
    first = import_furag(db, _variant(tmp_path / "r2023.xlsx", 2023, 51.5))
    assert (first.year, first.matched_by, first.idi) == (2023, "sigep", 51.5)
    assert first.unknown_columns == ("J «Observación»",)
    exact = import_furag(
        db,
        _variant(tmp_path / "r2025.xlsx", 2025, 63),
        entity="Instituto Deptal de Cultura y Turismo",
    )
    assert exact.matched_by == "exact"
    import_furag(db, FURAG_SAMPLE, entity=ENTITY)
    history = list_furag(db)
    assert [(r.year, r.idi) for r in history] == [(2023, 51.5), (2024, 57.8), (2025, 63.0)]
    latest = history[-1]
    assert [(d.code, d.score) for d in latest.dimensions] == [("D1", 48.5), ("D3", 61.0)]
    assert [(p.code, p.score) for p in latest.policies] == [
        ("gobierno-digital", 70.0),
        ("transparencia", 55.5),
    ]
    assert [(i.code, i.label, i.score) for i in latest.indices] == [
        ("I01", "I01 Calidad de la planeación", 40.0),
        ("I02", "I02 Gestión del riesgo", 80.0),
    ]
    assert latest.peer_idi is None and latest.peer_count == 0
    assert [p.code for p in weakest_policies(db, year=2025)] == [
        "transparencia",
        "gobierno-digital",
    ]
    with pytest.raises(ValidationError, match="Ya hay resultados de 2025"):
        import_furag(db, _variant(tmp_path / "r2025.xlsx", 2025, 64), entity="1234")
    again = import_furag(
        db, _variant(tmp_path / "r2025.xlsx", 2025, 64), entity="1234", replace=True
    )
    assert again.replaced and [r.idi for r in list_furag(db)] == [51.5, 57.8, 64.0]


def test_entity_not_found_changes_nothing(db: Any) -> None:
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        import_furag(db, FURAG_SAMPLE, entity="Hospital Regional del Norte")
    assert "HOSPITAL REGIONAL DE LA MONTAÑA" in str(caught.value).upper()
    with pytest.raises(ValidationError, match="--entity"):
        import_furag(db, FURAG_SAMPLE)
    assert table_counts(db) == before


def test_bad_score_and_hostile_file(db: Any, tmp_path: Path) -> None:
    path = _variant(tmp_path / "mal.xlsx", 2024, 150)
    with pytest.raises(ValidationError, match="fila 5, columna C"):
        import_furag(db, path, entity="1234")
    junk = tmp_path / "resultados.xlsx"
    junk.write_bytes(b"<html>no es excel</html>")
    with pytest.raises(ValidationError, match="no es un libro de Excel"):
        import_furag(db, junk, entity=ENTITY)
    assert list_furag(db) == []


def test_close_name_refused_with_suggestions(db: Any, tmp_path: Path) -> None:
    path = _variant(tmp_path / "r2025.xlsx", 2025, 63)
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        import_furag(db, path, entity=ENTITY)
    message = str(caught.value)
    assert "no está en el archivo con ese nombre exacto" in message
    assert "«INSTITUTO DEPTAL DE CULTURA Y TURISMO» (código SIGEP 1234)" in message
    assert "--entity" in message
    assert table_counts(db) == before and list_furag(db) == []


def _namesakes(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Resultados FURAG vigencia 2025"])
    ws.append(
        [
            "Código SIGEP",
            "Entidad",
            "Departamento",
            "Municipio",
            "Índice de Desempeño Institucional",
        ]
    )
    ws.append(["111", "E.S.E. Hospital San Rafael", "Boyacá", "Tunja", 70])
    ws.append(["222", "E.S.E. Hospital San Rafael", "Cundinamarca", "Fusagasugá", 55])
    ws.append(["333", "Alcaldía de Tunja", "Boyacá", "Tunja", 80])
    wb.save(path)
    return path


def test_shared_name_refused_and_sigep_first(db: Any, tmp_path: Path) -> None:
    path = _namesakes(tmp_path / "homonimos.xlsx")
    with pytest.raises(ValidationError) as caught:
        import_furag(db, path, entity="E.S.E. Hospital San Rafael")
    message = str(caught.value)
    assert "Hay 2 entidades" in message and "código SIGEP" in message
    assert "«E.S.E. Hospital San Rafael» (código SIGEP 111, Tunja, Boyacá)" in message
    assert "«E.S.E. Hospital San Rafael» (código SIGEP 222, Fusagasugá, Cundinamarca)" in message
    assert list_furag(db) == []
    assert import_furag(db, path, entity="222").idi == 55.0
    # the profile's SIGEP code wins over its (shared) name
    save_entity(db, expected_version=None, name="E.S.E. Hospital San Rafael", sigep_code="111")
    chosen = import_furag(db, path, replace=True)
    assert (chosen.matched_by, chosen.idi) == ("sigep", 70.0)
