"""Hand-built sample documents: for tests, the benchmark and the screenshots in docs/."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from mipg_desktop.documents.model import (
    ABSENT,
    EXCUSED,
    GUEST,
    PERMANENT_GUEST,
    PRESIDENT,
    SECRETARY,
    VOTING,
    AgendaEntry,
    Approval,
    Attachment,
    Attendee,
    Commitment,
    ControlBlock,
    Convocation,
    Decision,
    Minutes,
    Pack,
    PlanSummary,
    SessionHeader,
    Signatory,
)

PRESIDENT_SIGN = Signatory("Juan Carlos Pérez Gómez", "Alcalde municipal", "Presidente")
SECRETARY_SIGN = Signatory(
    "María Fernanda Rojas", "Jefe de la Oficina de Planeación", "Secretaría técnica"
)
DELIBERATION = (
    "La Jefe de Planeación presentó el **avance del plan de acción** con corte al tercer "
    "trimestre y explicó las causas de los retrasos en *gestión documental*.\n"
    "- Avance ponderado del 62,5 %.\n"
    "- Tres actividades vencidas de la política de transparencia.\n\n"
    "Los integrantes solicitaron ajustar el cronograma y reportar en la próxima sesión."
)


def control() -> ControlBlock:
    return ControlBlock(
        entity_name="Alcaldía de San José del Guaviare",
        process="Direccionamiento estratégico y planeación",
        code="DE-F-07",
        version="3",
        valid_from=date(2026, 1, 15),
        uncontrolled_copy=True,
        prepared_by="María Fernanda Rojas",
        reviewed_by="Oficina Jurídica",
        approved_by="Comité Institucional de Gestión y Desempeño",
    )


def session() -> SessionHeader:
    return SessionHeader(
        committee_name="Comité Institucional de Gestión y Desempeño",
        number=3,
        year=2026,
        kind="ordinaria",
        modality="Mixta",
        day=date(2026, 11, 21),
        start_time=time(9, 0),
        end_time=time(11, 30),
        place="Sala de juntas del despacho, piso 2",
        link="https://meet.example.gov.co/cigd-03",
    )


def agenda() -> tuple[AgendaEntry, ...]:
    rows = [
        ("Verificación del quórum", "Secretaría técnica", 5, ()),
        ("Lectura y aprobación del acta anterior", "Secretaría técnica", 10, ("Acta 02.pdf",)),
        ("Seguimiento de compromisos", "Secretaría técnica", 20, ()),
        ("Avance del plan de acción 2026", "Jefe de Planeación", 40, ("Informe de avance.pdf",)),
        ("Resultados FURAG 2025", "Jefe de Control Interno", 30, ("Resultados.xlsx",)),
        ("Proposiciones y varios", "", 15, ()),
    ]
    return tuple(
        AgendaEntry(str(n), title, who, minutes, None, docs, DELIBERATION if n == 4 else "")
        for n, (title, who, minutes, docs) in enumerate(rows, 1)
    )


def attendees() -> tuple[Attendee, ...]:
    return (
        Attendee("Juan Carlos Pérez Gómez", "Alcalde municipal", PRESIDENT),
        Attendee("María Fernanda Rojas", "Jefe de la Oficina de Planeación", SECRETARY),
        Attendee(
            "Carlos Andrés Gómez",
            "Profesional universitario",
            VOTING,
            represents="Secretario de Hacienda",
        ),
        Attendee("Diana Marcela Ortiz", "Secretaria General", VOTING),
        Attendee("Luisa Fernanda Díaz", "Jefe de Control Interno", PERMANENT_GUEST),
        Attendee("Jorge Iván Castro", "Asesor externo", GUEST),
        Attendee("Pedro Nel Ruiz", "Secretario de Salud", VOTING, EXCUSED, excuse="Comisión"),
        Attendee("Ana Lucía Mora", "Secretaria de Educación", VOTING, ABSENT),
    )


def convocation() -> Convocation:
    return Convocation(
        control(),
        session(),
        agenda(),
        recipients=attendees()[:6],
        secretary=SECRETARY_SIGN,
        issued_on=date(2026, 11, 13),
    )


def minutes(draft: bool = True) -> Minutes:
    approval = None if draft else Approval(date(2027, 2, 20), "Acta No. 01 de 2027", "", "ab" * 32)
    return Minutes(
        control=control(),
        session=session(),
        attendees=attendees(),
        quorum_statement=(
            "Se verificó el quórum: asistieron 4 de 6 integrantes con voto; hubo quórum para "
            "deliberar y para decidir."
        ),
        agenda=agenda(),
        decisions=(
            Decision("Aprobar el acta No. 02 de 2026.", "2", 4, 0, 0, "Aprobada"),
            Decision("Aprobar el ajuste al cronograma del plan.", "4", 3, 1, 0, "Aprobada"),
        ),
        commitments=(
            Commitment(
                "1", "Ajustar el cronograma del plan", "Oficina de Planeación", date(2026, 12, 15)
            ),
            Commitment(
                "2", "Presentar el plan de mejora FURAG", "Control Interno", date(2027, 1, 30)
            ),
        ),
        next_meeting_date=date(2027, 2, 20),
        next_meeting_time=time(9, 0),
        next_meeting_place="Sala de juntas del despacho, piso 2",
        president=PRESIDENT_SIGN,
        secretary=SECRETARY_SIGN,
        annexes=("Informe de avance.pdf", "Resultados.xlsx"),
        draft=draft,
        approval=approval,
    )


def sample_pdf(pages: int, label: str = "Informe de avance") -> bytes:
    """A small PDF with embedded fonts, one labelled page after another."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from mipg_desktop.documents.fonts import FONT, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT)
    for page in range(1, pages + 1):
        canvas.setFont(FONT, 18)
        canvas.drawString(72, A4[1] - 100, f"{label} — hoja {page}")
        canvas.rect(36, 36, A4[0] - 72, A4[1] - 72)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sample_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (600, 360), (40, 110, 180)).save(buffer, "PNG")
    return buffer.getvalue()


def pack(attachments: tuple[Attachment, ...] | None = None) -> Pack:
    if attachments is None:
        attachments = (
            Attachment(
                "4", "Avance del plan de acción 2026", "Informe de avance.pdf", sample_pdf(3)
            ),
            Attachment("4", "Avance del plan de acción 2026", "Gráfica.png", sample_png()),
            Attachment("5", "Resultados FURAG 2025", "Resultados.xlsx", b"PK\x03\x04 hoja"),
        )
    open_items = (
        Commitment(
            "3", "Actualizar el mapa de riesgos", "Planeación", date(2026, 12, 1), "En curso", 40
        ),
    )
    overdue = (
        Commitment(
            "1", "Publicar el plan anticorrupción", "Jurídica", date(2026, 10, 1), "Vencido", 10
        ),
    )
    done = (
        Commitment(
            "2", "Capacitar al equipo en MIPG", "Talento Humano", date(2026, 11, 1), "Cumplido", 100
        ),
    )
    plans = (
        PlanSummary("Plan de acción institucional 2026", 2026, 45, 80.0, 62.5, remark="En riesgo"),
    )
    return Pack(
        control(),
        convocation(),
        minutes(draft=False),
        open_items,
        overdue,
        done,
        plans,
        attachments,
        datetime(2026, 11, 14, 8, 0),
    )
