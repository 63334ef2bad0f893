"""A throw-away certificate authority: root → intermediate → end-entity certificates.

For the test suite, `thidua bench signing` and the demo only. Every name it issues carries
"DEMO" so that a document signed with these keys can never pass for a real one; real keys
come from a licensed CA (PKCS#12 file or token) and are loaded with `thidua signing-key`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_MARK = "DEMO"
# Where the CRL would be published; `.invalid` never resolves: the CRL is installed locally
# (THIDUA_SIGNING_CRLS) and fetching stays off.
CRL_URL = "http://ca.thidua-demo.invalid/intermediate.crl"


def _name(common_name: str, organisation: str = "", country: str = "VN") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, country)]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def new_key(kind: str = "rsa"):
    if kind == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Issued:
    """An end-entity certificate with its key and the chain above it (intermediate first)."""

    key: object
    cert: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)

    def pkcs12(self, password: str, friendly_name: str = "thidua") -> bytes:
        return pkcs12.serialize_key_and_certificates(
            friendly_name.encode(),
            self.key,
            self.cert,
            self.chain,
            serialization.BestAvailableEncryption(password.encode()),
        )

    def cert_pem(self) -> str:
        return self.cert.public_bytes(serialization.Encoding.PEM).decode()

    def chain_pem(self) -> str:
        return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in self.chain)

    def key_pkcs8_der(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


@dataclass
class DemoCA:
    """Root and intermediate CA in memory; `issue()` makes signing certificates."""

    root_key: object
    root: x509.Certificate
    sub_key: object
    sub: x509.Certificate
    revoked: list[int] = field(default_factory=list)

    @classmethod
    def create(cls, name: str = f"thidua {DEMO_MARK} Root CA") -> DemoCA:
        now = datetime.now(UTC)
        root_key = new_key("ec")
        root = (
            x509.CertificateBuilder()
            .subject_name(_name(name, "thidua"))
            .issuer_name(_name(name, "thidua"))
            .public_key(root_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
            .add_extension(_ca_usage(), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
            )
            .sign(root_key, hashes.SHA256())
        )
        sub_key = new_key("ec")
        sub_name = name.replace("Root", "Intermediate") if "Root" in name else f"{name} Sub"
        sub = (
            x509.CertificateBuilder()
            .subject_name(_name(sub_name, "thidua"))
            .issuer_name(root.subject)
            .public_key(sub_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=1825))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_ca_usage(), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(sub_key.public_key()), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                critical=False,
            )
            .sign(root_key, hashes.SHA256())
        )
        return cls(root_key, root, sub_key, sub)

    def issue(
        self,
        common_name: str,
        organisation: str = "",
        *,
        days: int = 365,
        not_before: datetime | None = None,
        key=None,
        key_kind: str = "rsa",
        timestamping: bool = False,
    ) -> Issued:
        """A signing certificate; `not_before` in the past and small `days` make an expired one."""
        key = key or new_key(key_kind)
        start = not_before or datetime.now(UTC) - timedelta(hours=1)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, organisation))
            .issuer_name(self.sub.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.TIME_STAMPING]
                    if timestamping
                    else [ExtendedKeyUsageOID.EMAIL_PROTECTION]
                ),
                critical=timestamping,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.sub_key.public_key()),
                critical=False,
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            [x509.UniformResourceIdentifier(CRL_URL)], None, None, None
                        )
                    ]
                ),
                critical=False,
            )
            .sign(self.sub_key, hashes.SHA256())
        )
        return Issued(key, cert, [self.sub, self.root])

    def revoke(self, cert: x509.Certificate) -> None:
        self.revoked.append(cert.serial_number)

    def crl_der(self) -> bytes:
        """The intermediate's CRL listing the revoked serials."""
        now = datetime.now(UTC)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.sub.subject)
            .last_update(now - timedelta(minutes=5))
            .next_update(now + timedelta(days=7))
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.sub_key.public_key()),
                critical=False,
            )
            .add_extension(x509.CRLNumber(1), critical=False)
        )
        for serial in self.revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(serial)
                .revocation_date(now - timedelta(minutes=1))
                .build()
            )
        return builder.sign(self.sub_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def root_pem(self) -> str:
        return self.root.public_bytes(serialization.Encoding.PEM).decode()


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
