"""Write the LibreOffice-made test workbooks kept in this folder (run again only to remake them).

    .venv/bin/python tests/data/make_libreoffice_files.py

Needs ``soffice`` (Debian: ``apt-get install libreoffice-calc-nogui``) and, for the
password-protected copies, the system Python with LibreOffice's ``uno`` module
(``/usr/bin/python3``). Writes, from the shared samples and from one plan written here with
text dates, «3 %» text, fractions, a merged title and a blank row (``plan_variante.xlsx``):

- ``*.ods`` and ``*.xls``: converted headless by LibreOffice Calc itself;
- ``plan_error.xlsx``, ``.ods``, ``.xls``: a small plan whose second weight is ``=1/0``, saved
  by LibreOffice (which stores the ``#DIV/0!`` it computes);
- ``cifrado.ods``, ``cifrado.xls``: the sample plan saved by LibreOffice with the password
  «clave» (LibreOffice 7.4 saves .xlsx without it: the encrypted-OOXML test builds its own
  container).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = Path("/work/shared/samples")
SOURCES = ("plan_accion_ejemplo.xlsx", "resultados_furag_ejemplo.xlsx")

ENCRYPT = r"""
import subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

source, folder, profile = sys.argv[1], sys.argv[2], sys.argv[3]
office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
    "-env:UserInstallation=file://" + profile, "--accept=pipe,name=mipgcifrado;urp;"])
try:
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(120):
        try:
            context = resolver.resolve(
                "uno:pipe,name=mipgcifrado;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context)
    def prop(name, value):
        item = PropertyValue(); item.Name = name; item.Value = value; return item
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
        (prop("Hidden", True),))
    for suffix, flt in (("ods", "calc8"), ("xls", "MS Excel 97")):
        target = uno.systemPathToFileUrl(folder + "/cifrado." + suffix)
        doc.storeToURL(target, (prop("FilterName", flt), prop("Password", "clave")))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    office.wait(timeout=60)
"""


def write_variant(path: Path) -> None:
    """A plan unlike the sample: merged title, text dates, «3 %» text, fractions, blank row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Plan 2025"
    ws.append(["ALCALDÍA MUNICIPAL DE VILLA DEL ROSARIO"])
    ws.merge_cells("A1:H1")
    ws.append(["Plan de Acción 2025"])
    ws.merge_cells("A2:H2")
    ws.append([])
    ws.append(
        [
            "Actividad",
            "Meta",
            "Dependencia",
            "Responsable",
            "Ponderación",
            "Fecha inicial",
            "Fecha final",
            "Avance Trimestre I",
        ]
    )
    rows = [
        [
            "Publicar el PAA",
            1,
            "Secretaría General",
            "Jefe de compras",
            "3%",
            "15/01/2025",
            "31/03/2025",
            "50 %",
        ],
        [
            "Actualizar el mapa de riesgos",
            2,
            "Planeación",
            "Asesor",
            0.47,
            date(2025, 2, 1),
            date(2025, 6, 30),
            0.25,
        ],
        [None] * 8,
        ["Rendir cuentas", 1, "Despacho", "Alcalde", "50%", "01/04/2025", "30/11/2025", "0%"],
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)


def write_error_plan(path: Path) -> None:
    """A plan whose second weight is a formula that fails (``=1/0``)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Plan 2025"
    ws.append(["Plan de Acción 2025"])
    ws.append(["Actividad", "Meta", "Responsable", "Ponderación"])
    ws.append(["Publicar el PAA", 1, "Jefe de compras", 0.5])
    ws.append(["Rendir cuentas", 1, "Alcalde", "=1/0"])
    wb.save(path)


def convert(source: Path, suffix: str, profile: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            suffix,
            "--outdir",
            str(HERE),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return HERE / f"{source.stem}.{suffix}"


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("soffice no está instalado (apt-get install libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        sources = [SAMPLES / s for s in SOURCES]
        variant = HERE / "plan_variante.xlsx"
        write_variant(variant)
        for source in [*sources, variant]:
            for suffix in ("ods", "xls"):
                print(convert(source, suffix, work / "profile"))
        error_plan = work / "plan_error.xlsx"
        write_error_plan(error_plan)
        for suffix in ("xlsx", "ods", "xls"):
            print(convert(error_plan, suffix, work / "profile"))
        subprocess.run(
            ["/usr/bin/python3", "-c", ENCRYPT, str(sources[0]), str(HERE), str(work / "p2")],
            check=True,
            timeout=300,
        )
        for suffix in ("ods", "xls"):
            print(HERE / f"cifrado.{suffix}")


if __name__ == "__main__":
    main()
