"""Committee services: create and update a committee, its reglamento and agenda template."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.committees.common import (
    check_fields,
    check_version,
    clean_line,
    clean_long,
    fresh,
    new_uid,
    require_choice,
    unit_of_work,
)
from mipg_desktop.committees.readers import committee_summary, get_committee_row, rules_info
from mipg_desktop.entity_profile import current_entity
from mipg_desktop.errors import ReadOnlyRecord, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.committees import (
    COMMITTEE_KINDS,
    ROLES,
    AgendaTemplateItem,
    Committee,
    CommitteeRules,
)
from mipg_desktop.models.sessions import AGENDA_KINDS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.types import CommitteeTypeInfo
    from mipg_desktop.committees.views import CommitteeSummary, RulesInfo
    from mipg_desktop.storage.database import Database

QUORUM_KINDS = ("half_plus_one", "fraction", "count")
MAJORITY_KINDS = ("simple", "absolute_present", "absolute_members", "qualified")
TIE_BREAKERS = ("president", "none")
RULE_FIELDS = (
    "deliberate_quorum_kind",
    "deliberate_quorum_num",
    "deliberate_quorum_den",
    "decide_quorum_kind",
    "decide_quorum_num",
    "decide_quorum_den",
    "delegates_count",
    "majority_kind",
    "majority_num",
    "majority_den",
    "tie_breaker",
    "notice_days_ordinary",
    "notice_days_extraordinary",
    "periodicity_months",
    "signer_roles",
    "approval_method",
    "tacit_approval_days",
)


def standard_template() -> list[tuple[str, str, int | None]]:
    """The usual items (title, kind, minutes) when the database has no committee type for
    the committee (the types in ``committee_types.json`` carry their own)."""
    return [
        (_("Verificación del quórum"), "quorum", 5),
        (_("Lectura y aprobación del acta anterior"), "previous_minutes", 10),
        (_("Seguimiento de compromisos"), "commitments", 20),
        (_("Proposiciones y varios"), "other_business", 10),
    ]


def _committee_fields(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out[key] = clean_line(value, _("Nombre del comité"), 300, required=True)
        elif key == "short_name":
            out[key] = clean_line(value, _("Sigla"), 40)
        elif key == "kind":
            out[key] = require_choice(str(value), COMMITTEE_KINDS, _("Tipo de comité"))
        elif key == "creation_act":
            out[key] = clean_long(value, _("Acto de creación"), 2000).strip()
        elif key == "active":
            out[key] = bool(value)
        else:
            raise ValidationError(_("Campo desconocido: {field}").format(field=key))
    return out


def _rule_label(key: str) -> str:
    return {
        "deliberate_quorum_num": _("Quórum para deliberar (numerador)"),
        "deliberate_quorum_den": _("Quórum para deliberar (denominador)"),
        "decide_quorum_num": _("Quórum para decidir (numerador)"),
        "decide_quorum_den": _("Quórum para decidir (denominador)"),
        "majority_num": _("Mayoría calificada (numerador)"),
        "majority_den": _("Mayoría calificada (denominador)"),
        "notice_days_ordinary": _("Días hábiles de citación (ordinaria)"),
        "notice_days_extraordinary": _("Días hábiles de citación (extraordinaria)"),
        "periodicity_months": _("Periodicidad en meses"),
    }.get(key, key)


def validate_rules(values: dict[str, Any]) -> dict[str, Any]:
    problems: list[str] = []
    out = dict(values)
    for key in out:
        if key not in RULE_FIELDS:
            raise ValidationError(_("Campo desconocido: {field}").format(field=key))
    for key in ("deliberate_quorum_kind", "decide_quorum_kind"):
        if key in out and out[key] not in QUORUM_KINDS:
            problems.append(_("Regla de quórum no válida: {v}.").format(v=out[key]))
    if "majority_kind" in out and out["majority_kind"] not in MAJORITY_KINDS:
        problems.append(_("Regla de mayoría no válida: {v}.").format(v=out["majority_kind"]))
    if "tie_breaker" in out and out["tie_breaker"] not in TIE_BREAKERS:
        problems.append(_("Regla de desempate no válida: {v}.").format(v=out["tie_breaker"]))
    for key in (
        "deliberate_quorum_num",
        "deliberate_quorum_den",
        "decide_quorum_num",
        "decide_quorum_den",
        "majority_num",
        "majority_den",
        "notice_days_ordinary",
        "notice_days_extraordinary",
        "periodicity_months",
    ):
        if key in out and (not isinstance(out[key], int) or not 0 <= out[key] <= 365):
            problems.append(
                _("«{field}» debe ser un entero entre 0 y 365.").format(field=_rule_label(key))
            )
    for key in ("deliberate_quorum_den", "decide_quorum_den", "majority_den"):
        if key in out and out[key] == 0:
            problems.append(_("«{field}» no puede ser cero.").format(field=_rule_label(key)))
    if "signer_roles" in out:
        roles = list(out["signer_roles"])
        if not roles or any(r not in ROLES for r in roles):
            problems.append(_("Los firmantes deben ser roles del comité."))
        out["signer_roles"] = roles
    if "approval_method" in out:
        out["approval_method"] = clean_long(out["approval_method"], _("Aprobación"), 2000)
    if problems:
        raise ValidationError(_("No se guardó el reglamento."), problems)
    return out


def create_committee(
    db: Database,
    name: str,
    kind: str = "institutional",
    short_name: str = "",
    creation_act: str = "",
    rules: dict[str, Any] | None = None,
    template: list[tuple[str, str, int | None]] | None = None,
    type_code: str | None = None,
    modality_rules: list[dict[str, str]] | None = None,
) -> CommitteeSummary:
    """A new committee with its reglamento, modality rules and agenda template.

    What is not given comes from its committee type (``type_code``, or the first type of
    its ``kind``: CIGD for ``institutional``), as ``resources/catalog/committee_types.json``
    and the entity's edits have it; with no such type, from the model's defaults."""
    from mipg_desktop.committees.types import check_modality_rules

    fields = _committee_fields(
        {"name": name, "kind": kind, "short_name": short_name, "creation_act": creation_act}
    )
    given = validate_rules(rules or {})
    with unit_of_work(db) as session:
        found = _type_of(session, type_code, fields["kind"])
        defaults = validate_rules(found.rule_values()) if found else {}
        if template is None:
            template = list(found.agenda.value) if found else standard_template()
        if modality_rules is None and found and "modality_rules" in found.reglamento:
            modality_rules = list(found.reglamento["modality_rules"].value)
        entity = current_entity(session)
        committee = Committee(
            uid=new_uid(),
            entity_id=entity.id if entity else None,
            type_code=found.code if found else "",
            **fields,
        )
        committee.rules = CommitteeRules(
            **{**defaults, **given}, modality_rules=check_modality_rules(modality_rules)
        )
        committee.template_items = _template_rows(template)
        session.add(committee)
        session.flush()
        audited = {**fields, "type_code": committee.type_code}
        record(session, db.user_name, "create", "committees", committee.id, committee.name, audited)
        return committee_summary(session, committee)


def _type_of(session: Session, type_code: str | None, kind: str) -> CommitteeTypeInfo | None:
    from mipg_desktop.committees.types import type_info
    from mipg_desktop.models.committee_types import CommitteeType

    if type_code:
        row = session.scalar(select(CommitteeType).where(CommitteeType.code == type_code))
        if row is None:
            raise ValidationError(_("No existe el tipo de comité «{code}».").format(code=type_code))
        return type_info(row)
    for row in session.scalars(select(CommitteeType).order_by(CommitteeType.sort_order)):
        if (row.definition or {}).get("kind") == kind:
            return type_info(row)
    return None


def _template_rows(items: list[tuple[str, str, int | None]]) -> list[AgendaTemplateItem]:
    rows = []
    for position, (title, kind, minutes) in enumerate(items):
        rows.append(
            AgendaTemplateItem(
                position=position,
                title=clean_line(title, _("Punto"), 500, required=True),
                kind=require_choice(kind, AGENDA_KINDS, _("Tipo de punto")),
                duration_minutes=minutes,
            )
        )
    return rows


def update_committee(
    db: Database,
    committee_id: int,
    *,
    expected_version: int,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> CommitteeSummary:
    fields = _committee_fields(values)
    with unit_of_work(db) as session:
        committee = fresh(session, Committee, committee_id) or get_committee_row(
            session, committee_id
        )
        check_fields(committee, expected_version, {k: getattr(committee, k) for k in fields}, base)
        if "name" in fields and fields["name"] != committee.name:
            _refuse_rename_with_approved_minutes(session, committee)
        changes = {
            k: [getattr(committee, k), v] for k, v in fields.items() if getattr(committee, k) != v
        }
        for key, value in fields.items():
            setattr(committee, key, value)
        session.flush()
        if changes:
            record(
                session, db.user_name, "update", "committees", committee.id, committee.name, changes
            )
        return committee_summary(session, committee)


def _refuse_rename_with_approved_minutes(session: Session, committee: Committee) -> None:
    from mipg_desktop.models.sessions import CommitteeSession

    approved = session.scalar(
        select(CommitteeSession.id)
        .where(CommitteeSession.committee_id == committee.id, CommitteeSession.status == "approved")
        .limit(1)
    )
    if approved is not None:
        raise ReadOnlyRecord(
            _(
                "El comité ya tiene actas aprobadas con el nombre «{name}»; para un cambio de "
                "nombre por acto administrativo, cree el comité con su nuevo nombre."
            ).format(name=committee.name)
        )


def save_rules(
    db: Database,
    committee_id: int,
    *,
    expected_version: int | None,
    base: dict[str, Any] | None = None,
    **values: Any,
) -> RulesInfo:
    """Change the reglamento fields given (quorum, majority, tie-breaker, notice days...).
    ``expected_version`` None: the committee had no reglamento when it was read."""
    cleaned = validate_rules(values)
    with unit_of_work(db) as session:
        committee = get_committee_row(session, committee_id)
        rules = committee.rules
        if rules is not None:
            rules = fresh(session, CommitteeRules, rules.id)
        if rules is None:
            if expected_version is not None:
                check_version(0, expected_version)
            rules = committee.rules = CommitteeRules()
            session.flush()
            expected_version = rules.version
        check_fields(rules, expected_version, {k: getattr(rules, k) for k in cleaned}, base)
        before = asdict(rules_info(rules))
        for key, value in cleaned.items():
            setattr(rules, key, value)
        _check_fractions(rules)
        session.flush()
        info = rules_info(rules)
        changes = {k: [before[k], v] for k, v in asdict(info).items() if before.get(k) != v}
        changes.pop("version", None)
        record(
            session, db.user_name, "update", "committee_rules", rules.id, committee.name, changes
        )
        return info


def _check_fractions(rules: CommitteeRules) -> None:
    """A quorum or a qualified majority as a fraction is at most the whole (checked on the
    reglamento as it would be saved: its fields are saved one at a time)."""
    problems = [
        _("«{field}» no puede ser mayor que su denominador.").format(field=_rule_label(num))
        for kind, num, den in (
            ("deliberate_quorum_kind", "deliberate_quorum_num", "deliberate_quorum_den"),
            ("decide_quorum_kind", "decide_quorum_num", "decide_quorum_den"),
            ("majority_kind", "majority_num", "majority_den"),
        )
        if getattr(rules, kind) in ("fraction", "qualified")
        and getattr(rules, num) > getattr(rules, den)
    ]
    if problems:
        raise ValidationError(_("No se guardó el reglamento."), problems)


def set_agenda_template(
    db: Database, committee_id: int, items: list[tuple[str, str, int | None]]
) -> None:
    """Replace the committee's standard agenda items (title, kind, minutes)."""
    rows = _template_rows(items)
    with unit_of_work(db) as session:
        committee = get_committee_row(session, committee_id)
        committee.template_items = rows
        session.flush()
        record(
            session,
            db.user_name,
            "update",
            "agenda_template_items",
            committee.id,
            _("Plantilla del orden del día"),
            {"items": [r.title for r in rows]},
        )


def find_committee_id(db: Database, name_or_short: str) -> int | None:
    with unit_of_work(db) as session:
        for c in session.scalars(select(Committee)):
            if name_or_short in (c.name, c.short_name):
                return c.id
    return None
