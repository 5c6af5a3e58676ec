"""Attachments: bytes stored once per SHA-256 in the database, linked to agenda items."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from sqlalchemy import select

from mipg_desktop.errors import NotFound, ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.models.sessions import AttachmentBlob

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
MIME_SIGNATURES = (
    (b"%PDF", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
)
MIME_BY_SUFFIX = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain",
    ".csv": "text/csv",
}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def guess_mime(name: str, data: bytes) -> str:
    lower = name.lower()
    for suffix, mime in MIME_BY_SUFFIX.items():
        if lower.endswith(suffix):
            return mime
    for signature, mime in MIME_SIGNATURES:
        if data.startswith(signature):
            return mime
    return "application/octet-stream"


def store_blob(session: Session, data: bytes, name: str = "", mime: str = "") -> str:
    """Store ``data`` unless already stored; returns its SHA-256."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("El anexo «{name}» pesa más de {mb} MB.").format(
                name=name, mb=MAX_ATTACHMENT_BYTES // (1024 * 1024)
            )
        )
    digest = sha256_hex(data)
    if session.get(AttachmentBlob, digest) is None:
        session.add(
            AttachmentBlob(
                sha256=digest, size=len(data), mime=mime or guess_mime(name, data), data=data
            )
        )
        session.flush()
    return digest


def load_blob(session: Session, sha256: str) -> bytes:
    data = session.scalar(select(AttachmentBlob.data).where(AttachmentBlob.sha256 == sha256))
    if data is None:
        raise NotFound(_("No existe el anexo {sha}.").format(sha=sha256[:12]))
    return bytes(data)
