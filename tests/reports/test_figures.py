"""The report's figures equal independent direct database counts (issue #7, must show)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.db.models import Q, Sum

from thidua.awards.models import Award
from thidua.dossiers.models import Dossier, Nominee
from thidua.org.enums import UnitKind
from thidua.org.models import Unit
from thidua.reports import figures
from thidua.reports.enums import ModelStage, UnitReportStatus
from thidua.reports.models import ExemplaryModel, UnitReport

from .conftest import make_award, make_dossier, make_person

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(d: date, hour=10, minute=0) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=VN)


@pytest.fixture
def scenario(org, campaign):
    city, wa, wb, noivu, edu = org["city"], org["ward_a"], org["ward_b"], org["noivu"], org["edu"]
    team = Unit.objects.create(code="TEAM1", name="Tổ tổng hợp", kind=UnitKind.TEAM, parent=edu)
    other_city = Unit.objects.create(
        code="OC",
        name="Thành phố khác",
        kind=UnitKind.CITY,
        parent=org["province"],
        is_authority=True,
    )
    Registration = apps.get_model("registrations", "Registration")
    Registration.objects.create(campaign=campaign, unit=wa, status="submitted")
    Registration.objects.create(campaign=campaign, unit=org["coop_a"], status="draft")
    # Dossiers: ward A on time, at 23:30 on the deadline day (still on time), ward B late, edu draft.
    d1 = make_dossier(campaign, wa, "submitted", at(date(2025, 1, 20)))
    make_dossier(campaign, wa, "appraised", at(date(2025, 1, 22), 23, 30))
    make_dossier(campaign, wb, "returned", at(date(2025, 1, 23), 0, 10))
    make_dossier(campaign, edu, "draft", None)
    make_dossier(None, wb, "submitted", at(date(2025, 1, 2)))  # another campaign-less dossier
    Nominee.objects.create(dossier=d1, subject_kind="individual", name="A")
    Nominee.objects.create(dossier=d1, subject_kind="collective", name="B")
    # Awards: women, ethnic minorities, direct workers, small collectives, money.
    women_tay = make_person(wa, gender="nu", ethnicity="Tày")
    man_direct = make_person(wb, category="nong_dan", direct=True)
    woman_kinh_direct = make_person(edu, gender="nu", direct=True)
    man_dao = make_person(wa, ethnicity="Dao")
    for p, amount in (
        (women_tay, 300000),
        (man_direct, 300000),
        (woman_kinh_direct, 710000),
        (man_dao, 0),
    ):
        make_award(campaign, person=p, amount=amount, paid=amount == 300000)
    make_award(
        campaign,
        unit=org["village_a"],
        subject_kind="collective",
        amount=1000000,
        form_code="thon_to_dan_pho_van_hoa",
        form_name="Thôn, tổ dân phố văn hóa",
    )
    make_award(campaign, unit=team, subject_kind="collective", amount=600000)
    make_award(campaign, unit=org["coop_a"], subject_kind="collective", amount=600000)
    make_award(
        campaign,
        unit=wb,
        subject_kind="locality",
        amount=4680000,
        form_code="xa_phuong_tieu_bieu",
        form_name="Xã, phường tiêu biểu",
    )
    make_award(
        campaign, person=make_person(wa, gender="nu"), revoked=True, amount=999
    )  # revoked: excluded
    make_award(
        campaign, person=make_person(other_city, gender="nu"), amount=777
    )  # outside the authority
    make_award(None, person=make_person(wa, gender="nu"), amount=555)  # not this campaign
    ExemplaryModel.objects.create(
        kind="collective",
        name="Tổ dân phố 1",
        unit=org["village_a"],
        story="…",
        stage=ModelStage.REPLICATE,
        published=True,
        campaign=campaign,
    )
    ExemplaryModel.objects.create(
        kind="model", name="HTX", unit=org["coop_a"], story="…", campaign=campaign
    )
    UnitReport.objects.create(
        campaign=campaign,
        unit=wa,
        status=UnitReportStatus.SUBMITTED,
        submitted_at=at(date(2025, 1, 24)),
        figures={"events_done": 2, "spending": 1000},
    )
    UnitReport.objects.create(
        campaign=campaign,
        unit=noivu,
        status=UnitReportStatus.SUBMITTED,
        is_late=True,
        submitted_at=at(date(2025, 1, 27)),
        figures={"events_done": 1},
    )
    UnitReport.objects.create(
        campaign=campaign, unit=wb, status=UnitReportStatus.DRAFT, figures={"events_done": 9}
    )
    return {"city": city, "other_city": other_city}


def test_campaign_report_figures_equal_direct_counts(org, campaign, scenario):
    city = scenario["city"]
    data = figures.compute(city, campaign=campaign, today=date(2026, 2, 1))
    in_city = Q(awardee_unit__path__startswith=city.path)
    awards = Award.objects.filter(in_city, campaign=campaign, revoked=False)
    individuals = awards.filter(subject_kind="individual")
    collectives = awards.filter(subject_kind__in=["collective", "locality"])

    # deployment: target units are the city's direct children except small collectives
    targets = Unit.objects.filter(parent=city).exclude(
        kind__in=["team", "village", "residential_group"]
    )
    assert data["deployment"]["target_units"] == targets.count() == 4
    deployed = [
        u
        for u in targets
        if Dossier.objects.filter(campaign=campaign, proposer__path__startswith=u.path).exists()
        or UnitReport.objects.filter(campaign=campaign, unit=u, status="submitted").exists()
    ]
    assert data["deployment"]["deployed"] == len(deployed) == 4
    assert data["deployment"]["share"] == 1.0

    Registration = apps.get_model("registrations", "Registration")
    assert (
        data["registrations"]["total"]
        == Registration.objects.filter(campaign=campaign).count()
        == 2
    )

    dossiers = Dossier.objects.filter(campaign=campaign, proposer__path__startswith=city.path)
    assert data["dossiers"]["total"] == dossiers.count() == 4
    for row in data["dossiers"]["by_status"]:
        assert row["count"] == dossiers.filter(status=row["code"]).count()
    deadline_end = datetime(2025, 1, 22, 23, 59, 59, 999999, tzinfo=VN)
    assert (
        data["dossiers"]["on_time"] == dossiers.filter(submitted_at__lte=deadline_end).count() == 2
    )
    assert data["dossiers"]["late"] == dossiers.filter(submitted_at__gt=deadline_end).count() == 1
    assert (
        data["dossiers"]["not_submitted"] == dossiers.filter(submitted_at__isnull=True).count() == 1
    )
    assert data["dossiers"]["nominees"] == Nominee.objects.filter(dossier__in=dossiers).count() == 2

    assert data["awards"]["total"] == awards.count() == 8
    assert data["awards"]["amount"] == awards.aggregate(s=Sum("amount"))["s"] == 8190000
    assert (
        data["awards"]["paid_amount"]
        == awards.filter(paid_at__isnull=False).aggregate(s=Sum("amount"))["s"]
    )
    for row in data["awards"]["by_form"]:
        assert row["count"] == awards.filter(form_code=row["code"]).count()
        assert row["amount"] == (
            awards.filter(form_code=row["code"]).aggregate(s=Sum("amount"))["s"] or 0
        )
    for row in data["awards"]["by_subject"]:
        assert row["count"] == awards.filter(subject_kind=row["code"]).count()
    for row in data["awards"]["by_unit_kind"]:
        assert row["count"] == awards.filter(awardee_unit__kind=row["code"]).count()

    w = data["watched"]
    assert w["individuals"] == individuals.count() == 4
    assert w["collectives"] == collectives.count() == 4
    assert w["women"] == individuals.filter(person__gender="nu").count() == 2
    assert w["ethnic_minorities"] == individuals.exclude(person__ethnicity="Kinh").count() == 2
    assert w["direct_workers"] == individuals.filter(person__is_direct_worker=True).count() == 2
    assert (
        w["small_collectives"]
        == collectives.filter(unit__kind__in=["team", "village", "residential_group"]).count()
        == 2
    )
    assert w["women_share"] == 0.5 and w["small_collectives_share"] == 0.5

    ex = ExemplaryModel.objects.filter(campaign=campaign)
    assert data["exemplary"]["total"] == ex.count() == 2
    assert data["exemplary"]["published"] == ex.filter(published=True).count() == 1

    ur = data["unit_reports"]
    submitted = UnitReport.objects.filter(campaign=campaign, status="submitted", unit__in=targets)
    assert ur["submitted"] == submitted.count() == 2
    assert ur["late"] == submitted.filter(is_late=True).count() == 1
    assert ur["missing"] == targets.count() - submitted.count() == 2
    assert ur["figures"] == {"events_done": 3, "spending": 1000}  # the draft's 9 is not counted


def test_year_report_counts_awards_of_the_year_inside_the_authority(org, campaign, scenario):
    data = figures.compute(org["city"], year=2025, today=date(2026, 2, 1))
    expected = Award.objects.filter(
        year=2025, revoked=False, awardee_unit__path__startswith=org["city"].path
    )
    assert (
        data["awards"]["total"] == expected.count() == 9
    )  # 8 of the campaign + 1 without campaign
    assert data["campaign"] is None


def test_ward_report_only_counts_its_subtree(org, campaign, scenario):
    data = figures.compute(org["ward_a"], campaign=campaign, today=date(2026, 2, 1))
    expected = Award.objects.filter(
        campaign=campaign, revoked=False, awardee_unit__path__startswith=org["ward_a"].path
    )
    assert data["awards"]["total"] == expected.count() == 4
    assert (
        data["deployment"]["target_units"] == 1
    )  # the co-op; the residential group is a small collective


def test_report_with_no_data_gives_zeros(org, campaign):
    data = figures.compute(org["city"], campaign=campaign, today=date(2026, 2, 1))
    assert data["awards"]["total"] == 0 and data["dossiers"]["total"] == 0
    assert data["watched"]["women_share"] == 0.0
    assert data["deployment"]["deployed"] == 0 and data["deployment"]["share"] == 0.0
    assert data["unit_reports"]["missing"] == data["deployment"]["target_units"] == 4


def test_compute_requires_campaign_or_year(org):
    with pytest.raises(ValueError):
        figures.compute(org["city"])


def test_docx_and_xlsx_carry_the_same_figures(org, campaign, scenario):
    import io

    from docx import Document
    from openpyxl import load_workbook

    from thidua.reports import exports

    data = figures.compute(org["city"], campaign=campaign, today=date(2026, 2, 1))
    doc = Document(io.BytesIO(exports.report_docx(data, org["city"])))
    rows = {tuple(c.text for c in r.cells) for t in doc.tables[1:] for r in t.rows}
    assert ("Tổng cộng", "8", "8.190.000") in rows
    assert ("Nữ / tổng số cá nhân", "2 / 4", "50,00 %") in rows
    assert ("Nộp muộn", "1") in rows
    ws = load_workbook(io.BytesIO(exports.report_xlsx(data))).active
    xrows = {tuple(c.value for c in r[:3]) for r in ws.iter_rows()}
    assert ("Tổng cộng", "8", "8.190.000") in xrows
    from thidua.core.documents import docx_text

    text = docx_text(exports.report_docx(data, org["city"]))
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN" in text and "TỈNH BẮC KẠN\n" not in text
    # A city reports to the province.
    assert "Kính gửi: Ủy ban nhân dân tỉnh Bắc Kạn" in text and "TP." not in text


def test_department_report_is_headed_by_the_department(org, campaign):
    from thidua.core.documents import docx_text
    from thidua.reports import exports

    data = figures.compute(org["edu"], campaign=campaign, today=date(2026, 2, 1))
    text = docx_text(exports.report_docx(data, org["edu"]))
    assert (
        "Phòng Giáo dục và Đào tạo" in text and "ỦY BAN NHÂN DÂN PHÒNG GIÁO DỤC" not in text.upper()
    )
    assert "TRƯỞNG PHÒNG" in text and "THỦ TRƯỞNG" not in text
    assert "Kính gửi: Ủy ban nhân dân thành phố Bắc Kạn" in text


def test_completion_average_is_the_ranking_rate_of_committed_registrations(org, campaign):
    """The ranking query runs (no guard hides a broken one): the mean completion of the
    committed registrations inside the authority, as at the report date."""
    from thidua.registrations.models import Indicator, ProgressReport, Registration

    other_city = Unit.objects.create(
        code="OC", name="Thành phố khác", kind=UnitKind.CITY, parent=org["province"]
    )
    reported = [
        (org["ward_a"], "submitted", 10, 5),  # half done
        (org["ward_b"], "accepted", 4, 6),  # 150 % is capped at 120 %
        (org["coop_a"], "draft", 4, 4),  # a draft is not committed: not counted
        (other_city, "submitted", 4, 0),  # outside the city: not counted
    ]
    for unit, status, target, actual in reported:
        registration = Registration.objects.create(campaign=campaign, unit=unit, status=status)
        indicator = Indicator.objects.create(
            registration=registration, name="Chỉ tiêu", target=target
        )
        ProgressReport.objects.create(
            indicator=indicator, report_date=date(2025, 1, 10), actual=actual
        )
        ProgressReport.objects.create(  # after the report date: not known then
            indicator=indicator, report_date=date(2026, 3, 1), actual=target
        )
    data = figures.compute(org["city"], campaign=campaign, today=date(2026, 2, 1))
    assert data["registrations"]["total"] == 3
    assert data["registrations"]["completion_avg"] == pytest.approx((0.5 + 1.2) / 2)
    assert {row["code"]: row["label"] for row in data["registrations"]["by_status"]} == {
        "accepted": "Trưởng khối đã nhận",
        "draft": "Đang soạn",
        "submitted": "Đã gửi trưởng khối",
    }
