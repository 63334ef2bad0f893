"""PAdES signatures with pyHanko behind one interface.

`Signer.sign(pdf, field, appearance) -> bytes` appends one signature (an incremental
update: earlier signatures stay valid). A key comes from a `KeySource`: a PKCS#12 file
(`Pkcs12Source`) or a PKCS#11 token (`Pkcs11Source`, e.g. SoftHSM2 or a USB token); a remote
signing service would be one more source. With a timestamp authority (RFC 3161 URL) the
signature carries its timestamp and the validation data (LTV); without one, the signing time
is the server's clock.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.fields import SigSeedSubFilter

from .appearance import Appearance, AppearanceStyle
from .errors import SigningRefused

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SIGNATURE_ROOM = 32 * 1024  # bytes for the CMS container: signature and certificate chain


@dataclass(frozen=True)
class Field:
    """Where a signature goes: `box` (x1, y1, x2, y2 in points) on page `page` (0-based,
    -1 = last page); `box=None` makes an invisible signature."""

    name: str
    page: int = -1
    box: tuple[float, float, float, float] | None = None


class Signer(Protocol):
    def sign(self, pdf: bytes, field: Field, appearance: Appearance | None = None) -> bytes: ...


class KeySource(Protocol):
    """Gives a pyHanko signer for the duration of a `with` block (a token session is
    opened and closed around it)."""

    def open(self) -> contextmanager: ...


def load_certificates(pem_or_der: bytes | str) -> list[asn1_x509.Certificate]:
    """Every certificate of a PEM bundle (or one DER certificate)."""
    from pyhanko.keys import load_certs_from_pemder_data

    data = pem_or_der.encode() if isinstance(pem_or_der, str) else pem_or_der
    if not data.strip():
        return []
    return list(load_certs_from_pemder_data(data))


@dataclass
class Pkcs12Source:
    data: bytes
    password: str = ""

    @contextmanager
    def open(self) -> Iterator[signers.Signer]:
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(
                self.data, other_certs=[], passphrase=self.password.encode() or None
            )
        except ValueError as exc:
            raise SigningRefused(
                "Không mở được tệp chứng thư số PKCS#12: mật khẩu không đúng hoặc tệp hỏng."
            ) from exc
        yield signer


@dataclass
class Pkcs11Source:
    """A key on a PKCS#11 token. The certificate is given (tokens such as SoftHSM2 may hold
    only the key); `pin` is asked from the signer when the credential does not keep it."""

    library: str
    token_label: str
    key_label: str
    certificate: asn1_x509.Certificate
    chain: list[asn1_x509.Certificate] = field(default_factory=list)
    pin: str = ""

    @contextmanager
    def open(self) -> Iterator[signers.Signer]:
        import pkcs11
        from pkcs11 import exceptions as p11
        from pyhanko.sign.pkcs11 import PKCS11Signer

        try:
            lib = pkcs11.lib(self.library)
        except (OSError, RuntimeError, p11.PKCS11Error) as exc:
            raise SigningRefused(
                f"Không nạp được thư viện thiết bị ký số (PKCS#11) {self.library}."
            ) from exc
        try:
            token = lib.get_token(token_label=self.token_label)
        except p11.NoSuchToken as exc:
            raise SigningRefused(
                f"Không tìm thấy thiết bị ký số (token) “{self.token_label}”: xin cắm thiết bị "
                "hoặc kiểm tra cấu hình rồi ký lại."
            ) from exc
        except p11.PKCS11Error as exc:
            raise SigningRefused(
                f"Thiết bị ký số “{self.token_label}” không trả lời: {type(exc).__name__}."
            ) from exc
        if not self.pin:
            raise SigningRefused("Xin nhập mã PIN của thiết bị ký số.")
        try:
            session = token.open(user_pin=self.pin)
        except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange) as exc:
            raise SigningRefused("Mã PIN của thiết bị ký số không đúng.") from exc
        except p11.PinLocked as exc:
            raise SigningRefused(
                "Thiết bị ký số đã bị khóa do nhập sai mã PIN nhiều lần; liên hệ quản trị."
            ) from exc
        try:
            try:
                session.get_key(label=self.key_label, object_class=pkcs11.ObjectClass.PRIVATE_KEY)
            except (p11.NoSuchKey, p11.MultipleObjectsReturned) as exc:
                raise SigningRefused(f"Thiết bị ký số không có khóa “{self.key_label}”.") from exc
            yield PKCS11Signer(
                session,
                key_label=self.key_label,
                signing_cert=self.certificate,
                ca_chain=self.chain,
                other_certs_to_pull=None,
            )
        finally:
            session.close()


def timestamper(url: str):
    return timestamps.HTTPTimeStamper(url) if url else None


@dataclass
class PadesSigner:
    """The one signer implementation: a key source, optional timestamp authority and the
    validation context used to embed revocation data (LTV) when timestamping."""

    source: KeySource
    tsa: timestamps.TimeStamper | None = None
    validation_context: object | None = None
    reason: str = ""
    location: str = ""

    def sign(self, pdf: bytes, field: Field, appearance: Appearance | None = None) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        page = field.page
        if page < 0:
            page = int(writer.root["/Pages"]["/Count"]) + page
        spec = fields.SigFieldSpec(
            sig_field_name=field.name,
            on_page=page,
            box=tuple(round(v) for v in field.box) if field.box else None,
        )
        with_tsa = self.tsa is not None
        meta = signers.PdfSignatureMetadata(
            field_name=field.name,
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=self.reason or None,
            location=self.location or None,
            embed_validation_info=with_tsa and self.validation_context is not None,
            validation_context=self.validation_context if with_tsa else None,
        )
        style = AppearanceStyle(appearance=appearance) if appearance and field.box else None
        out = io.BytesIO()
        with self.source.open() as key:
            pdf_signer = signers.PdfSigner(
                meta, signer=key, timestamper=self.tsa, stamp_style=style, new_field_spec=spec
            )
            try:
                # Without a timestamp the room for the signature is known: no dry run.
                reserved = None if with_tsa else SIGNATURE_ROOM
                pdf_signer.sign_pdf(writer, output=out, bytes_reserved=reserved)
            except SigningRefused:
                raise
            except Exception as exc:  # pyHanko, token and network errors alike
                raise SigningRefused(f"Ký số không thành công: {_reason(exc)}") from exc
        return out.getvalue()


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Timestamp" in name or "TSA" in str(exc):
        return "máy chủ cấp dấu thời gian (TSA) không trả lời."
    text = str(exc).strip()
    return f"{name}: {text}" if text else name


def signing_time_text(moment: datetime) -> str:
    """ISO 8601 with the Vietnam time zone: 2026-12-02T23:05:09+07:00 (Phụ lục I NĐ 30/2020)."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()
