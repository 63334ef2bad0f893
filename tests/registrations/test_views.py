"""Pages: anonymous → login, other unit → 404/403, own unit → 200, standing body → 200;
exports, minutes, query counts."""

import io
from datetime import date, datetime

import pytest
from django.test import Client
from openpyxl import load_workbook

from thidua.core.deadlines import VN_TZ
from thidua.core.documents import docx_text
from thidua.registrations import services
from thidua.registrations.models import Indicator, ProgressReport, Registration


def client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def world(lc):
    u, users = lc["u"], lc["users"]
    regs = {}
    for code in ("KT", "CL"):
        reg = services.register(lc["campaign"], u[code], users[f"officer_{code}"])
        services.add_indicator(reg, users[f"officer_{code}"], name="Thu ngân sách", target="100")
        services.submit(reg, users[f"head_{code}"], now=datetime(2020, 10, 15, tzinfo=VN_TZ))
        services.accept(reg, users["head_block"])
        ind = reg.indicators.get()
        ProgressReport.objects.create(
            indicator=ind, report_date=date(2021, 6, 30), actual=90 if code == "KT" else 80
        )
        regs[code] = reg
    return {**lc, "regs": regs}


def test_list_requires_login(world):
    resp = Client().get("/dang-ky/")
    assert (
        resp.status_code == 302 and "/login" in resp["Location"] or "dang-nhap" in resp["Location"]
    )


def test_list_shows_only_own_unit_to_an_officer(world):
    body = client(world["users"]["officer_KT"]).get("/dang-ky/").content.decode()
    assert "Phường Kim Tân" in body and "Phường Cốc Lếu" not in body


def test_list_shows_all_to_the_standing_body(world):
    body = client(world["users"]["standing"]).get("/dang-ky/").content.decode()
    assert "Phường Kim Tân" in body and "Phường Cốc Lếu" in body


def test_detail_permissions(world):
    pk = world["regs"]["CL"].pk
    url = f"/dang-ky/{pk}/"
    assert Client().get(url).status_code == 302
    assert client(world["users"]["officer_KT"]).get(url).status_code == 404
    assert client(world["users"]["stranger"]).get(url).status_code == 404
    own = client(world["users"]["officer_CL"]).get(url)
    assert own.status_code == 200 and "80,00 %" in own.content.decode()
    assert client(world["users"]["standing"]).get(url).status_code == 200
    assert client(world["users"]["head_block"]).get(url).status_code == 200


def test_block_head_returns_through_the_page_and_others_get_a_message(world, lc):
    reg = Registration.objects.create(
        campaign=lc["campaign"], unit=lc["u"]["DH"], block=lc["block"], status="submitted"
    )
    resp = client(lc["users"]["officer_DH"]).post(
        f"/dang-ky/{reg.pk}/tra-lai/", {"reason": "x"}, follow=True
    )
    assert "trưởng khối" in resp.content.decode()
    assert Registration.objects.get(pk=reg.pk).status == "submitted"
    client(lc["users"]["head_block"]).post(
        f"/dang-ky/{reg.pk}/tra-lai/", {"reason": "Thiếu chỉ tiêu"}
    )
    assert Registration.objects.get(pk=reg.pk).status == "returned"


def test_progress_post_by_other_unit_is_404(world):
    ind = Indicator.objects.get(registration=world["regs"]["CL"])
    resp = client(world["users"]["officer_KT"]).post(
        f"/dang-ky/chi-tieu/{ind.pk}/bao-cao/", {"report_date": "2021-05-01", "actual": "1"}
    )
    assert resp.status_code == 404
    assert ind.reports.count() == 1


def test_progress_post_by_the_block_head_is_forbidden(world):
    ind = Indicator.objects.get(registration=world["regs"]["CL"])
    resp = client(world["users"]["head_block"]).post(
        f"/dang-ky/chi-tieu/{ind.pk}/bao-cao/", {"report_date": "2021-05-01", "actual": "1"}
    )
    assert resp.status_code == 403


def test_dashboard_permissions_and_content(world):
    assert Client().get("/dang-ky/theo-doi/").status_code == 302
    assert client(world["users"]["officer_KT"]).get("/dang-ky/theo-doi/").status_code == 403
    for who in ("standing", "council", "head_block"):
        resp = client(world["users"][who]).get("/dang-ky/theo-doi/?as_at=2021-06-30")
        body = resp.content.decode()
        assert resp.status_code == 200, who
        assert 'id="completion-data"' in body and "registrations/charts.js" in body
        assert "Phường Duyên Hải" in body  # not registered
        assert "<script>" not in body.replace('<script type="application/json"', "")


# The block dashboard: 6 queries of any logged-in page (session, user, roles, the scope's
# units twice, unread notifications) + 11 of its own (campaigns, deadlines, block count,
# blocks, registrations, members, snapshots, entries, stale indicators, council member,
# quarterly checks). The stored ranking is read once for the table and the chart.
DASHBOARD_QUERIES = 17


def test_dashboard_query_count_does_not_grow_with_units(world, lc, django_assert_max_num_queries):
    """The dashboard reads the stored rankings: once they are refreshed (the queued task
    after each change), a fixed number of queries whatever the number of units, and no
    ranking is computed in the request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.registrations.snapshots import refresh_dirty

    c = client(lc["users"]["standing"])
    url = "/dang-ky/theo-doi/?as_at=2021-06-30"
    assert c.get(url).status_code == 200  # first read stores the missing snapshots
    with (
        CaptureQueriesContext(connection) as before,
        django_assert_max_num_queries(DASHBOARD_QUERIES),
    ):
        first = c.get(url).content.decode()
    for code in ("DH", "DT"):
        reg = Registration.objects.create(
            campaign=lc["campaign"], unit=lc["u"][code], block=lc["block"], status="accepted"
        )
        ind = Indicator.objects.create(registration=reg, name="x", target=10)
        ProgressReport.objects.create(indicator=ind, report_date=date(2021, 1, 1), actual=5)
    refresh_dirty(lc["campaign"])  # what the queued task does after commit
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        body = c.get(url).content.decode()
    assert "Xã Đồng Tuyển" in body
    assert not any("RANK()" in q["sql"].upper() for q in before.captured_queries)
    # one read of the stored rankings, shared by the table and the chart
    snapshot_reads = [q for q in before.captured_queries if "rankingentry" in q["sql"]]
    assert len(snapshot_reads) == 1
    # the rows link to their registrations (one URL reversed, ids appended)
    for reg in world["regs"].values():
        assert f'href="/dang-ky/{reg.pk}/"' in first


def test_list_query_count(world, django_assert_max_num_queries):
    c = client(world["users"]["standing"])
    with django_assert_max_num_queries(15):
        assert c.get("/dang-ky/").status_code == 200


def test_block_page_permissions(world, lc):
    url = f"/dang-ky/khoi/{lc['block'].pk}/{lc['campaign'].pk}/"
    assert Client().get(url).status_code == 302
    assert client(lc["users"]["stranger"]).get(url).status_code == 404
    body = client(lc["users"]["head_block"]).get(url + "?as_at=2021-06-30").content.decode()
    assert "Tỷ lệ hoàn thành" in body and "Gửi đăng ký của khối" in body
    assert client(lc["users"]["standing"]).get(url).status_code == 200


def _first_page_png(docx: bytes, name: str) -> None:
    import subprocess
    import tempfile
    from pathlib import Path

    from thidua.core.documents import docx_to_pdf

    shots = Path(__file__).resolve().parents[2] / "screenshots" / "documents"
    shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "doc.pdf"
        pdf.write_bytes(docx_to_pdf(docx))
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                pdf,
                shots / name,
            ],
            check=True,
        )


def test_review_and_minutes_docx(world, lc):
    url = f"/dang-ky/khoi/{lc['block'].pk}/{lc['campaign'].pk}/binh-xet/"
    assert client(lc["users"]["standing"]).get(url).status_code == 403
    resp = client(lc["users"]["head_block"]).post(
        url,
        {
            "as_at": "2021-06-30",
            "meeting_date": "2021-07-02",
            "chair": "Nguyễn Văn Hải",
            "attendees": "Đại diện Phường Kim Tân\nĐại diện Phường Cốc Lếu",
            "method": "vote",
            "present_count": "2",
            f"vote_{lc['u']['KT'].pk}": "2",
        },
    )
    assert resp.status_code == 302
    review_url = resp["Location"]
    docx = client(lc["users"]["standing"]).get(review_url + "bien-ban.docx")
    assert docx.status_code == 200
    text = docx_text(docx.content)
    assert "BIÊN BẢN" in text and "Phường Kim Tân" in text and "90,00 %" in text and "2/2" in text
    # The authority's UBND header, the votes with their share, the signer's name (#14.8).
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI" in text and "2/2 (100,00 %)" in text
    assert "TRƯỞNG KHỐI" in text and "Nguyễn Văn Hải" in text and "THƯ KÝ" in text
    assert "Tp." not in text and "TP." not in text
    _first_page_png(docx.content, "bien_ban_binh_xet_khoi")
    assert client(lc["users"]["officer_CL"]).get(review_url).status_code == 404


def test_exports_are_scoped(world, lc):
    url = f"/dang-ky/xuat/xep-hang/{lc['campaign'].pk}.xlsx?as_at=2021-06-30"
    ws = load_workbook(io.BytesIO(client(lc["users"]["officer_KT"]).get(url).content)).active
    units = [r[2] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert units == ["Phường Kim Tân"]
    ws = load_workbook(io.BytesIO(client(lc["users"]["standing"]).get(url).content)).active
    assert [r[2] for r in ws.iter_rows(min_row=2, values_only=True)] == [
        "Phường Kim Tân",
        "Phường Cốc Lếu",
    ]
    for what in ("dang-ky", "tien-do"):
        resp = client(lc["users"]["standing"]).get(f"/dang-ky/xuat/{what}/{lc['campaign'].pk}.xlsx")
        assert resp.status_code == 200 and resp.content[:2] == b"PK"


def test_nav_shows_monitoring_only_to_monitoring_roles(world, lc):
    assert "Theo dõi khối" in client(lc["users"]["standing"]).get("/").content.decode()
    assert "Theo dõi khối" not in client(lc["users"]["officer_KT"]).get("/").content.decode()


def test_council_member_records_a_check(world, lc):
    c = client(lc["users"]["council"])
    resp = c.post(
        "/dang-ky/kiem-tra/moi/",
        {"unit": lc["u"]["KT"].pk, "check_date": "2021-03-20", "findings": "Tiến độ đạt 60%"},
    )
    assert resp.status_code == 302
    assert "Tiến độ đạt 60%" in c.get("/dang-ky/theo-doi/").content.decode()
    assert client(lc["users"]["officer_KT"]).get("/dang-ky/kiem-tra/moi/").status_code == 403
