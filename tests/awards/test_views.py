import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.awards import services as s
from thidua.awards.models import Award, Decision, DecisionStatus

JAN = date(2025, 1, 20)


@pytest.fixture
def draft(approved_session, users):
    return s.draft_from_session(approved_session, users["standing"], on=JAN)


@pytest.fixture
def signed(draft, users):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    return draft


# ---- decision list -------------------------------------------------------------------------


def test_decisions_anonymous_redirects(client, draft):
    assert client.get(reverse("awards:decisions")).status_code == 302


def test_decisions_standing_and_chairman_see_drafts(client_for, draft):
    for name in ("standing", "chairman"):
        html = client_for(name).get(reverse("awards:decisions")).content.decode()
        assert "Dự thảo" in html and f"/khen-thuong/quyet-dinh/{draft.pk}/" in html


def test_unit_officer_sees_only_signed_decisions_awarding_their_unit(client_for, draft, users):
    url = reverse("awards:decision", args=[draft.pk])
    assert client_for("officer_a").get(url).status_code == 404
    s.sign(draft, users["chairman"])
    assert client_for("officer_a").get(url).status_code == 200
    assert client_for("edu_officer").get(url).status_code == 404


def test_decision_detail_forbidden_without_role(client_for, draft):
    assert client_for("nobody").get(reverse("awards:decision", args=[draft.pk])).status_code == 403


def test_decision_list_query_count(
    client_for, org, users, council, campaign, django_assert_max_num_queries
):
    from tests.council.builders import GIAY_KHEN_HUYEN, appraised_dossier, approve_all

    for i in range(6):
        appraised_dossier(
            org, None, org["ward_a"], GIAY_KHEN_HUYEN, [("individual", None, f"Người {i}")]
        )
        session = approve_all(org, users, date(2025, 2, i + 1))
        s.draft_from_session(session, users["standing"], on=date(2025, 2, i + 1))
    c = client_for("standing")
    with django_assert_max_num_queries(12):
        resp = c.get(reverse("awards:decisions"))
    assert resp.content.decode().count("/khen-thuong/quyet-dinh/") >= 6


# ---- detail, sign, corrections --------------------------------------------------------------


def test_detail_shows_money_and_codes_after_signing_and_no_unkeyed_hash(client_for, signed):
    html = client_for("standing").get(reverse("awards:decision", args=[signed.pk])).content.decode()
    # The unkeyed hash proved nothing outside thidua (#16): the page says whether the
    # decision carries digital signatures instead (this issuer has no signing credential).
    assert signed.content_hash not in html and "Không có chữ ký số" in html
    assert "1.410.000 đ" in html and "3.890.000 đ" in html
    assert signed.awards.first().verification_code in html


def test_sign_through_the_page_by_chairman_only(client_for, draft):
    url = reverse("awards:decision_sign", args=[draft.pk])
    resp = client_for("standing").post(url, follow=True)
    assert "Chỉ Chủ tịch" in resp.content.decode()
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT
    client_for("chairman").post(url, {"date": "2025-01-22"})
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.doc_date == date(2025, 1, 22)


def test_edit_with_bad_date_changes_nothing(client_for, draft):
    resp = client_for("standing").post(
        reverse("awards:decision_edit", args=[draft.pk]),
        {"date": "31/02/2025", "title": "Khác"},
        follow=True,
    )
    draft.refresh_from_db()
    assert "Ngày không hợp lệ" in resp.content.decode() and draft.title != "Khác"


def test_revoke_through_the_page(client_for, signed, users):
    resp = client_for("standing").post(
        reverse("awards:decision_correct", args=[signed.pk, "revoke"]),
        {"reason": "Khai man thành tích"},
    )
    new = Decision.objects.get(revokes=signed)
    assert resp.status_code == 302 and resp["Location"].endswith(f"/{new.pk}/")


def test_amendment_through_the_page_is_dated_and_unsignable_lines_are_explained(client_for, signed):
    url = reverse("awards:decision_correct", args=[signed.pk, "amend"])
    resp = client_for("standing").post(
        url, {"reason": "Sai tên", "date": "2026-08-15"}, follow=True
    )
    assert resp.status_code == 200
    assert "Không soạn được quyết định sửa đổi ngày 15/08/2026" in resp.content.decode()
    assert not Decision.objects.filter(amends=signed).exists()
    client_for("standing").post(url, {"reason": "Sai tên", "date": "2025-03-10"})
    amendment = Decision.objects.get(amends=signed)
    assert amendment.doc_date == date(2025, 3, 10)


def test_docx_and_pdf_downloads(client_for, signed):
    from thidua.core.documents import docx_text, soffice_path

    resp = client_for("standing").get(reverse("awards:decision_docx", args=[signed.pk]))
    text = docx_text(resp.content)
    assert "QUYẾT ĐỊNH" in text and "Số: 01/QĐ-UBND" in text
    assert (
        "Điều 1. Tặng Giấy khen của Chủ tịch UBND thành phố Bắc Kạn cho 01 tập thể, 02 cá nhân, 01 hộ gia đình"
        in text
    )
    # The hash is verified on the certificate and in the registry, not printed here.
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in text and signed.content_hash not in text
    assert soffice_path(), "LibreOffice is installed by `make test` (scripts/install-system-deps)"
    pdf = client_for("standing").get(reverse("awards:decision_pdf", args=[signed.pk]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    signed.refresh_from_db()
    assert signed.pdf.name  # kept: the signed decision never changes


# ---- payments -------------------------------------------------------------------------------


def test_payments_forbidden_to_unit_officer(client_for, signed):
    assert client_for("officer_a").get(reverse("awards:payments")).status_code == 403


def test_payments_list_totals_per_campaign(client_for, signed):
    html = client_for("standing").get(reverse("awards:payments")).content.decode()
    assert "10 năm thành lập" in html and "3.890.000 đ" in html


def test_payments_list_query_count(client_for, signed, django_assert_max_num_queries):
    c = client_for("standing")
    with django_assert_max_num_queries(14):
        c.get(reverse("awards:payments"))


def test_mark_paid_through_the_page(client_for, signed, users):
    ids = list(Award.objects.values_list("pk", flat=True)[:2])
    client_for("standing").post(
        reverse("awards:payment_update"), {"awards": ids, "date": "2025-02-03", "what": "paid"}
    )
    assert Award.objects.filter(paid_at=date(2025, 2, 3), paid_by=users["standing"]).count() == 2


def test_payment_xlsx_has_vietnamese_headers_and_total_row(client_for, signed):
    resp = client_for("standing").get(reverse("awards:payments_xlsx"))
    ws = load_workbook(io.BytesIO(resp.content)).active
    headers = [c.value for c in ws[7]]
    assert headers[:2] == ["STT", "Tập thể, cá nhân được khen"] and "Số tiền (đồng)" in headers
    total = [c.value for c in ws[7 + 4 + 1]]
    assert total[1] == "Tổng cộng" and total[6] == 3_890_000
    assert ws.cell(row=8, column=7).number_format == '#,##0" đ"'
    # Printable: the paying body, the title, the decision, the total in words, signatures.
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN" in texts and "DANH SÁCH CHI TIỀN THƯỞNG" in texts
    assert any(t.startswith("(Kèm theo Quyết định số 01/QĐ-UBND ngày 20/01/2025") for t in texts)
    assert "Bằng chữ: Ba triệu tám trăm chín mươi nghìn đồng." in texts
    assert "NGƯỜI LẬP BIỂU" in texts and "KẾ TOÁN" in texts
    assert any(t.startswith("Bắc Kạn, ngày") for t in texts)
    assert "Giấy khen của Chủ tịch UBND thành phố Bắc Kạn" in texts
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
