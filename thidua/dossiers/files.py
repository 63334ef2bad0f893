"""Uploaded signed scans and generated drafts: validated fully before anything is written,
stored under MEDIA_ROOT/dossiers/ with a random name, removed again if the row fails.

Why: a scan is the legal copy of a signed document. Its type is sniffed from the bytes
(never the name or the browser's claim), so a renamed .exe or .html is refused; the user's
file name is kept only as metadata, so "../../etc/passwd.pdf" cannot choose a path.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
import unicodedata
import zipfile
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from thidua.core import audit

from .enums import DocumentType
from .models import Dossier, DossierDocument
from .services import DossierError, url_of

ALLOWED = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def clean_name(name: str) -> str:
    """The last path component, printable characters only, at most 120 characters."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    base = base.strip(" .") or "tep-tai-len"
    return base[:120]


def sniff(data: bytes) -> tuple[str, str]:
    """(extension, content type) of an accepted scan, or DossierError."""
    kind = filetype.guess(data[:8192])
    if kind is None or kind.extension not in ALLOWED:
        raise DossierError(
            "Tệp không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên)."
        )
    return kind.extension, ALLOWED[kind.extension]


def _store(
    dossier: Dossier,
    data: bytes,
    ext: str,
    *,
    doc_type: str,
    original: str,
    content_type: str,
    generated: bool,
    actor,
    findings: list[str] | None = None,
) -> DossierDocument:
    name = f"dossiers/{secrets.token_hex(16)}.{ext}"
    saved = None
    try:
        with transaction.atomic():
            saved = default_storage.save(name, ContentFile(data))
            doc = DossierDocument.objects.create(
                dossier=dossier,
                doc_type=doc_type,
                file=saved,
                original_name=original,
                content_type=content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                generated=generated,
                findings=findings or [],
                uploaded_by=actor,
            )
            audit.record(
                dossier,
                "dossiers.document.uploaded" if not generated else "dossiers.document.generated",
                actor,
                unit=dossier.proposer,
                data={"document": doc.pk, "type": doc_type, "sha256": doc.sha256},
            )
    except Exception:
        if saved:
            default_storage.delete(saved)
        raise
    return doc


def upload(dossier: Dossier, actor, doc_type: str, uploaded) -> DossierDocument:
    """Validate an uploaded file completely, then store it and its row together."""
    from .enums import EDITABLE_STATUSES

    if dossier.status not in EDITABLE_STATUSES:
        raise DossierError("Hồ sơ đã nộp, không tải thêm tài liệu được.")
    if doc_type not in DocumentType.values:
        raise DossierError("Chọn loại tài liệu.")
    limit = settings.THIDUA_MAX_UPLOAD_BYTES
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise DossierError(f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.")
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise DossierError(f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.")
    if not data:
        raise DossierError("Tệp rỗng.")
    ext, ctype = sniff(data)
    from .clerk import SIGNED_TYPES, document_findings

    return _store(
        dossier,
        data,
        ext,
        doc_type=doc_type,
        original=clean_name(uploaded.name),
        content_type=ctype,
        generated=False,
        actor=actor,
        findings=document_findings(data, ctype) if doc_type in SIGNED_TYPES else [],
    )


def save_generated(
    dossier: Dossier, actor, doc_type: str, data: bytes, filename: str
) -> DossierDocument:
    """A drafted .docx, replacing the previous draft of the same type."""
    for old in dossier.documents.filter(doc_type=doc_type, generated=True):
        name = old.file.name
        old.delete()
        transaction.on_commit(lambda n=name: default_storage.delete(n))
    return _store(
        dossier,
        data,
        "docx",
        doc_type=doc_type,
        original=filename,
        content_type=DOCX,
        generated=True,
        actor=actor,
    )


def export_zip(dossier: Dossier) -> bytes:
    """Documents + manifest.json, for the online public-service portal."""
    out = io.BytesIO()
    manifest = {
        "dossier": dossier.pk,
        "title": dossier.title,
        "proposer": dossier.proposer.name,
        "authority": dossier.authority.name,
        "campaign": dossier.campaign.title if dossier.campaign else None,
        "form_code": dossier.form_code,
        "status": dossier.status,
        "version": dossier.version,
        "exported_at": timezone.now().isoformat(),
        "url": url_of(dossier),
        "nominees": [
            {
                "order": n.order,
                "name": n.name,
                "subject_kind": n.subject_kind,
                "category": n.category,
                "achievements": n.achievements,
                "result": n.result,
            }
            for n in dossier.nominees.all()
        ],
        "documents": [],
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, doc in enumerate(dossier.documents.all(), start=1):
            ext = PurePosixPath(doc.file.name).suffix
            arcname = f"{i:02d}_{doc.doc_type}{'_du_thao' if doc.generated else ''}{ext}"
            with default_storage.open(doc.file.name, "rb") as fh:
                zf.writestr(arcname, fh.read())
            manifest["documents"].append(
                {
                    "file": arcname,
                    "type": doc.doc_type,
                    "type_label": doc.get_doc_type_display(),
                    "original_name": doc.original_name,
                    "sha256": doc.sha256,
                    "size": doc.size,
                    "generated": doc.generated,
                    "content_type": doc.content_type,
                }
            )
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return out.getvalue()
