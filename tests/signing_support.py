"""Test certificates made with ``cryptography``: a CA, signers, PKCS#12 files, slots."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PASSWORD = b"clave-de-prueba"


@dataclass(frozen=True)
class Slot:
    field_name: str
    label: str
    page_index: int
    box: tuple[float, float, float, float]


def _name(common: str, org: str = "Alcaldía de prueba") -> Any:
    from cryptography.x509 import Name, NameAttribute
    from cryptography.x509.oid import NameOID

    return Name(
        [
            NameAttribute(NameOID.COUNTRY_NAME, "CO"),
            NameAttribute(NameOID.ORGANIZATION_NAME, org),
            NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_ca(common: str = "CA de pruebas MIPG") -> tuple[Any, Any]:
    """(private key, certificate) of a self-signed CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(_name(common))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


# qcStatements (RFC 3739) holding one statement: QcCompliance, 0.4.0.1862.1.1 (EN 319 412-5)
QC_COMPLIANCE_DER = bytes.fromhex("300a3008060604008e460101")


def make_p12(
    common: str,
    ca: tuple[Any, Any],
    password: bytes | None = PASSWORD,
    policy: str = "",
    qc: bool = False,
) -> bytes:
    """A signer certificate for ``common`` issued by ``ca``, with its key, as PKCS#12."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        NoEncryption,
        pkcs12,
    )

    ca_key, ca_cert = ca
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
    )
    if policy:
        builder = builder.add_extension(
            x509.CertificatePolicies([x509.PolicyInformation(x509.ObjectIdentifier(policy), None)]),
            False,
        )
    if qc:
        oid = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
        builder = builder.add_extension(x509.UnrecognizedExtension(oid, QC_COMPLIANCE_DER), False)
    cert = builder.sign(ca_key, hashes.SHA256())
    encryption = BestAvailableEncryption(password) if password else NoEncryption()
    return pkcs12.serialize_key_and_certificates(common.encode(), key, cert, [ca_cert], encryption)


def accredited_file(folder: Path, ca_cert: Any, name: str = "ECD de pruebas") -> Path:
    """An ``ecd_acreditadas.json`` that accredits ``ca_cert`` (the test's override)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    (folder / "roots").mkdir(exist_ok=True)
    (folder / "roots" / "ca.pem").write_bytes(ca_cert.public_bytes(Encoding.PEM))
    data = {
        "source": "pruebas",
        "entities": [{"name": name, "issuer_names": ["CA de pruebas"], "roots": ["roots/ca.pem"]}],
    }
    path = folder / "ecd.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
