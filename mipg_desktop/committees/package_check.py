"""Checking a package's content before any write: types, sizes, names, references."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mipg_desktop.committees.agenda import safe_attachment_name
from mipg_desktop.committees.record_schema import CODE_LIMIT, INT_LIMIT, Field, Record, from_json
from mipg_desktop.committees.session_schema import (
    ACTA_RECORD,
    BY_SECTION,
    COMMITTEE,
    ENTITY,
    LISTS,
    SESSION,
)
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _

Refuse = Callable[[str], Exception]

_UID = re.compile(r"^[0-9a-fA-F-]{8,36}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
MAX_ROWS = 20_000  # records of one section
MAX_CODES = 1000  # codes of one list


def _ok(value: Any, spec: Field) -> bool:
    if value is None:
        return spec.nullable
    kind = spec.kind
    if kind in ("str", "uid", "sha"):
        return isinstance(value, str) and _TEXT_CHECKS[kind](value)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and -1 < value < INT_LIMIT
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "codes":
        return (
            isinstance(value, list)
            and len(value) <= MAX_CODES
            and all(isinstance(v, str) and len(v) < CODE_LIMIT for v in value)
        )
    if kind == "section":
        return isinstance(value, dict)
    if kind == "list":
        return isinstance(value, list) and len(value) <= MAX_ROWS
    if not isinstance(value, str):
        return False
    try:
        from_json(kind, value)
    except ValueError:
        return False
    return True


_TEXT_CHECKS: dict[str, Callable[[str], bool]] = {
    "str": lambda v: True,
    "uid": lambda v: bool(_UID.match(v)),
    "sha": lambda v: bool(_SHA.match(v)),
}


def _check(data: Any, record: Record, refuse: Refuse) -> None:
    """One record against its description: every key present, of its kind and length,
    one of its allowed values; nested sections (the committee's reglamento and
    template) checked by theirs."""
    where = record.section
    if not isinstance(data, dict):
        raise refuse(_("la sección «{where}» no tiene la estructura esperada.").format(where=where))
    for spec in record.fields:
        if spec.optional and spec.name not in data:
            continue
        value = data.get(spec.name)
        if spec.name not in data or not _ok(value, spec):
            raise refuse(
                _("el campo «{key}» de «{where}» falta o no es válido.").format(
                    key=spec.name, where=where
                )
            )
        if spec.length is not None and isinstance(value, str) and len(value) > spec.length:
            raise refuse(
                _("el campo «{key}» de «{where}» excede el tamaño permitido.").format(
                    key=spec.name, where=where
                )
            )
        if spec.choices and value is not None and value not in spec.choices:
            raise refuse(
                _("valor no permitido en «{where}.{key}»: {value}.").format(
                    where=where, key=spec.name, value=str(value)[:40]
                )
            )
        if spec.kind in ("section", "list") and value is not None:
            nested = BY_SECTION[str(spec.section)]
            for row in value if spec.kind == "list" else [value]:
                _check(row, nested, refuse)


def check_fields(data: Any, record: Record, refuse: Refuse) -> None:
    """One record against its description (:func:`_check`), for other files' schemas."""
    _check(data, record, refuse)


def _check_names(attachments: list[dict[str, Any]], refuse: Refuse) -> None:
    for entry in attachments:
        name = entry.get("name")
        if not isinstance(name, str):
            raise refuse(_("un anexo no tiene nombre válido."))
        try:
            safe = safe_attachment_name(name)
        except ValidationError as exc:
            raise refuse(
                _("nombre de anexo no permitido: «{name}».").format(name=name[:80])
            ) from exc
        if safe != name:
            raise refuse(
                _("nombre de anexo no permitido (ruta o carpeta): «{name}».").format(name=name[:80])
            )


def _check_unique(content: dict[str, Any], refuse: Refuse) -> None:
    """No uid twice in a section; every reference to another section names one of its
    records (the schema's :class:`~session_schema.Ref` with a ``section``)."""
    uids: dict[str, set[str]] = {}
    for record in LISTS:
        if "uid" not in record.columns:
            continue
        found = [r["uid"] for r in content[record.section]]
        if record.section == "follow_ups":  # one table, two sections
            found += [r["uid"] for r in content["earlier_follow_ups"]]
        if len(found) != len(set(found)):
            raise refuse(_("hay identificadores repetidos en «{key}».").format(key=record.section))
        uids[record.section] = set(found)
    for record in LISTS:
        for ref in record.refs:
            if ref.section is None:
                continue
            for row in content[record.section]:
                uid = row[ref.name]
                if uid is not None and uid not in uids[ref.section]:
                    raise refuse(
                        _("una referencia interna no existe ({uid}).").format(uid=uid[:36])
                    )
    own_session = content["session"]["uid"]
    for r in content["earlier_follow_ups"]:
        if r["commitment_uid"] in uids["commitments"] or r["session_uid"] != own_session:
            raise refuse(
                _("un seguimiento a compromisos anteriores no es de esta sesión ({uid}).").format(
                    uid=r["uid"][:36]
                )
            )


def upgrade(content: dict[str, Any], version: int) -> None:
    """Bring the content of an older format version to the current one, in place.

    Version 1 (and its earlier revisions) lacked ``session_rules``: its committee's
    ``rules`` are the reglamento at export, which is what version 2 carries there.
    Versions 1 and 2 lacked ``session.approved_review`` (no acta listed observations).
    """
    data = content.get("session")
    if version < 3 and isinstance(data, dict):
        data.setdefault("approved_review", "")  # before the members' review (version 3)
    if version >= 2:
        return
    if isinstance(data, dict):
        data.setdefault("approved_signers", "")  # packages written before revision 0005
        data.setdefault("next_meeting_time", None)  # packages written before revision 0007
        data.setdefault("next_meeting_place", "")
    content.setdefault("earlier_follow_ups", [])  # packages written before it existed
    committee = content.get("committee")
    content.setdefault(
        "session_rules", committee.get("rules") if isinstance(committee, dict) else None
    )


def check_content(content: dict[str, Any], refuse: Refuse, version: int) -> None:
    """Raise ``refuse(...)`` at the first problem; returns only for a well-formed content
    (of the current format version: an older one is upgraded first)."""
    from mipg_desktop.committees.package_record import check_entity, check_record

    upgrade(content, version)
    if content.get("entity") is not None:
        _check(content["entity"], ENTITY, refuse)
        check_entity(content["entity"], refuse)
    if content.get("record") is not None:
        _check(content["record"], ACTA_RECORD, refuse)
        check_record(content["record"], refuse)
    _check(content.get("committee"), COMMITTEE, refuse)
    if content.get("session_rules") is not None:
        _check(content["session_rules"], BY_SECTION["session_rules"], refuse)
    _check(content.get("session"), SESSION, refuse)
    for record in LISTS:
        rows = content.get(record.section)
        if not isinstance(rows, list) or len(rows) > MAX_ROWS:
            raise refuse(
                _("la sección «{key}» falta o es demasiado grande.").format(key=record.section)
            )
        for row in rows:
            _check(row, record, refuse)
    _check_names(content["attachments"], refuse)
    _check_unique(content, refuse)
