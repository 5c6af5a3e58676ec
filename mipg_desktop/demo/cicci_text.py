"""Spanish content for the CICCI demo: members, minutes, decisions and commitments."""

from __future__ import annotations

import random
from typing import Any

CREATION_ACT = (
    "Resolución 078 del 12 de abril de 2018, «por la cual se crea el Comité Institucional de "
    "Coordinación de Control Interno y se adopta su reglamento»"
)
APPROVAL_METHOD = (
    "La Jefe de Control Interno remite el acta a los integrantes; se aprueba en la sesión "
    "siguiente."
)
# (name, position, role): the CIGD's people where they are the same
MEMBERS = [
    ("María Fernanda Pinzón Ávila", "Directora General", "president"),
    ("Julián Andrés Becerra Rojas", "Jefe Oficina Asesora de Planeación", "voting_member"),
    ("Claudia Patricia Sanabria", "Secretaria General", "voting_member"),
    ("Édgar Mauricio Fonseca", "Subdirector Administrativo y Financiero", "voting_member"),
    ("Natalia Rodríguez Camargo", "Jefe Oficina Asesora Jurídica", "voting_member"),
    ("Gloria Esperanza Parra Niño", "Jefe Oficina de Control Interno", "technical_secretary"),
]

TEXTS = {
    "previous_minutes": (
        "Se puso a consideración el acta anterior, remitida a los integrantes con la "
        "citación. No se presentaron observaciones y se aprobó por unanimidad."
    ),
    "commitments": (
        "La Jefe de Control Interno presentó el estado de los compromisos abiertos y de los "
        "planes de mejoramiento derivados de las auditorías."
    ),
    "other_business": "No se presentaron proposiciones.",
    "Presentación del Plan Anual de Auditoría de la vigencia": (
        "La Jefe de Control Interno presentó el Plan Anual de Auditoría {year}, elaborado con "
        "enfoque en riesgos: **{n} auditorías** internas de gestión, los informes de ley y "
        "el seguimiento a los planes de mejoramiento de la Contraloría. Explicó los criterios "
        "de priorización y los recursos disponibles."
    ),
    "Aprobación del Plan Anual de Auditoría": (
        "Los integrantes revisaron el cronograma y pidieron incluir la auditoría al proceso "
        "de contratación en el primer semestre. Con ese ajuste se sometió a votación."
    ),
    "Estatuto de auditoría interna y código de ética del auditor": (
        "Se revisó la vigencia del estatuto de auditoría interna y del código de ética del "
        "auditor; no requieren cambios para {year}."
    ),
    "Avance en la ejecución del Plan Anual de Auditoría": (
        "La Oficina de Control Interno informó un avance del **{pct} %** del Plan Anual de "
        "Auditoría {year}, con las auditorías del primer semestre cerradas y sus informes "
        "comunicados a los responsables de proceso."
    ),
    "Estado de los planes de mejoramiento": (
        "De las acciones de los planes de mejoramiento, el {pct} % está cumplido; se "
        "identificaron acciones vencidas en gestión documental y en contratación."
    ),
    "Modificaciones al Plan Anual de Auditoría": (
        "Se propuso aplazar para la vigencia siguiente la auditoría al proceso de "
        "comunicaciones, por la atención de un requerimiento de la Contraloría Departamental."
    ),
}
GENERIC = "Se presentó el tema y los integrantes hicieron sus observaciones."

# template -> (index of the substantive item, decision)
DECISIONS = {
    "CICCI_PLAN_AUDITORIA": [
        (1, "Aprobar el Plan Anual de Auditoría {year} con el ajuste propuesto."),
    ],
    "CICCI_SEGUIMIENTO_AUDITORIA": [
        (2, "Aprobar la modificación del Plan Anual de Auditoría {year}."),
    ],
}
# template -> (index of the substantive item, commitment, owner, days until due)
COMMITMENTS = {
    "CICCI_PLAN_AUDITORIA": [
        (0, "Publicar el Plan Anual de Auditoría {year} en la página web", "Oficina TIC", 20),
        (
            1,
            "Comunicar el cronograma de auditorías {year} a los líderes de proceso",
            "Oficina de Control Interno",
            30,
        ),
    ],
    "CICCI_SEGUIMIENTO_AUDITORIA": [
        (
            1,
            "Formular las acciones vencidas de los planes de mejoramiento",
            "Secretaría General",
            45,
        ),
        (
            2,
            "Ajustar el cronograma del Plan Anual de Auditoría {year}",
            "Oficina de Control Interno",
            15,
        ),
    ],
}


def deliberation(item: dict[str, Any], template: str, year: int, rng: random.Random) -> str:
    text = TEXTS.get(item["title"]) or TEXTS.get(item["kind"]) or GENERIC
    return text.format(year=year, n=rng.randint(6, 9), pct=rng.randint(52, 78))
