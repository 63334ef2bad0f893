"""Check the signatures of any PDF (pyHanko's validator): for each signature, who signed
(the certificate's subject), when, whether the bytes it covers are intact, whether the file
was changed after signing beyond adding later signatures, and whether the certificate chain
reaches a configured trust root."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel

from . import trust

NOT_A_PDF = "Tệp tải lên không phải là tệp PDF đọc được."
NO_SIGNATURE = "Tệp PDF này không có chữ ký số nào."


@dataclass
class SignatureReport:
    field: str
    subject: str
    organisation: str
    issuer: str
    serial: str
    signed_at: datetime | None
    timestamped: bool
    intact: bool  # the signed bytes are unchanged and the cryptographic signature holds
    trusted: bool  # the chain reaches a configured trust root (and is not revoked)
    changed_after: bool  # the file was modified after this signature beyond later signatures
    covers_whole_file: bool
    cert_valid_at_signing: bool
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and not self.changed_after


@dataclass
class PdfReport:
    readable: bool
    signatures: list[SignatureReport] = field(default_factory=list)
    message: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def valid(self) -> bool:
        return self.signed and all(s.valid for s in self.signatures)


def _name_part(name, key: str) -> str:
    return str(name.native.get(key, "") or "")


def check_pdf(data: bytes) -> PdfReport:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return PdfReport(readable=False, message=NOT_A_PDF)
    if not signatures:
        return PdfReport(readable=True, message=NO_SIGNATURE)
    report = PdfReport(readable=True)
    for embedded in signatures:
        report.signatures.append(_check_one(embedded))
    report.message = (
        "Mọi chữ ký số trong tệp đều hợp lệ."
        if report.valid
        else "Tệp có chữ ký số không hợp lệ hoặc không xác minh được (xem từng chữ ký)."
    )
    return report


def _check_one(embedded) -> SignatureReport:
    problems: list[str] = []
    cert = None
    try:
        cert = embedded.signer_cert
        status = validate_pdf_signature(
            embedded, trust.validation_context(other_certs=embedded.other_embedded_certs)
        )
    except Exception as exc:  # a malformed signature is reported, not raised
        return SignatureReport(
            field=embedded.field_name or "",
            subject=cert.subject.human_friendly if cert else "",
            organisation="",
            issuer=cert.issuer.human_friendly if cert else "",
            serial=format(cert.serial_number, "X") if cert else "",
            signed_at=None,
            timestamped=False,
            intact=False,
            trusted=False,
            changed_after=True,
            covers_whole_file=False,
            cert_valid_at_signing=False,
            problems=[f"Không kiểm tra được chữ ký: {type(exc).__name__}."],
        )
    intact = bool(status.intact and status.valid)
    if not intact:
        problems.append("Nội dung đã bị thay đổi sau khi ký: chữ ký không còn khớp với tệp.")
    trusted = bool(status.trusted)
    revoked = bool(getattr(status, "revoked", False))
    if revoked:
        problems.append("Chứng thư số của người ký đã bị thu hồi.")
        trusted = False
    elif not trusted and intact:  # a broken signature is not checked for trust
        problems.append(
            "Chứng thư số không dẫn tới chứng thư gốc tin cậy đã cài đặt (hoặc đã hết hạn, "
            "bị thu hồi)."
        )
    level = status.modification_level
    changed_after = status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        level is None or level > ModificationLevel.FORM_FILLING or not status.docmdp_ok
    )
    if changed_after:
        problems.append("Tệp đã bị sửa đổi sau khi ký (ngoài việc thêm chữ ký khác).")
    signed_at = status.timestamp_validity.timestamp if status.timestamp_validity else None
    signed_at = signed_at or status.signer_reported_dt
    cert = status.signing_cert
    valid_then = True
    if signed_at and cert:
        validity = cert["tbs_certificate"]["validity"]
        valid_then = validity["not_before"].native <= signed_at <= validity["not_after"].native
        if not valid_then:
            problems.append("Chứng thư số không còn hiệu lực tại thời điểm ký.")
    return SignatureReport(
        field=embedded.field_name or "",
        subject=_name_part(cert.subject, "common_name") or cert.subject.human_friendly,
        organisation=_name_part(cert.subject, "organization_name"),
        issuer=_name_part(cert.issuer, "common_name") or cert.issuer.human_friendly,
        serial=format(cert.serial_number, "X"),
        signed_at=signed_at,
        timestamped=status.timestamp_validity is not None,
        intact=intact,
        trusted=trusted and valid_then,
        changed_after=changed_after,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        cert_valid_at_signing=valid_then,
        problems=problems,
    )
