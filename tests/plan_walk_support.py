"""The spreadsheets of the issue 13 walk-through, rebuilt for the tests: a municipal action
plan with a code column beside «N°», text goals («4 TRD»), FURAG policy names, an all-caps title
and a signature footer under the table; and an institute's plan with «Líder del proceso» and
«Seguimiento 1er trim.» columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

HEAD = [
    "N°",
    "Código interno",
    "Dependencia / Área responsable",
    "Actividad a desarrollar",
    "Responsable de la actividad",
    "Meta asociada (unidades)",
    "Ponderación (%)",
    "Fecha de inicio (dd/mm/aaaa)",
    "Fecha de terminación (dd/mm/aaaa)",
    "% avance I trimestre",
    "% avance II trimestre",
    "BPIN",
    "PINAR",
    "Plan Anticorrupción",
    "Política MIPG asociada",
]
ROWS = [
    [1, "SG-01", "Secretaría General", "Actualizar las tablas de retención documental",
     "Jefe de Archivo Central", "4 TRD", "40%", "01/02/2026", "30/06/2026", "30%", "60%",
     "2026154690001", "Sí", "N/A", "Gestión Documental"],
    None,
    [2, "PL-01", "Oficina Asesora de Planeación", "Publicar el mapa de riesgos de corrupción",
     "Jefe Oficina de Planeación", "1 mapa publicado", "30%", "10/01/2026", "31/01/2026",
     "100%", "100%", "", "N/A", "Sí",
     "Transparencia, Acceso a la Información y Lucha contra la Corrupción"],
    [3, "TH-01", "Talento Humano", "Capacitar a 40 funcionarios en gestión documental",
     "Profesional de Talento Humano", 40, "30%", "15/02/2026", "30/11/2026", "25%", "",
     "", "Sí", "N/A", "Gestión Documental"],
]  # fmt: skip
TITLE = "PLAN DE ACCIÓN INSTITUCIONAL VIGENCIA 2026"


FURAG_NAME = "Transparencia, Acceso a la Información y Lucha contra la Corrupción"


def municipal(
    path: Path,
    footer: list[object] | None = None,
    goal: object = "4 TRD",
    policy: str = FURAG_NAME,
) -> Path:
    """Three activities, a blank row, then a blank row and a signature footer."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PAI 2026"
    ws.append(["ALCALDÍA MUNICIPAL DE SOGAMOSO — BOYACÁ"])
    ws.append([TITLE])
    ws.append(["Proceso: Direccionamiento estratégico — Versión 2"])
    ws.append(HEAD)
    for row in ROWS:
        ws.append(list(row) if row else [])
    ws["F5"] = goal
    ws["O7"] = policy
    ws.append([])
    ws.append(
        footer
        or [
            "Elaboró: Oficina Asesora de Planeación",
            "",
            "",
            "Aprobó: Comité Institucional de Gestión y Desempeño",
        ]
    )
    wb.save(path)
    return path


def institute(path: Path, follow_up: tuple[object, object, object] = (1, 0.2, 0)) -> Path:
    """«Líder del proceso» beside «Proceso», quarterly «Seguimiento …» columns."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Plan"
    ws.append(["INSTITUTO DEPARTAMENTAL DE CULTURA Y TURISMO DE BOYACÁ"])
    ws.append([])
    ws.append(
        ["Proceso", "Acción / Actividad", "Producto esperado", "Líder del proceso",
         "Peso de la actividad", "Inicio", "Fin", "Seguimiento 1er trim.",
         "Seguimiento 2do trim.", "Seguimiento 3er trim.", "Seguimiento 4to trim.",
         "PETI", "Observaciones"]
    )  # fmt: skip
    people = ("Subdirección Administrativa", "Coordinador SST", "Líder TIC")
    tasks = ("Publicar el PAA en SECOP II", "Realizar exámenes médicos", "Migrar el correo")
    for number, (task, person, value) in enumerate(zip(tasks, people, follow_up, strict=True)):
        ws.append(
            ["Gestión", task, "Producto", person, 0.25 if number < 2 else 0.5,
             date(2026, 1, 15), date(2026, 11, 30), value, None, None, None, "", ""]
        )  # fmt: skip
    wb.save(path)
    return path
