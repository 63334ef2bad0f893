"""The public pages: "Kiểm tra chữ ký số" (upload a PDF; CSRF, size limit) tried with a
signed decision, a tampered one and an unsigned PDF; the verification page of an award links
the signed decision, served byte for byte."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from thidua.awards import services as s

from .conftest import CHAIRMAN_NAME, ISSUER_NAME

CHECK = "registry:signature_check"


@pytest.fixture
def signed_pdf(draft, users, keys):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    with draft.pdf.open("rb") as fh:
        return fh.read()


def _check(data: bytes, name="quyet-dinh.pdf"):
    return Client().post(reverse(CHECK), {"tep": SimpleUploadedFile(name, data)})


def test_signed_decision_reported_valid_with_both_signers(signed_pdf):
    resp = _check(signed_pdf)
    html = resp.content.decode()
    assert resp.status_code == 200 and "✔ Hợp lệ" in html
    assert f"Chữ ký 1: {CHAIRMAN_NAME}" in html and f"Chữ ký 2: {ISSUER_NAME}" in html
    assert "Không bị sửa đổi sau khi ký (sau chữ ký này chỉ có thêm chữ ký khác)" in html
    assert html.count("Chứng thư gốc tin cậy</dt><dd>Có") == 2
    assert "thidua TEST Intermediate CA" in html


def test_tampered_decision_reported_invalid(signed_pdf):
    data = bytearray(signed_pdf)
    at = data.index(b"stream") + 40
    data[at] ^= 0x01
    html = _check(bytes(data)).content.decode()
    assert "✘ Không hợp lệ" in html and "Đã bị thay đổi: chữ ký không còn khớp với tệp" in html
    assert "không dẫn tới chứng thư gốc" not in html  # the break is the finding, not trust


def test_content_appended_after_signing_reported(signed_pdf):
    """An incremental update after the last signature (a changed page) is reported."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    html = _check(out.getvalue()).content.decode()
    assert "✘ Không hợp lệ" in html and "Tệp đã bị sửa đổi sau khi ký" in html


def test_unsigned_pdf_reported_as_unsigned(draft):
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Giấy mời")
    c.save()
    html = _check(buf.getvalue()).content.decode()
    assert "✘ Không có chữ ký số" in html and "không có chữ ký số nào" in html


def test_not_a_pdf_and_too_large_refused(settings, db):
    resp = _check(b"MZ\x90\x00 not a pdf", "virus.exe")
    assert resp.status_code == 400 and "không phải là tệp PDF" in resp.content.decode()
    settings.THIDUA_SIGNATURE_CHECK_MAX_BYTES = 1024 * 1024
    resp = _check(b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))
    assert resp.status_code == 400 and "Tệp quá lớn: tối đa 1 MB" in resp.content.decode()


def test_check_needs_the_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    resp = client.post(reverse(CHECK), {"tep": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    assert resp.status_code == 403
    page = client.get(reverse(CHECK))
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()


def test_verification_page_links_the_signed_decision(draft, users, signed_pdf):
    award = draft.awards.first()
    page = Client().get(reverse("registry:verify", args=[award.verification_code]))
    html = page.content.decode()
    link = reverse("registry:verify_pdf", args=[award.verification_code])
    assert page.status_code == 200 and f"Số {draft.number_display}" in html and link in html
    resp = Client().get(link)
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert b"".join(resp.streaming_content) == signed_pdf


def test_no_signed_pdf_link_for_a_decision_without_digital_signature(draft, users, settings):
    settings.THIDUA_SIGNING_REQUIRED = False
    s.sign(draft, users["chairman"])
    award = draft.awards.first()
    html = Client().get(reverse("registry:verify", args=[award.verification_code])).content
    assert "Bản quyết định đã ký số" not in html.decode()
    resp = Client().get(reverse("registry:verify_pdf", args=[award.verification_code]))
    assert resp.status_code == 404


def test_revoked_award_does_not_serve_the_decision(draft, users, signed_pdf):
    award = draft.awards.first()
    award.revoked = True
    award.save(update_fields=["revoked"])
    resp = Client().get(reverse("registry:verify_pdf", args=[award.verification_code]))
    assert resp.status_code == 404


def test_broken_pdf_reported_unreadable(db):
    html = _check(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage").content.decode()
    assert "không phải là tệp PDF đọc được" in html


def test_pdf_signed_under_an_unknown_root_reported_untrusted(db, trusted):
    from io import BytesIO

    from reportlab.pdfgen import canvas

    from thidua.signing.democa import DemoCA
    from thidua.signing.pades import Field, PadesSigner, Pkcs12Source

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Văn bản")
    c.save()
    stranger = DemoCA.create("Unknown Root CA").issue("Người Lạ")
    signed = PadesSigner(Pkcs12Source(stranger.pkcs12("x"), "x")).sign(
        buf.getvalue(), Field("Sig", 0, None)
    )
    html = _check(signed).content.decode()
    assert "✘ Không hợp lệ" in html and "Chữ ký 1: Người Lạ" in html
    assert "Không bị sửa đổi sau khi ký" in html and "không dẫn tới chứng thư gốc" in html
