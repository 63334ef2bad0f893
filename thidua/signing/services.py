"""Signing credentials and the two signatures of an issued document.

`sign_document` puts the signer's (chairman's, or the deputy's "KT.") signature and then
the organisation's on a rendered PDF and returns the signed bytes; it writes nothing, so
the caller keeps the decision unsigned when anything fails. `seal_document` adds the
organisation's signature alone (certificate batches)."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from thidua.core import audit
from thidua.core.permissions import scope_for
from thidua.core.text import fold

from . import trust, vault
from .appearance import Appearance, seal_size_points
from .errors import SigningRefused
from .models import CredentialKind, KeySourceKind, SigningCredential
from .pades import Field, PadesSigner, Pkcs11Source, Pkcs12Source, load_certificates, timestamper
from .placement import signer_block

MAX_IMAGE_BYTES = 2 * 1024 * 1024
SIGNER_FIELD = "ChuKyNguoiCoThamQuyen"
SEAL_FIELD = "ChuKyCoQuanToChuc"


# ---- registering credentials (system administrator only) -------------------------------------


def require_admin(user) -> None:
    """The system administrator, or the operator at the command line (`user` None)."""
    if user is None:
        return
    if not (user.is_active and scope_for(user).is_global):
        raise SigningRefused("Chỉ quản trị hệ thống được nạp, thay chứng thư số.")


def _load_cert(pem: bytes | str) -> x509.Certificate:
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise SigningRefused("Tệp chứng thư số không đọc được (cần PEM hoặc DER).") from exc


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _attr(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def cert_names(cert: x509.Certificate) -> tuple[str, str]:
    from cryptography.x509.oid import NameOID

    return _attr(cert.subject, NameOID.COMMON_NAME), _attr(cert.subject, NameOID.ORGANIZATION_NAME)


def _check_image(image: bytes) -> bytes:
    if not image:
        raise SigningRefused(
            "Xin tải lên hình ảnh chữ ký (hoặc hình dấu) định dạng PNG nền trong suốt."
        )
    if len(image) > MAX_IMAGE_BYTES:
        raise SigningRefused("Hình ảnh chữ ký, dấu quá lớn (tối đa 2 MB).")
    try:
        with Image.open(io.BytesIO(image)) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise SigningRefused("Hình ảnh chữ ký, dấu phải là tệp PNG.") from exc
    if fmt != "PNG":
        raise SigningRefused("Hình ảnh chữ ký, dấu phải là tệp PNG nền trong suốt (NĐ 30/2020).")
    return image


def person_matches(cert: x509.Certificate, full_name: str) -> bool:
    """The certificate's common name is the person's name ("Nông Văn Cường (Chủ tịch …)"
    compares by the part before the bracket)."""
    common, _ = cert_names(cert)
    name = full_name.split(" (")[0]
    return bool(name) and fold(common) == fold(name)


def unit_matches(cert: x509.Certificate, unit) -> bool:
    common, org = cert_names(cert)
    return bool(unit.name) and fold(unit.name) in fold(f"{common} {org}")


def _check_owner(kind: str, owner, cert: x509.Certificate) -> None:
    common, org = cert_names(cert)
    if kind == CredentialKind.UNIT and not unit_matches(cert, owner):
        raise SigningRefused(
            f"Chứng thư số cấp cho “{common or org}”, không phải của {owner.name}."
        )
    if kind == CredentialKind.PERSONAL:
        full_name = owner.get_full_name()
        if full_name and not person_matches(cert, full_name):
            raise SigningRefused(f"Chứng thư số cấp cho “{common}”, không phải của {full_name}.")


def _fields(kind: str, owner, cert: x509.Certificate, chain: list[x509.Certificate]) -> dict:
    return {
        "kind": kind,
        "unit": owner if kind == CredentialKind.UNIT else None,
        "user": owner if kind == CredentialKind.PERSONAL else None,
        "certificate_pem": _pem(cert),
        "chain_pem": "".join(_pem(c) for c in chain),
        "subject": cert.subject.rfc4514_string()[:500],
        "issuer_name": cert.issuer.rfc4514_string()[:500],
        "serial": format(cert.serial_number, "X"),
        "not_before": cert.not_valid_before_utc,
        "not_after": cert.not_valid_after_utc,
    }


def _save(credential: SigningCredential, actor) -> SigningCredential:
    with transaction.atomic():
        credential.save()
        audit.record(
            credential,
            "signing_credential_added",
            actor,
            unit=credential.unit,
            data={
                "kind": credential.kind,
                "source": credential.source,
                "serial": credential.serial,
            },
        )
    return credential


def register_pkcs12(
    *, kind: str, owner, data: bytes, password: str, image: bytes, actor, demo: bool = False
) -> SigningCredential:
    require_admin(actor)
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password.encode() or None)
    except ValueError as exc:
        raise SigningRefused(
            "Không mở được tệp PKCS#12: mật khẩu không đúng hoặc tệp không phải .p12/.pfx."
        ) from exc
    if key is None or cert is None:
        raise SigningRefused("Tệp PKCS#12 không có khóa bí mật và chứng thư số đi kèm.")
    _check_owner(kind, owner, cert)
    _check_dates(cert)
    credential = SigningCredential(
        **_fields(kind, owner, cert, list(extra or [])),
        source=KeySourceKind.PKCS12,
        secret=vault.seal({"p12": data, "password": password}),
        image=_check_image(image),
        demo=demo,
        created_by=actor,
    )
    return _save(credential, actor)


def register_pkcs11(
    *,
    kind: str,
    owner,
    library: str,
    token: str,
    key_label: str,
    certificate: bytes | str,
    chain: bytes | str = b"",
    pin: str = "",
    image: bytes,
    actor,
    demo: bool = False,
) -> SigningCredential:
    require_admin(actor)
    cert = _load_cert(certificate)
    chain_certs = [_load_cert(c.dump()) for c in load_certificates(chain)] if chain else []
    _check_owner(kind, owner, cert)
    _check_dates(cert)
    if not (library and token and key_label):
        raise SigningRefused("Xin nhập thư viện PKCS#11, nhãn thiết bị và nhãn khóa.")
    credential = SigningCredential(
        **_fields(kind, owner, cert, chain_certs),
        source=KeySourceKind.PKCS11,
        pkcs11_library=library,
        pkcs11_token=token,
        pkcs11_key=key_label,
        pin_stored=bool(pin),
        secret=vault.seal({"pin": pin}),
        image=_check_image(image),
        demo=demo,
        created_by=actor,
    )
    return _save(credential, actor)


def retire(credential: SigningCredential, actor, reason: str) -> None:
    """Stop using a credential (lost token, revoked certificate, person left)."""
    require_admin(actor)
    if not reason.strip():
        raise SigningRefused("Xin ghi lý do ngừng sử dụng chứng thư số.")
    with transaction.atomic():
        credential.revoked_at = timezone.now()
        credential.revoked_reason = reason.strip()[:300]
        credential.save(update_fields=["revoked_at", "revoked_reason"])
        audit.record(credential, "signing_credential_retired", actor, reason=reason)


# ---- choosing and checking a credential ------------------------------------------------------


def unit_credential(unit) -> SigningCredential | None:
    return (
        SigningCredential.objects.filter(kind=CredentialKind.UNIT, unit=unit, revoked_at=None)
        .order_by("-not_after", "-pk")
        .first()
    )


def personal_credential(user) -> SigningCredential | None:
    return (
        SigningCredential.objects.filter(kind=CredentialKind.PERSONAL, user=user, revoked_at=None)
        .order_by("-not_after", "-pk")
        .first()
    )


def required_for(unit) -> bool:
    """Decisions of this unit are signed digitally: always when THIDUA_SIGNING_REQUIRED,
    otherwise once the unit has a signing credential."""
    if getattr(settings, "THIDUA_SIGNING_REQUIRED", False):
        return True
    return SigningCredential.objects.filter(kind=CredentialKind.UNIT, unit=unit).exists()


def _check_dates(cert: x509.Certificate, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    if now > cert.not_valid_after_utc:
        raise SigningRefused(
            f"Chứng thư số “{cert_names(cert)[0]}” đã hết hạn ngày "
            f"{timezone.localtime(cert.not_valid_after_utc):%d/%m/%Y}: không ký được."
        )
    if now < cert.not_valid_before_utc:
        raise SigningRefused(
            f"Chứng thư số “{cert_names(cert)[0]}” chỉ có hiệu lực từ ngày "
            f"{timezone.localtime(cert.not_valid_before_utc):%d/%m/%Y}."
        )


def check_usable(credential: SigningCredential) -> None:
    """Refuse an expired, not yet valid, retired or revoked certificate, and one whose chain
    does not reach a configured trust root."""
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import (
        ExpiredError,
        PathBuildingError,
        PathValidationError,
        RevokedError,
    )

    cert = _load_cert(credential.certificate_pem)
    who = cert_names(cert)[0]
    if credential.revoked_at:
        raise SigningRefused(
            f"Chứng thư số “{who}” đã ngừng sử dụng ({credential.revoked_reason}): không ký được."
        )
    _check_dates(cert)
    roots = trust.trust_roots()
    crls = trust.crls()
    if not roots and not crls:
        return
    asn1_cert = load_certificates(credential.certificate_pem)[0]
    chain = load_certificates(credential.chain_pem)
    validator = CertificateValidator(
        asn1_cert, intermediate_certs=chain, validation_context=trust.validation_context(chain)
    )
    try:
        asyncio.run(validator.async_validate_usage({"digital_signature"}))
    except RevokedError as exc:
        raise SigningRefused(f"Chứng thư số “{who}” đã bị thu hồi: không ký được.") from exc
    except ExpiredError as exc:
        raise SigningRefused(f"Chứng thư số “{who}” đã hết hạn: không ký được.") from exc
    except (PathBuildingError, PathValidationError) as exc:
        if not roots:
            return  # only CRLs configured: revocation was the question
        raise SigningRefused(
            f"Chứng thư số “{who}” không do tổ chức chứng thực tin cậy cấp "
            "(không dẫn tới chứng thư gốc đã cài đặt)."
        ) from exc


def key_source(credential: SigningCredential, pin: str = ""):
    secrets = vault.unseal(credential.secret)
    if credential.source == KeySourceKind.PKCS12:
        return Pkcs12Source(secrets["p12"], secrets.get("password", ""))
    return Pkcs11Source(
        library=credential.pkcs11_library,
        token_label=credential.pkcs11_token,
        key_label=credential.pkcs11_key,
        certificate=load_certificates(credential.certificate_pem)[0],
        chain=load_certificates(credential.chain_pem),
        pin=pin or secrets.get("pin", ""),
    )


def signer_for(credential: SigningCredential, pin: str = "", reason: str = "") -> PadesSigner:
    tsa_url = getattr(settings, "THIDUA_SIGNING_TSA_URL", "")
    chain = load_certificates(credential.chain_pem)
    return PadesSigner(
        source=key_source(credential, pin),
        tsa=make_timestamper(tsa_url),
        validation_context=trust.validation_context(chain) if tsa_url else None,
        reason=reason,
    )


def make_timestamper(url: str):
    """The RFC 3161 client (a seam for tests, which use pyHanko's in-process TSA)."""
    return timestamper(url)


# ---- signing documents --------------------------------------------------------------------


@dataclass(frozen=True)
class Signatories:
    signer: SigningCredential
    seal: SigningCredential


def signatories(unit, actor, signer_name: str) -> Signatories:
    """The signer's personal credential and the unit's, checked; refusals in Vietnamese."""
    seal = unit_credential(unit)
    if seal is None:
        raise SigningRefused(
            f"{unit.name} chưa có chứng thư số của cơ quan: quản trị hệ thống cần nạp chứng "
            "thư số (tệp PKCS#12 hoặc thiết bị ký số) trước khi ký ban hành."
        )
    signer = personal_credential(actor)
    if signer is None:
        raise SigningRefused(
            "Người ký chưa có chứng thư số cá nhân: quản trị hệ thống cần nạp chứng thư số "
            "của người ký trước khi ký ban hành."
        )
    seal_cert = _load_cert(seal.certificate_pem)
    if not unit_matches(seal_cert, unit):
        raise SigningRefused(
            f"Chứng thư số của cơ quan cấp cho “{cert_names(seal_cert)[0]}”, không phải "
            f"của {unit.name}."
        )
    signer_cert = _load_cert(signer.certificate_pem)
    if signer.user_id != actor.pk or (signer_name and not person_matches(signer_cert, signer_name)):
        raise SigningRefused(
            f"Chứng thư số cá nhân cấp cho “{cert_names(signer_cert)[0]}”, không phải của "
            f"người ký {signer_name or actor.get_username()}."
        )
    check_usable(signer)
    check_usable(seal)
    return Signatories(signer=signer, seal=seal)


def organisation_name(unit) -> str:
    return (
        f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}" if unit.is_authority else unit.name
    )


def sign_document(
    pdf: bytes, *, unit, actor, signer_name: str, pin: str = "", reason: str = ""
) -> bytes:
    """Both signatures, signer first, each visible as NĐ 30/2020 Phụ lục I describes."""
    people = signatories(unit, actor, signer_name)
    organisation = organisation_name(unit)
    place = signer_block(pdf, signer_name, organisation)
    signed = signer_for(people.signer, pin, reason).sign(
        pdf,
        Field(SIGNER_FIELD, place.page, place.signer_box),
        Appearance("signer", bytes(people.signer.image)),
    )
    return signer_for(people.seal, reason=reason).sign(
        signed,
        Field(SEAL_FIELD, place.page, place.seal_box),
        Appearance("seal", bytes(people.seal.image), organisation, seal_size_points()),
    )


def seal_document(pdf: bytes, *, unit, reason: str = "") -> bytes:
    """The organisation's signature alone, invisible (certificate batches)."""
    seal = unit_credential(unit)
    if seal is None:
        raise SigningRefused(f"{unit.name} chưa có chứng thư số của cơ quan.")
    check_usable(seal)
    return signer_for(seal, reason=reason).sign(pdf, Field(SEAL_FIELD, 0, None))


def needs_pin(user) -> bool:
    """The user's personal key is on a token whose PIN is not stored: ask it when signing."""
    credential = personal_credential(user) if user.is_authenticated else None
    return bool(
        credential and credential.source == KeySourceKind.PKCS11 and not credential.pin_stored
    )
