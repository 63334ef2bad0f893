"""What a clerk checks (issue #15, item 20) and the deadline of the city's upward bundle
(item 16): a dossier without its meeting data is refused; a blank one-page PDF given as
signed minutes is flagged; the bundle to the province follows the province's deadline."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns.models import Campaign, CampaignDeadline
from thidua.dossiers import clerk, files, services, upward
from thidua.dossiers.enums import DocumentType, LineResult

from .helpers import PDF, person, ready_dossier

BANG_KHEN_TINH = "bang_khen_chu_tich_tinh"


def _pdf(text: str | None, pages: int = 1) -> bytes:
    """A real PDF with `pages` pages, with `text` written on the first one (or blank)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    for i in range(pages):
        page = writer.add_blank_page(width=595, height=842)
        if text and i == 0:
            font = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                }
            )
            page[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
            )
            stream = DecodedStreamObject()
            stream.set_data(f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode())
            page[NameObject("/Contents")] = writer._add_object(stream)
    import io

    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_blank_one_page_pdf_is_flagged_text_only_is_questioned():
    blank = clerk.document_findings(_pdf(None), "application/pdf")
    assert len(blank) == 1 and "trang trắng" in blank[0] and "1 trang" in blank[0]
    text_only = clerk.document_findings(_pdf("BIEN BAN HOP XET"), "application/pdf")
    assert len(text_only) == 1 and "chỉ có chữ" in text_only[0]
    signed = _pdf("BIEN BAN HOP XET") + b"\n% /ByteRange [0 1 2 3] /Sig\n"
    assert clerk.document_findings(signed, "application/pdf") == []
    assert clerk.document_findings(b"\xff\xd8\xff", "image/jpeg") == []
    assert clerk.document_findings(b"%PDF-1.4 broken", "application/pdf")


def test_the_upload_warns_and_the_page_shows_the_finding(users, org, campaign, client_for):
    d = services.create_dossier(
        users["officer_a"], org["ward_a"], "giay_khen_chu_tich_huyen", campaign=campaign
    )
    c = client_for("officer_a")
    r = c.post(
        reverse("dossiers:upload", args=[d.pk]),
        {"doc_type": DocumentType.MINUTES, "file": SimpleUploadedFile("bb.pdf", _pdf(None))},
        follow=True,
    )
    html = r.content.decode()
    assert "Đã tải lên tài liệu." in html
    assert html.count("có thể là trang trắng") >= 2  # the message and the badge
    doc = d.documents.get()
    assert doc.findings and doc.doc_type == DocumentType.MINUTES


def test_a_dossier_without_meeting_data_is_refused(users, org, campaign):
    p = person(org["ward_a"], "Hoàng Văn Nam", "006000000901")
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, [p])
    services.update_meeting(d, users["officer_a"], meeting_date=None, attendees=None, total=None)
    with pytest.raises(services.DossierError, match="Chưa ghi thông tin cuộc họp xét"):
        services.submit(d, users["officer_a"])
    services.update_meeting(
        d, users["officer_a"], meeting_date=date(2025, 1, 10), attendees=9, total=11
    )
    assert services.submit(d, users["officer_a"]).status == "submitted"


def _bundle(users, org, campaign):
    people = [person(org["ward_a"], n, f"00600000095{i}") for i, n in enumerate(["An", "Bình"])]
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, people, form=BANG_KHEN_TINH)
    services.submit(d, users["officer_a"])
    for n in d.nominees.all():
        services.appraise_line(n, users["standing"], LineResult.ELIGIBLE, wording="Xuất sắc")
    services.finish_appraisal(d, users["standing"])
    up = upward.bundle_upward(
        campaign, users["standing"], BANG_KHEN_TINH, [n.pk for n in d.nominees.all()]
    )
    services.update_meeting(
        up, users["standing"], meeting_date=date(2025, 1, 12), attendees=7, total=9
    )
    for t in (DocumentType.PROPOSAL, DocumentType.MINUTES):
        files.upload(up, users["standing"], t, SimpleUploadedFile("a.pdf", PDF))
    up.refresh_from_db()
    return up


def test_upward_bundle_follows_the_provinces_deadline_not_the_citys(users, org, campaign):
    up = _bundle(users, org, campaign)
    assert upward.is_upward_bundle(up)
    province_plan = Campaign.objects.create(
        issuer=org["province"], title="Kế hoạch của tỉnh", status="running"
    )
    Campaign.objects.filter(pk=campaign.pk).update(parent=province_plan)
    up.campaign.refresh_from_db()
    # the city's own nominee deadline has passed …
    campaign.deadlines.filter(kind="dossier").update(date=timezone.localdate() - timedelta(days=3))
    # … the province's has not: the bundle goes
    CampaignDeadline.objects.create(
        campaign=province_plan,
        kind="dossier",
        label="Nộp tỉnh",
        date=timezone.localdate() + timedelta(days=10),
    )
    up = type(up).objects.get(pk=up.pk)
    assert services.submit(up, users["standing"]).status == "submitted"


def test_upward_bundle_is_refused_after_the_provinces_deadline(users, org, campaign):
    up = _bundle(users, org, campaign)
    province_plan = Campaign.objects.create(
        issuer=org["province"], title="Kế hoạch của tỉnh", status="running"
    )
    Campaign.objects.filter(pk=campaign.pk).update(parent=province_plan)
    CampaignDeadline.objects.create(
        campaign=province_plan,
        kind="dossier",
        label="Nộp tỉnh",
        date=timezone.localdate() - timedelta(days=1),
    )
    up = type(up).objects.get(pk=up.pk)
    with pytest.raises(services.DossierError, match="quá hạn nộp hồ sơ của Tỉnh Bắc Kạn"):
        services.submit(up, users["standing"])
