"""Transitions: guards, late flags, return and resubmit, evidence, validation."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.deadlines import VN_TZ
from thidua.core.models import AuditEvent, Notification
from thidua.registrations import services
from thidua.registrations.enums import RegistrationStatus as S
from thidua.registrations.models import Evidence, ProgressReport, Registration

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def reg(lc):
    r = services.register(lc["campaign"], lc["u"]["CL"], lc["users"]["officer_CL"])
    services.add_indicator(r, lc["users"]["officer_CL"], name="Thu ngân sách", target="100")
    return r


def test_register_assigns_the_block_and_records_audit(lc, reg):
    assert reg.block == lc["block"] and reg.status == S.DRAFT
    assert AuditEvent.objects.filter(
        action="registrations.registration.create", object_id=str(reg.pk)
    ).exists()


def test_a_unit_cannot_register_twice(lc, reg):
    with pytest.raises(services.RegistrationError, match="đã đăng ký"):
        services.register(lc["campaign"], lc["u"]["CL"], lc["users"]["officer_CL"])


def test_officer_of_another_unit_cannot_register_for_it(lc):
    with pytest.raises(services.RegistrationError, match="không có quyền"):
        services.register(lc["campaign"], lc["u"]["CL"], lc["users"]["officer_KT"])
    assert not Registration.objects.exists()


def test_officer_cannot_submit_only_the_unit_head(lc, reg):
    with pytest.raises(services.RegistrationError, match="thủ trưởng"):
        services.submit(reg, lc["users"]["officer_CL"])
    reg.refresh_from_db()
    assert reg.status == S.DRAFT


def test_submission_after_the_deadline_day_in_vietnam_is_flagged_late(lc, reg):
    late = services.submit(
        reg, lc["users"]["head_CL"], now=datetime(2020, 10, 20, 17, 30, tzinfo=UTC)
    )
    assert late.is_late is True  # 17:30 UTC on 20/10 is 00:30 on 21/10 in Vietnam
    assert Notification.objects.filter(
        user=lc["users"]["head_block"], message__contains="gửi muộn"
    ).exists()


def test_return_needs_a_reason_then_resubmit_is_accepted(lc, reg):
    head, block_head = lc["users"]["head_CL"], lc["users"]["head_block"]
    services.submit(reg, head, now=datetime(2020, 10, 15, 9, tzinfo=VN_TZ))
    with pytest.raises(services.RegistrationError, match="lý do"):
        services.return_registration(reg, block_head, "  ")
    services.return_registration(reg, block_head, "Thiếu chỉ tiêu theo Nghị quyết")
    reg.refresh_from_db()
    assert (reg.status, reg.times_returned, reg.return_reason) == (
        S.RETURNED,
        1,
        "Thiếu chỉ tiêu theo Nghị quyết",
    )
    assert Notification.objects.filter(
        user=lc["users"]["officer_CL"], message__contains="bị trả lại"
    ).exists()
    services.add_indicator(
        reg,
        lc["users"]["officer_CL"],
        name="Hộ nghèo",
        target="2",
        baseline="3",
        lower_is_better=True,
    )
    services.submit(reg, head, now=datetime(2020, 10, 18, 9, tzinfo=VN_TZ))
    services.accept(reg, block_head)
    reg.refresh_from_db()
    assert reg.status == S.ACCEPTED and reg.is_late is False


def test_only_the_head_of_this_block_accepts(lc, reg):
    services.submit(reg, lc["users"]["head_CL"])
    for who in ("officer_CL", "head_CL", "standing"):
        with pytest.raises(services.RegistrationError, match="trưởng khối"):
            services.accept(reg, lc["users"][who])


def test_forward_refuses_while_a_registration_is_undecided(lc, reg):
    services.submit(reg, lc["users"]["head_CL"])
    with pytest.raises(services.RegistrationError, match="Phường Cốc Lếu"):
        services.forward_block(lc["block"], lc["campaign"], lc["users"]["head_block"])


def test_forward_after_23_10_is_flagged_late(lc, reg):
    services.submit(reg, lc["users"]["head_CL"], now=datetime(2020, 10, 15, tzinfo=VN_TZ))
    services.accept(reg, lc["users"]["head_block"])
    services.forward_block(
        lc["block"],
        lc["campaign"],
        lc["users"]["head_block"],
        now=datetime(2020, 10, 24, 8, tzinfo=VN_TZ),
    )
    reg.refresh_from_db()
    assert reg.status == S.FORWARDED and reg.forwarded_late is True


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"target": "5", "baseline": "5"}, "khác giá trị ban đầu"),
        ({"target": "3", "baseline": "5"}, "cao hơn giá trị ban đầu"),
        ({"target": "abc"}, "không phải là số"),
        ({"target": "5", "weight": "0"}, "Trọng số"),
        ({"target": "0"}, "lớn hơn 0"),
    ],
)
def test_invalid_indicator_is_refused_with_a_vietnamese_reason(lc, reg, kw, message):
    with pytest.raises(services.RegistrationError, match=message):
        services.add_indicator(reg, lc["users"]["officer_CL"], name="Chỉ tiêu", **kw)
    assert reg.indicators.count() == 1


def test_no_changes_after_submission(lc, reg):
    services.submit(reg, lc["users"]["head_CL"])
    with pytest.raises(services.RegistrationError, match="không sửa được"):
        services.add_indicator(reg, lc["users"]["officer_CL"], name="Mới", target="1")


def test_progress_report_with_pdf_evidence_is_stored_privately(lc, reg, settings):
    services.submit(reg, lc["users"]["head_CL"])
    ind = reg.indicators.get()
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="text/plain")
    rep = services.report_progress(
        ind,
        lc["users"]["officer_CL"],
        report_date=date(2021, 3, 31),
        actual="55",
        evidence_file=upload,
    )
    assert rep.actual == Decimal("55") and rep.evidence.content_type == "application/pdf"
    assert str(settings.MEDIA_ROOT) in rep.evidence.file.path


def test_evidence_with_a_forged_type_is_refused_and_nothing_is_saved(lc, reg):
    services.submit(reg, lc["users"]["head_CL"])
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(services.RegistrationError, match="không đúng định dạng"):
        services.report_progress(
            reg.indicators.get(),
            lc["users"]["officer_CL"],
            report_date=date(2021, 3, 31),
            actual="1",
            evidence_file=fake,
        )
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_progress_cannot_be_reported_for_a_future_date_or_before_submission(lc, reg):
    ind = reg.indicators.get()
    with pytest.raises(services.RegistrationError, match="đã được gửi"):
        services.report_progress(
            ind, lc["users"]["officer_CL"], report_date=date(2021, 1, 1), actual="1"
        )
    services.submit(reg, lc["users"]["head_CL"])
    with pytest.raises(services.RegistrationError, match="sau ngày hôm nay"):
        services.report_progress(
            ind,
            lc["users"]["officer_CL"],
            report_date=date(2021, 1, 2),
            actual="1",
            today=date(2021, 1, 1),
        )


def test_commune_officer_registers_the_coop_under_it_and_its_head_submits(lc):
    reg = services.register(lc["campaign"], lc["u"]["HTX"], lc["users"]["officer_DT"])
    assert reg.collected_by == lc["u"]["DT"]
    services.add_commitment(reg, lc["users"]["officer_DT"], "event", title="Hội chợ nông sản")
    services.submit(reg, lc["users"]["head_DT"])
    assert Registration.objects.get(pk=reg.pk).status == S.SUBMITTED


def test_quarterly_check_only_for_units_of_the_assigned_blocks(lc):
    seat, council = lc["seat"], lc["users"]["council"]
    check = services.record_check(
        seat,
        lc["u"]["KT"],
        council,
        check_date=date(2021, 3, 15),
        findings="Đã triển khai 4/4 chỉ tiêu",
    )
    assert check.pk
    with pytest.raises(services.RegistrationError, match="không thuộc khối"):
        services.record_check(
            seat, lc["u"]["PNV"], council, check_date=date(2021, 3, 15), findings="x"
        )


def test_standing_body_sets_prior_ratings_others_cannot(lc):
    row = services.set_prior_rating(
        lc["users"]["standing"], year=2020, rating="hoan_thanh", unit=lc["u"]["KT"]
    )
    assert row.get_rating_display() == "Hoàn thành nhiệm vụ"
    with pytest.raises(services.RegistrationError, match="cơ quan thường trực"):
        services.set_prior_rating(
            lc["users"]["officer_KT"], year=2020, rating="hoan_thanh_tot", unit=lc["u"]["KT"]
        )
