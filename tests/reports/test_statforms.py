"""Statistics forms 0601–0605: official-looking layout and counts from the data."""

import io
from datetime import date

from openpyxl import load_workbook

from thidua.campaigns.models import Campaign
from thidua.org.models import CouncilMember
from thidua.reports import statforms

from .conftest import make_award, make_person


def _sheet(code, org, start=date(2024, 1, 1), end=date(2025, 12, 31)):
    return load_workbook(io.BytesIO(statforms.build(code, org["city"], start, end))).active


def test_0601_layout_and_counts_by_level(org, campaign):
    Campaign.objects.create(
        issuer=org["ward_a"],
        title="Phong trào phường",
        status="launched",
        kind="thuong_xuyen",
        start_date=date(2025, 1, 1),
        end_date=date(2025, 12, 31),
    )
    Campaign.objects.create(
        issuer=org["ward_b"], title="Dự thảo", status="draft", start_date=date(2025, 1, 1)
    )
    Campaign.objects.create(
        issuer=org["edu"],
        title="Ngoài kỳ",
        status="closed",
        start_date=date(2020, 1, 1),
        end_date=date(2020, 12, 31),
    )
    ws = _sheet("0601", org)
    assert ws["A1"].value == "Biểu số 0601.N/BNV-TĐKT"
    assert "Kỳ báo cáo: từ ngày 01/01/2024 đến ngày 31/12/2025" in [c.value for c in ws[2]]
    assert [ws.cell(7, i).value for i in (1, 2, 3)] == ["A", "B", 1]
    rows = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(3, 11)] for r in range(8, 13)}
    assert rows["02"][0] == 1  # the city's campaign (closed, theo đợt)
    assert (
        rows["03"][0] == 1
    )  # the ward's launched campaign; the draft and the out-of-period one are not counted
    assert rows["00"][0] == 2  # total row
    assert rows["02"][4] == 1 and rows["03"][3] == 1  # theo đợt / thường xuyên
    assert rows["02"][7] == 1 and rows["03"][6] == 1  # closed / launched


def test_0603_counts_province_awards_by_recipient(org, campaign):
    woman = make_person(
        org["ward_a"], gender="nu", ethnicity="Tày", direct=True, category="nong_dan"
    )
    make_award(
        campaign,
        person=woman,
        form_code="bang_khen_chu_tich_tinh",
        form_name="Bằng khen",
        award_date=date(2025, 2, 1),
    )
    make_award(
        campaign,
        unit=org["ward_b"],
        subject_kind="collective",
        form_code="bang_khen_chu_tich_tinh",
        form_name="Bằng khen",
        award_date=date(2025, 2, 1),
    )
    make_award(
        campaign, person=woman, form_code="giay_khen_chu_tich_huyen", award_date=date(2025, 2, 1)
    )  # not province
    make_award(
        campaign, person=woman, form_code="bang_khen_chu_tich_tinh", award_date=date(2023, 2, 1)
    )  # out of period
    ws = _sheet("0603", org)
    row = [ws.cell(9, c).value for c in range(1, 14)]
    assert row[:3] == ["01", "Bằng khen Chủ tịch UBND tỉnh", 2]
    assert row[3:9] == [
        1,
        1,
        1,
        1,
        1,
        0,
    ]  # collective, individual, direct, women, ethnic, household
    assert row[10] == 2  # campaign awards (no dossier, linked to a campaign)
    assert ws.cell(8, 3).value == 2  # total


def test_0604_counts_councils_and_members(org):
    for role in ("chair", "deputy", "member", "member"):
        CouncilMember.objects.create(authority=org["city"], full_name=f"TV {role}", role=role)
    CouncilMember.objects.create(authority=org["ward_a"], full_name="CT phường", role="chair")
    ws = _sheet("0604", org)
    rows = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(3, 8)] for r in range(8, 13)}
    assert rows["02"] == [1, 4, 1, 1, 2]
    assert rows["03"] == [1, 1, 1, 0, 0]


def test_0605_counts_full_and_part_time_staff(org, users):
    ws = _sheet("0605", org)
    rows = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(3, 6)] for r in range(8, 13)}
    assert rows["02"] == [1, 1, 0]  # the standing body user at the city
    assert rows["03"] == [2, 0, 2]  # officer_a, officer_b at wards
    assert rows["04"] == [1, 0, 1]  # edu_officer at a department


def test_forms_go_to_the_body_above_and_fit_one_page_width(org):
    """A city's form goes to the province (#14.9), one page wide, signed by the city's head."""
    ws = _sheet("0603", org)
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert "Đơn vị nhận báo cáo: Ủy ban nhân dân tỉnh Bắc Kạn" in texts
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert any(t.startswith("Bắc Kạn, ngày") for t in texts)
    assert "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" in texts


def test_a_province_form_goes_to_the_ministry(org):
    ws = load_workbook(
        io.BytesIO(statforms.build("0603", org["province"], date(2024, 1, 1), date(2025, 12, 31)))
    ).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert f"Đơn vị nhận báo cáo: {statforms.RECEIVER}" in texts
