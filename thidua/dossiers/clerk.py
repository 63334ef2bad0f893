"""What a clerk checks before a dossier moves on, beyond the rules of law: the meeting
that considered it is recorded, and a "signed" document is not a blank page.

`meeting_failures` blocks submission (checks.check_submission); `document_findings` are
warnings shown when the file is uploaded and beside it on the dossier page.
"""

from __future__ import annotations

import io
import re

from .enums import DocumentType

# Signed documents: the minutes and the proposal carry signatures; a scan has an image,
# a digitally signed PDF a signature field.
SIGNED_TYPES = {DocumentType.PROPOSAL, DocumentType.MINUTES}


def meeting_failures(dossier) -> list[str]:
    """The meeting (họp xét) that considered the dossier: date, attendance, membership."""
    missing = [
        label
        for value, label in (
            (dossier.meeting_date, "ngày họp"),
            (dossier.meeting_attendees, "số người dự họp"),
            (dossier.meeting_total, "tổng số thành viên"),
        )
        if value in (None, "")
    ]
    if missing:
        return [
            "Chưa ghi thông tin cuộc họp xét (" + ", ".join(missing) + "): nhập ở mục "
            "“Thông tin họp xét” theo biên bản họp."
        ]
    return []


def document_findings(data: bytes, content_type: str) -> list[str]:
    """Why a file given as a signed document may not be one (empty = nothing noticed)."""
    if content_type != "application/pdf":
        return []  # a photo or a scan as an image: a person looks at it
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except Exception:  # noqa: BLE001 — any unreadable PDF is worth a warning
        return ["Không đọc được nội dung tệp PDF: kiểm tra lại tệp trước khi nộp."]
    if not pages:
        return ["Tệp PDF không có trang nào."]
    text = ""
    images = 0
    for page in pages[:20]:
        try:
            text += page.extract_text() or ""
        except Exception:  # noqa: BLE001 — a page whose text cannot be read counts as no text
            text += ""
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        if xobjects:
            images += len(xobjects)
    has_text = bool(re.search(r"\w{3,}", text))
    signed = b"/ByteRange" in data or b"/Sig" in data
    findings = []
    if not has_text and not images and not signed:
        findings.append(
            f"Tệp PDF ({len(pages)} trang) không có chữ, hình quét hay chữ ký số: có thể là trang "
            "trắng, không phải văn bản đã ký."
        )
    elif has_text and not images and not signed:
        findings.append(
            "Tệp PDF chỉ có chữ, không có hình quét con dấu, chữ ký hay chữ ký số: kiểm tra đây "
            "là bản đã ký."
        )
    return findings
