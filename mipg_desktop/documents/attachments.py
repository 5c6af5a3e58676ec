"""Supporting files of a pack, checked before layout: PDFs, images, files only listed.

A file that cannot be read (broken, encrypted, empty) is kept with the reason, so the pack
names it and goes on; nothing here raises for a bad file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from mipg_desktop.documents.annex_fonts import embed_helvetica
from mipg_desktop.documents.model import Attachment
from mipg_desktop.i18n import _, ngettext

PDF = "pdf"
IMAGE = "image"
LISTED = "listed"
SKIPPED = "skipped"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")
MAX_IMAGE_PIXELS = 60_000_000


@dataclass
class Prepared:
    attachment: Attachment
    kind: str
    reason: str = ""
    reader: Any = None
    image: bytes = b""
    size: tuple[int, int] = (0, 0)
    pages: int = 0
    signatures: tuple[Any, ...] = ()  # signing.SignatureReport of a signed PDF's original
    original_name: str = ""  # the name the original is attached under in the pack

    @property
    def status(self) -> str:
        if self.kind == PDF:
            included = ngettext(
                "Incluido ({n} página)", "Incluido ({n} páginas)", self.pages
            ).format(n=self.pages)
            if self.signatures:  # the copy drops the signatures; the original travels attached
                return _("{included}; copia de un PDF firmado, original adjunto").format(
                    included=included
                )
            return included
        if self.kind == IMAGE:
            return _("Imagen incluida")
        if self.kind == LISTED:
            return _("Se lista; no se incorpora (consulte el archivo original)")
        return _("Omitido: {reason}").format(reason=self.reason)


def _is_pdf(attachment: Attachment) -> bool:
    name = attachment.filename.lower()
    return attachment.mime == "application/pdf" or name.endswith(".pdf")


def _is_image(attachment: Attachment) -> bool:
    return (
        attachment.mime.startswith("image/")
        or PurePath(attachment.filename.lower()).suffix in IMAGE_SUFFIXES
    )


def _prepare_pdf(attachment: Attachment, data: bytes) -> Prepared:
    import logging

    from pypdf import PdfReader, PdfWriter

    # The pack names a damaged annex itself; pypdf's own warnings would only be noise.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:
                opened = False
            if not opened:
                return Prepared(attachment, SKIPPED, _("el PDF está cifrado o protegido"))
        from mipg_desktop.signing.annex import has_signatures, signatures_of, strip_signature_fields

        signatures = signatures_of(data) if has_signatures(reader) else ()
        writer = PdfWriter()
        for page in reader.pages:
            added = writer.add_page(page)
            if added.rotation:
                added.transfer_rotation_to_content()
        strip_signature_fields(writer)  # a copy cannot carry them: they would show as broken
        embed_helvetica(writer)
        buffer = io.BytesIO()
        writer.write(buffer)
        clean_reader = PdfReader(io.BytesIO(buffer.getvalue()))
        for page in clean_reader.pages:
            box = page.cropbox
            if float(box.width) <= 0 or float(box.height) <= 0:
                raise ValueError("empty page box")
        if not clean_reader.pages:
            return Prepared(attachment, SKIPPED, _("el PDF no tiene páginas"))
        pages = len(clean_reader.pages)
        return Prepared(attachment, PDF, reader=clean_reader, pages=pages, signatures=signatures)
    except Exception:  # whatever is wrong inside the file, the pack goes on without it
        return Prepared(attachment, SKIPPED, _("el archivo PDF está dañado o no se puede leer"))


def _prepare_image(attachment: Attachment, data: bytes) -> Prepared:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                return Prepared(attachment, SKIPPED, _("la imagen es demasiado grande"))
            probe.load()
            image = probe.convert("RGBA" if "A" in probe.getbands() else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        return Prepared(attachment, IMAGE, image=buffer.getvalue(), size=image.size, pages=1)
    except Exception:  # see _prepare_pdf
        return Prepared(attachment, SKIPPED, _("la imagen está dañada o no se puede leer"))


def prepare(attachment: Attachment) -> Prepared:
    """Check one file and say how the pack will carry it."""
    data = attachment.data
    if data is None:
        return Prepared(attachment, SKIPPED, _("el archivo no está disponible"))
    if not data:
        return Prepared(attachment, SKIPPED, _("el archivo está vacío"))
    if _is_pdf(attachment):
        return _prepare_pdf(attachment, data)
    if _is_image(attachment):
        return _prepare_image(attachment, data)
    return Prepared(attachment, LISTED)
