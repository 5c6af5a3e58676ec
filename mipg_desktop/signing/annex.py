"""A signed PDF shown as an annex of a pack: a copy of its pages, the original attached.

A signature covers the exact bytes of its file, so a copy of the pages inside another PDF can
never carry it: the copy's signature fields would show as broken («Digest Mismatch»). The
pack therefore keeps each signature's visible stamp as plain page content, drops the fields,
says so on every copied page, and attaches the original file unchanged (see
``documents.pdfa.Original``), where the signatures are verified.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mipg_desktop.i18n import _, ngettext
from mipg_desktop.signing.report import SignatureReport

if TYPE_CHECKING:
    from mipg_desktop.documents.attachments import Prepared
    from mipg_desktop.documents.pdfa import Original


def has_signatures(reader: Any) -> bool:
    """Whether the pypdf ``reader`` has a filled signature field (cheap; no validation)."""
    try:
        fields = reader.get_fields() or {}
    except Exception:  # a damaged form: treat as unsigned, the copy drops it anyway
        return False
    return any(f.get("/FT") == "/Sig" and f.get("/V") is not None for f in fields.values())


def signatures_of(data: bytes) -> tuple[SignatureReport, ...]:
    """The signatures of an annex's original bytes; () when it has none or cannot be read."""
    from mipg_desktop.errors import MipgError
    from mipg_desktop.signing.report import signatures_in

    try:
        return tuple(signatures_in(data))
    except MipgError:
        return ()


def _is_signature_widget(annot: Any) -> bool:
    if annot.get("/Subtype") != "/Widget":
        return False
    field = annot
    while field is not None:
        if field.get("/FT") == "/Sig":
            return True
        parent = field.get("/Parent")
        field = parent.get_object() if parent is not None else None
    return False


def strip_signature_fields(writer: Any) -> int:
    """Remove the signature widgets of a pypdf ``writer``'s pages, keeping their look.

    Each widget's normal appearance is drawn into the page at its rectangle (as the viewer
    showed it); the widget, and with it the field's signature dictionary, goes away.
    Returns how many were removed.
    """
    from pypdf.generic import ArrayObject, NameObject, StreamObject

    removed = 0
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        kept = ArrayObject()
        for ref in annots.get_object():
            annot = ref.get_object()
            if not _is_signature_widget(annot):
                kept.append(ref)
                continue
            removed += 1
            normal = annot.get("/AP", {}).get("/N")
            normal = normal.get_object() if normal is not None else None
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            if isinstance(normal, StreamObject) and rect[2] > rect[0] and rect[3] > rect[1]:
                x, y = min(rect[0], rect[2]), min(rect[1], rect[3])
                writer._add_apstream_object(page, normal, f"MipgSig{removed}", x, y)
        page[NameObject("/Annots")] = kept
    return removed


def copy_notice(signatures: Sequence[SignatureReport], filename: str) -> str:
    """What a copied signed page says about its signatures (names, intact or not)."""
    states = "; ".join(
        _("{name}: {state}").format(
            name=s.signer or _("firmante sin nombre"),
            state=_("íntegra al generar el paquete")
            if s.ok
            else _("NO íntegra al generar el paquete"),
        )
        for s in signatures
    )
    count = ngettext(
        "Copia para consulta de un documento con {n} firma ({states}).",
        "Copia para consulta de un documento con {n} firmas ({states}).",
        len(signatures),
    ).format(n=len(signatures), states=states)
    where = _(
        "Esta copia no conserva las firmas: se verifican en el archivo original «{file}», "
        "adjunto sin cambios a este PDF."
    ).format(file=filename)
    return f"{count} {where}"


def signed_originals(prepared: Sequence[Prepared]) -> list[Original]:
    """The signed PDF annexes to attach unchanged, under names unique in the pack.

    Sets each one's ``original_name``, which its copied pages name.
    """
    from mipg_desktop.documents.pdfa import Original
    from mipg_desktop.documents.text import clean

    originals: list[Original] = []
    for prep in prepared:
        if not prep.signatures or prep.attachment.data is None:
            continue
        name = clean(prep.attachment.filename) or "anexo.pdf"
        if name in {o.filename for o in originals}:
            name = f"{prep.attachment.item_number}-{len(originals) + 1}-{name}"
        prep.original_name = name
        description = _("Original firmado del anexo «{title}» (punto {n})").format(
            title=clean(prep.attachment.title or prep.attachment.filename),
            n=prep.attachment.item_number,
        )
        originals.append(Original(name, prep.attachment.data, description))
    return originals


def attached_files(pdf: bytes) -> dict[str, bytes]:
    """Every file attached to ``pdf`` (a pack's signed originals), by name."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return {name: bytes(spec.get_file().read_bytes()) for name, spec in doc.attachments.items()}


def attached_file(pdf: bytes, filename: str) -> bytes | None:
    """The bytes of the file attached as ``filename`` to ``pdf`` (None when absent)."""
    return attached_files(pdf).get(filename)
