"""Firma digital or firma electrónica: decided from an editable list of accredited issuers.

Ley 527 de 1999 gives a *firma digital* the full weight of a handwritten one when the
certificate comes from a certification body (ECD) accredited by ONAC; anything else (a
certificate the entity made itself, a PIN) is a *firma electrónica* (Decreto 2364 de 2012).

The list is ``resources/trust/ecd_acreditadas.json`` (or the file named by ``MIPG_ECD_FILE``):
entities with the names their certificates show as issuer, optional certificate policy OIDs
and root certificate files (paths relative to the JSON file). A signature is digital only
when its certificate chains, at signing time, to one of those roots (checked with
pyhanko-certvalidator, offline), carries one of the entity's policies when it lists any, and
carries the ETSI QcCompliance statement when the file asks for it. A matching issuer name or
policy alone is reported (it tells which ECD the certificate claims) but does not suffice.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mipg_desktop.errors import ValidationError
from mipg_desktop.i18n import _

DIGITAL = "digital"
ELECTRONIC = "electronica"
ENV_FILE = "MIPG_ECD_FILE"
QC_STATEMENTS = "1.3.6.1.5.5.7.1.3"
QC_COMPLIANCE = "0.4.0.1862.1.1"


@dataclass(frozen=True)
class Entity:
    name: str
    issuer_names: tuple[str, ...] = ()
    policy_oids: tuple[str, ...] = ()
    roots: tuple[bytes, ...] = ()  # DER


@dataclass(frozen=True)
class Accredited:
    entities: tuple[Entity, ...] = ()
    require_qc_compliance: bool = False
    source: str = ""


@dataclass(frozen=True)
class Kind:
    kind: str  # DIGITAL or ELECTRONIC
    basis: str  # one Spanish sentence: why
    entity: str = ""  # the accredited entity the certificate names or chains to


def _der(data: bytes) -> bytes:
    from asn1crypto import pem

    if pem.detect(data):
        return bytes(pem.unarmor(data)[2])
    return data


def _entity(raw: dict[str, Any], folder: Path) -> Entity:
    roots = tuple(_der((folder / name).read_bytes()) for name in raw.get("roots", []))
    return Entity(
        name=str(raw["name"]),
        issuer_names=tuple(str(n) for n in raw.get("issuer_names", [])),
        policy_oids=tuple(str(o) for o in raw.get("policy_oids", [])),
        roots=roots,
    )


def load_accredited(path: Path | None = None) -> Accredited:
    """The list in ``path``, else ``MIPG_ECD_FILE``, else the shipped file."""
    from mipg_desktop.resources import resource_path

    if path is None:
        named = os.environ.get(ENV_FILE, "").strip()
        path = Path(named) if named else resource_path("trust", "ecd_acreditadas.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entities = tuple(_entity(raw, path.parent) for raw in data.get("entities", []))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            _(
                "La lista de entidades de certificación acreditadas ({name}) no se puede leer."
            ).format(name=path.name)
        ) from error
    return Accredited(entities, bool(data.get("require_qc_compliance")), str(data.get("source")))


def _policies(cert: Any) -> set[str]:
    policies = cert.certificate_policies_value
    return {p["policy_identifier"].dotted for p in policies} if policies else set()


def qc_compliant(cert: Any) -> bool:
    """Whether ``cert`` (asn1crypto) carries the ETSI QcCompliance statement (EN 319 412-5)."""
    from asn1crypto import core

    class Statement(core.Sequence):  # type: ignore[misc]
        _fields = [  # noqa: RUF012
            ("statement_id", core.ObjectIdentifier),
            ("statement_info", core.Any, {"optional": True}),
        ]

    class Statements(core.SequenceOf):  # type: ignore[misc]
        _child_spec = Statement

    for ext in cert["tbs_certificate"]["extensions"] or []:
        if ext["extn_id"].dotted == QC_STATEMENTS:
            raw = bytes(ext["extn_value"].contents)  # raw: pyHanko may register a parser
            try:
                found = Statements.load(raw)
                return any(s["statement_id"].dotted == QC_COMPLIANCE for s in found)
            except (ValueError, TypeError):
                return False
    return False


def _named_entity(accredited: Accredited, cert: Any) -> Entity | None:
    issuer = cert.issuer.human_friendly.casefold()
    policies = _policies(cert)
    for entity in accredited.entities:
        if any(n.casefold() in issuer for n in entity.issuer_names if n):
            return entity
        if policies & set(entity.policy_oids):
            return entity
    return None


def _chains_to(cert: Any, others: list[Any], roots: list[Any], moment: datetime) -> bool:
    import asyncio

    from pyhanko_certvalidator import CertificateValidator, ValidationContext

    context = ValidationContext(
        trust_roots=roots, other_certs=others, moment=moment, allow_fetching=False
    )
    validator = CertificateValidator(cert, intermediate_certs=others, validation_context=context)
    try:
        asyncio.run(validator.async_validate_path())
    except Exception:  # any path failure: not chained to this root
        return False
    return True


def classify(
    cert: Any, others: list[Any], moment: datetime, accredited: Accredited | None = None
) -> Kind:
    """Digital or electrónica for signer certificate ``cert`` (asn1crypto) at ``moment``."""
    from asn1crypto import x509

    accredited = accredited or load_accredited()
    qc = qc_compliant(cert)
    for entity in accredited.entities:
        if not entity.roots:
            continue
        roots = [x509.Certificate.load(der) for der in entity.roots]
        if not _chains_to(cert, others, roots, moment):
            continue
        if entity.policy_oids and not _policies(cert) & set(entity.policy_oids):
            return Kind(
                ELECTRONIC,
                _("El certificado no trae una política de firma de {e}.").format(e=entity.name),
                entity.name,
            )
        if accredited.require_qc_compliance and not qc:
            return Kind(
                ELECTRONIC,
                _("El certificado no se declara calificado (QcCompliance)."),
                entity.name,
            )
        return Kind(
            DIGITAL,
            _("Certificado de {e}, entidad de certificación acreditada.").format(e=entity.name),
            entity.name,
        )
    named = _named_entity(accredited, cert)
    if named is not None:
        return Kind(
            ELECTRONIC,
            _(
                "El certificado dice venir de {e}, pero su cadena no se verificó con una raíz "
                "instalada de esa entidad."
            ).format(e=named.name),
            named.name,
        )
    return Kind(ELECTRONIC, _("El certificado no es de una entidad de certificación acreditada."))
