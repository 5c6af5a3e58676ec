"""FURAG results workbooks laid out as Función Pública publishes them, for the tests.

``Resultados_vigAAAA_nacion.xlsx`` has a cover sheet («Presentación») before its «Nacion»
sheet; ``…_territorio.xlsx`` has «Territorio» and a «Glosario» after it. Both have merged
title rows over the header, headers with line breaks, one row per entity with its SIGEP code
(a number), department, municipality, legal nature, organic classification, form type (MIPG
or MECI: a MECI row has only the control-interno scores) and peer group; then the IDI, the
seven dimensions, the policies and sub-indices. The newest policies are numbered differently
each year (:data:`NUMBERING`), as in the published files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

DIMENSIONS = (
    "D1: Talento Humano",
    "D2: Direccionamiento Estratégico y Planeación",
    "D3: Gestión para Resultados con Valores",
    "D4: Evaluación de Resultados",
    "D5: Información y Comunicación",
    "D6: Gestión del Conocimiento",
    "D7: Control Interno",
)
# policy name as the file writes it → catalog code
POLICIES = {
    "Gestión Estratégica del Talento Humano": "talento-humano",
    "Integridad": "integridad",
    "Planeación Institucional": "planeacion-institucional",
    "Gestión Presupuestal y Eficiencia del Gasto Público": "gestion-presupuestal",
    "Compras y Contratación Pública": "compras-contratacion",
    "Fortalecimiento Organizacional y Simplificación de Procesos": (
        "fortalecimiento-organizacional"
    ),
    "Gobierno Digital": "gobierno-digital",
    "Seguridad Digital": "seguridad-digital",
    "Defensa Jurídica": "defensa-juridica",
    "Mejora Normativa": "mejora-normativa",
    "Servicio al Ciudadano": "servicio-ciudadano",
    "Racionalización de Trámites": "racionalizacion-tramites",
    "Participación Ciudadana en la Gestión Pública": "participacion-ciudadana",
    "Seguimiento y Evaluación del Desempeño Institucional": "seguimiento-evaluacion",
    "Gestión Documental": "gestion-documental",
    "Transparencia, Acceso a la Información y Lucha contra la Corrupción": "transparencia",
    "Gestión de la Información Estadística": "informacion-estadistica",
    "Gestión del Conocimiento": "gestion-conocimiento",
    "Control Interno": "control-interno",
}
_OLD_ORDER = (  # 2023: the original sixteen, then the newest ones (domain.md §2)
    "Gestión Estratégica del Talento Humano",
    "Integridad",
    "Planeación Institucional",
    "Gestión Presupuestal y Eficiencia del Gasto Público",
    "Fortalecimiento Organizacional y Simplificación de Procesos",
    "Gobierno Digital",
    "Seguridad Digital",
    "Defensa Jurídica",
    "Transparencia, Acceso a la Información y Lucha contra la Corrupción",
    "Servicio al Ciudadano",
    "Racionalización de Trámites",
    "Participación Ciudadana en la Gestión Pública",
    "Seguimiento y Evaluación del Desempeño Institucional",
    "Gestión Documental",
    "Gestión del Conocimiento",
    "Control Interno",
    "Mejora Normativa",
    "Gestión de la Información Estadística",
    "Compras y Contratación Pública",
)
NUMBERING = {
    2023: {name: n for n, name in enumerate(_OLD_ORDER, start=1)},
    # 2024: numbered in the order of the dimensions (Compras is P5, Control Interno P19)
    2024: {name: n for n, name in enumerate(POLICIES, start=1)},
}
INDICES = ("I01 Calidad de la planeación", "I02 Gestión del riesgo", "I03 Rendición de cuentas")
PLACES = (
    ("BOYACÁ", "TUNJA"),
    ("BOYACÁ", "DUITAMA"),
    ("CUNDINAMARCA", "FUSAGASUGÁ"),
    ("ANTIOQUIA", "MEDELLÍN"),
    ("NARIÑO", "PASTO"),
    ("CÓRDOBA", "MONTERÍA"),
)
KINDS = (
    ("ALCALDÍA DE {m}", "Alcaldía", "Rama ejecutiva", "MIPG"),
    ("CONCEJO MUNICIPAL DE {m}", "Concejo", "Organismo de control", "MECI"),
    ("E.S.E. HOSPITAL SAN RAFAEL DE {m}", "Empresa Social del Estado", "Descentralizado", "MIPG"),
    ("PERSONERÍA MUNICIPAL DE {m}", "Personería", "Organismo de control", "MECI"),
    (
        "INSTITUTO MUNICIPAL DE DEPORTES DE {m}",
        "Establecimiento público",
        "Descentralizado",
        "MIPG",
    ),
)


@dataclass
class Entity:
    sigep: int
    name: str
    department: str
    municipality: str
    legal_nature: str
    classification: str
    form: str
    group: str
    idi: float | None = None
    dimensions: dict[str, float] = field(default_factory=dict)  # D1 → score
    policies: dict[str, float] = field(default_factory=dict)  # catalog code → score


def entities(year: int, scope: str, count: int) -> list[Entity]:
    rng = random.Random(f"{scope}-{year}")
    found: list[Entity] = []
    for n in range(count):
        department, municipality = PLACES[n % len(PLACES)]
        name, nature, classification, form = KINDS[(n // len(PLACES)) % len(KINDS)]
        if scope == "nacion":
            name, department, municipality = f"MINISTERIO NÚMERO {n + 1}", "BOGOTÁ D.C.", "BOGOTÁ"
            nature, classification, form = (
                "Ministerio",
                "Rama ejecutiva",
                "MECI" if n % 7 == 6 else "MIPG",
            )
        sigep = (1000 if scope == "nacion" else 5000) + n
        suffix = "" if n < len(PLACES) * len(KINDS) else f" SEDE {n}"
        entity = Entity(
            sigep,
            name.format(m=municipality.title()) + suffix,
            department,
            municipality,
            nature,
            classification,
            form,
            f"GRUPO PAR {n % 3 + 1}",
        )
        base = rng.uniform(45, 90)
        entity.dimensions = {f"D{d}": round(base + rng.uniform(-9, 9), 1) for d in range(1, 8)}
        entity.policies = {code: round(base + rng.uniform(-15, 9), 1) for code in POLICIES.values()}
        if form == "MECI":  # only control interno is measured
            entity.dimensions = {"D7": entity.dimensions["D7"]}
            entity.policies = {"control-interno": entity.policies["control-interno"]}
        else:
            entity.idi = round(base, 1)
        found.append(entity)
    return found


def published(
    folder: Path,
    year: int,
    scope: str = "territorio",
    count: int = 60,
    extra: list[Entity] | None = None,
) -> tuple[Path, list[Entity]]:
    """``Resultados_vig{year}_{scope}.xlsx`` in ``folder``, and the entities it holds."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = entities(year, scope, count) + (extra or [])
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    sheet_name = "Nacion" if scope == "nacion" else "Territorio"
    if scope == "nacion":
        cover.title = "Presentación"
        cover.append(["Medición del Desempeño Institucional: nota metodológica"])
        cover.append(["Los puntajes van de 0 a 100."])
        ws = wb.create_sheet(sheet_name)
    else:
        cover.title = sheet_name
        ws = cover
        wb.create_sheet("Glosario").append(["IDI", "Índice de Desempeño Institucional"])
    ws.append(["Función Pública — Resultados de la Medición del Desempeño Institucional"])
    ws.append([f"Vigencia {year} — Orden {'nacional' if scope == 'nacion' else 'territorial'}"])
    ws.append([])
    ws.merge_cells("A1:H1")
    ws.merge_cells("A2:H2")
    ws["A1"].font = Font(bold=True, size=14)
    numbering = NUMBERING[year]
    policy_names = sorted(POLICIES, key=lambda name: numbering[name])
    info = [
        "Código\nSIGEP",
        "Entidad",
        "Departamento",
        "Municipio",
        "Naturaleza Jurídica",
        "Clasificación orgánica",
        "Tipo Formulario",
        "Grupo  par",
    ]
    header = [
        *info,
        "Índice de Desempeño\nInstitucional",
        *DIMENSIONS,
        *(f"P{numbering[name]}: {name}" for name in policy_names),
        *INDICES,
    ]
    ws.append(header)
    for cell in ws[4]:
        cell.alignment = Alignment(wrap_text=True)
    for e in rows:
        ws.append(
            [
                e.sigep,
                e.name,
                e.department,
                e.municipality,
                e.legal_nature,
                e.classification,
                e.form,
                e.group,
                e.idi,
                *(e.dimensions.get(f"D{d}") for d in range(1, 8)),
                *(e.policies.get(POLICIES[name]) for name in policy_names),
                *((round(e.idi - 3 * i, 1) if e.idi else None) for i in range(len(INDICES))),
            ]
        )
    path = folder / f"Resultados_vig{year}_{scope}.xlsx"
    wb.save(path)
    return path, rows
