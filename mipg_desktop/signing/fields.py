"""Empty, named, visible signature fields, one per signer, added as an incremental update.

Each field's widget has an appearance (a light box) and the Print flag, as PDF/A asks, and
the field's tooltip (``/TU``) is the slot's label («Firma de quien presidió la sesión»…).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Protocol

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _


class Slot(Protocol):
    """Where one signer signs (``documents.model.SignatureSlot`` has these fields)."""

    @property
    def field_name(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def page_index(self) -> int: ...  # 0-based

    @property
    def box(self) -> tuple[float, float, float, float]: ...  # x1, y1, x2, y2 in points


def open_writer(pdf: bytes) -> Any:
    """A pyHanko incremental writer on ``pdf``; a file that is not a PDF is refused."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as error:
        raise ValidationError(_("El archivo no es un PDF que se pueda firmar.")) from error
    _same_producer(writer)
    return writer


def _same_producer(writer: Any) -> None:
    """Name pyHanko alone as /Producer, as its XMP update does, so Info and XMP agree (PDF/A).

    (pyHanko appends itself to the Info entry but writes only itself into the XMP.)
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    if writer._info is None:
        return
    info = writer._info.get_object()
    if str(info.get("/Producer", "")) != VENDOR:
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.mark_update(writer._info)


def _check(slot: Slot, pages: int, names: set[str]) -> None:
    if not slot.field_name or slot.field_name in names:
        raise ValidationError(
            _("Campo de firma repetido o sin nombre: «{name}».").format(name=slot.field_name)
        )
    if not 0 <= slot.page_index < pages:
        raise ValidationError(
            _("El campo de firma «{name}» está en la página {page}, que no existe.").format(
                name=slot.field_name, page=slot.page_index + 1
            )
        )
    x1, y1, x2, y2 = slot.box
    if x2 - x1 < 20 or y2 - y1 < 10:
        raise ValidationError(
            _("El campo de firma «{name}» es demasiado pequeño.").format(name=slot.field_name)
        )


def add_signature_fields(pdf: bytes, slots: Sequence[Slot]) -> bytes:
    """``pdf`` with an empty visible signature field per slot, in the slots' order."""
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field, enumerate_sig_fields

    writer = open_writer(pdf)
    pages = int(writer.root["/Pages"]["/Count"])
    names = {name for name, _value, _ref in enumerate_sig_fields(writer.prev)}
    for slot in slots:
        _check(slot, pages, names)
        names.add(slot.field_name)
        spec = SigFieldSpec(
            sig_field_name=slot.field_name,
            on_page=slot.page_index,
            box=tuple(round(v, 2) for v in slot.box),  # type: ignore[arg-type]
            empty_field_appearance=True,
            readable_field_name=slot.label or None,
        )
        append_signature_field(writer, spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pending_fields(pdf: bytes) -> list[str]:
    """Names of the signature fields still empty, in document order."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return [name for name, value, _ref in enumerate_sig_fields(reader) if value is None]
