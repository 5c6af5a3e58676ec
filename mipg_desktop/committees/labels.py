"""Spanish labels for the codes stored in the committee tables."""

from __future__ import annotations

from mipg_desktop.i18n import _


def committee_kind_label(kind: str) -> str:
    return {
        "institutional": _("Comité Institucional de Gestión y Desempeño"),
        "sectoral": _("Comité Sectorial de Gestión y Desempeño"),
        "territorial": _("Comité Territorial de Gestión y Desempeño"),
        "internal_control": _("Comité Institucional de Coordinación de Control Interno"),
        "other": _("Otro comité"),
    }.get(kind, kind)


def role_label(role: str) -> str:
    return {
        "president": _("Presidente"),
        "technical_secretary": _("Secretaría técnica"),
        "voting_member": _("Integrante con voto"),
        "permanent_guest": _("Invitado permanente"),
        "guest": _("Invitado"),
    }.get(role, role)


def session_kind_label(kind: str) -> str:
    return {"ordinary": _("Ordinaria"), "extraordinary": _("Extraordinaria")}.get(kind, kind)


def modality_label(modality: str) -> str:
    return {"in_person": _("Presencial"), "virtual": _("Virtual"), "mixed": _("Mixta")}.get(
        modality, modality
    )


def session_status_label(status: str) -> str:
    return {
        "scheduled": _("Programada"),
        "convened": _("Convocada"),
        "held": _("Realizada"),
        "minutes_draft": _("Acta en borrador"),
        "under_review": _("Acta en revisión"),
        "approved": _("Acta aprobada"),
        "cancelled": _("Cancelada"),
    }.get(status, status)


def attendance_label(status: str) -> str:
    return {
        "present": _("Presente"),
        "absent": _("Ausente"),
        "excused": _("Ausente con excusa"),
        "delegated": _("Delegado"),
        "": _("Sin registrar"),
    }.get(status, status)


def commitment_status_label(status: str, overdue: bool = False) -> str:
    if overdue:
        return _("Vencido")
    return {
        "open": _("Abierto"),
        "in_progress": _("En curso"),
        "done": _("Cumplido"),
        "cancelled": _("Cancelado"),
    }.get(status, status)


def outcome_label(outcome: str, tie_broken: bool = False) -> str:
    label = {
        "approved": _("Aprobada"),
        "rejected": _("No aprobada"),
        "tied": _("Empate: sin decisión"),
    }.get(outcome, outcome)
    if tie_broken:
        return _("{label} (desempate)").format(label=label)
    return label


def session_title(number: int, year: int) -> str:
    return _("Acta No. {number:02d} de {year}").format(number=number, year=year)
