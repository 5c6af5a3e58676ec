"""Sign a prepared field with a .p12/.pfx certificate: PAdES, incremental, visible stamp.

The stamp is drawn in DejaVu Sans, subset and embedded by pyHanko, so the signed file keeps
every font embedded (PDF/A). pyHanko's incremental update keeps the earlier revisions byte
for byte (earlier signatures stay valid) and updates the XMP and Info dates together, so the
PDF/A identification and the OutputIntent remain.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from mipg_desktop.committees.calendar import colombia_time
from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.signing.accredited import DIGITAL, Accredited, classify
from mipg_desktop.signing.fields import open_writer
from mipg_desktop.signing.stamp_font import font_factory

STAMP_FONT = "DejaVuSans.ttf"
STAMP_SIZE = 9
TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


def load_signer(p12: bytes, password: bytes | None) -> Any:
    """pyHanko signer from PKCS#12 bytes; one Spanish line when the file or password is wrong."""
    from asn1crypto import pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12 as pyca
    from pyhanko.sign import signers

    try:
        pkcs12.Pfx.load(p12, strict=True)["auth_safe"].native  # noqa: B018  (parses it)
    except Exception as error:  # not DER, not a PFX
        raise ValidationError(_("El archivo del certificado no es un .p12/.pfx válido.")) from error
    try:
        key, cert, _others = pyca.load_key_and_certificates(p12, password or None)
    except Exception as error:  # cryptography says "invalid password" or the like
        raise ValidationError(
            _("La contraseña del certificado .p12/.pfx no es correcta.")
        ) from error
    if key is None or cert is None:
        raise ValidationError(
            _("El archivo .p12/.pfx no trae el certificado con su clave privada.")
        )
    return signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=password or None)


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("%", "%%")


def _stamp_style(kind: str, signer_label: str) -> Any:
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    from mipg_desktop.resources import resource_path

    title = _("Firma digital") if kind == DIGITAL else _("Firma electrónica")
    lines = [_escape(title), "%(signer)s"]
    if signer_label.strip():
        lines.append(_escape(signer_label))
    lines.append(_escape(_("Fecha:")) + " %(ts)s")
    lines.append("%(reason)s")
    font = font_factory(str(resource_path("fonts", STAMP_FONT)), STAMP_SIZE)
    return TextStampStyle(
        stamp_text="\n".join(lines),
        text_box_style=TextBoxStyle(font=font, font_size=STAMP_SIZE),  # same size: pyHanko #733
        timestamp_format=TIME_FORMAT,
        border_width=1,
    )


def _require_empty_field(writer: Any, field_name: str) -> None:
    from pyhanko.sign.fields import enumerate_sig_fields

    found = list(enumerate_sig_fields(writer.prev, with_name=field_name))
    if not found or found[0][1] is not None:
        raise ValidationError(
            _("El PDF no tiene un campo de firma vacío llamado «{name}».").format(name=field_name)
        )


def sign_pdf(
    pdf: bytes,
    field_name: str,
    p12: bytes,
    password: bytes | None,
    *,
    reason: str,
    location: str = "",
    signer_label: str = "",
    accredited: Accredited | None = None,
) -> bytes:
    """``pdf`` signed in its empty field ``field_name`` (PAdES B-B, ETSI.CAdES.detached)."""
    import logging

    from pyhanko.sign import fields, signers

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # subsetting notes, not errors
    signer = load_signer(p12, password)
    writer = open_writer(pdf)
    _require_empty_field(writer, field_name)
    others = list(signer.cert_registry)
    kind = classify(signer.signing_cert, others, datetime.now(UTC), accredited)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=" ".join(reason.split()) or None,
        location=" ".join(location.split()) or None,
    )
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=_stamp_style(kind.kind, signer_label))
    out = io.BytesIO()
    pdf_signer.sign_pdf(
        writer,
        existing_fields_only=True,
        appearance_text_params={
            "reason": " ".join(reason.split()),
            # the stamp shows the time in Colombia (the signature itself keeps UTC)
            "ts": colombia_time(datetime.now(UTC)).strftime(TIME_FORMAT)
            + " "
            + _("(hora de Colombia)"),
        },
        output=out,
    )
    return out.getvalue()
