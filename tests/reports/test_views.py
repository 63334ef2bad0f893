"""Views of the reports app: anonymous → login, other unit → 404/403, own unit and standing
body → 200; list pages within a query budget; downloads carry the report's content."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.core.documents import docx_text
from thidua.reports import services
from thidua.reports.models import (
    ExemplaryModel,
    Initiative,
    Inspection,
    InspectionItem,
    InspectionPlan,
    Milestone,
    Programme,
    SavedReport,
    UnitReport,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def objs(org, users, campaign):
    model = ExemplaryModel.objects.create(
        kind="collective", name="Tổ dân phố 1", unit=org["village_a"], story="…"
    )
    ini = Initiative.objects.create(title="Số hóa hồ sơ", unit=org["ward_a"])
    ini.authors.add(org["person_a"])
    prog = Programme.objects.create(
        issuer=org["city"], title="CTr thành phố", start_year=2021, end_year=2025
    )
    ms = Milestone.objects.create(programme=prog, year=2023, quarter=2, title="Hội nghị")
    plan = InspectionPlan.objects.create(authority=org["city"], year=2025, title="KH kiểm tra")
    ins = Inspection.objects.create(
        plan=plan, unit=org["ward_b"], start_date=date(2025, 4, 1), end_date=date(2025, 4, 2)
    )
    InspectionItem.objects.create(inspection=ins, area="archive")
    report = UnitReport.objects.create(campaign=campaign, unit=org["ward_a"], narrative="Kết quả")
    saved = services.save_report(org["city"], users["standing"], campaign=campaign)
    return {
        "model": model,
        "ini": ini,
        "prog": prog,
        "ms": ms,
        "plan": plan,
        "ins": ins,
        "report": report,
        "saved": saved,
        "campaign": campaign,
    }


# (url name, args key, {user: expected status}) — GET pages
PAGES = [
    ("reports:index", None, {"officer_a": 200, "standing": 200, "council": 403, "nobody": 403}),
    ("reports:models", None, {"officer_a": 200, "officer_b": 200, "standing": 200}),
    ("reports:model", "model", {"officer_a": 200, "officer_b": 404, "standing": 200}),
    ("reports:initiatives", None, {"officer_a": 200, "standing": 200}),
    ("reports:initiative", "ini", {"officer_a": 200, "officer_b": 404, "standing": 200}),
    ("reports:programmes", None, {"officer_a": 200, "standing": 200}),
    ("reports:programme", "prog", {"officer_a": 200, "standing": 200, "nobody": 404}),
    ("reports:inspections", None, {"standing": 200, "council": 200, "officer_a": 403}),
    ("reports:plan", "plan", {"standing": 200, "council": 200, "officer_b": 403}),
    ("reports:inspection", "ins", {"standing": 200, "council": 200, "officer_b": 403}),
    ("reports:unit_report", "report", {"officer_a": 200, "officer_b": 404, "standing": 200}),
    ("reports:saved", "saved", {"standing": 200, "chairman": 200, "officer_a": 404}),
    ("reports:unit_reports", "campaign", {"standing": 200, "officer_a": 200, "nobody": 403}),
]


def _url(name, key, objs):
    return reverse(name, args=[objs[key].pk]) if key else reverse(name)


@pytest.mark.parametrize(("name", "key", "expected"), PAGES)
def test_pages_allow_and_deny(client, client_for, objs, name, key, expected):
    url = _url(name, key, objs)
    resp = client.get(url)
    assert resp.status_code == 302 and "/dang-nhap/" in resp["Location"]
    for user, status in expected.items():
        assert client_for(user).get(url).status_code == status, (name, user)


def test_report_page_shows_figures_and_chart_data(client_for, objs):
    resp = client_for("standing").get(reverse("reports:report"), {"campaign": objs["campaign"].pk})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'id="report-chart-data"' in html and "Bảng 6. Tỷ lệ khen thưởng cần quan tâm" in html
    assert "<script>" not in html.replace('<script type="application/json"', "")


def test_report_of_a_campaign_outside_the_scope_is_404(client_for, org, objs):
    from thidua.campaigns.models import Campaign

    other = Campaign.objects.create(
        issuer=org["ward_b"], title="Phong trào phường B", status="draft"
    )
    assert (
        client_for("officer_a").get(reverse("reports:report"), {"campaign": other.pk}).status_code
        == 404
    )
    assert (
        client_for("officer_a")
        .get(reverse("reports:report"), {"authority": org["ward_b"].pk})
        .status_code
        == 404
    )


def test_report_docx_is_a_state_format_report_with_the_narrative_skeleton(client_for, objs):
    resp = client_for("standing").get(
        reverse("reports:report_docx"), {"campaign": objs["campaign"].pk}
    )
    assert resp["Content-Disposition"].startswith("attachment")
    text = docx_text(resp.content)
    for heading in (
        "BÁO CÁO",
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ",
        "III. TỒN TẠI, HẠN CHẾ",
        "IV. PHƯƠNG HƯỚNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Bảng 4. Kết quả khen thưởng",
    ):
        assert heading in text


def test_report_xlsx_holds_the_tables(client_for, objs):
    resp = client_for("standing").get(reverse("reports:report_xlsx"), {"year": 2025})
    ws = load_workbook(io.BytesIO(resp.content)).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "Bảng 1. Triển khai và đăng ký thi đua" in values and "Tổng tiền thưởng (đồng)" in values


def test_bad_year_is_404_not_500(client_for, objs):
    assert client_for("standing").get(reverse("reports:report"), {"year": "abc"}).status_code == 404


def test_save_and_publish_report_is_for_the_standing_body(client_for, objs):
    url = reverse("reports:report_save")
    assert client_for("officer_a").post(url, {"campaign": objs["campaign"].pk}).status_code == 403
    n = SavedReport.objects.count()
    resp = client_for("standing").post(url, {"campaign": objs["campaign"].pk, "kind": "so_ket"})
    assert resp.status_code == 302 and SavedReport.objects.count() == n + 1
    saved = SavedReport.objects.latest("pk")
    assert saved.kind == "so_ket" and saved.title.startswith("Báo cáo sơ kết")
    client_for("standing").post(
        reverse("reports:saved_publish", args=[saved.pk]), {"published": "1"}
    )
    saved.refresh_from_db()
    assert saved.published


def test_unit_officer_writes_and_submits_the_units_report(client_for, org, objs, campaign):
    url = reverse("reports:unit_report_edit", args=[campaign.pk])
    data = {
        "narrative": "Đã hoàn thành",
        "work_items_done": 2,
        "events_done": 1,
        "collectives_praised": 0,
        "individuals_praised": 3,
        "spending": 1500000,
        "submit": "1",
    }
    resp = client_for("officer_b").post(url, data)
    assert resp.status_code == 302
    r = UnitReport.objects.get(campaign=campaign, unit=org["ward_b"])
    assert r.status == "submitted" and r.figures["spending"] == 1500000


def test_unit_report_with_negative_figure_changes_nothing(client_for, org, objs, campaign):
    url = reverse("reports:unit_report_edit", args=[campaign.pk])
    resp = client_for("officer_b").post(
        url,
        {
            "narrative": "x",
            "work_items_done": -1,
            "events_done": 0,
            "collectives_praised": 0,
            "individuals_praised": 0,
            "spending": 0,
        },
    )
    assert resp.status_code == 200 and not UnitReport.objects.filter(unit=org["ward_b"]).exists()


def test_statform_download_and_bad_period(client_for, objs):
    url = reverse("reports:statform", args=["0601"])
    resp = client_for("standing").get(url, {"start": "2024-01-01", "end": "2025-12-31"})
    assert resp.status_code == 200 and resp["Content-Disposition"].endswith('bieu-0601.xlsx"')
    assert (
        client_for("standing").get(url, {"start": "2025-12-31", "end": "2024-01-01"}).status_code
        == 302
    )
    assert (
        client_for("officer_a").get(url, {"start": "2024-01-01", "end": "2025-12-31"}).status_code
        == 403
    )
    assert client_for("standing").get(reverse("reports:statform", args=["0999"])).status_code == 404


def test_model_stage_publish_photo_flow_and_other_unit_is_denied(client, client_for, objs):
    m = objs["model"]
    assert (
        client_for("officer_b")
        .post(reverse("reports:model_stage", args=[m.pk]), {"stage": "nurture"})
        .status_code
        == 404
    )
    assert (
        client_for("council")
        .post(reverse("reports:model_stage", args=[m.pk]), {"stage": "nurture"})
        .status_code
        == 403
    )
    client_for("officer_a").post(reverse("reports:model_stage", args=[m.pk]), {"stage": "nurture"})
    client_for("officer_a").post(reverse("reports:model_publish", args=[m.pk]), {"published": "1"})
    client_for("officer_a").post(
        reverse("reports:model_photo_upload", args=[m.pk]),
        {"photo": SimpleUploadedFile("a.png", PNG), "caption": "Ảnh"},
    )
    m.refresh_from_db()
    assert m.stage == "nurture" and m.published and m.photos.count() == 1
    photo = m.photos.get()
    resp = client.get(reverse("reports:photo", args=[photo.pk]))  # published: public
    assert resp.status_code == 200 and resp["Content-Type"] == "image/png"
    client_for("officer_a").post(reverse("reports:model_publish", args=[m.pk]), {"published": "0"})
    assert client.get(reverse("reports:photo", args=[photo.pk])).status_code == 404
    assert client_for("officer_b").get(reverse("reports:photo", args=[photo.pk])).status_code == 404


def test_create_exemplary_model_via_form(client_for, org, objs):
    resp = client_for("officer_a").post(
        reverse("reports:model_new"),
        {
            "kind": "person",
            "name": "Nông dân giỏi",
            "unit": org["ward_a"].pk,
            "person": org["person_a"].pk,
            "story": "Câu chuyện",
            "field": "Nông nghiệp",
        },
    )
    assert resp.status_code == 302
    assert ExemplaryModel.objects.filter(name="Nông dân giỏi", person=org["person_a"]).exists()
    resp = client_for("officer_a").post(
        reverse("reports:model_new"),
        {
            "kind": "person",
            "name": "Sai đơn vị",
            "unit": org["ward_a"].pk,
            "person": org["person_b"].pk,
            "story": "x",
        },
    )
    assert resp.status_code == 200 and not ExemplaryModel.objects.filter(name="Sai đơn vị").exists()


def test_initiative_evaluation_via_view(client_for, objs):
    ini = objs["ini"]
    url = reverse("reports:initiative_evaluate", args=[ini.pk])
    data = {
        "council": "HĐSK",
        "meeting_date": "2024-11-20",
        "scores": "A: 80\nB: 70",
        "pass_score": 50,
        "verdict": "recognise",
        "level": "co_so",
        "recognition_ref": "3/QĐ",
    }
    assert (
        client_for("officer_a").post(url, data).status_code == 403
    )  # unit officer: not an evaluator
    client_for("standing").post(url, data)
    ini.refresh_from_db()
    assert ini.status == "recognised"
    bad = dict(data, scores="A tám mươi")
    ini2 = Initiative.objects.create(title="Khác", unit=ini.unit)
    client_for("standing").post(reverse("reports:initiative_evaluate", args=[ini2.pk]), bad)
    ini2.refresh_from_db()
    assert ini2.status == "registered"


def test_milestone_done_and_evidence_served_inline_when_pdf(client_for, objs):
    ms = objs["ms"]
    resp = client_for("standing").post(
        reverse("reports:milestone_done", args=[ms.pk]),
        {
            "done_on": "2023-06-09",
            "note": "Đã tổ chức",
            "evidence": SimpleUploadedFile("bb.pdf", b"%PDF-1.4 x"),
        },
    )
    assert resp.status_code == 302
    ms.refresh_from_db()
    assert ms.done_on == date(2023, 6, 9)
    ev = client_for("officer_a").get(reverse("reports:milestone_evidence", args=[ms.pk]))
    assert ev.status_code == 200 and ev["Content-Type"] == "application/pdf"
    assert (
        client_for("officer_a")
        .post(reverse("reports:milestone_done", args=[ms.pk]), {"done_on": "2023-06-09"})
        .status_code
        == 403
    )


def test_inspection_finding_and_fix_via_views(client_for, objs):
    ins = objs["ins"]
    url = reverse("reports:inspection_finding", args=[ins.pk])
    data = {
        "area": "archive",
        "description": "Thiếu biên bản",
        "action": "Bổ sung",
        "due_date": "2025-06-30",
    }
    assert client_for("council").post(url, data).status_code == 403
    client_for("standing").post(url, data)
    fix = ins.findings.get().fixes.get()
    client_for("standing").post(
        reverse("reports:fix_resolve", args=[fix.pk]), {"resolved_on": "2025-06-20", "note": "Xong"}
    )
    fix.refresh_from_db()
    assert fix.status == "done"


@pytest.mark.parametrize(
    "name",
    [
        "reports:models",
        "reports:initiatives",
        "reports:programmes",
        "reports:inspections",
        "reports:index",
    ],
)
def test_list_pages_query_budget(client_for, org, objs, name, django_assert_max_num_queries):
    for i in range(15):
        m = ExemplaryModel.objects.create(
            kind="model", name=f"Mô hình {i}", unit=org["ward_a"], story="…"
        )
        ini = Initiative.objects.create(title=f"Sáng kiến {i}", unit=org["ward_a"])
        ini.authors.add(org["person_a"])
        InspectionPlan.objects.create(authority=org["city"], year=2000 + i, title=f"KH {i}")
        Programme.objects.create(
            issuer=org["city"], title=f"CTr {i}", start_year=2021, end_year=2025
        )
        assert m.pk
    c = client_for("standing")
    with django_assert_max_num_queries(14):
        assert c.get(reverse(name)).status_code == 200


def test_programme_timeline_query_budget(client_for, objs, django_assert_max_num_queries):
    for i in range(30):
        Milestone.objects.create(
            programme=objs["prog"], year=2021 + i % 5, quarter=1 + i % 4, title=f"Nhiệm vụ {i}"
        )
    c = client_for("standing")
    with django_assert_max_num_queries(12):
        assert c.get(reverse("reports:programme", args=[objs["prog"].pk])).status_code == 200


def test_home_widgets_show_overdue_tasks_to_the_standing_body(client_for, objs):
    html = client_for("standing").get(reverse("home")).content.decode()
    assert "Nhiệm vụ chương trình quá hạn" in html  # the 2023 Q2 milestone is open and past due
    assert (
        "Nhiệm vụ chương trình quá hạn"
        not in client_for("officer_a").get(reverse("home")).content.decode()
    )


def test_api_figures_and_scope(client_for, org, objs):
    resp = client_for("standing").get(
        "/api/reports/figures", {"authority": org["city"].pk, "campaign": objs["campaign"].pk}
    )
    assert resp.status_code == 200 and resp.json()["campaign"]["id"] == objs["campaign"].pk
    assert (
        client_for("officer_a")
        .get("/api/reports/figures", {"authority": org["ward_b"].pk})
        .status_code
        == 404
    )
    ms = client_for("officer_a").get(f"/api/reports/programmes/{objs['prog'].pk}/milestones").json()
    assert ms[0]["status"] == "overdue"


def test_nav_entries_follow_roles(users):
    from thidua.core.nav import nav_for

    def names(user):
        return {i["name"] for i in nav_for(user)}

    council, officer = names(users["council"]), names(users["officer_a"])
    assert {
        "reports:inspections",
        "reports:programmes",
        "reports:models",
        "reports:initiatives",
    } <= council
    assert "reports:index" not in council
    assert "reports:index" in officer and "reports:inspections" not in officer


def test_target_actual_is_recorded_and_checked_against_the_period(client_for, objs):
    from thidua.reports.models import Target

    t = Target.objects.create(
        programme=objs["prog"], name="Xã đạt chuẩn nông thôn mới", unit_of_measure="xã"
    )
    url = reverse("reports:target_value", args=[t.pk])
    assert client_for("officer_a").post(url, {"year": 2025, "actual": "50"}).status_code == 403
    client_for("standing").post(url, {"year": 2025, "planned": "56", "actual": "50"})
    v = t.values.get(year=2025)
    assert (v.planned, v.actual, v.met) == (56, 50, False)
    client_for("standing").post(url, {"year": 2030, "actual": "60"})  # outside 2021–2025: refused
    assert not t.values.filter(year=2030).exists()


def test_statistics_forms_offered_only_to_the_standing_body(client_for, objs):
    assert "Biểu 0601" in client_for("standing").get(reverse("reports:index")).content.decode()
    assert "Biểu 0601" not in client_for("officer_a").get(reverse("reports:index")).content.decode()
