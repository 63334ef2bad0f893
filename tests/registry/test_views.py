"""Registry pages and API: public pages need no login; scoped pages allow/deny by unit."""

import io
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from thidua.awards.models import DecisionStatus
from thidua.registry.models import BatchStatus, CertificateBatch, CertificateLayout

from .conftest import make_award, make_decision

# ---- public ------------------------------------------------------------------------


def test_public_search_needs_no_login_and_ignores_diacritics(client, signed):
    resp = client.get(reverse("registry:search"), {"q": "duc xuan"})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Phường Đức Xuân" in body and "Ma Thị Lan" in body and "Bế Văn Hùng" not in body


def test_public_search_shows_only_signed_not_revoked(client, org, signed):
    draft = make_decision(org["city"], number=77, status=DecisionStatus.DRAFT)
    make_award(draft, "Lục Văn Nháp", org["ward_a"])
    signed["awards"][1].revoked = True
    signed["awards"][1].save(update_fields=["revoked"])
    body = client.get(reverse("registry:search"), {"q": "van"}).content.decode()
    assert "Lục Văn Nháp" not in body and "Bế Văn Hùng" not in body


def test_public_search_htmx_returns_only_the_results_partial(client, signed):
    resp = client.get(reverse("registry:search"), {"q": "lan"}, HTTP_HX_REQUEST="true")
    body = resp.content.decode()
    assert "Ma Thị Lan" in body and "<html" not in body


def test_public_search_query_count_is_constant(client, org, signed, django_assert_max_num_queries):
    d = make_decision(org["city"], number=80)
    for i in range(40):
        make_award(d, f"Nguyễn Văn Số {i}", org["ward_b"])
    # + SET LOCAL on PostgreSQL (the search plans without parallel workers)
    with django_assert_max_num_queries(4 + (connection.vendor == "postgresql")):
        resp = client.get(reverse("registry:search"), {"q": "nguyen van"})
    assert resp.content.decode().count("Nguyễn Văn Số") == 40


def test_verify_page_shows_a_valid_award_without_login(client, signed):
    code = signed["awards"][0].verification_code
    resp = client.get(reverse("registry:verify", args=[code]))
    assert resp.status_code == 200
    assert "Hợp lệ" in resp.content.decode() and "Ma Thị Lan" in resp.content.decode()


def test_verify_page_rejects_unknown_and_revoked_codes(client, signed):
    assert client.get(reverse("registry:verify", args=["KHONGCO1"])).status_code == 404
    award = signed["awards"][0]
    award.revoked = True
    award.save(update_fields=["revoked"])
    resp = client.get(reverse("registry:verify", args=[award.verification_code]))
    assert resp.status_code == 404 and "thu hồi" in resp.content.decode()


def test_verify_form_redirects_to_the_code_page(client, signed):
    code = signed["awards"][0].verification_code
    resp = client.get(reverse("registry:verify_form"), {"ma": code.lower()})
    assert resp.status_code == 302 and resp.url == reverse("registry:verify", args=[code])


# ---- histories -----------------------------------------------------------------------


def test_search_rows_link_to_verification_and_keep_the_chosen_form(client, signed):
    a = signed["awards"][0]
    body = client.get(
        reverse("registry:search"), {"q": "ma thi", "hinh_thuc": a.form_code}
    ).content.decode()
    url = reverse("registry:verify", kwargs={"code": a.verification_code})
    assert f'<a href="{url}"><code>{a.verification_code}</code></a>' in body
    assert f'<option value="{a.form_code}" selected>' in body
    assert body.count(" selected>") == 1
    assert '<option value="">Mọi hình thức</option>' in body


def test_histories_print_their_rows(client_for, org, signed):
    c = client_for("standing")
    person = c.get(reverse("registry:person", args=[org["person_a"].pk])).content.decode()
    assert "<strong>Ma Thị Lan</strong>" in person and "Bế Văn Hùng" not in person
    unit = c.get(reverse("registry:unit", args=[org["ward_a"].pk])).content.decode()
    own, members = unit.split("Cá nhân, tập thể trực thuộc")
    assert "<strong>Phường Đức Xuân</strong>" in own and "Ma Thị Lan" not in own
    assert "<strong>Ma Thị Lan</strong>" in members
    decision = signed["decision"]
    assert f"Số {decision.number_display}" in members


@pytest.mark.parametrize(
    ("who", "status"), [("officer_a", 200), ("standing", 200), ("officer_b", 404)]
)
def test_person_history_is_scoped(client_for, org, signed, who, status):
    resp = client_for(who).get(reverse("registry:person", args=[org["person_a"].pk]))
    assert resp.status_code == status
    if status == 200:
        assert "Giấy khen của Chủ tịch UBND thành phố" in resp.content.decode()


def test_history_pages_redirect_anonymous_to_login(client, org):
    for url in (
        reverse("registry:person", args=[org["person_a"].pk]),
        reverse("registry:unit", args=[org["ward_a"].pk]),
    ):
        resp = client.get(url)
        assert resp.status_code == 302 and resp.url.startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize(
    ("who", "status"), [("officer_a", 200), ("standing", 200), ("council", 200), ("officer_b", 404)]
)
def test_unit_history_is_scoped(client_for, org, signed, who, status):
    resp = client_for(who).get(reverse("registry:unit", args=[org["ward_a"].pk]))
    assert resp.status_code == status


def test_unit_history_query_count(client_for, org, signed, django_assert_max_num_queries):
    d = make_decision(org["city"], number=81)
    for i in range(30):
        make_award(d, f"Hà Thị Số {i}", org["ward_a"])
    c = client_for("standing")
    with django_assert_max_num_queries(16):
        resp = c.get(reverse("registry:unit", args=[org["ward_a"].pk]))
    assert resp.content.decode().count("Hà Thị Số") == 30


# ---- certificates, batches, layouts --------------------------------------------------


def test_certificate_pdf_for_the_standing_body(client_for, signed):
    award = signed["awards"][0]
    resp = client_for("standing").get(reverse("registry:certificate", args=[award.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(resp.content)).pages[0].extract_text()
    assert "Bà Ma Thị Lan" in text and "Quyết định số 15/QĐ-UBND ngày 20/01/2025" in text


@pytest.mark.parametrize(
    ("who", "status"), [("officer_a", 403), ("officer_b", 404), ("council", 403)]
)
def test_certificate_pdf_denied_to_others(client_for, signed, who, status):
    resp = client_for(who).get(reverse("registry:certificate", args=[signed["awards"][0].pk]))
    assert resp.status_code == status


def test_batch_flow_start_progress_download(client_for, signed, django_capture_on_commit_callbacks):
    c = client_for("standing")
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(reverse("registry:batch_start", args=[signed["decision"].pk]))
    batch = CertificateBatch.objects.get()
    assert resp.status_code == 302 and resp.url == reverse("registry:batch", args=[batch.pk])
    assert batch.status == BatchStatus.DONE
    page = c.get(
        reverse("registry:batch", args=[batch.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Hoàn thành" in page and "3/3" in page and "<html" not in page
    pdf = c.get(reverse("registry:batch_download", args=[batch.pk]))
    assert len(PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages) == 3


@pytest.mark.parametrize(("who", "status"), [("officer_a", 404), ("officer_b", 404)])
def test_batch_start_denied_outside_the_standing_body(client_for, signed, who, status):
    resp = client_for(who).post(reverse("registry:batch_start", args=[signed["decision"].pk]))
    assert resp.status_code == status
    assert not CertificateBatch.objects.exists()


def test_printing_desk_lists_signed_decisions_for_the_standing_body(
    client_for, signed, django_assert_max_num_queries
):
    c = client_for("standing")
    with django_assert_max_num_queries(10):
        resp = c.get(reverse("registry:printing"))
    assert resp.status_code == 200 and "15/QĐ-UBND" in resp.content.decode()
    assert client_for("officer_a").get(reverse("registry:printing")).status_code == 403


def test_layout_create_edit_and_test_print(client_for, org):
    c = client_for("standing")
    resp = c.post(
        reverse("registry:layouts"),
        {"issuer": org["city"].pk, "form_kind": "giay_khen", "issuer_title": "", "use_blank": "on"},
    )
    layout = CertificateLayout.objects.get()
    assert resp.status_code == 302
    data = {"issuer_title": "", "use_blank": "on"}
    for name, spec in layout.fields.items():
        for key in ("x_mm", "y_mm", "size", "max_width_mm", "align", "style"):
            data[f"{name}__{key}"] = spec[key]
    # typed with a decimal comma, as every page shows numbers (#15 item 17)
    data["awardee_name__x_mm"], data["awardee_name__y_mm"] = "150,5", "101"
    resp = c.post(reverse("registry:layout", args=[layout.pk]), data)
    assert resp.status_code == 302
    layout.refresh_from_db()
    assert (
        layout.fields["awardee_name"]["x_mm"] == 150.5
        and layout.fields["awardee_name"]["y_mm"] == 101
    )
    page = c.get(reverse("registry:layout", args=[layout.pk])).content.decode()
    assert (
        'data-field="awardee_name"' in page
        and "layout-editor.js" in page
        and "<script>" not in page
    )
    pdf = c.get(reverse("registry:layout_test_print", args=[layout.pk]))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Ông Nguyễn Văn Hưng" in text and "TẶNG GIẤY KHEN" not in text


def test_layout_rejects_a_box_outside_the_sheet_and_keeps_the_old_values(client_for, org):
    c = client_for("standing")
    c.post(
        reverse("registry:layouts"),
        {"issuer": org["city"].pk, "form_kind": "bang_chung_nhan", "use_blank": "on"},
    )
    layout = CertificateLayout.objects.get()
    data = {"use_blank": "on"}
    for name, spec in layout.fields.items():
        for key in ("x_mm", "y_mm", "size", "max_width_mm", "align", "style"):
            data[f"{name}__{key}"] = spec[key]
    data["wording__x_mm"] = "20"  # centred, 235 mm wide: starts left of the sheet
    resp = c.post(reverse("registry:layout", args=[layout.pk]), data)
    assert resp.status_code == 200 and "vượt ra ngoài" in resp.content.decode()
    layout.refresh_from_db()
    assert layout.fields["wording"]["x_mm"] == 148.5


def test_a_city_gets_no_bang_khen_layout(client_for, org):
    """The city cannot grant a Bằng khen (the province does): no print layout for it."""
    resp = client_for("standing").post(
        reverse("registry:layouts"),
        {"issuer": org["city"].pk, "form_kind": "bang_khen", "use_blank": "on"},
    )
    assert "không có thẩm quyền tặng bằng khen" in resp.content.decode()
    assert not CertificateLayout.objects.exists()


def test_layouts_page_denied_to_unit_officers_and_anonymous(client, client_for):
    assert client_for("officer_a").get(reverse("registry:layouts")).status_code == 403
    assert client.get(reverse("registry:layouts")).status_code == 302


def test_layout_of_another_authority_is_not_found(client_for, org, users):
    layout = CertificateLayout.objects.create(issuer=org["province"], form_kind="bang_khen")
    assert (
        client_for("standing").get(reverse("registry:layout", args=[layout.pk])).status_code == 404
    )


def test_export_and_import_pages(client_for, signed):
    c = client_for("standing")
    resp = c.get(reverse("registry:export"), {"dinh_dang": "json"})
    doc = json.loads(resp.content)
    assert len(doc["awards"]) == 3
    assert client_for("officer_a").get(reverse("registry:export")).status_code == 403
    bad = json.dumps(
        {"awards": [dict(doc["awards"][0], ma_xac_thuc="", ngay_quyet_dinh="20/01/2025")]}
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    resp = c.post(reverse("registry:import"), {"file": SimpleUploadedFile("so.json", bad)})
    assert "YYYY-MM-DD" in resp.content.decode()


# ---- API -------------------------------------------------------------------------------


def test_api_search_and_verify_are_public(client, signed):
    rows = client.get("/api/registry/search", {"q": "duc xuan"}).json()
    assert sorted(r["awardee_name"] for r in rows) == ["Ma Thị Lan", "Phường Đức Xuân"]
    code = signed["awards"][1].verification_code
    assert (
        client.get(f"/api/registry/verify/{code}").json()["award"]["awardee_name"] == "Bế Văn Hùng"
    )
    assert client.get("/api/registry/verify/KHONGCO1").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("officer_a", 200), ("standing", 200), ("officer_b", 404)]
)
def test_api_person_history_is_scoped(client_for, org, signed, who, status):
    resp = client_for(who).get(f"/api/registry/persons/{org['person_a'].pk}/awards")
    assert resp.status_code == status
    if status == 200:
        assert [r["awardee_name"] for r in resp.json()] == ["Ma Thị Lan"]


def test_api_history_and_export_need_authentication(client, org):
    assert Client().get(f"/api/registry/units/{org['ward_a'].pk}/awards").status_code == 401
    assert client.get("/api/registry/export").status_code == 401


def test_api_unit_history_and_export_permissions(client_for, org, signed):
    data = client_for("officer_a").get(f"/api/registry/units/{org['ward_a'].pk}/awards").json()
    assert [r["awardee_name"] for r in data["collective"]] == ["Phường Đức Xuân"]
    assert client_for("officer_a").get("/api/registry/export").status_code == 403
    assert len(client_for("standing").get("/api/registry/export").json()["awards"]) == 3
