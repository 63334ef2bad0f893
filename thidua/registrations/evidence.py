"""Evidence uploads: the type is sniffed from the first bytes (never trusted from the
browser), the size is limited, and files live under MEDIA_ROOT (outside the web root)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
# magic bytes → (content type, inline-safe)
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),  # .docx, .xlsx (Office Open XML)
]
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}
OFFICE_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff(head: bytes, name: str) -> str | None:
    for magic, ctype in SIGNATURES:
        if head.startswith(magic):
            if ctype == "application/zip":
                ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
                return OFFICE_TYPES.get(ext)
            return ctype
    return None


def store_evidence(unit, actor, uploaded):
    """Validate and save an uploaded file; raises ValidationError with a Vietnamese message."""
    from .models import Evidence
    from .services import RegistrationError

    if uploaded.size > MAX_BYTES:
        raise RegistrationError(
            f"Tệp “{uploaded.name}” quá lớn ({uploaded.size // 1024} KB); tối đa 10 MB."
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    ctype = sniff(head, uploaded.name)
    if ctype is None:
        raise RegistrationError(
            f"Tệp “{uploaded.name}” không đúng định dạng cho phép (PDF, PNG, JPEG, DOCX, XLSX)."
        )
    uploaded.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    ev = Evidence(
        unit=unit,
        original_name=uploaded.name[:255],
        content_type=ctype,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    ev.file.save(f"{digest.hexdigest()[:16]}", uploaded, save=False)
    ev.save()
    return ev


__all__ = ["INLINE_TYPES", "MAX_BYTES", "ValidationError", "sniff", "store_evidence"]
