"""Plan spreadsheets laid out as other entities lay them out, built with openpyxl for the tests.

Each builder writes one workbook unlike the shared samples and unlike the others (header
words, order, title rows over merged cells, plan flag columns, blank rows, text dates and
percentages, extra columns) and returns the path; ``EXPECTED`` holds what its first and last
activities must store.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook


def _book(title: str) -> tuple[Workbook, Any]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


def municipal(path: Path) -> Path:
    """Titles over merged cells, slash-joined headers, «asociada», units, BPIN and funding
    columns, one «Sí / N/A» column per plan, text dates and «40%» text, a blank row."""
    wb, ws = _book("PAI 2026")
    ws.append(["Alcaldía Municipal de San Andrés de Sotavento"])
    ws.merge_cells("A1:P1")
    ws.append(["Plan de Acción Institucional — vigencia 2026"])
    ws.merge_cells("A2:P2")
    ws.append([])
    ws.append(
        [
            "Ítem",
            "BPIN",
            "Actividad / Acción",
            "Meta asociada (cantidad)",
            "Unidad de medida",
            "Dependencia / Área",
            "Responsable de la actividad",
            "Ponderación (%)",
            "Fecha de inicio (dd/mm/aaaa)",
            "Fecha de terminación (dd/mm/aaaa)",
            "Fuente de financiación",
            "PINAR",
            "Plan Anual de Adquisiciones",
            "PETH",
            "Plan Anticorrupción y de Atención al Ciudadano",
            "% de avance I trimestre",
        ]
    )
    ws.append(
        [1, "2026000123", "Actualizar el inventario documental", "2", "Inventarios",
         "Secretaría General", "Auxiliar de archivo", "40%", "15/01/2026", "30/06/2026",
         "Recursos propios", "Sí", "N/A", "N/A", "N/A", "3%"]
    )  # fmt: skip
    ws.append([])
    ws.append(
        [2, "", "Publicar el plan anual de adquisiciones", 1, "Publicación",
         "Secretaría de Hacienda", "Profesional de contratación", "35%", "02/02/2026",
         "31/03/2026", "SGP", "N/A", "Sí", "No", "Sí", "50%"]
    )  # fmt: skip
    ws.append(
        [3, None, "Formular el plan de bienestar", 1, "Plan", "Secretaría de Gobierno",
         "Técnico de talento humano", "25%", "01/03/2026", "15/12/2026", None, "", "",
         "Sí", "N/A", None]
    )  # fmt: skip
    wb.save(path)
    return path


def hospital(path: Path) -> Path:
    """No title rows; dates first; «Nombre de la actividad», «Cargo responsable», fractions,
    real dates, acronym plan columns marked «X», an internal code column and observations."""
    wb, ws = _book("Seguimiento")
    ws.append(
        [
            "Fecha programada de inicio",
            "Fecha límite",
            "Código interno",
            "Nombre de la actividad",
            "Meta de la actividad",
            "Peso porcentual",
            "Área responsable",
            "Cargo responsable",
            "Avance acumulado T1",
            "Avance acumulado T2",
            "PIC",
            "SST",
            "Plan de Bienestar e Incentivos",
            "Observaciones generales",
        ]
    )
    ws.append(
        [datetime(2025, 2, 3), datetime(2025, 11, 28), "HSP-07", "Capacitar al personal en "
         "humanización del servicio", 4, 0.5, "Subgerencia Científica", "Coordinador de "
         "enfermería", 0.25, 0.5, "X", "", "", "Sin novedad"]
    )  # fmt: skip
    ws.append(
        [datetime(2025, 3, 1), datetime(2025, 12, 15), "HSP-08", "Realizar la semana de la "
         "salud laboral", 1, 0.5, "Oficina de Talento Humano", "Profesional de seguridad "
         "y salud", 0.1, None, "", "X", "X", None]
    )  # fmt: skip
    wb.save(path)
    return path


def governorate(path: Path) -> Path:
    """Label rows for plan and year, «Cód.», indicator and type, budget in pesos, policies by
    name, planned / executed / evidence per quarter; columns in yet another order."""
    wb, ws = _book("Hoja1")
    ws.append(["Gobernación del Meta", None, None, None])
    ws.merge_cells("A1:D1")
    ws.append(["Plan:", "Plan de Acción de la Secretaría de Planeación"])
    ws.append(["Vigencia:", 2027])
    ws.append(
        [
            "Descripción de la actividad",
            "Cód.",
            "Indicador asociado",
            "Tipo de indicador",
            "Meta (número)",
            "Presupuesto asignado ($)",
            "Funcionario responsable",
            "Dependencia responsable",
            "Fecha inicio",
            "Fecha fin",
            "Política de gestión y desempeño asociada",
            "Programado T1",
            "Ejecutado T1",
            "Evidencias T1",
        ]
    )
    ws.append(
        ["Actualizar el banco de proyectos", "G-1", "Proyectos registrados", "Eficacia", 40,
         "$ 120.000.000", "Profesional universitario", "Secretaría de Planeación",
         date(2027, 1, 20), date(2027, 12, 10), "Planeación Institucional", 10, 8,
         "Informe del banco"]
    )  # fmt: skip
    ws.append(
        ["Publicar los datos abiertos del departamento", "G-2", "Conjuntos publicados",
         "eficiencia", 12, 0, "Ingeniero de sistemas", "Secretaría TIC", date(2027, 2, 1),
         date(2027, 6, 30), "Gobierno Digital", 3, 3, None]
    )  # fmt: skip
    wb.save(path)
    return path


def institute(path: Path) -> Path:
    """Lowercase headers with line breaks, «N°», person before unit, ordinal quarters, plan
    flags as 1 / 0, percentages as «12,5 %» text mixed with fractions, extra columns."""
    wb, ws = _book("plan")
    ws.append(["INSTITUTO DEPARTAMENTAL DE DEPORTES", None, None])
    ws.merge_cells("A1:C1")
    ws.append(["Plan de acción 2025"])
    ws.append([None])
    ws.append([None])
    ws.append(
        [
            "N°",
            "responsable\n(nombre)",
            "dependencia\nasociada",
            "actividades a desarrollar",
            "rubro presupuestal",
            "ponderado",
            "inicio",
            "terminación",
            "avance primer trimestre",
            "avance segundo trimestre",
            "Plan de Trabajo Anual en SST",
            "PAAC",
            "ODS",
        ]
    )
    ws.append(
        [1, "Ana Pérez", "Oficina Jurídica", "Revisar los contratos de escenarios deportivos",
         "2.3.2.02", "12,5 %", "10/02/2025", "30/09/2025", "12,5 %", 0.5, 1, 0, "ODS 3"]
    )  # fmt: skip
    ws.append(
        [2, "Luis Gómez", "Subdirección Técnica", "Dotar las escuelas de formación deportiva",
         "2.3.2.01", 0.875, "03/03/2025", "15/11/2025", 0.3, "60%", 0, 1, "ODS 4"]
    )  # fmt: skip
    wb.save(path)
    return path


def district(path: Path) -> Path:
    """A second sheet holds the plan under six title rows; «Dependencia/Oficina»,
    «Persona responsable», «Estado de avance T1», «Descripción y evidencias T1», OCI rating."""
    wb, notes = _book("Instrucciones")
    notes.append(["Diligencie la hoja siguiente. No cambie los encabezados."])
    ws = wb.create_sheet("Formato POA")
    ws.append(["SECRETARÍA DISTRITAL DE AMBIENTE"])
    ws.merge_cells("A1:I1")
    ws.append(["Sistema Integrado de Gestión"])
    ws.merge_cells("A2:I2")
    ws.append(["Plan Operativo Anual 2026"])
    ws.merge_cells("A3:I3")
    ws.append([])
    ws.append(["Versión 3", None, None, None, "Código: PL-F-04"])
    ws.append([])
    ws.append(
        [
            "Dependencia/Oficina",
            "Persona responsable",
            "Acción",
            "Porcentaje de peso",
            "Fecha de inicio",
            "Fecha final",
            "Estado de avance T1",
            "Descripción y evidencias T1",
            "Calificación OCI semestre I",
        ]
    )
    ws.append(
        ["Subdirección de Calidad del Aire", "Ingeniera ambiental", "Medir la calidad del "
         "aire en diez estaciones", "60", "2026-01-15", "2026-12-15", "30", "Reporte de enero",
         "Satisfactorio"]
    )  # fmt: skip
    ws.append(
        ["Oficina de Control Disciplinario", "Abogado", "Resolver los procesos abiertos",
         "40", "2026-02-01", "2026-10-31", "10", None, None]
    )  # fmt: skip
    wb.save(path)
    return path


def doubtful(path: Path) -> Path:
    """Headers the program cannot read with confidence: it must ask."""
    wb, ws = _book("Datos")
    ws.append(["Tarea", "Meta / Unidad", "Quién", "Cuándo empieza", "Trimestre 1"])
    ws.append(["Organizar la feria de servicios", 1, "Jefe de prensa", "01/04/2026", "10%"])
    ws.append(["Medir la satisfacción", 2, "Jefe de atención", "01/05/2026", "0%"])
    ws.append(["Publicar el informe", 1, "Jefe de planeación", "01/06/2026", "25%"])
    wb.save(path)
    return path


BUILDERS = {
    "municipal": municipal,
    "hospital": hospital,
    "governorate": governorate,
    "institute": institute,
    "district": district,
}
