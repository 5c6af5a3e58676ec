"""Excel of the commitments tracker and of the session register, from demo committee data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from mipg_desktop.cli import main
from mipg_desktop.committees.views import list_commitments, list_sessions
from mipg_desktop.demo import run_demo
from mipg_desktop.planning.commitments_export import export_commitments
from mipg_desktop.planning.session_register_export import export_session_register

TODAY = date(2026, 11, 21)


def test_commitments_and_register(db: Any, tmp_path: Path) -> None:
    run_demo(db, years=1, today=TODAY)
    items = list_commitments(db, today=TODAY)
    path = export_commitments(db, tmp_path / "compromisos.xlsx", today=TODAY)
    ws = load_workbook(path).active
    assert ws is not None
    assert ws["B5"].value == "Compromiso" and ws.freeze_panes == "C6"
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert len(rows) == len(items) > 0
    assert [r[1] for r in rows] == [c.text for c in items]
    assert [r[13] for r in rows] == [c.uid for c in items]
    overdue = [i for i, c in enumerate(items) if c.overdue]
    for index in overdue:
        assert ws.cell(row=6 + index, column=2).fill.fgColor.rgb.endswith("F8D7DA")
    assert ws.cell(row=6, column=6).number_format == "0%"
    policy = next(p for c in items for p in _policies_of(db, c) if p)
    chosen = list_commitments(db, today=TODAY, policy_code=policy, owner="a")
    narrowed = export_commitments(
        db, tmp_path / "por-politica.xlsx", today=TODAY, policy_code=policy, owner="a"
    )
    sheet_rows = list(load_workbook(narrowed).active.iter_rows(min_row=6, values_only=True))  # type: ignore[union-attr]
    assert 0 < len(sheet_rows) == len(chosen) < len(items)
    assert [r[13] for r in sheet_rows] == [c.uid for c in chosen]  # what the tracker shows
    sessions = list_sessions(db)
    register = export_session_register(db, tmp_path / "sesiones.xlsx", year=2026)
    sheet = load_workbook(register).active
    assert sheet is not None
    titles = [r[1] for r in sheet.iter_rows(min_row=5, values_only=True)]
    assert titles == [s.title for s in sessions if s.year == 2026]


def _policies_of(db: Any, commitment: Any) -> list[str]:
    """The policy codes of the agenda item a commitment was made under."""
    from mipg_desktop.catalog import get_catalog
    from mipg_desktop.committees.views import get_session_detail

    code_of = {p.name: p.code for p in get_catalog(db).policies()}
    items = get_session_detail(db, commitment.session_id).all_agenda_items()
    return [code_of[n] for i in items if i.id == commitment.agenda_item_id for n in i.policies]


def test_export_commitments_command(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "demo", "--today", TODAY.isoformat()]) == 0
    target, register = tmp_path / "c.xlsx", tmp_path / "s.xlsx"
    code = main(
        ["--db", db_url, "export-commitments", "-o", str(target), "--sessions", str(register)]
    )
    out = capsys.readouterr().out
    assert code == 0 and "Compromisos exportados" in out
    assert target.exists() and register.exists()


def test_export_commitments_refuses_missing_folder_and_directory(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    assert main(["--db", db_url, "demo", "--years", "1", "--today", TODAY.isoformat()]) == 0
    capsys.readouterr()
    missing = tmp_path / "no-existe" / "y.xlsx"
    assert main(["--db", db_url, "export-commitments", "-o", str(missing)]) == 1
    assert f"La carpeta {missing.parent} no existe." in capsys.readouterr().err
    assert not missing.parent.exists()
    assert main(["--db", db_url, "export-commitments", "-o", str(tmp_path)]) == 1
    assert "es una carpeta; indique el nombre del archivo" in capsys.readouterr().err
    # a bad --sessions target: the commitments file is not written either
    target = tmp_path / "c.xlsx"
    args = ["--db", db_url, "export-commitments", "-o", str(target), "--sessions", str(missing)]
    assert main(args) == 1
    assert not target.exists()
    umask = os.umask(0o022)
    try:
        assert main(["--db", db_url, "export-commitments", "-o", str(target)]) == 0
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == ["c.xlsx"]
