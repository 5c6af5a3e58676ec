"""Demo part: the institutional action plan and several Decreto 612 plans for every demo year.

Activities are realistic for a departmental culture and tourism institute, linked to policies
and plan types, with weights summing to 100 %, dates, cumulative quarterly progress up to the
demo's "today", evidence and Control Interno's semester ratings. Deterministic (context.rng).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.catalog import current_version
from mipg_desktop.models.catalog import PlanType, Policy
from mipg_desktop.models.plans import PLAN_KIND_ACTION, PLAN_KIND_DECREE_612
from mipg_desktop.planning.store import (
    ActivityInput,
    PlanInput,
    QuarterInput,
    RatingInput,
    write_plan,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.demo import DemoContext

PLANEACION = "Oficina Asesora de Planeación"
GENERAL = "Secretaría General"
TALENTO = "Grupo de Talento Humano"
SISTEMAS = "Grupo de Sistemas y Tecnología"
CONTROL = "Oficina de Control Interno"
FOMENTO = "Subdirección de Fomento Cultural"
TURISMO = "Subdirección de Turismo"
JURIDICA = "Oficina Jurídica"

# description, unit, target, owner unit, person, policy codes, plan type codes
ACTION_ACTIVITIES: tuple[
    tuple[str, str, float, str, str, tuple[str, ...], tuple[str, ...]], ...
] = (
    (
        "Formular y publicar el plan de acción institucional integrado",
        "Documento",
        1,
        PLANEACION,
        "Jefe Oficina Asesora de Planeación",
        ("planeacion-institucional",),
        (),
    ),
    (
        "Actualizar las tablas de retención documental",
        "Documento",
        1,
        GENERAL,
        "Profesional de gestión documental",
        ("gestion-documental",),
        ("pinar",),
    ),
    (
        "Publicar el plan anual de adquisiciones en el SECOP II",
        "Publicación",
        1,
        GENERAL,
        "Profesional de contratación",
        ("compras-contratacion",),
        ("adquisiciones",),
    ),
    (
        "Ejecutar el plan institucional de capacitación",
        "Capacitaciones",
        12,
        TALENTO,
        "Profesional de talento humano",
        ("talento-humano",),
        ("capacitacion",),
    ),
    (
        "Desarrollar las actividades de bienestar e incentivos",
        "Actividades",
        8,
        TALENTO,
        "Profesional de talento humano",
        ("talento-humano",),
        ("incentivos",),
    ),
    (
        "Aplicar la batería de riesgo psicosocial",
        "Informe",
        1,
        TALENTO,
        "Responsable del SG-SST",
        ("talento-humano",),
        ("sst",),
    ),
    (
        "Actualizar el mapa de riesgos de corrupción",
        "Documento",
        1,
        PLANEACION,
        "Profesional de planeación",
        ("transparencia",),
        ("anticorrupcion",),
    ),
    (
        "Realizar la audiencia pública de rendición de cuentas",
        "Audiencia",
        1,
        PLANEACION,
        "Jefe Oficina Asesora de Planeación",
        ("participacion-ciudadana",),
        ("anticorrupcion",),
    ),
    (
        "Racionalizar dos trámites de estímulos culturales en el SUIT",
        "Trámites",
        2,
        FOMENTO,
        "Subdirector de Fomento Cultural",
        ("racionalizacion-tramites",),
        ("anticorrupcion",),
    ),
    (
        "Medir la satisfacción de la ciudadanía atendida",
        "Informes",
        4,
        GENERAL,
        "Profesional de atención al ciudadano",
        ("servicio-ciudadano",),
        ("anticorrupcion",),
    ),
    (
        "Implementar la sede electrónica del Instituto",
        "Porcentaje",
        100,
        SISTEMAS,
        "Líder de sistemas",
        ("gobierno-digital",),
        ("peti",),
    ),
    (
        "Ejecutar el plan de tratamiento de riesgos de seguridad de la información",
        "Controles",
        10,
        SISTEMAS,
        "Oficial de seguridad de la información",
        ("seguridad-digital",),
        ("riesgos-seguridad-informacion", "seguridad-informacion"),
    ),
    (
        "Aplicar el autodiagnóstico de la política de integridad",
        "Informe",
        1,
        TALENTO,
        "Profesional de talento humano",
        ("integridad",),
        (),
    ),
    (
        "Actualizar la caracterización de grupos de valor del sector turismo",
        "Documento",
        1,
        TURISMO,
        "Subdirector de Turismo",
        ("participacion-ciudadana", "servicio-ciudadano"),
        (),
    ),
    (
        "Documentar las lecciones aprendidas del Festival Internacional de la Cultura",
        "Documento",
        1,
        FOMENTO,
        "Profesional de fomento",
        ("gestion-conocimiento",),
        (),
    ),
    (
        "Ejecutar el plan anual de auditorías internas",
        "Auditorías",
        6,
        CONTROL,
        "Jefe de Control Interno",
        ("control-interno",),
        (),
    ),
    (
        "Actualizar la política de prevención del daño antijurídico",
        "Documento",
        1,
        JURIDICA,
        "Jefe Oficina Jurídica",
        ("defensa-juridica",),
        (),
    ),
    (
        "Hacer seguimiento trimestral a los indicadores de gestión",
        "Informes",
        4,
        PLANEACION,
        "Profesional de planeación",
        ("seguimiento-evaluacion",),
        (),
    ),
    (
        "Ejecutar el presupuesto de inversión de los proyectos culturales",
        "Porcentaje",
        95,
        FOMENTO,
        "Subdirector de Fomento Cultural",
        ("gestion-presupuestal",),
        ("adquisiciones",),
    ),
    (
        "Publicar los datos abiertos de la oferta turística departamental",
        "Conjuntos de datos",
        3,
        TURISMO,
        "Profesional de turismo",
        ("transparencia", "informacion-estadistica"),
        ("peti",),
    ),
)

DECREE_PLANS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "capacitacion": (
        ("Diagnosticar las necesidades de aprendizaje organizacional", "Informe", 1),
        ("Realizar la inducción y reinducción de servidores", "Jornadas", 2),
        ("Capacitar en MIPG y control interno a los líderes de proceso", "Talleres", 4),
        ("Capacitar en atención incluyente a la ciudadanía", "Talleres", 2),
        ("Evaluar el impacto de las capacitaciones", "Informe", 1),
    ),
    "anticorrupcion": (
        ("Publicar el plan anticorrupción y de atención al ciudadano", "Publicación", 1),
        ("Monitorear el mapa de riesgos de corrupción", "Informes", 3),
        ("Actualizar la sección de transparencia del sitio web", "Porcentaje", 100),
        ("Realizar espacios de diálogo con gestores culturales", "Encuentros", 4),
        ("Responder las PQRSD dentro de los términos de ley", "Porcentaje", 100),
    ),
    "peti": (
        ("Actualizar el catálogo de servicios de tecnologías de la información", "Documento", 1),
        ("Migrar el correo institucional a la nube", "Porcentaje", 100),
        ("Implementar el protocolo IPv6", "Fases", 3),
        ("Diseñar la arquitectura de datos de la agenda cultural", "Documento", 1),
    ),
    "pinar": (
        ("Organizar el fondo documental acumulado", "Metros lineales", 40),
        ("Implementar el programa de gestión documental", "Porcentaje", 100),
        ("Digitalizar las resoluciones de estímulos", "Expedientes", 600),
    ),
    "sst": (
        ("Realizar los exámenes médicos ocupacionales", "Exámenes", 45),
        ("Actualizar la matriz de peligros", "Documento", 1),
        ("Hacer el simulacro de evacuación", "Simulacro", 1),
        ("Investigar los incidentes y accidentes de trabajo", "Porcentaje", 100),
    ),
}
EVIDENCE = (
    "Acta del Comité Institucional de Gestión y Desempeño No. {n}",
    "Informe de seguimiento publicado en el sitio web",
    "Listados de asistencia y registro fotográfico",
    "Memorando interno {n} con los soportes",
    "Reporte del sistema de gestión documental",
)
RATINGS = ((0.9, "Cumple"), (0.6, "Cumple parcialmente"), (0.0, "No cumple"))


def _weights(count: int, context: DemoContext) -> list[float]:
    raw = [context.rng.randint(2, 6) for _ in range(count)]
    total = sum(raw)
    weights = [round(r / total, 4) for r in raw]
    weights[-1] = round(1 - sum(weights[:-1]), 4)
    return weights


def _quarter_end(year: int, quarter: int) -> date:
    if quarter == 4:
        return date(year, 12, 31)
    return date(year, 3 * quarter + 1, 1) - timedelta(days=1)


def _follow_up(
    start: date, end: date, year: int, context: DemoContext
) -> tuple[tuple[QuarterInput, ...], tuple[RatingInput, ...]]:
    rng, today = context.rng, context.today
    quarters: list[QuarterInput] = []
    done = 0.0
    for quarter in range(1, 5):
        quarter_end = _quarter_end(year, quarter)
        if date(year, 3 * quarter - 2, 1) > today:
            break
        span = max((end - start).days, 1)
        expected = min(max((quarter_end - start).days / span, 0.0), 1.0)
        done = min(1.0, max(done, round(expected * rng.uniform(0.55, 1.1), 2)))
        evidence = rng.choice(EVIDENCE).format(n=rng.randint(1, 12)) if done > 0 else ""
        remarks = "" if done >= expected * 0.8 else "Se reprograma por trámite contractual"
        quarters.append(QuarterInput(quarter, progress=done, evidence=evidence, remarks=remarks))
    ratings = []
    for semester, cut in ((1, date(year, 7, 15)), (2, date(year + 1, 1, 20))):
        if today >= cut and quarters:
            progress = quarters[min(2 * semester, len(quarters)) - 1].progress or 0.0
            label = next(text for floor, text in RATINGS if progress >= floor * (semester / 2))
            ratings.append(RatingInput(semester, label))
    return tuple(quarters), tuple(ratings)


def _dates(year: int, context: DemoContext) -> tuple[date, date]:
    start = date(year, context.rng.randint(1, 6), context.rng.randint(1, 28))
    end = min(start + timedelta(days=context.rng.randint(90, 240)), date(year, 12, 20))
    return start, end


def _action_plan(year: int, context: DemoContext, ids: _Ids) -> PlanInput:
    weights = _weights(len(ACTION_ACTIVITIES), context)
    activities = []
    for n, (row, weight) in enumerate(zip(ACTION_ACTIVITIES, weights, strict=True), start=1):
        text, unit, target, owner, person, policies, types = row
        start, end = _dates(year, context)
        quarters, ratings = _follow_up(start, end, year, context)
        activities.append(
            ActivityInput(
                code=f"PA-{n:02d}",
                description=text,
                target_value=float(target),
                unit=unit,
                indicator_name=f"{text} (cumplimiento)",
                indicator_type=context.rng.choice(("eficacia", "eficacia", "eficiencia")),
                owner_unit=owner,
                owner_person=person,
                weight=weight,
                start_date=start,
                end_date=end,
                budget=float(context.rng.randrange(5, 400) * 1_000_000)
                if context.rng.random() < 0.4
                else None,
                process="Direccionamiento Estratégico",
                strategic_objective="Fortalecer la gestión institucional y la confianza ciudadana",
                policy_ids=tuple(ids.policy[c] for c in policies if c in ids.policy),
                plan_type_ids=tuple(ids.type[c] for c in types if c in ids.type),
                quarters=quarters,
                ratings=ratings,
            )
        )
    return PlanInput(
        year=year,
        name=f"Plan de Acción Institucional {year}",
        kind=PLAN_KIND_ACTION,
        activities=tuple(activities),
    )


def _decree_plan(year: int, code: str, context: DemoContext, ids: _Ids) -> PlanInput:
    rows = DECREE_PLANS[code]
    weights = _weights(len(rows), context)
    type_id = ids.type[code]
    activities = []
    for n, ((text, unit, target), weight) in enumerate(zip(rows, weights, strict=True), start=1):
        start, end = _dates(year, context)
        quarters, ratings = _follow_up(start, end, year, context)
        activities.append(
            ActivityInput(
                code=f"{n}",
                description=text,
                target_value=float(target),
                unit=unit,
                indicator_name=f"{text} (cumplimiento)",
                indicator_type="eficacia",
                owner_unit=GENERAL
                if code in ("pinar", "anticorrupcion")
                else TALENTO
                if code in ("capacitacion", "sst")
                else SISTEMAS,
                weight=weight,
                start_date=start,
                end_date=end,
                policy_ids=ids.type_policies.get(code, ()),
                plan_type_ids=(type_id,),
                quarters=quarters,
                ratings=ratings,
            )
        )
    return PlanInput(
        year=year,
        name=f"{ids.type_names[code]} {year}",
        kind=PLAN_KIND_DECREE_612,
        plan_type_id=type_id,
        activities=tuple(activities),
    )


@dataclass(frozen=True)
class _Ids:
    policy: dict[str, int]
    type: dict[str, int]
    type_policies: dict[str, tuple[int, ...]]
    type_names: dict[str, str]


def _catalog_ids(session: Session) -> _Ids:
    version = current_version(session)
    policies = session.scalars(select(Policy).where(Policy.catalog_version_id == version.id))
    types = list(session.scalars(select(PlanType).where(PlanType.catalog_version_id == version.id)))
    return _Ids(
        policy={p.code: p.id for p in policies},
        type={t.code: t.id for t in types},
        type_policies={t.code: tuple(p.id for p in t.policies) for t in types},
        type_names={t.code: t.name for t in types},
    )


def build(session: Session, context: DemoContext) -> None:
    ids = _catalog_ids(session)
    plan_ids = []
    for year in range(context.first_year, context.today.year + 1):
        plan_ids.append(write_plan(session, context.user_name, _action_plan(year, context, ids)))
        for code in DECREE_PLANS:
            if code in ids.type:
                plan = _decree_plan(year, code, context, ids)
                plan_ids.append(write_plan(session, context.user_name, plan))
    context.data["plan_ids"] = plan_ids
