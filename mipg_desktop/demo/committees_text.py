"""Spanish content for the committee demo: members, agenda topics, minutes, commitments."""

from __future__ import annotations

# (name, position, role) — the CIGD of the demo entity; the second list replaces some later.
MEMBERS = [
    ("María Fernanda Pinzón Ávila", "Directora General", "president"),
    ("Julián Andrés Becerra Rojas", "Jefe Oficina Asesora de Planeación", "technical_secretary"),
    ("Claudia Patricia Sanabria", "Secretaria General", "voting_member"),
    ("Édgar Mauricio Fonseca", "Subdirector Administrativo y Financiero", "voting_member"),
    ("Luz Adriana Cárdenas Vega", "Subdirectora de Fomento y Patrimonio Cultural", "voting_member"),
    ("Óscar Iván Moreno Pulido", "Subdirector de Promoción Turística", "voting_member"),
    ("Natalia Rodríguez Camargo", "Jefe Oficina Asesora Jurídica", "voting_member"),
    ("Camilo Ernesto Huertas", "Jefe Oficina de Tecnologías de la Información", "voting_member"),
    ("Gloria Esperanza Parra Niño", "Jefe Oficina de Control Interno", "permanent_guest"),
]
SUCCESSORS = {
    "president": ("Ricardo Alfonso Salamanca", "Director General"),
    "Subdirector Administrativo y Financiero": (
        "Sandra Milena Ochoa Triana",
        "Subdirectora Administrativa y Financiera",
    ),
}
DELEGATES = [
    ("Diana Marcela Ruiz", "Profesional especializada"),
    ("Jorge Hernán Salcedo", "Profesional universitario"),
    ("Paula Andrea Gil", "Asesora de despacho"),
]
GUESTS = [
    ("Andrés Felipe Vargas", "Contratista de la Oficina de Planeación", ""),
    ("Liliana Rocío Acosta", "Profesional de Gestión Documental", ""),
    (
        "Hernando Quiroga",
        "Asesor de la Función Pública",
        "Departamento Administrativo de la Función Pública",
    ),
    ("Mónica Alejandra Pardo", "Coordinadora de Atención al Ciudadano", ""),
]

# Substantive topics by quarter: (title, presenter position, policy codes, plan codes)
TOPICS: dict[int, list[tuple[str, str, list[str], list[str]]]] = {
    1: [
        (
            "Aprobación del Plan de Acción Institucional {year} integrado (Decreto 612 de 2018)",
            "Jefe Oficina Asesora de Planeación",
            ["planeacion-institucional"],
            ["pinar", "adquisiciones", "anticorrupcion", "peti"],
        ),
        (
            "Resultados FURAG {prev}: Índice de Desempeño Institucional y brechas por política",
            "Jefe Oficina Asesora de Planeación",
            ["seguimiento-evaluacion"],
            [],
        ),
        (
            "Aprobación del {anticorrupcion} {year}",  # the plan type's name that year
            "Secretaria General",
            ["transparencia", "servicio-ciudadano"],
            ["anticorrupcion"],
        ),
        (
            "Plan Estratégico de Talento Humano y Plan Institucional de Capacitación {year}",
            "Secretaria General",
            ["talento-humano", "integridad"],
            ["estrategico-th", "capacitacion"],
        ),
    ],
    2: [
        (
            "Seguimiento al Plan de Acción: primer trimestre de {year}",
            "Jefe Oficina Asesora de Planeación",
            ["seguimiento-evaluacion"],
            [],
        ),
        (
            "Avance de la política de Gobierno Digital y del PETI",
            "Jefe Oficina de Tecnologías de la Información",
            ["gobierno-digital"],
            ["peti"],
        ),
        (
            "Informe semestral de PQRSD y acciones de mejora en atención al ciudadano",
            "Secretaria General",
            ["servicio-ciudadano", "participacion-ciudadana"],
            [],
        ),
        (
            "Estrategia de racionalización de trámites {year}",
            "Subdirector de Promoción Turística",
            ["racionalizacion-tramites"],
            [],
        ),
    ],
    3: [
        (
            "Seguimiento al Plan de Acción: segundo trimestre de {year}",
            "Jefe Oficina Asesora de Planeación",
            ["seguimiento-evaluacion"],
            [],
        ),
        (
            "Avance del Plan Institucional de Archivos (PINAR) y tablas de retención documental",
            "Secretaria General",
            ["gestion-documental"],
            ["pinar"],
        ),
        (
            "Autodiagnóstico de Gestión del Conocimiento y la Innovación",
            "Subdirectora de Fomento y Patrimonio Cultural",
            ["gestion-conocimiento"],
            [],
        ),
        (
            "Ejecución presupuestal y Plan Anual de Adquisiciones a junio",
            "Subdirector Administrativo y Financiero",
            ["gestion-presupuestal", "compras-contratacion"],
            ["adquisiciones"],
        ),
    ],
    4: [
        (
            "Seguimiento al Plan de Acción: tercer trimestre de {year}",
            "Jefe Oficina Asesora de Planeación",
            ["seguimiento-evaluacion"],
            [],
        ),
        (
            "Propuesta del Plan de Acción Institucional {next}",
            "Jefe Oficina Asesora de Planeación",
            ["planeacion-institucional"],
            [],
        ),
        (
            "Plan de Tratamiento de Riesgos de Seguridad y Privacidad de la Información",
            "Jefe Oficina de Tecnologías de la Información",
            ["seguridad-digital"],
            ["riesgos-seguridad-informacion", "seguridad-informacion"],
        ),
        (
            "Rendición de cuentas {year}: balance y compromisos con la ciudadanía",
            "Subdirectora de Fomento y Patrimonio Cultural",
            ["participacion-ciudadana"],
            [],
        ),
    ],
}
EXTRAORDINARY = [
    (
        "Modificación del Plan Anual de Adquisiciones {year}",
        "Subdirector Administrativo y Financiero",
        ["compras-contratacion"],
        ["adquisiciones"],
    ),
    (
        "Ajuste del presupuesto de inversión por adición de recursos de estampilla procultura",
        "Subdirector Administrativo y Financiero",
        ["gestion-presupuestal"],
        [],
    ),
    (
        "Adopción de la Política de Seguridad Digital de la entidad",
        "Jefe Oficina de Tecnologías de la Información",
        ["seguridad-digital"],
        [],
    ),
    (
        "Respuesta al requerimiento de la Contraloría Departamental sobre el plan de mejoramiento",
        "Jefe Oficina Asesora Jurídica",
        ["defensa-juridica", "control-interno"],
        [],
    ),
]
DELIBERATION = [
    "{presenter} presentó el punto con apoyo de la presentación anexa. Destacó que **el avance "
    "acumulado es del {pct} %** frente a una meta del {goal} % para el periodo.\n\n"
    "| Indicador | Meta | Avance |\n"
    "| Actividades programadas en el periodo | {goal} % | {pct} % |\n\n"
    "Los integrantes formularon las siguientes observaciones:\n\n"
    "- La Secretaría General pidió revisar las metas con rezago antes del próximo corte.\n"
    "- La Oficina de Control Interno recordó que las evidencias deben cargarse en el repositorio "
    "*antes del quinto día hábil* del mes siguiente.\n\n"
    "Tras la discusión, la presidencia sometió el punto a consideración del comité.",
    "Se expuso el estado del tema y sus principales riesgos. {presenter} señaló que **{pct} %** "
    "de las actividades programadas se encuentran cumplidas y que las restantes tienen "
    "*plan de choque* definido.\n\n"
    "El comité resaltó la importancia de articular el tema con el Plan de Desarrollo "
    "Departamental y solicitó socializar los resultados con los equipos de trabajo.",
    "{presenter} explicó los antecedentes, el alcance de la propuesta y su impacto "
    "presupuestal.\n\n"
    "## Conclusiones\n\n"
    "1. Se aclararon las dudas sobre los plazos de ejecución.\n"
    "2. Se acordó publicar el documento en la sección de transparencia del sitio web.\n\n"
    "La Oficina de Control Interno manifestó no tener objeciones de procedimiento.",
]
DECISIONS = [
    "Aprobar {topic_lower} en los términos presentados.",
    "Aprobar {topic_lower} con los ajustes solicitados por los integrantes.",
    "Dar por recibido el informe sobre {topic_lower} e incorporar las observaciones.",
]
COMMITMENTS = [
    (
        "Ajustar las metas con rezago y enviar la versión revisada a la Secretaría Técnica",
        "Oficina Asesora de Planeación",
    ),
    (
        "Publicar el documento aprobado en la sección de transparencia del sitio web",
        "Oficina de Tecnologías de la Información",
    ),
    (
        "Presentar el plan de choque para las actividades con avance inferior al 50 %",
        "Subdirección Administrativa y Financiera",
    ),
    (
        "Socializar los resultados con los equipos de trabajo de cada dependencia",
        "Secretaría General",
    ),
    (
        "Actualizar el mapa de riesgos del proceso y remitirlo a Control Interno",
        "Oficina Asesora de Planeación",
    ),
    (
        "Cargar las evidencias del trimestre en el repositorio institucional",
        "Todas las dependencias",
    ),
    ("Elaborar el cronograma de transferencias documentales primarias", "Secretaría General"),
    (
        "Presentar informe de ejecución del Plan Anual de Adquisiciones",
        "Subdirección Administrativa y Financiera",
    ),
    (
        "Diseñar la encuesta de percepción ciudadana sobre los trámites en línea",
        "Subdirección de Promoción Turística",
    ),
    (
        "Preparar la jornada de rendición de cuentas con la ciudadanía",
        "Subdirección de Fomento y Patrimonio Cultural",
    ),
]
FOLLOW_UPS = [
    "Se remitió memorando con los avances a la Secretaría Técnica.",
    "La dependencia reportó avance parcial; se solicitó ampliación del plazo.",
    "Se verificaron las evidencias en el repositorio institucional.",
    "Se presentó el avance en la mesa técnica del comité.",
]
PREVIOUS_TEXT = (
    "Se sometió a consideración el {acta}, enviada previamente a los integrantes. "
    "No se recibieron observaciones y fue **aprobada por unanimidad** de los presentes."
)
COMMITMENTS_TEXT = (
    "La Secretaría Técnica presentó el estado de los compromisos pendientes:\n\n"
    "- Compromisos cumplidos: se cerraron con sus evidencias.\n"
    "- Compromisos en curso o vencidos: las dependencias responsables expusieron su avance."
)
OTHER_TEXT = (
    "No se presentaron proposiciones adicionales. Agotado el orden del día, la presidencia "
    "levantó la sesión."
)
