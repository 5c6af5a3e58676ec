"""Committee types as data: CIGD, CICCI, territorial and sectoral committees.

The shipped types live in ``resources/catalog/committee_types.json``; :func:`sync_types`
copies them into the ``committee_types`` table (a newer shipped version replaces a type
only while the entity has not edited it). A committee is created from its type
(:func:`create_from_type`): its reglamento, modality rules and standard agenda are copied,
and the entity edits them afterwards on the committee. A session's agenda can start from
one of the type's session templates (:func:`template_items`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mipg_desktop.audit import record
from mipg_desktop.catalog_file import load_types_file
from mipg_desktop.committees.common import check_version, unit_of_work
from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.committee_types import CommitteeType

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mipg_desktop.committees.views import CommitteeSummary
    from mipg_desktop.storage.database import Database

ALLOWED = ("always", "conditional", "never")
REGLAMENTO_FACTS = ("presides", "secretary", "permanent_guests")


@dataclass(frozen=True)
class Sourced:
    """One detail of a type and where it comes from (norm and article, or common practice)."""

    value: Any
    source: str


@dataclass(frozen=True)
class SessionTemplate:
    code: str
    name: str
    when: str
    source: str
    items: tuple[tuple[str, str, int | None, str], ...]  # title, kind, minutes, presenter


@dataclass(frozen=True)
class CommitteeTypeInfo:
    code: str
    name: str
    short_name: str
    kind: str
    applies_to: tuple[str, ...]
    source: str
    description: str
    catalog_version: str
    origin: str
    edited: bool
    reglamento: dict[str, Sourced]  # rule fields, presides, secretary, guests, modality_rules
    agenda: Sourced  # value: [(title, kind, minutes)]
    approves: Sourced
    follows_up: Sourced
    templates: tuple[SessionTemplate, ...]
    version: int

    def rule_values(self) -> dict[str, Any]:
        """The reglamento fields a committee's ``CommitteeRules`` takes."""
        from mipg_desktop.committees.committees import RULE_FIELDS

        return {k: v.value for k, v in self.reglamento.items() if k in RULE_FIELDS}

    def template(self, code: str) -> SessionTemplate:
        for template in self.templates:
            if template.code == code:
                return template
        raise ValidationError(
            _("El tipo {type} no tiene la plantilla de sesión «{code}».").format(
                type=self.short_name or self.name, code=code
            )
        )


def sync_types(session: Session, data: dict[str, Any] | None = None) -> int:
    """Add the shipped types that are missing and update those the entity never edited.

    Returns how many rows were written; running it again changes nothing."""
    data = data or load_types_file()
    existing = {t.code: t for t in session.scalars(select(CommitteeType))}
    written = 0
    for order, item in enumerate(data["types"]):
        version = str(item.get("version", data.get("version", "")))
        row = existing.get(item["code"])
        if row is None:
            row = CommitteeType(code=item["code"], origin="catalog", edited=False)
            session.add(row)
        elif row.edited or (row.catalog_version == version and row.definition == item):
            continue
        row.name, row.source = item["name"], item.get("source", "")
        row.applies_to = list(item.get("applies_to", ["mipg"]))
        row.definition, row.catalog_version, row.sort_order = item, version, order
        written += 1
    _remember_version(session, str(data.get("version", "")))
    session.flush()
    return written


def _remember_version(session: Session, version: str) -> None:
    """Record the file version synced, so start-up knows when a newer one ships."""
    from mipg_desktop.catalog_file import TYPES_VERSION_KEY
    from mipg_desktop.models.entity import Setting

    row = session.get(Setting, TYPES_VERSION_KEY)
    if row is None:
        session.add(Setting(key=TYPES_VERSION_KEY, value=version))
    elif row.value != version:
        row.value = version


def _sourced(raw: Any, fallback: str) -> Sourced:
    if isinstance(raw, dict) and "value" in raw:
        return Sourced(raw["value"], str(raw.get("source", fallback)))
    return Sourced(raw, fallback)


def _template(raw: dict[str, Any], fallback: str) -> SessionTemplate:
    items = tuple(
        (i["title"], i.get("kind", "substantive"), i.get("minutes"), i.get("presenter", ""))
        for i in raw.get("items", [])
    )
    return SessionTemplate(
        raw["code"], raw["name"], raw.get("when", ""), raw.get("source", fallback), items
    )


def type_info(row: CommitteeType) -> CommitteeTypeInfo:
    d = row.definition or {}
    source = row.source
    agenda = _sourced(d.get("agenda", []), source)
    return CommitteeTypeInfo(
        code=row.code,
        name=row.name,
        short_name=d.get("short_name", row.code),
        kind=d.get("kind", "other"),
        applies_to=tuple(row.applies_to or ()),
        source=source,
        description=d.get("description", ""),
        catalog_version=row.catalog_version,
        origin=row.origin,
        edited=row.edited,
        reglamento={k: _sourced(v, source) for k, v in d.get("reglamento", {}).items()},
        agenda=Sourced(
            [(i["title"], i["kind"], i.get("minutes")) for i in agenda.value], agenda.source
        ),
        approves=_sourced(d.get("approves", []), source),
        follows_up=_sourced(d.get("follows_up", []), source),
        templates=tuple(_template(t, source) for t in d.get("templates", [])),
        version=row.version,
    )


def list_types(db: Database, scope: str | None = None) -> list[CommitteeTypeInfo]:
    """Every committee type, in the shipped order; ``scope`` ("mipg" or "meci") keeps
    those that apply to an entity reporting that form."""
    with unit_of_work(db, write=False) as session:
        rows = session.scalars(select(CommitteeType).order_by(CommitteeType.sort_order))
        return [type_info(r) for r in rows if scope is None or scope in (r.applies_to or ())]


def defaults_summary(kind: CommitteeTypeInfo) -> tuple[str, str]:
    """One line of what ``kind`` says about who presides, who is secretary, the permanent
    guests and what it approves, and the source of each (one per line)."""
    parts = [
        (label, kind.reglamento[key])
        for key, label in (
            ("presides", _("Preside")),
            ("secretary", _("Secretaría técnica")),
            ("permanent_guests", _("Invitados permanentes")),
        )
        if key in kind.reglamento
    ]
    parts.append((_("Aprueba"), kind.approves))

    def shown(value: Any) -> str:
        if isinstance(value, list | tuple):
            return "; ".join(str(v) for v in value) or _("ninguno")
        return str(value)

    text = _("Según su tipo ({code}): {details}.").format(
        code=kind.short_name or kind.code,
        details=" · ".join(f"{label}: {shown(s.value)}" for label, s in parts),
    )
    sources = "\n".join(
        _("{what}: {source}").format(what=label, source=s.source) for label, s in parts
    )
    return text.replace("..", "."), sources


def get_type(db: Database, code: str) -> CommitteeTypeInfo:
    with unit_of_work(db, write=False) as session:
        return type_info(_row(session, code))


def _row(session: Session, code: str) -> CommitteeType:
    row = session.scalar(select(CommitteeType).where(CommitteeType.code == code))
    if row is None:
        raise NotFound(_("No existe el tipo de comité «{code}».").format(code=code))
    return row


def check_modality_rules(rules: Any) -> list[dict[str, str]]:
    """A list of {modality, allowed, condition, source}, or one clear Spanish line."""
    from mipg_desktop.models.sessions import MODALITIES

    out: list[dict[str, str]] = []
    for rule in list(rules or ()):
        if not isinstance(rule, dict) or rule.get("modality") not in MODALITIES:
            raise ValidationError(_("Regla de modalidad no válida: {v}.").format(v=rule))
        if rule.get("allowed") not in ALLOWED:
            raise ValidationError(
                _("Regla de modalidad no válida: «{v}» (siempre, con condición o nunca).").format(
                    v=rule.get("allowed")
                )
            )
        condition = str(rule.get("condition", "")).strip()[:1000]
        if rule["allowed"] == "conditional" and not condition:
            raise ValidationError(_("Una modalidad con condición debe decir cuál es la condición."))
        out.append(
            {
                "modality": rule["modality"],
                "allowed": rule["allowed"],
                "condition": condition,
                "source": str(rule.get("source", "")).strip()[:500],
            }
        )
    return out


def save_type(
    db: Database, code: str, definition: dict[str, Any], *, expected_version: int
) -> CommitteeTypeInfo:
    """The entity's own version of a type: an upgrade of the program never replaces it."""
    if not isinstance(definition, dict) or not str(definition.get("name", "")).strip():
        raise ValidationError(_("El tipo de comité necesita un nombre."))
    rules = definition.get("reglamento", {}).get("modality_rules")
    if rules is not None:
        check_modality_rules(_sourced(rules, "").value)
    with unit_of_work(db) as session:
        row = _row(session, code)
        check_version(row.version, expected_version)
        before = row.definition
        row.definition = {**definition, "code": code}
        row.name = str(definition["name"]).strip()[:300]
        row.source = str(definition.get("source", row.source))
        row.applies_to = list(definition.get("applies_to", row.applies_to))
        row.edited = True
        session.flush()
        changed = sorted(
            k for k in set(before) | set(definition) if before.get(k) != definition.get(k)
        )
        record(
            session,
            db.user_name,
            "update",
            "committee_types",
            row.id,
            row.name,
            {"fields": changed},
        )
        return type_info(row)


def create_from_type(
    db: Database,
    code: str,
    name: str = "",
    short_name: str | None = None,
    creation_act: str = "",
) -> CommitteeSummary:
    """A new committee with its type's reglamento, modality rules and standard agenda."""
    from mipg_desktop.committees.committees import create_committee

    kind = get_type(db, code)
    return create_committee(
        db,
        name=name.strip() or kind.name,
        kind=kind.kind,
        short_name=kind.short_name if short_name is None else short_name,
        creation_act=creation_act,
        type_code=kind.code,
    )


def template_items(
    db: Database, committee_id: int, template_code: str
) -> tuple[tuple[str, str, int | None, str], ...]:
    """The items of a session template of the committee's type."""
    from mipg_desktop.committees.readers import get_committee_row

    with unit_of_work(db, write=False) as session:
        committee = get_committee_row(session, committee_id)
        if not committee.type_code:
            raise ValidationError(_("El comité no se creó a partir de un tipo con plantillas."))
        return type_info(_row(session, committee.type_code)).template(template_code).items


def committee_templates(db: Database, committee_id: int) -> tuple[SessionTemplate, ...]:
    """The session templates the committee's type offers (none without a type)."""
    from mipg_desktop.committees.readers import get_committee_row

    with unit_of_work(db, write=False) as session:
        committee = get_committee_row(session, committee_id)
        if not committee.type_code:
            return ()
        row = session.scalar(select(CommitteeType).where(CommitteeType.code == committee.type_code))
        return type_info(row).templates if row is not None else ()


def pack_shows_plans(db: Database, committee_id: int) -> bool:
    """Whether the committee's session pack shows the Decreto 612 plans' progress: as its
    type says (``pack_plans``; the CICCI's does not), yes without a type."""
    from mipg_desktop.committees.readers import get_committee_row

    with unit_of_work(db, write=False) as session:
        code = get_committee_row(session, committee_id).type_code
        row = session.scalar(select(CommitteeType).where(CommitteeType.code == code))
        if not code or row is None:
            return True
        return bool(_sourced((row.definition or {}).get("pack_plans", True), "").value)


def types_json(db: Database, scope: str | None = None) -> list[dict[str, Any]]:
    """The types as ``mipg catalog --json`` shows them: the stored definitions."""
    with unit_of_work(db, write=False) as session:
        rows = session.scalars(select(CommitteeType).order_by(CommitteeType.sort_order))
        return [
            {
                **r.definition,
                "code": r.code,
                "name": r.name,
                "source": r.source,
                "applies_to": list(r.applies_to or ()),
                "catalog_version": r.catalog_version,
                "origin": r.origin,
                "edited": r.edited,
            }
            for r in rows
            if scope is None or scope in (r.applies_to or ())
        ]
