"""A response written without the window (``mipg respond``): the member named as typed,
the observations read from a small JSON file.

The observations file is a JSON list; each entry is an object with:

- ``target``: ``"acta"``, ``"deliberation"``, ``"decision"`` or ``"commitment"``;
- ``uid`` (the text's uid in the package) or ``label`` (its label as ``mipg respond
  PACKAGE --show`` lists it, e.g. «Punto 3. Avance del Plan de Acción — Decisión 1»);
  neither for ``"acta"``;
- ``comment`` (text) and/or ``proposed_text`` (the wording the member proposes);
- optionally ``created_at`` (ISO date and time, UTC; default now).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from mipg_desktop.committees.review_package import ReviewMember, ReviewPackage
from mipg_desktop.committees.review_response import ObservationDraft
from mipg_desktop.committees.review_schema import MAX_OBSERVATIONS, MAX_RESPONSE_BYTES
from mipg_desktop.errors import MipgError, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.text import normalize_key

_KEYS = {"target", "uid", "label", "comment", "proposed_text", "created_at"}


def find_member(package: ReviewPackage, name: str) -> ReviewMember:
    """The member whose name is ``name`` (accents, case and spaces aside), or the only
    one whose name contains it; refused when none or several match."""
    wanted = normalize_key(name)
    if not wanted:
        raise ValidationError(_("Escriba el nombre del integrante."))
    exact = [m for m in package.members if normalize_key(m.full_name) == wanted]
    found = exact or [m for m in package.members if wanted in normalize_key(m.full_name)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(m.full_name for m in (found or package.members))
    if found:
        raise ValidationError(
            _(
                "«{name}» coincide con varios integrantes: {names}. Escriba el nombre completo."
            ).format(name=name, names=names)
        )
    raise ValidationError(
        _("«{name}» no integra el comité en la fecha de la sesión. Integrantes: {names}.").format(
            name=name, names=names
        )
    )


def observations_from_json(package: ReviewPackage, path: Path) -> list[ObservationDraft]:
    """The observations of a JSON file (format in this module's description)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise MipgError(_("No existe el archivo {path}.").format(path=path))
    if path.stat().st_size > MAX_RESPONSE_BYTES:
        raise ValidationError(_("{file}: el archivo es demasiado grande.").format(file=path.name))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            _("{file}: no es JSON válido ({error}).").format(file=path.name, error=exc)
        ) from exc
    if not isinstance(data, list) or len(data) > MAX_OBSERVATIONS:
        raise ValidationError(
            _("{file}: se espera una lista de a lo sumo {n} observaciones.").format(
                file=path.name, n=MAX_OBSERVATIONS
            )
        )
    return [_draft(package, entry, f"{path.name}, {k}") for k, entry in enumerate(data, start=1)]


def _draft(package: ReviewPackage, entry: Any, where: str) -> ObservationDraft:
    def bad(what: str) -> ValidationError:
        return ValidationError(_("{where}: {what}").format(where=where, what=what))

    if not isinstance(entry, dict) or not set(entry) <= _KEYS:
        raise bad(
            _("cada observación es un objeto con {keys}.").format(keys=", ".join(sorted(_KEYS)))
        )
    kind = entry.get("target")
    if kind == "acta":
        uid = package.session_uid
    elif "uid" in entry:
        uid = entry["uid"]
    else:
        label = entry.get("label")
        match = [t for t in package.targets if t.kind == kind and t.label == label]
        if len(match) != 1:
            raise bad(_("no hay un texto «{label}» de esa clase en el acta.").format(label=label))
        uid = match[0].uid
    comment, proposed = entry.get("comment", ""), entry.get("proposed_text")
    if not isinstance(uid, str) or not isinstance(comment, str):
        raise bad(_("«uid» y «comment» son textos."))
    if proposed is not None and not isinstance(proposed, str):
        raise bad(_("«proposed_text» es un texto."))
    if package.target(str(kind), uid) is None:
        raise bad(_("la observación se refiere a un texto que no está en el acta."))
    when = entry.get("created_at")
    try:
        created = datetime.fromisoformat(when) if isinstance(when, str) else None
    except ValueError as exc:
        raise bad(_("«created_at» no es una fecha y hora ISO.")) from exc
    if when is not None and created is None:
        raise bad(_("«created_at» no es una fecha y hora ISO."))
    if created is not None and created.tzinfo is not None:
        from datetime import UTC

        created = created.astimezone(UTC).replace(tzinfo=None)
    return ObservationDraft(str(kind), uid, comment, proposed, created)


def stable_uids(
    package: ReviewPackage, member_uid: str, drafts: list[ObservationDraft]
) -> list[ObservationDraft]:
    """The same script run again gives its observations the same uids (from the session,
    the member, the place in the list and the text they are on), as the window's draft ids
    do: a response written twice is then recognised on import instead of doubling."""
    import dataclasses
    import uuid

    return [
        d
        if d.uid is not None
        else dataclasses.replace(
            d,
            uid=str(
                uuid.uuid5(
                    uuid.NAMESPACE_URL,
                    f"mipg-respond:{package.session_uid}:{member_uid}:{k}:{d.target_kind}:"
                    f"{d.target_uid}",
                )
            ),
        )
        for k, d in enumerate(drafts)
    ]
