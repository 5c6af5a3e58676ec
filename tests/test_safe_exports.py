"""No exported workbook holds a formula that came from user text, and each opens in LibreOffice.

Text such as ``=HYPERLINK(…)`` is put into a plan, a commitment and a session through the core
services; the exported sheets' XML is read back: no ``<f>`` element anywhere, the text is a
text cell with the quote prefix, text like ``-5`` stays text and real numbers stay numbers.
"""

from __future__ import annotations

import csv
import zipfile
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from libreoffice_support import convert, needs_soffice
from openpyxl import Workbook
from test_committees_support import build_cigd

from mipg_desktop.cli import main
from mipg_desktop.committees.commitments import add_commitment
from mipg_desktop.committees.sessions import create_session
from mipg_desktop.planning.commitments_export import export_commitments
from mipg_desktop.planning.follow_up import record_progress
from mipg_desktop.planning.plan_export import export_plan
from mipg_desktop.planning.plan_import import import_plan
from mipg_desktop.planning.plans import get_plan
from mipg_desktop.planning.safe_cells import is_risky
from mipg_desktop.planning.session_register_export import export_session_register

LINK = '=HYPERLINK("http://malo.example/x","Clic aquí")'
AT = "@SUM(1+1)"
PLUS = "+57 300 000 0000"
MINUS = "-5"
DAY = date(2026, 3, 10)


def _text_cell(ws: Any, cell: str, value: str) -> None:
    ws[cell] = value
    ws[cell].data_type = "s"  # written as text, as an entity's sheet would hold it


def _plan_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Plan de Acción 2026"])
    ws.append(["Actividad", "Meta", "Unidad de medida", "Responsable", "Dependencia"])
    ws.append([None, 3, None, "Jefe de planeación", "Planeación"])
    _text_cell(ws, "A3", LINK)
    _text_cell(ws, "C3", MINUS)
    ws.append(["Segunda actividad", 2, AT, PLUS, "Planeación"])
    wb.save(path)
    return path


@pytest.fixture
def risky_data(db: Any, tmp_path: Path) -> dict[str, int]:
    result = import_plan(db, _plan_file(tmp_path / "origen.xlsx"))
    activity = get_plan(db, result.plan_id).activities[0]
    assert activity.description == LINK and activity.unit == MINUS
    record_progress(db, activity.id, 1, expected_version=None, progress=0.5, evidence=LINK)
    cigd = build_cigd(db)
    session = create_session(db, cigd.committee_id, DAY, place=LINK, start_time=time(9, 0))
    add_commitment(db, session.id, LINK, owner_name=PLUS, due_date=date(2026, 4, 30))
    add_commitment(db, session.id, MINUS, owner_name=AT, due_date=date(2026, 4, 30))
    return {"plan": result.plan_id}


NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _parts(path: Path) -> tuple[list[Any], list[str], set[int]]:
    """The sheets' cell elements, the shared strings and the quote-prefixed style indexes."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        sheets = [
            ElementTree.fromstring(archive.read(n))
            for n in names
            if n.startswith("xl/worksheets/sheet")
        ]
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(NS + "t")) for si in root]
    xfs = styles.find(NS + "cellXfs")
    assert xfs is not None
    quoted = {i for i, xf in enumerate(xfs) if xf.get("quotePrefix") == "1"}
    cells = [c for sheet in sheets for c in sheet.iter(NS + "c")]
    return cells, shared, quoted


def _text(cell: Any, shared: list[str]) -> str | None:
    if cell.get("t") == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(NS + "t"))
    value = cell.find(NS + "v")
    if cell.get("t") == "s" and value is not None:
        return shared[int(value.text or 0)]
    return None


def _check_no_formula(path: Path, *texts: str) -> list[Any]:
    cells, shared, quoted = _parts(path)
    assert cells
    assert not [c.get("r") for c in cells if c.find(NS + "f") is not None]  # no formula at all
    for text in texts:
        found = [c for c in cells if _text(c, shared) == text]
        assert found, text
        for cell in found:
            assert int(cell.get("s", 0)) in quoted, (text, cell.attrib)
    return cells


def test_risky_text_rule() -> None:
    for text in (LINK, AT, PLUS, MINUS, "\tx", "\rx", "=1+1"):
        assert is_risky(text)
    for value in ("Plan", "5", "", -5, 3.5, None, date(2026, 1, 1)):
        assert not is_risky(value)


def test_plan_export_writes_user_text_as_text(
    db: Any, risky_data: dict[str, int], tmp_path: Path
) -> None:
    path = export_plan(db, risky_data["plan"], tmp_path / "plan.xlsx")
    cells = _check_no_formula(path, LINK, MINUS, AT, PLUS)
    numbers = [c.findtext(NS + "v") for c in cells if c.get("t", "n") == "n"]
    assert "3" in numbers  # the target stays a real number


def test_commitments_and_register_write_user_text_as_text(
    db: Any, risky_data: dict[str, int], tmp_path: Path
) -> None:
    commitments = export_commitments(db, tmp_path / "compromisos.xlsx", today=DAY)
    _check_no_formula(commitments, LINK, PLUS, MINUS, AT)
    register = export_session_register(db, tmp_path / "sesiones.xlsx")
    _check_no_formula(register, LINK)


def _libreoffice_csv(path: Path, folder: Path) -> list[list[str]]:
    convert([path], "csv:Text - txt - csv (StarCalc):44,34,76,1", folder)
    with (folder / f"{path.stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@needs_soffice
def test_exports_open_in_libreoffice(
    db_url: str, db: Any, risky_data: dict[str, int], tmp_path: Path
) -> None:
    plan, commitments, register = (tmp_path / f"{n}.xlsx" for n in ("plan", "c", "s"))
    assert main(["--db", db_url, "export-plan", str(risky_data["plan"]), "-o", str(plan)]) == 0
    assert (
        main(
            [
                "--db",
                db_url,
                "export-commitments",
                "-o",
                str(commitments),
                "--sessions",
                str(register),
            ]
        )
        == 0
    )
    rows = _libreoffice_csv(plan, tmp_path)
    cells = [c for row in rows for c in row]
    # LibreOffice shows the text itself, not a link nor a computed value
    assert LINK in cells and MINUS in cells and "Segunda actividad" in cells
    assert "Clic aquí" not in cells and "2" not in [c for c in cells if c == AT]
    commitment_cells = [c for row in _libreoffice_csv(commitments, tmp_path) for c in row]
    assert LINK in commitment_cells and PLUS in commitment_cells and MINUS in commitment_cells
    register_rows = _libreoffice_csv(register, tmp_path)
    assert any(LINK in row for row in register_rows)
    assert any("Comité Institucional" in c for row in register_rows for c in row)
