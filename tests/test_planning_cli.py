"""The planning commands: plans, plan, import-plan, export-plan, import-furag, furag."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_planning_import import PLAN_SAMPLE, SAMPLES

from mipg_desktop.cli import main


def _run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_commands(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, db_url, "import-plan", str(PLAN_SAMPLE), "--check")
    assert code == 0 and "no se guardó nada" in out
    code, out, _err = _run(capsys, db_url, "import-plan", str(PLAN_SAMPLE), "--year", "2026")
    assert code == 0 and "8 actividades" in out
    code, out, _err = _run(capsys, db_url, "plans", "--json")
    document = json.loads(out)
    assert [(p["name"], p["activity_count"]) for p in document["plans"]] == [
        ("Plan de Acción Institucional 2026", 8)
    ]
    plan_id = document["plans"][0]["id"]
    code, out, _err = _run(capsys, db_url, "plan", str(plan_id), "--json", "--at", "2026-07-01")
    detail = json.loads(out)
    assert detail["activities"][0]["weight"] == 0.125
    assert detail["rollup"]["total"]["actual"] == 0.375
    code, out, _err = _run(capsys, db_url, "plan", str(plan_id), "--at", "2026-07-01")
    assert code == 0 and "Avance 37.5 %" in out and "rojo" in out
    target = tmp_path / "salida.xlsx"
    code, out, _err = _run(capsys, db_url, "export-plan", str(plan_id), "-o", str(target))
    assert code == 0 and target.stat().st_size > 5000


def test_failing_commands_change_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, db_url, "import-plan", str(PLAN_SAMPLE))
    code, _out, err = _run(capsys, db_url, "import-plan", str(PLAN_SAMPLE))
    assert code == 1 and "Ya hay un plan «" in err and "id" not in err
    junk = tmp_path / "plan.xlsx"
    junk.write_text("hola")
    code, _out, err = _run(capsys, db_url, "import-plan", str(junk))
    assert code == 1 and "no es un libro de Excel" in err
    code, _out, err = _run(capsys, db_url, "plan", "999")
    assert code == 1 and "No existe el plan 999" in err
    code, out, _err = _run(capsys, db_url, "plans", "--json")
    assert len(json.loads(out)["plans"]) == 1


def test_furag_commands(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    sample = SAMPLES / "resultados_furag_ejemplo.xlsx"
    entity = "Instituto Departamental de Cultura y Turismo"
    code, out, _err = _run(capsys, db_url, "import-furag", str(sample), "--entity", entity)
    assert code == 0 and "IDI 57.8" in out
    code, out, _err = _run(capsys, db_url, "furag", "--json")
    document: dict[str, Any] = json.loads(out)
    assert [r["year"] for r in document["results"]] == [2024]
    assert document["weakest_policies"][0]["code"] == "talento-humano"
    assert document["weakest_policies"][0]["plan_year"] == 2025
    assert document["weakest_policies"][0]["activities"] == []
    code, out, _err = _run(capsys, db_url, "furag")
    assert code == 0 and "2024  IDI 57.8" in out
    assert "SIN actividades de mejora" in out


def test_import_furag_published_file(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from furag_files import published

    path, _rows = published(tmp_path, 2024, "territorio", count=40)
    code, out, err = _run(capsys, db_url, "import-furag", str(path))
    assert code == 1 and out == ""
    assert "Indique la entidad con --entity" in err
    assert "«ALCALDÍA DE Tunja» (código SIGEP 5000, TUNJA, BOYACÁ, MIPG)" in err
    code, _out, err = _run(
        capsys, db_url, "import-furag", str(path), "--entity", "Hospital San Rafael Duitama"
    )
    assert code == 1 and "no está en el archivo con ese nombre exacto" in err
    assert "«E.S.E. HOSPITAL SAN RAFAEL DE Duitama» (código SIGEP 5013" in err
    code, out, _err = _run(capsys, db_url, "import-furag", str(path), "--entity", "5013")
    assert code == 0, out
    assert "FURAG 2024 de «E.S.E. HOSPITAL SAN RAFAEL DE Duitama» (código SIGEP)" in out
    assert "Hoja «Territorio», código SIGEP 5013, formulario MIPG." in out
    assert "Columnas ignoradas" not in out
    code, out, _err = _run(capsys, db_url, "furag", "--json")
    (result,) = json.loads(out)["results"]
    assert result["form_type"] == "MIPG" and len(result["policies"]) == 19
    assert result["legal_nature"] == "Empresa Social del Estado"
