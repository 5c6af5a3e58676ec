"""Spanish words for the review: an observation's status, a member's line in the acta."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mipg_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from mipg_desktop.committees.review import MemberSummary


def status_label(status: str) -> str:
    return {
        "open": _("Pendiente"),
        "accepted": _("Acogida"),
        "rejected": _("No acogida"),
        "answered": _("Atendida"),
    }.get(status, status)


def target_kind_label(kind: str) -> str:
    return {
        "acta": _("El acta en su conjunto"),
        "deliberation": _("Desarrollo"),
        "decision": _("Decisión"),
        "commitment": _("Compromiso"),
    }.get(kind, kind)


def member_line(m: MemberSummary) -> str:
    """«Ana María Rojas: 2 observaciones (1 acogida, 1 no acogida).», or «…: sin
    observaciones.»"""
    if m.no_observations:
        return _("{name}: sin observaciones.").format(name=m.member_name)
    parts = [
        ngettext("{n} acogida", "{n} acogidas", m.accepted).format(n=m.accepted),
        ngettext("{n} no acogida", "{n} no acogidas", m.rejected).format(n=m.rejected),
        ngettext("{n} atendida", "{n} atendidas", m.answered).format(n=m.answered),
        ngettext("{n} pendiente", "{n} pendientes", m.open).format(n=m.open),
    ]
    counts = (m.accepted, m.rejected, m.answered, m.open)
    how = ", ".join(p for p, n in zip(parts, counts, strict=True) if n)
    total = ngettext("{n} observación", "{n} observaciones", m.observations).format(
        n=m.observations
    )
    return _("{name}: {total} ({how}).").format(name=m.member_name, total=total, how=how)


def not_applied_line(n: int, name: str) -> str:
    """Observations already resolved here that the member sent again worded otherwise: the
    new wording is not applied, and the secretary has to know it."""
    return ngettext(
        "{n} observación ya resuelta llegó con otra redacción, que no se aplicó: sigue como "
        "se resolvió; compárela con el archivo o pida a {name} que la envíe como nueva.",
        "{n} observaciones ya resueltas llegaron con otra redacción, que no se aplicó: siguen "
        "como se resolvieron; compárelas con el archivo o pida a {name} que las envíe como "
        "nuevas.",
        n,
    ).format(n=n, name=name)
