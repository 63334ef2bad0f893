"""Trust roots and revocation lists from the settings.

THIDUA_SIGNING_TRUST_ROOTS: a file or a directory of root certificates (PEM or DER) —
operators install the national roots (Root CA of the Government's specialised CA, the
national Root CA); THIDUA_SIGNING_CRLS: a file or directory of CRLs (DER or PEM) used when
fetching is off; THIDUA_SIGNING_FETCH_REVOCATION: fetch CRL/OCSP over the network.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from django.conf import settings
from pyhanko_certvalidator import ValidationContext

from .pades import load_certificates

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


def _files(location: str, suffixes: set[str]) -> list[Path]:
    if not location:
        return []
    path = Path(location)
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
    return []


def trust_roots() -> list:
    roots = []
    for path in _files(getattr(settings, "THIDUA_SIGNING_TRUST_ROOTS", ""), CERT_SUFFIXES):
        roots.extend(load_certificates(path.read_bytes()))
    if getattr(settings, "THIDUA_SIGNING_TRUST_DEMO", False):
        roots.extend(demo_roots())
    return roots


def demo_roots() -> list:
    """The self-signed roots in the chains of the demo credentials (`thidua demo`)."""
    from .models import SigningCredential

    roots = []
    for chain in SigningCredential.objects.filter(demo=True).values_list("chain_pem", flat=True):
        roots.extend(c for c in load_certificates(chain) if c.self_signed == "maybe")
    return roots


def crls() -> list:
    out = []
    for path in _files(getattr(settings, "THIDUA_SIGNING_CRLS", ""), {".crl", ".pem", ".der"}):
        data = path.read_bytes()
        if pem.detect(data):
            out.extend(asn1_crl.CertificateList.load(der) for _, _, der in pem.unarmor(data, True))
        else:
            out.append(asn1_crl.CertificateList.load(data))
    return out


def validation_context(other_certs=(), moment: datetime | None = None) -> ValidationContext:
    fetch = bool(getattr(settings, "THIDUA_SIGNING_FETCH_REVOCATION", False))
    return ValidationContext(
        trust_roots=trust_roots(),
        other_certs=list(other_certs),
        crls=crls(),
        allow_fetching=fetch,
        revocation_mode="soft-fail",
        moment=moment,
    )
