"""The response file (``.mipgrespuesta``): a member's observations on a draft acta.

Written on the member's laptop from a received package (:func:`write_response`) and read,
as hostile input, on the secretary's (:func:`read_response`). Its keys are described once
in :mod:`review_schema`; the file carries the SHA-256 of its content, so a damaged or
edited file is refused (it is not a signature: anyone can write a new file).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop import __version__
from mipg_desktop.committees.record_schema import to_json
from mipg_desktop.committees.review_schema import (
    FORMAT,
    FORMAT_VERSION,
    MAX_COMMENT_CHARS,
    MAX_OBSERVATIONS,
    MAX_RESPONSE_BYTES,
    check_response_content,
)
from mipg_desktop.errors import MipgError, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from mipg_desktop.committees.review_package import ReviewPackage


class ResponseRefused(MipgError):
    """The response file was refused; nothing was written."""


def refuse(reason: str) -> ResponseRefused:
    return ResponseRefused(
        _("Respuesta rechazada: {reason} No se importó nada.").format(reason=reason)
    )


@dataclass(frozen=True)
class ObservationDraft:
    target_kind: str
    target_uid: str
    comment: str  # may be "" when only a wording is proposed
    proposed_text: str | None  # the text as the member would write it (markup), or None
    created_at: datetime | None = None  # default: now (UTC)
    # stable while the member edits it (the window's draft id): a response saved again
    # carries the same uid, so the secretary's import recognises what it already has
    uid: str | None = None


@dataclass(frozen=True)
class ResponseFile:
    """A response file read and checked (not yet imported)."""

    content: dict[str, Any]
    sha256: str  # of the file's bytes

    @property
    def response(self) -> dict[str, Any]:
        return dict(self.content["response"])

    @property
    def observations(self) -> list[dict[str, Any]]:
        return list(self.content["observations"])


def canonical(content: Any) -> bytes:
    from mipg_desktop.committees.package import canonical_json

    return canonical_json(content)


def write_response(
    package: ReviewPackage,
    member_uid: str,
    observations: list[ObservationDraft],
    out: Path,
    *,
    no_observations: bool = False,
) -> Path:
    """Write the member's response atomically (whole, or not at all)."""
    member = package.member(member_uid)
    if member is None:
        raise ValidationError(
            _("La persona elegida no integra el comité en la fecha de la sesión.")
        )
    if no_observations and observations:
        raise ValidationError(_("Eligió «sin observaciones», pero hay observaciones escritas."))
    if not no_observations and not observations:
        raise ValidationError(
            _("No hay observaciones: escriba al menos una o elija «sin observaciones».")
        )
    if len(observations) > MAX_OBSERVATIONS:
        raise ValidationError(
            _("Son demasiadas observaciones (máximo {n}).").format(n=MAX_OBSERVATIONS)
        )
    now = utcnow()
    content = {
        "response": {
            "uid": str(uuid.uuid4()),
            "session_version": package.session_version,
            "member_name": member.full_name,
            "created_at": to_json(now),
            "no_observations": no_observations,
            "session_uid": package.session_uid,
            "member_uid": member.uid,
        },
        "observations": [_observation(package, o, now) for o in observations],
    }
    check_response_content(content, lambda reason: ValidationError(reason))
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "program_version": __version__,
        "content_sha256": hashlib.sha256(canonical(content)).hexdigest(),
        "content": content,
    }
    raw = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    if len(raw) > MAX_RESPONSE_BYTES:
        raise ValidationError(_("La respuesta es demasiado grande; acorte las observaciones."))
    out = Path(out).expanduser()
    if not out.parent.is_dir():
        raise MipgError(_("No existe la carpeta {folder}.").format(folder=out.parent))
    partial = out.with_name(out.name + ".parcial")
    try:
        partial.write_bytes(raw)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return out


def _observation(package: ReviewPackage, draft: ObservationDraft, now: datetime) -> dict[str, Any]:
    target = package.target(draft.target_kind, draft.target_uid)
    if target is None:
        raise ValidationError(_("La observación se refiere a un texto que no está en el acta."))
    comment = draft.comment.strip()
    proposed = draft.proposed_text
    if proposed is not None and not proposed.strip():
        proposed = None
    if not comment and proposed is None:
        raise ValidationError(
            _("La observación sobre «{label}» está vacía.").format(label=target.label)
        )
    if len(comment) > MAX_COMMENT_CHARS:
        raise ValidationError(
            _("El comentario sobre «{label}» es demasiado largo.").format(label=target.label)
        )
    if target.kind == "acta" and proposed is not None:
        raise ValidationError(
            _("Sobre el acta en su conjunto se escribe un comentario, no una redacción.")
        )
    return {
        "uid": _observation_uid(draft.uid),
        "target_kind": target.kind,
        "target_uid": target.uid,
        "text_seen": target.text,
        "comment": comment,
        "proposed_text": proposed,
        "created_at": to_json(draft.created_at or now),
    }


def _observation_uid(given: str | None) -> str:
    if given is None:
        return str(uuid.uuid4())
    try:
        return str(uuid.UUID(given))
    except ValueError:
        raise ValidationError(_("Una observación tiene un identificador no válido.")) from None


def read_response(path: Path) -> ResponseFile:
    """Open and check a response file without touching any database."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise MipgError(_("No existe el archivo {path}.").format(path=path))
    if path.stat().st_size > MAX_RESPONSE_BYTES:
        raise refuse(_("el archivo pesa más de {mb} MB.").format(mb=MAX_RESPONSE_BYTES >> 20))
    with path.open("rb") as handle:
        raw = handle.read(MAX_RESPONSE_BYTES + 1)
    if len(raw) > MAX_RESPONSE_BYTES:
        raise refuse(_("el archivo pesa más de {mb} MB.").format(mb=MAX_RESPONSE_BYTES >> 20))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise refuse(_("no es un archivo de respuesta de MIPG Desktop (no es JSON).")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refuse(_("no es un archivo de respuesta de MIPG Desktop."))
    version = data.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise refuse(
            _(
                "la versión del formato ({version}) no es compatible con esta versión del "
                "programa (lee la versión {ours}); actualice MIPG Desktop."
            ).format(version=str(version)[:20], ours=FORMAT_VERSION)
        )
    content = data.get("content")
    if hashlib.sha256(canonical(content)).hexdigest() != data.get("content_sha256"):
        raise refuse(_("el contenido no coincide con su huella SHA-256 (archivo alterado)."))
    check_response_content(content, refuse)
    assert isinstance(content, dict)
    return ResponseFile(content, hashlib.sha256(raw).hexdigest())
