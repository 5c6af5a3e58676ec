"""Every format entities use reads alike: LibreOffice's .ods and .xls copies of the samples
import exactly as the .xlsx; hostile, encrypted and mislabelled files are refused in Spanish."""

from __future__ import annotations

import dataclasses
import shutil
import struct
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_planning_hostile import _refused
from test_planning_import import PLAN_SAMPLE, SAMPLES, _comparable

from mipg_desktop.errors import ValidationError
from mipg_desktop.planning.furag import import_furag, list_furag
from mipg_desktop.planning.plan_import import import_plan
from mipg_desktop.planning.plans import delete_plan, get_plan
from mipg_desktop.planning.sheet_reader import open_sheets

DATA = Path(__file__).resolve().parent / "data"
FURAG_SAMPLE = SAMPLES / "resultados_furag_ejemplo.xlsx"
ENTITY = "Instituto Departamental de Cultura y Turismo"
PASSWORD = "está protegido con contraseña"


def _plan_from(db: Any, path: Path) -> dict[str, Any]:
    result = import_plan(db, path)
    plan = _comparable(get_plan(db, result.plan_id))
    delete_plan(db, result.plan_id)
    for activity in plan["activities"]:
        activity.pop("uid")  # made afresh on each import of a file without an ID column
    return {"result": dataclasses.replace(result, plan_id=0), "plan": plan}


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_sample_plan_imports_alike_from_libreoffice_copies(db: Any, suffix: str) -> None:
    expected = _plan_from(db, PLAN_SAMPLE)
    assert expected["result"].activity_count == 8
    assert _plan_from(db, DATA / f"plan_accion_ejemplo.{suffix}") == expected


def test_text_dates_percent_text_and_merged_titles_in_every_format(db: Any) -> None:
    imported = [_plan_from(db, DATA / f"plan_variante.{s}") for s in ("xlsx", "ods", "xls")]
    assert imported[1] == imported[0] and imported[2] == imported[0]
    result, plan = imported[0]["result"], imported[0]["plan"]
    assert (result.name, result.year, result.header_row) == ("Plan de Acción 2025", 2025, 4)
    activities = plan["activities"]
    assert [a["description"] for a in activities] == [
        "Publicar el PAA",
        "Actualizar el mapa de riesgos",
        "Rendir cuentas",
    ]
    assert [a["weight"] for a in activities] == [0.03, 0.47, 0.5]
    assert [a["start_date"] for a in activities] == [
        date(2025, 1, 15),
        date(2025, 2, 1),
        date(2025, 4, 1),
    ]
    assert activities[0]["end_date"] == date(2025, 3, 31)
    assert [a["quarters"][0]["progress"] for a in activities] == [0.5, 0.25, 0.0]
    assert (activities[1]["owner_unit"], activities[1]["owner_person"]) == ("Planeación", "Asesor")


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_furag_sample_imports_alike_from_libreoffice_copies(db: Any, suffix: str) -> None:
    first = import_furag(db, FURAG_SAMPLE, entity=ENTITY)
    (expected,) = list_furag(db)
    again = import_furag(
        db, DATA / f"resultados_furag_ejemplo.{suffix}", entity=ENTITY, replace=True
    )
    assert dataclasses.replace(again, replaced=False) == first
    (stored,) = list_furag(db)
    assert dataclasses.replace(stored, id=0) == dataclasses.replace(expected, id=0)
    assert stored.idi == 57.8 and len(stored.policies) == 5


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_password_protected_copies_refused(db: Any, suffix: str) -> None:
    error = _refused(db, DATA / f"cifrado.{suffix}", "cifrado." + suffix, PASSWORD)
    assert "clave" not in str(error)


def _rename_stream(source: Path, target: Path, old: str, new: str) -> Path:
    """Rename a stream in an OLE directory in place (the name field holds 32 UTF-16 chars)."""
    data = bytearray(source.read_bytes())
    encoded = old.encode("utf-16-le") + b"\0\0"
    at = data.index(encoded)
    name = new.encode("utf-16-le") + b"\0\0"
    data[at : at + 64] = name.ljust(64, b"\0")
    struct.pack_into("<H", data, at + 64, len(name))
    target.write_bytes(bytes(data))
    return target


def test_encrypted_ooxml_container_refused(db: Any, tmp_path: Path) -> None:
    # an Excel .xlsx saved with a password is an OLE container with an EncryptionInfo stream
    path = tmp_path / "con-clave.xlsx"
    _rename_stream(DATA / "plan_accion_ejemplo.xls", path, "Workbook", "EncryptionInfo")
    _refused(db, path, "con-clave.xlsx", PASSWORD)


def test_content_decides_not_the_extension(db: Any, tmp_path: Path) -> None:
    ods_as_xlsx = tmp_path / "plan.xlsx"
    shutil.copy(DATA / "plan_accion_ejemplo.ods", ods_as_xlsx)
    _refused(db, ods_as_xlsx, "plan.xlsx", "su extensión dice .xlsx", "libro .ods")
    xls_as_ods = tmp_path / "plan.ods"
    shutil.copy(DATA / "plan_accion_ejemplo.xls", xls_as_ods)
    _refused(db, xls_as_ods, "su extensión dice .ods", "libro .xls")
    xlsx_as_csv = tmp_path / "plan.csv"
    shutil.copy(PLAN_SAMPLE, xlsx_as_csv)
    _refused(db, xlsx_as_csv, "extensión «.csv»", "su contenido es .xlsx")
    text = tmp_path / "plan.ods"
    text.write_text("Actividad;Meta\n", encoding="utf-8")
    _refused(db, text, "no es una hoja de cálculo", "firma del archivo")
    macro = tmp_path / "plan.xlsm"
    shutil.copy(PLAN_SAMPLE, macro)  # .xlsm is read like .xlsx; macros are never run
    assert import_plan(db, macro).activity_count == 8


def _rewrite_ods(source: Path, target: Path, content: bytes | None = None, **parts: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "content.xml" and content is not None:
                data = content
            data = parts.get(info.filename.replace("/", "_").replace(".", "_"), data)
            new.writestr(info.filename, data)
    return target


def _ods_content(rows: bytes) -> bytes:
    with zipfile.ZipFile(DATA / "plan_accion_ejemplo.ods") as archive:
        content = archive.read("content.xml")
    # before the empty rows LibreOffice repeats to the sheet's edge
    end = content.rindex(b"<table:table-row", 0, content.index(b'rows-repeated="1048563"'))
    return content[:end] + rows + content[end:]


def test_hostile_ods_refused(db: Any, tmp_path: Path) -> None:
    source = DATA / "plan_accion_ejemplo.ods"
    filled = b'<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
    filled += b"</table:table-cell>"
    rows = b'<table:table-row table:number-rows-repeated="200000">' + filled + b"</table:table-row>"
    many = _rewrite_ods(source, tmp_path / "filas.ods", _ods_content(rows))
    assert many.stat().st_size < 100_000
    _refused(db, many, "filas.ods", "más de 100000 filas", "hoja «POA 2026», fila 13")
    wide = b'<table:table-row><table:table-cell table:number-columns-repeated="5000"/>'
    wide += filled + b"</table:table-row>"
    _refused(db, _rewrite_ods(source, tmp_path / "ancha.ods", _ods_content(wide)), "1000 columnas")
    cells = b'<table:table-row table:number-rows-repeated="9000">'
    cells += b'<table:table-cell table:number-columns-repeated="899"/>' + filled
    cells += b"</table:table-row>"
    area = _rewrite_ods(source, tmp_path / "area.ods", _ods_content(cells))
    _refused(db, area, "más de 4000000 celdas de área", "hoja «POA 2026»")
    bomb = _rewrite_ods(source, tmp_path / "bomba.ods", styles_xml=b" " * 30_000_000)
    assert bomb.stat().st_size < 200_000
    _refused(db, bomb, "bomba zip", "parte styles.xml")
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>'
    with zipfile.ZipFile(source) as archive:
        content = archive.read("content.xml")
    poisoned = dtd + content[content.index(b"<office:document-content") :]
    _refused(db, _rewrite_ods(source, tmp_path / "dtd.ods", poisoned), "DOCTYPE", "content.xml")


def test_trailing_empty_repeats_cost_nothing(tmp_path: Path) -> None:
    # LibreOffice writes the empty rest of a sheet as rows and cells repeated to its edge
    with zipfile.ZipFile(DATA / "plan_accion_ejemplo.ods") as archive:
        assert b'number-rows-repeated="1048563"' in archive.read("content.xml")
    with open_sheets(DATA / "plan_accion_ejemplo.ods") as sheets:
        assert sheets[0].max_row == 12
        assert len(sheets[0].head(30)) == 12
        assert len(sheets[0].head(30)[3][1]) == 31


def _patch_xls_cell(target: Path, row: int, column: int) -> Path:
    """The sample .xls with its first NUMBER cell moved to (row, column), in place."""
    import olefile

    shutil.copy(DATA / "plan_accion_ejemplo.xls", target)
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        position = 0
        while position + 4 <= len(data):
            kind, size = struct.unpack_from("<HH", data, position)
            if kind in (0x0203, 0x027E):  # NUMBER, RK
                struct.pack_into("<HH", data, position + 4, row, column)
                break
            position += 4 + size
        ole.write_stream("Workbook", bytes(data))
    return target


def test_hostile_xls_refused(db: Any, tmp_path: Path) -> None:
    far = _patch_xls_cell(tmp_path / "lejos.xls", 65535, 255)
    _refused(db, far, "lejos.xls", "fila 65536 y la columna 256", "hoja «POA 2026»")
    broken = tmp_path / "roto.xls"
    broken.write_bytes((DATA / "plan_accion_ejemplo.xls").read_bytes()[:2000])
    _refused(db, broken, "roto.xls", ".xls")
    with pytest.raises(ValidationError, match=r"lejos\.xls"):
        import_furag(db, far, entity=ENTITY)


def test_xlsx_rectangle_bounded_before_reading(db: Any, tmp_path: Path) -> None:
    # the reader holds a sheet as one rectangle up to its farthest cell: 5000 rows × 1000
    # columns is refused before parsing, though each row has one cell only
    from test_planning_hostile import _far_cells

    path = _far_cells(tmp_path / "rectangulo.xlsx", 5000, column="ALL")
    _refused(db, path, "rectangulo.xlsx", "columna 1000", "celdas de área", "hoja sheet1")


def test_wrong_value_in_ods_named_with_sheet_row_column_and_value(db: Any, tmp_path: Path) -> None:
    source = DATA / "plan_variante.ods"
    with zipfile.ZipFile(source) as archive:
        content = archive.read("content.xml")
    assert content.count(b"<text:p>15/01/2025</text:p>") == 1
    wrong = content.replace(b"<text:p>15/01/2025</text:p>", b"<text:p>31/02/2025</text:p>")
    path = _rewrite_ods(source, tmp_path / "fecha.ods", wrong)
    error = _refused(db, path, "fecha.ods", "no se guardó nada")
    assert (
        "Hoja «Plan 2025», fila 5, columna F (Fecha inicial): «31/02/2025» no es una fecha"
        in str(error)
    )


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="ru_maxrss in KiB: Linux")
def test_largest_allowed_rectangle_stays_in_memory_bounds(tmp_path: Path) -> None:
    # calamine holds the rectangle outside Python's allocator: measure the process instead
    import subprocess
    import sys

    from test_planning_hostile import _far_cells

    path = _far_cells(tmp_path / "ancho.xlsx", 3900, column="ALL")  # 3,912 × 1,000 cells
    code = (
        "import resource\n"
        "from mipg_desktop.planning.sheet_reader import open_sheets\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"with open_sheets({str(path)!r}) as sheets:\n"
        "    rows = sum(1 for _ in sheets[0].rows(1, 31))\n"
        "print(rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rows, grown_kib = map(int, done.stdout.split())
    assert rows == 3912
    assert grown_kib < 200 * 1024, grown_kib


@pytest.mark.parametrize("suffix", ["xlsx", "ods", "xls"])
def test_formula_error_refused_not_read_as_blank(db: Any, suffix: str) -> None:
    # calamine gives an error cell as empty: the checks note it and the reader puts it back
    error = _refused(db, DATA / f"plan_error.{suffix}", f"plan_error.{suffix}")
    assert "Hoja «Plan 2025», fila 4, columna D (Ponderación): «#DIV/0!» no es un número" in str(
        error
    )


def test_office_document_that_is_no_workbook_refused(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "acta.xls"
    _rename_stream(DATA / "plan_accion_ejemplo.xls", path, "Workbook", "WordDocument")
    _refused(db, path, "acta.xls", "no un libro de Excel", "contenedor OLE")
