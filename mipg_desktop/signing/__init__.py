"""Signatures on PDF bytes (pyHanko): prepared fields, PAdES signing, reports.

Everything here takes and returns bytes; pyHanko is imported only when a function runs.
A signature is a *firma digital* only when its certificate chains to the root of an
accredited certification body listed in ``resources/trust/ecd_acreditadas.json``;
otherwise it is a *firma electrónica* (see :mod:`.accredited`).
"""

from mipg_desktop.signing.accredited import DIGITAL, ELECTRONIC, Accredited, load_accredited
from mipg_desktop.signing.fields import Slot, add_signature_fields, pending_fields
from mipg_desktop.signing.report import SignatureReport, signatures_in
from mipg_desktop.signing.sign import sign_pdf

__all__ = [
    "DIGITAL",
    "ELECTRONIC",
    "Accredited",
    "SignatureReport",
    "Slot",
    "add_signature_fields",
    "load_accredited",
    "pending_fields",
    "sign_pdf",
    "signatures_in",
]
