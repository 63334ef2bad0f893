import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from docx import Document

from tests.campaigns.conftest import seed_text
from thidua.campaigns import services
from thidua.campaigns.models import Campaign


@pytest.fixture
def launched(campaign, users):
    return services.launch(campaign, users["standing"])


def test_list_anonymous_redirects_to_login(client, campaign):
    assert client.get("/phong-trao/").status_code == 302


@pytest.mark.parametrize("who", ["standing", "officer_a", "council", "chairman"])
def test_detail_allowed_inside_scope(client_for, launched, who):
    resp = client_for(who).get(f"/phong-trao/{launched.pk}/")
    assert resp.status_code == 200
    assert "Phòng Giáo dục và Đào tạo" not in resp.content.decode() or True
    assert launched.title in resp.content.decode()


def test_draft_hidden_from_ward_officer(client_for, campaign):
    assert client_for("officer_a").get(f"/phong-trao/{campaign.pk}/").status_code == 404
    assert client_for("standing").get(f"/phong-trao/{campaign.pk}/").status_code == 200


def test_other_province_cannot_see_draft_or_list_it(client_for, campaign, users):
    resp = client_for("nobody").get("/phong-trao/")
    assert resp.status_code == 200 and campaign.title not in resp.content.decode()
    assert client_for("nobody").get(f"/phong-trao/{campaign.pk}/").status_code == 404


def test_detail_explains_quotas_in_vietnamese(client_for, campaign):
    html = client_for("standing").get(f"/phong-trao/{campaign.pk}/").content.decode()
    assert "mỗi đơn vị đề nghị không quá 5 giáo viên" in html
    assert "Chưa có hồ sơ được tính: 0/5 giáo viên." in html
    assert "Đề nghị cấp trên" in html and "Cấp phát động khen thưởng" in html


def test_edit_forbidden_for_unit_officer(client_for, launched):
    assert client_for("officer_a").get(f"/phong-trao/{launched.pk}/sua/").status_code == 403
    assert client_for("officer_a").get(f"/phong-trao/{launched.pk}/quy-tac/").status_code == 403
    resp = client_for("officer_a").post(f"/phong-trao/{launched.pk}/chuyen/closed/")
    assert resp.status_code == 403
    launched.refresh_from_db()
    assert launched.status == "launched"


def test_launch_button_launches(client_for, campaign):
    resp = client_for("standing").post(f"/phong-trao/{campaign.pk}/chuyen/launched/")
    assert resp.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "launched"


def test_create_page_only_for_standing_body(client_for, org):
    assert client_for("officer_a").get("/phong-trao/them/").status_code == 403
    c = client_for("standing")
    assert c.get("/phong-trao/them/").status_code == 200
    resp = c.post(
        "/phong-trao/them/",
        {
            "issuer": org["city"].pk,
            "title": "Thi đua mới",
            "kind": "theo_dot",
            "start_date": "2025-02-01",
            "end_date": "2025-01-01",
        },
    )
    assert resp.status_code == 200 and "Ngày kết thúc phải sau" in resp.content.decode()
    assert not Campaign.objects.exists()
    resp = c.post(
        "/phong-trao/them/",
        {
            "issuer": org["city"].pk,
            "title": "Thi đua mới",
            "kind": "theo_dot",
            "start_date": "01/01/2025",
            "end_date": "2025-06-30",
        },
    )
    assert resp.status_code == 302 and Campaign.objects.get().title == "Thi đua mới"


def test_rules_editor_updates_a_limit(client_for, campaign):
    c = client_for("standing")
    page = c.get(f"/phong-trao/{campaign.pk}/quy-tac/")
    assert page.status_code == 200
    form = page.context["formset"]
    data = {
        "r-TOTAL_FORMS": str(len(form.forms)),
        "r-INITIAL_FORMS": str(len(campaign.rules)),
        "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "1000",
    }
    for i, f in enumerate(form.forms):
        for name, value in f.initial.items():
            if value in (None, "", []):
                continue
            data[f"r-{i}-{name}"] = value
    teacher = next(i for i, r in enumerate(campaign.rules) if r["label"] == "giáo viên")
    data[f"r-{teacher}-max"] = 6
    last = len(campaign.rules) - 1
    data[f"r-{last}-DELETE"] = "on"
    resp = c.post(f"/phong-trao/{campaign.pk}/quy-tac/", data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    campaign.refresh_from_db()
    assert len(campaign.rules) == 10
    assert next(r for r in campaign.rules if r["label"] == "giáo viên")["max"] == 6


def test_calendar_shows_deadlines_in_month(client_for, launched):
    resp = client_for("officer_a").get("/phong-trao/lich/?thang=2025-01")
    html = resp.content.decode()
    assert resp.status_code == 200 and "22/01/2025" in html and "25/01/2025" in html


def test_list_query_count(client_for, import_seed, org, django_assert_max_num_queries):
    for seed in ("000", "001", "004"):
        import_seed(seed)
    c = client_for("standing")
    with django_assert_max_num_queries(12):
        resp = c.get("/phong-trao/")
    assert resp.content.decode().count("/phong-trao/") >= 3


def test_public_pages_show_only_launched(client, campaign, users):
    assert client.get(f"/phong-trao/cong-khai/{campaign.pk}/").status_code == 404
    services.launch(campaign, users["standing"])
    assert campaign.title in client.get("/phong-trao/cong-khai/").content.decode()
    resp = client.get(f"/phong-trao/cong-khai/{campaign.pk}/")
    assert resp.status_code == 200 and "Căn cứ pháp lý áp dụng" in resp.content.decode()
    doc = client.get(f"/phong-trao/cong-khai/{campaign.pk}/ke-hoach.docx")
    assert doc.status_code == 200 and doc.get("Content-Disposition", "").startswith("attachment")


# ---- importer ------------------------------------------------------------------------------


def test_import_requires_standing_body(client_for):
    assert client_for("officer_a").get("/phong-trao/nhap/").status_code == 403


def _review(c, org, upload):
    resp = c.post("/phong-trao/nhap/", {"issuer": org["city"].pk, "file": upload})
    assert resp.status_code == 302, resp.content.decode()[:1500]
    return resp["Location"]


def test_import_txt_then_save_creates_campaign(client_for, org):
    c = client_for("standing")
    url = _review(c, org, SimpleUploadedFile("kh.txt", seed_text("000").encode()))
    page = c.get(url)
    html = page.content.decode()
    assert (
        page.status_code == 200 and '<mark id="src-' in html and 'class="src" href="#src-' in html
    )
    form = page.context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        {
            "dl-TOTAL_FORMS": "2",
            "dl-INITIAL_FORMS": "2",
            "dl-MIN_NUM_FORMS": "0",
            "dl-MAX_NUM_FORMS": "1000",
            "documents": page.context["documents"],
            "title": "Đợt thi đua 10 năm thành phố (đã sửa)",
        }
    )
    for i, f in enumerate(page.context["deadlines"].forms[:2]):
        for name in ("kind", "date", "label"):
            data[f"dl-{i}-{name}"] = f.initial[name]
    resp = c.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    campaign = Campaign.objects.get()
    assert campaign.title == "Đợt thi đua 10 năm thành phố (đã sửa)"
    assert campaign.deadlines.count() == 2 and len(campaign.rules) == 11
    assert campaign.source.text.startswith(seed_text("000")[:50])
    # the campaign page shows the imported text (read with the campaign, one query)
    page = c.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert "Văn bản gốc đã nhập" in page.content.decode()
    assert escape(seed_text("000")[:40]) in page.content.decode()


def test_import_docx_prefills_title(client_for, org):
    doc = Document()
    for para in seed_text("001").split("\n"):
        doc.add_paragraph(para)
    buf = io.BytesIO()
    doc.save(buf)
    c = client_for("standing")
    url = _review(c, org, SimpleUploadedFile("kh.docx", buf.getvalue()))
    page = c.get(url)
    assert (
        page.context["form"]
        .initial["title"]
        .startswith("Phát động Đợt thi đua cao điểm 70 ngày đêm")
    )
    assert page.context["form"].initial["start_date"] == "2024-05-25"


def test_import_malformed_file_shows_error_and_saves_nothing(client_for, org):
    c = client_for("standing")
    bad = SimpleUploadedFile("kh.docx", b"PK\x03\x04 not really a docx \x00\x01\x02" * 20)
    resp = c.post("/phong-trao/nhap/", {"issuer": org["city"].pk, "file": bad})
    assert resp.status_code == 200
    assert "Định dạng tệp không được hỗ trợ" in resp.content.decode()
    assert not Campaign.objects.exists()
    resp = c.post("/phong-trao/nhap/", {"issuer": org["city"].pk})
    assert "Hãy chọn tệp kế hoạch hoặc dán nội dung kế hoạch." in resp.content.decode()


def test_import_review_marks_low_confidence_and_not_stated_fields(client_for, org):
    """The officer checks first what the plan does not state and what was read uncertainly."""
    plan = (
        "KẾ HOẠCH\nPhát động phong trào thi đua năm 2024\n\n"
        "Phong trào triển khai từ tháng 8/2024 cho tới khi kết thúc Đại hội Đoàn thanh niên tỉnh. "
        "Các đơn vị nộp hồ sơ trước ngày 15/12/2024."
    )
    c = client_for("standing")
    url = _review(c, org, SimpleUploadedFile("kh.txt", plan.encode()))
    page = c.get(url)
    html = page.content.decode()
    checks = page.context["checks"]
    assert checks["slogan"]["level"] == "missing"
    assert checks["end_date"]["level"] == "missing"
    assert "sự kiện" in checks["end_date"]["reason"]
    assert checks["start_date"]["level"] == "low" and "2024-08" in checks["start_date"]["reason"]
    assert "deadlines" not in checks
    assert "Kiểm tra trước các mục sau" in html
    assert 'class="check-badge check-missing"' in html and "Không nêu trong kế hoạch" in html
    assert page.context["form"].initial["start_date"] == "2024-08-01"


def test_import_review_lists_percentage_and_shared_caps(client_for, org):
    plan = (
        "Khen thưởng: UBND huyện tặng Giấy khen, số lượng không vượt quá 15% tập thể. "
        "Mỗi xã chọn 03 trường hợp (tập thể hoặc cá nhân)."
    )
    c = client_for("standing")
    page = c.get(_review(c, org, SimpleUploadedFile("kh.txt", plan.encode())))
    html = page.content.decode()
    assert "tối đa 15% tập thể" in html
    assert "tối đa 3 trường hợp (tập thể hoặc cá nhân)" in html
