"""Hostile spreadsheets are refused quickly, with their place named, memory and DB intact."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_planning_import import PLAN_SAMPLE, table_counts

from mipg_desktop.errors import ValidationError
from mipg_desktop.planning import plan_import, xlsx_safety
from mipg_desktop.planning.plan_import import import_plan

SHEET = "xl/worksheets/sheet1.xml"


def _rewrite(target: Path, changes: dict[str, Callable[[bytes], bytes]]) -> Path:
    with (
        zipfile.ZipFile(PLAN_SAMPLE) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename in changes:
                data = changes[info.filename](data)
            out.writestr(info.filename, data)
    return target


def _refused(db: Any, path: Path, *needles: str, seconds: float = 3.0) -> ValidationError:
    before = table_counts(db)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValidationError) as caught:
            import_plan(db, path)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    for needle in needles:
        assert needle in message
    assert elapsed < seconds, elapsed
    assert peak < 40 * 2**20, peak
    assert table_counts(db) == before
    return caught.value


def test_not_a_workbook(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("Actividad;Meta\nUna;1\n", encoding="utf-8")
    _refused(db, path, "plan.xlsx", "no es un libro de Excel", "firma del archivo")
    old = tmp_path / "viejo.xlsx"
    old.write_bytes(xlsx_safety.OLE_SIGNATURE + b"\0" * 1000)
    _refused(db, old, ".xls")
    broken = tmp_path / "roto.xlsx"
    broken.write_bytes(PLAN_SAMPLE.read_bytes()[:3000])
    _refused(db, broken, "roto.xlsx")
    missing = tmp_path / "sin-libro.xlsx"
    with zipfile.ZipFile(missing, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    _refused(db, missing, "xl/workbook.xml")


def test_zip_bomb_by_ratio(db: Any, tmp_path: Path) -> None:
    path = _rewrite(
        tmp_path / "bomba.xlsx", {"xl/theme/theme1.xml": lambda d: d + b" " * 30_000_000}
    )
    assert path.stat().st_size < 200_000
    _refused(db, path, "bomba zip", "parte xl/theme/theme1.xml")


def test_zip_bomb_by_total_size(db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_safety, "MAX_UNCOMPRESSED_BYTES", 20_000)
    _refused(db, PLAN_SAMPLE, "bomba zip", "parte ")


def test_xml_entity_bomb(db: Any, tmp_path: Path) -> None:
    dtd = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )

    def poison(data: bytes) -> bytes:
        start = data.index(b"<worksheet")
        return dtd + data[start:].replace(b"<v>1</v>", b"<v>&lol2;</v>", 1)

    path = _rewrite(tmp_path / "entidades.xlsx", {SHEET: poison})
    _refused(db, path, "DOCTYPE", "parte xl/worksheets/sheet1.xml")


def test_defusedxml_guards_openpyxl(tmp_path: Path) -> None:
    """Second line of defence: openpyxl itself parses through defusedxml."""
    from openpyxl import load_workbook

    assert xlsx_safety.check_defused()
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>'
    path = _rewrite(tmp_path / "e.xlsx", {SHEET: lambda d: dtd + d[d.index(b"<worksheet") :]})
    from defusedxml import EntitiesForbidden

    with pytest.raises(ValueError) as caught:
        load_workbook(path, read_only=True)
    assert isinstance(caught.value.__cause__, EntitiesForbidden)


def _million(target: Path, declared: bool) -> Path:
    def grow(data: bytes) -> bytes:
        end = data.index(b"</sheetData>")
        rows = b"".join(
            b'<row r="%d"><c r="B%d"><v>%d</v></c></row>' % (n, n, n) for n in range(13, 1_000_001)
        )
        data = data[:end] + rows + data[end:]
        if not declared:
            return data  # the dimension still says A1:AE12: it lies
        return data.replace(b'<dimension ref="A1:AE12"/>', b'<dimension ref="A1:AE1000000"/>')

    return _rewrite(target, {SHEET: grow})


@pytest.fixture(scope="module")
def million_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("million")
    return _million(folder / "declarado.xlsx", True), _million(folder / "mentiroso.xlsx", False)


def test_million_rows_declared(db: Any, million_files: tuple[Path, Path]) -> None:
    declared, _hidden = million_files
    assert declared.stat().st_size < 10 * 2**20
    _refused(db, declared, "1000000 filas", "hoja sheet1", seconds=2.0)


def test_million_rows_hidden_by_lying_dimension(db: Any, million_files: tuple[Path, Path]) -> None:
    _declared, hidden = million_files
    _refused(db, hidden, "más de 100000 filas", "hoja sheet1", seconds=4.0)


def test_row_limit_while_reading(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_import, "MAX_ROWS", 10)
    _refused(db, PLAN_SAMPLE, "más de 10 filas", "hoja «POA 2026», fila 11")


def _far_cells(target: Path, rows: int, column: str = "XFD") -> Path:
    """Rows each with one cell far to the right, and no <dimension> at all."""

    def pad(data: bytes) -> bytes:
        end = data.index(b"</sheetData>")
        extra = b"".join(
            b'<row r="%d"><c r="%s%d"><v>1</v></c></row>' % (n, column.encode(), n)
            for n in range(13, 13 + rows)
        )
        data = data[:end] + extra + data[end:]
        return data.replace(b'<dimension ref="A1:AE12"/>', b"")

    return _rewrite(target, {SHEET: pad})


def test_far_column_cells_refused_while_streaming(db: Any, tmp_path: Path) -> None:
    path = _far_cells(tmp_path / "ancho.xlsx", 3000)
    error = _refused(db, path, "columna XFD", "hoja sheet1, celda XFD13", seconds=2.0)
    assert "1000 columnas" in str(error)
    from mipg_desktop.planning.furag import import_furag

    with pytest.raises(ValidationError, match="celda XFD13"):
        import_furag(db, path, entity="x")


def test_wide_but_allowed_column_read_without_padding(db: Any, tmp_path: Path) -> None:
    # column ALL (1000) is allowed; rows are read up to the header's width, not padded to it
    path = _far_cells(tmp_path / "ancho.xlsx", 3000, column="ALL")
    started = time.perf_counter()
    result = plan_import.read_plan_file(db, path)
    assert time.perf_counter() - started < 3.0
    assert result.activity_count == 8
