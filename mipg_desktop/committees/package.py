"""The session package: one versioned file to review or continue a session elsewhere.

A ZIP with ``manifest.json`` (format, version, the session's content as JSON, the
SHA-256 of that content and the list of attachments) and one entry per attachment,
``attachments/<sha256>``. Format documented in ``docs/session-package.md``.

Import treats the file as hostile: every check runs before anything is written,
and the write is one transaction, so a refused package leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mipg_desktop import __version__
from mipg_desktop.audit import record
from mipg_desktop.committees import labels
from mipg_desktop.committees.attachments import MAX_ATTACHMENT_BYTES, sha256_hex
from mipg_desktop.committees.common import unit_of_work
from mipg_desktop.committees.package_content import read_content
from mipg_desktop.errors import MipgError
from mipg_desktop.i18n import _
from mipg_desktop.progress import NO_PROGRESS, Progress
from mipg_desktop.storage.base import utcnow

if TYPE_CHECKING:
    from mipg_desktop.storage.database import Database

FORMAT = "mipg-session-package"
FORMAT_VERSION = 3  # 2: session_rules; lengths and values from the tables; 3: approved_review
READABLE_VERSIONS = (1, 2, 3)  # an older version is upgraded on reading (package_check.upgrade)
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 20 * 1024 * 1024
MAX_PACKAGE_BYTES = 150 * 1024 * 1024  # the file itself
MAX_ENTRIES = 5000  # files inside the package
# What the package's files declare they expand to, all together (checked before reading any):
# the attachments the acta references are held in memory until stored, so this bounds the
# memory an import takes (peak ~2.5x this with SQLite's copy; see docs/session-package.md).
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
_ATTACHMENT_ENTRY = re.compile(r"^attachments/([0-9a-f]{64})$")


class PackageRefused(MipgError):
    """The package was refused; nothing was written."""


def refuse(reason: str) -> PackageRefused:
    return PackageRefused(
        _("Paquete rechazado: {reason} No se importó nada.").format(reason=reason)
    )


@dataclass(frozen=True)
class ExportResult:
    path: Path
    session_title: str
    attachments: int
    size: int


@dataclass(frozen=True)
class ImportResult:
    session_id: int
    session_title: str
    action: str  # created, updated, unchanged


@dataclass(frozen=True)
class Package:
    """A package read and checked, not yet applied."""

    manifest: dict[str, Any]
    content: dict[str, Any]
    blobs: dict[str, bytes]

    @property
    def exported_at(self) -> datetime:
        return datetime.fromisoformat(str(self.manifest["exported_at"]))


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def export_session(
    db: Database, session_id: int, output: Path, progress: Progress = NO_PROGRESS
) -> ExportResult:
    """Write the session's package to ``output`` (whole, or not at all)."""
    from mipg_desktop.committees.attachments import load_blob

    output = Path(output).expanduser()
    if not output.parent.is_dir():
        raise MipgError(_("No existe la carpeta {folder}.").format(folder=output.parent))
    from mipg_desktop.committees.package_record import extra_files

    with unit_of_work(db) as session:
        content = read_content(session, session_id)
        blobs = extra_files(session, session_id)  # the entity's logo, the acta as approved
        annexes = sorted({a["sha256"] for a in content["attachments"]})
        for index, digest in enumerate(annexes):
            progress.update(index, len(annexes), _("Leyendo anexos"))
            blobs[digest] = load_blob(session, digest)
        digests = sorted(blobs)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "program_version": __version__,
        "exported_at": utcnow().isoformat(),
        "exported_by": db.user_name,
        "content_sha256": hashlib.sha256(canonical_json(content)).hexdigest(),
        "attachments": [
            {"sha256": d, "size": len(blobs[d]), "path": f"attachments/{d}"} for d in digests
        ],
        "content": content,
    }
    partial = output.with_name(output.name + ".parcial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            for digest in digests:
                archive.writestr(f"attachments/{digest}", blobs[digest])
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    session_info = content["session"]
    return ExportResult(
        output,
        labels.session_title(session_info["number"], session_info["year"]),
        len(annexes),
        output.stat().st_size,
    )


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise refuse(
            _("el archivo interno «{name}» es demasiado grande ({mb} MB).").format(
                name=info.filename[:80], mb=info.file_size // (1024 * 1024)
            )
        )
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)  # never more than it declared (zip bombs)
    if len(data) > info.file_size:
        raise refuse(_("el archivo interno «{name}» excede su tamaño.").format(name=info.filename))
    return data


def read_package(path: Path) -> Package:
    """Open and check a package without touching any database."""
    from mipg_desktop.committees.package_check import check_content

    path = Path(path).expanduser()
    if not path.is_file():
        raise MipgError(_("No existe el archivo {path}.").format(path=path))
    if path.stat().st_size > MAX_PACKAGE_BYTES:
        raise refuse(_("el archivo pesa más de {mb} MB.").format(mb=MAX_PACKAGE_BYTES >> 20))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                raise refuse(_("contiene demasiados archivos."))
            by_name = {}
            for info in infos:
                name = info.filename
                if name != MANIFEST and not _ATTACHMENT_ENTRY.match(name):
                    raise refuse(
                        _("contiene un archivo con nombre no permitido: «{name}».").format(
                            name=name[:120]
                        )
                    )
                if name in by_name:
                    raise refuse(_("contiene archivos repetidos."))
                by_name[name] = info
            if MANIFEST not in by_name:
                raise refuse(_("no es un paquete de sesión de MIPG Desktop (falta manifest.json)."))
            raw = _read_entry(archive, by_name[MANIFEST], MAX_MANIFEST_BYTES)
            manifest = _parse_manifest(raw)
            check_content(manifest["content"], refuse, manifest["format_version"])
            blobs = _read_blobs(archive, by_name, manifest)
    except zipfile.BadZipFile as exc:
        raise refuse(_("el archivo no es un ZIP válido o está dañado.")) from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise refuse(_("el ZIP no se puede leer ({error}).").format(error=exc)) from exc
    content = manifest["content"]
    declared = {a["sha256"] for a in content["attachments"]}
    if not declared <= set(blobs):
        raise refuse(_("faltan anexos que el acta menciona."))
    return Package(manifest, content, blobs)


def _parse_manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise refuse(_("manifest.json no es JSON válido ({error}).").format(error=exc)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(_("no es un paquete de sesión de MIPG Desktop."))
    version = manifest.get("format_version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise refuse(
            _(
                "la versión del formato ({version}) no es compatible con esta versión del "
                "programa (lee la versión {ours}); actualice MIPG Desktop."
            ).format(version=version, ours=FORMAT_VERSION)
        )
    content = manifest.get("content")
    if not isinstance(content, dict):
        raise refuse(_("el paquete no trae el contenido de la sesión."))
    if hashlib.sha256(canonical_json(content)).hexdigest() != manifest.get("content_sha256"):
        raise refuse(_("el contenido no coincide con su huella SHA-256 (archivo alterado)."))
    try:
        datetime.fromisoformat(str(manifest.get("exported_at")))
    except ValueError as exc:
        raise refuse(_("la fecha de exportación no es válida.")) from exc
    if not isinstance(manifest.get("attachments"), list):
        raise refuse(_("la lista de anexos no es válida."))
    return manifest


def _read_blobs(
    archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], manifest: dict[str, Any]
) -> dict[str, bytes]:
    """The attachments the acta references, each checked; the others are never read.

    Sizes are checked before anything is read: what all the referenced files declare
    (:data:`MAX_EXPANDED_BYTES` together, :data:`MAX_ATTACHMENT_BYTES` each), and while
    reading what each really expands to (never more than it declared).
    """
    for entry in manifest["attachments"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str):
            raise refuse(_("la lista de anexos no es válida."))
    from mipg_desktop.committees.package_record import extra_blobs

    content = manifest["content"]
    referenced = sorted({a["sha256"] for a in content["attachments"]} | set(extra_blobs(content)))
    infos: list[zipfile.ZipInfo] = []
    for digest in referenced:
        info = by_name.get(f"attachments/{digest}")
        if info is None:
            raise refuse(_("falta el anexo {sha}.").format(sha=digest[:12]))
        infos.append(info)
    total = by_name[MANIFEST].file_size + sum(info.file_size for info in infos)
    if total > MAX_EXPANDED_BYTES:
        raise refuse(
            _("los anexos suman {mb} MB al descomprimirse; el máximo es {limit} MB.").format(
                mb=total >> 20, limit=MAX_EXPANDED_BYTES >> 20
            )
        )
    blobs: dict[str, bytes] = {}
    for digest, info in zip(referenced, infos, strict=True):
        data = _read_entry(archive, info, MAX_ATTACHMENT_BYTES)
        if sha256_hex(data) != digest:
            raise refuse(
                _("el anexo {sha} no coincide con su huella SHA-256 (archivo alterado).").format(
                    sha=digest[:12]
                )
            )
        blobs[digest] = data
    return blobs


def import_session(db: Database, path: Path, progress: Progress = NO_PROGRESS) -> ImportResult:
    """Import a package: creates the session, updates it when the package is newer, or
    changes nothing when it is the same. All or nothing."""
    from mipg_desktop.committees.package_apply import apply_package

    package = read_package(path)
    progress.update(1, 3, _("Paquete verificado"))
    from mipg_desktop.committees.package_record import ensure_entity, store_record

    with unit_of_work(db) as session:
        ensure_entity(session, package.content.get("entity"), package.blobs)
        session_id, action = apply_package(session, package, refuse)
        stored = store_record(
            session, session_id, package.content.get("record"), package.blobs, refuse
        )
        info = package.content["session"]
        title = labels.session_title(info["number"], info["year"])
        if action != "unchanged" or stored:
            changes = {"action": action, "exported_at": package.manifest["exported_at"]}
            if stored:
                changes["pdf_sha256"] = stored  # the acta as approved, stored here too
            record(
                session, db.user_name, "import", "committee_sessions", session_id, title, changes
            )
    progress.update(3, 3)
    return ImportResult(session_id, title, action)
