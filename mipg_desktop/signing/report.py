"""What signatures a PDF carries and whether each is intact (pyHanko validation, offline).

``intact`` means the signed bytes hash to what the signature says and the signature itself
verifies with the signer's key; it does not require trusting the certificate. ``modified_after``
means the file changed after that signature in a way the PDF signature rules do not allow
(later signatures and their fields are allowed; pyHanko's difference analysis decides).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _
from mipg_desktop.signing.accredited import (
    DIGITAL,
    ELECTRONIC,
    Accredited,
    classify,
    load_accredited,
)


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str  # the certificate's common name
    signed_at: datetime | None
    intact: bool
    modified_after: bool
    kind: str  # accredited.DIGITAL or accredited.ELECTRONIC
    issuer: str
    kind_basis: str = ""  # one Spanish sentence: why digital or electrónica
    covers_whole_file: bool = False  # the last signature, nothing written after it

    @property
    def ok(self) -> bool:
        return self.intact and not self.modified_after

    @property
    def kind_label(self) -> str:
        """«Firma digital» or «Firma electrónica», as the window and ``mipg verify`` say it."""
        return _("Firma digital") if self.kind == DIGITAL else _("Firma electrónica")


def _name(name: Any) -> str:
    try:
        common = name.native.get("common_name")
    except AttributeError:
        common = None
    if isinstance(common, list):
        common = common[-1]
    return str(common) if common else str(name.human_friendly)


def _status(embedded: Any) -> Any:
    import asyncio
    import logging

    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    # No trust roots: "intact" and "valid" do not depend on trusting the certificate, and the
    # digital/electrónica question is answered separately against the accredited roots.
    context = ValidationContext(trust_roots=[], allow_fetching=False)
    for name in ("pyhanko", "pyhanko_certvalidator"):  # untrusted paths are expected: no noise
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return asyncio.run(async_validate_pdf_signature(embedded, context))


def _report(embedded: Any, accredited: Accredited) -> SignatureReport:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    status = _status(embedded)
    cert = embedded.signer_cert
    signed_at = embedded.self_reported_timestamp or status.signer_reported_dt
    intact = bool(status.intact and status.valid)
    coverage = status.coverage
    modified = (
        coverage is None
        or coverage < SignatureCoverageLevel.ENTIRE_REVISION
        or status.docmdp_ok is False
    )
    if intact and signed_at is not None:
        kind = classify(cert, list(embedded.other_embedded_certs), signed_at, accredited)
        kind_name, basis = kind.kind, kind.basis
    else:
        kind_name, basis = ELECTRONIC, _("La firma no está íntegra: no se califica como digital.")
    return SignatureReport(
        field_name=str(embedded.field_name),
        signer=_name(cert.subject),
        signed_at=signed_at,
        intact=intact,
        modified_after=modified,
        kind=kind_name,
        issuer=_name(cert.issuer),
        kind_basis=basis,
        covers_whole_file=coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )


def signatures_in(pdf: bytes, accredited: Accredited | None = None) -> list[SignatureReport]:
    """Every signature of ``pdf``, in signing order (empty fields: :func:`pending_fields`)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    accredited = accredited or load_accredited()
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except (PdfError, ValueError, KeyError, IndexError) as error:
        raise ValidationError(_("El archivo no es un PDF legible.")) from error
    reports = []
    for signature in embedded:
        try:
            reports.append(_report(signature, accredited))
        except Exception:  # a signature pyHanko cannot even parse is not intact
            reports.append(
                SignatureReport(
                    field_name=str(signature.field_name),
                    signer="",
                    signed_at=None,
                    intact=False,
                    modified_after=True,
                    kind=ELECTRONIC,
                    issuer="",
                    kind_basis=_("La firma está dañada y no se puede leer."),
                )
            )
    return reports
