"""Uploads: type sniffed from content, size limit, safe names; a refused file leaves nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.documents import docx_text
from thidua.dossiers import drafts, files, services
from thidua.dossiers.enums import DocumentType
from thidua.dossiers.models import DossierDocument

from .helpers import GIAY_KHEN_HUYEN, PDF, person

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!doctype html><html><script>alert(1)</script></html>"


@pytest.fixture
def draft(users, org, campaign):
    d = services.create_dossier(
        users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign
    )
    services.update_meeting(d, users["officer_a"], meeting_date=None, attendees=9, total=11)
    services.add_nominee(
        d,
        users["officer_a"],
        subject_kind="individual",
        person=person(org["ward_a"], "Lục Văn An", "006000000101", ethnicity="Tày"),
        achievements="Vận động 40 hộ hiến đất",
        votes_for=9,
    )
    return d


def _stored(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "dossiers"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "data"), [("scan.pdf", EXE), ("bien_ban.pdf", HTML), ("x.pdf", b"just text")]
)
def test_wrong_type_renamed_pdf_is_refused_and_leaves_nothing(
    client_for, draft, settings, name, data
):
    r = client_for("officer_a").post(
        reverse("dossiers:upload", args=[draft.pk]),
        {"doc_type": "to_trinh", "file": SimpleUploadedFile(name, data, "application/pdf")},
        follow=True,
    )
    assert "không phải PDF, JPEG hoặc PNG" in r.content.decode()
    assert DossierDocument.objects.filter(dossier=draft).count() == 0
    assert _stored(settings) == []


def test_oversize_file_is_refused_and_leaves_nothing(client_for, draft, settings):
    settings.THIDUA_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2000, "application/pdf")
    r = client_for("officer_a").post(
        reverse("dossiers:upload", args=[draft.pk]),
        {"doc_type": "to_trinh", "file": big},
        follow=True,
    )
    assert "Tệp quá lớn" in r.content.decode()
    assert DossierDocument.objects.count() == 0 and _stored(settings) == []


def test_path_traversal_name_is_neutralised(users, draft, settings):
    doc = files.upload(
        draft, users["officer_a"], "to_trinh", SimpleUploadedFile("../../etc/passwd.pdf", PDF)
    )
    assert doc.original_name == "passwd.pdf"
    stored = Path(settings.MEDIA_ROOT) / doc.file.name
    assert stored.is_file() and stored.parent == Path(settings.MEDIA_ROOT) / "dossiers"
    assert "passwd" not in doc.file.name and ".." not in doc.file.name
    assert len(doc.sha256) == 64


def test_png_is_accepted_with_its_sniffed_type(users, draft):
    doc = files.upload(
        draft, users["officer_a"], "bien_ban", SimpleUploadedFile("anh.pdf", PNG, "application/pdf")
    )
    assert doc.content_type == "image/png" and doc.file.name.endswith(".png")


def test_row_failure_removes_the_written_file(users, draft, settings, monkeypatch):
    def boom(*a, **kw):
        raise RuntimeError("database down")

    monkeypatch.setattr(DossierDocument.objects, "create", boom)
    with pytest.raises(RuntimeError):
        files.upload(draft, users["officer_a"], "to_trinh", SimpleUploadedFile("a.pdf", PDF))
    assert _stored(settings) == []


def test_generated_documents_carry_the_dossier_data(users, draft):
    draft.refresh_from_db()
    minutes = docx_text(drafts.minutes(draft))
    assert "Tổng số thành viên: 11; có mặt: 9" in minutes
    assert "Lục Văn An" in minutes and "81,8 %" in minutes
    summary = docx_text(drafts.summary_list(draft))
    assert "Tày" in summary and "Thành tích tóm tắt" in summary
    report = docx_text(drafts.achievement_report(draft))
    assert "Mẫu số 08" in report and "chưa được đối chiếu" not in report
    proposal = docx_text(drafts.proposal(draft))
    assert "TỜ TRÌNH" in proposal and "Giấy khen" in proposal


def test_summary_list_is_landscape(users, draft):
    from docx import Document

    doc = Document(io.BytesIO(drafts.summary_list(draft)))
    assert doc.sections[0].page_width > doc.sections[0].page_height


def test_export_zip_has_documents_and_manifest(users, draft):
    files.upload(draft, users["officer_a"], "to_trinh", SimpleUploadedFile("to_trinh.pdf", PDF))
    drafts.generate(draft, users["officer_a"], DocumentType.MINUTES)
    data = files.export_zip(draft)
    zf = zipfile.ZipFile(io.BytesIO(data))
    import json

    manifest = json.loads(zf.read("manifest.json"))
    assert [d["type"] for d in manifest["documents"]] == sorted(["bien_ban", "to_trinh"])
    for entry in manifest["documents"]:
        assert entry["file"] in zf.namelist()
    assert manifest["nominees"][0]["name"] == "Lục Văn An"


def test_minutes_print_the_recorded_chair_secretary_and_times(users, draft, client_for):
    """The Biên bản họp xét prints who chaired, who took the minutes and the meeting's hours
    entered on the dossier page (#14 item 8), and blanks only where nothing was entered."""
    url = reverse("dossiers:meeting", args=[draft.pk])
    c = client_for("officer_a")
    base = {"title": draft.title, "meeting_date": "10/01/2025"}
    base |= {"meeting_attendees": "9", "meeting_total": "11"}
    bad = c.post(url, {**base, "meeting_start": "10:30", "meeting_end": "08:00"}, follow=True)
    assert "Giờ kết thúc phải sau giờ bắt đầu." in bad.content.decode()
    draft.refresh_from_db()
    assert draft.meeting_start is None and draft.meeting_date is None
    c.post(
        url,
        {
            **base,
            "meeting_chair": "Hoàng Văn Khải, Chủ tịch UBND phường",
            "meeting_secretary": "Ma Thị Lan, công chức Văn phòng - Thống kê",
            "meeting_start": "08:00",
            "meeting_end": "10:30",
        },
    )
    draft.refresh_from_db()
    text = docx_text(drafts.minutes(draft))
    assert "Vào hồi 08 giờ 00 phút, ngày 10/01/2025" in text
    assert "Chủ trì: Hoàng Văn Khải, Chủ tịch UBND phường." in text
    assert "Thư ký: Ma Thị Lan, công chức Văn phòng - Thống kê." in text
    assert "kết thúc vào hồi 10 giờ 30 phút cùng ngày" in text
    assert "… giờ" not in text
    # the names sign under their titles
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[lines.index("THƯ KÝ") + 2] == "Ma Thị Lan"
    assert lines[lines.index("CHỦ TRÌ") + 2] == "Hoàng Văn Khải"
