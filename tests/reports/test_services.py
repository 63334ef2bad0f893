"""Transitions of the reports app: guard → change → audit; bad input changes nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.models import AuditEvent, Notification
from thidua.reports import services
from thidua.reports.enums import FixStatus, InitiativeStatus, ModelStage, UnitReportStatus
from thidua.reports.models import (
    ExemplaryModel,
    ExemplaryPhoto,
    Finding,
    Initiative,
    Inspection,
    InspectionItem,
    InspectionPlan,
    Milestone,
    Programme,
    RequiredFix,
    UnitReport,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _actions(obj):
    return list(AuditEvent.objects.for_object(obj).values_list("action", flat=True))


# ---- unit reports ----------------------------------------------------------------------
def test_unit_report_submitted_on_deadline_evening_is_on_time(org, users, campaign):
    r = services.save_unit_report(
        campaign, org["ward_a"], users["officer_a"], narrative="Kết quả", figures_={"a": 1}
    )
    services.submit_unit_report(r, users["officer_a"], now=datetime(2025, 1, 25, 23, 30, tzinfo=VN))
    r.refresh_from_db()
    assert (
        r.status == UnitReportStatus.SUBMITTED
        and r.is_late is False
        and r.deadline == date(2025, 1, 25)
    )
    assert "reports.unit_report.submitted" in _actions(r)
    assert Notification.objects.filter(user=users["standing"]).exists()


def test_unit_report_submitted_next_morning_is_late(org, users, campaign):
    r = services.save_unit_report(
        campaign, org["ward_a"], users["officer_a"], narrative="Kết quả", figures_={}
    )
    services.submit_unit_report(r, users["officer_a"], now=datetime(2025, 1, 26, 0, 10, tzinfo=VN))
    r.refresh_from_db()
    assert r.is_late is True


def test_unit_report_without_narrative_cannot_be_submitted(org, users, campaign):
    r = services.save_unit_report(
        campaign, org["ward_a"], users["officer_a"], narrative="  ", figures_={}
    )
    with pytest.raises(services.DomainError):
        services.submit_unit_report(r, users["officer_a"])
    r.refresh_from_db()
    assert r.status == UnitReportStatus.DRAFT and r.submitted_at is None


def test_submitted_unit_report_cannot_be_edited_or_resubmitted(org, users, campaign):
    r = services.save_unit_report(
        campaign, org["ward_a"], users["officer_a"], narrative="X", figures_={"a": 1}
    )
    services.submit_unit_report(r, users["officer_a"])
    with pytest.raises(services.DomainError):
        services.save_unit_report(
            campaign, org["ward_a"], users["officer_a"], narrative="Y", figures_={"a": 2}
        )
    with pytest.raises(services.DomainError):
        services.submit_unit_report(r, users["officer_a"])
    r.refresh_from_db()
    assert r.narrative == "X" and r.figures == {"a": 1}
    assert UnitReport.objects.count() == 1


# ---- saved reports ---------------------------------------------------------------------
def test_saved_report_keeps_a_snapshot_and_publishes_once(org, users, campaign):
    saved = services.save_report(org["city"], users["standing"], campaign=campaign)
    assert saved.data["campaign"]["id"] == campaign.pk and saved.title.startswith(
        "Báo cáo tổng kết"
    )
    services.set_report_published(saved, users["standing"], True)
    saved.refresh_from_db()
    assert saved.published and saved.published_at is not None
    with pytest.raises(services.DomainError):
        services.set_report_published(saved, users["standing"], True)
    assert _actions(saved).count("reports.report.published") == 1


# ---- milestones ------------------------------------------------------------------------
@pytest.fixture
def milestone(org):
    p = Programme.objects.create(
        issuer=org["province"], title="CTr", start_year=2021, end_year=2025
    )
    return Milestone.objects.create(programme=p, year=2023, quarter=2, title="Hội nghị biểu dương")


def test_completing_a_milestone_stores_sniffed_evidence_and_audits(users, milestone):
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="text/plain")
    services.complete_milestone(
        milestone, users["standing"], done_on=date(2023, 6, 9), evidence=upload
    )
    milestone.refresh_from_db()
    assert milestone.status == "done" and milestone.evidence_type == "application/pdf"
    assert milestone.evidence.read() == b"%PDF-1.4 test"
    assert "reports.milestone.done" in _actions(milestone)


def test_milestone_completion_in_the_future_is_refused(users, milestone):
    with pytest.raises(services.DomainError):
        services.complete_milestone(milestone, users["standing"], done_on=date(2999, 1, 1))
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_reopening_needs_a_reason(users, milestone):
    services.complete_milestone(milestone, users["standing"], done_on=date(2023, 6, 9))
    with pytest.raises(services.DomainError):
        services.reopen_milestone(milestone, users["standing"], "")
    services.reopen_milestone(milestone, users["standing"], "Chưa có biên bản")
    milestone.refresh_from_db()
    assert milestone.done_on is None and milestone.status == "overdue"


# ---- exemplary models ------------------------------------------------------------------
@pytest.fixture
def model(org):
    return ExemplaryModel.objects.create(
        kind="collective", name="Tổ dân phố 1", unit=org["village_a"], story="…"
    )


def test_stages_advance_one_at_a_time_with_audit(users, model):
    with pytest.raises(services.DomainError):
        services.advance_stage(model, users["officer_a"], ModelStage.SUMMARISE)
    for stage in (ModelStage.NURTURE, ModelStage.SUMMARISE, ModelStage.REPLICATE):
        services.advance_stage(model, users["officer_a"], stage)
    model.refresh_from_db()
    assert model.stage == ModelStage.REPLICATE
    assert _actions(model).count("reports.exemplary.stage") == 3
    with pytest.raises(services.DomainError):
        services.advance_stage(model, users["officer_a"], ModelStage.DISCOVER)


def test_a_just_discovered_model_cannot_be_published(users, model):
    with pytest.raises(services.DomainError):
        services.set_model_published(model, users["officer_a"], True)
    services.advance_stage(model, users["officer_a"], ModelStage.NURTURE)
    services.set_model_published(model, users["officer_a"], True)
    model.refresh_from_db()
    assert model.published and ExemplaryModel.objects.published().count() == 1


def test_photos_are_sniffed_not_trusted(users, model):
    services.add_photo(
        model, users["officer_a"], SimpleUploadedFile("a.gif", JPEG, content_type="image/gif")
    )
    services.add_photo(model, users["officer_a"], SimpleUploadedFile("b.png", PNG))
    assert sorted(model.photos.values_list("content_type", flat=True)) == [
        "image/jpeg",
        "image/png",
    ]
    with pytest.raises(services.DomainError):
        services.add_photo(
            model, users["officer_a"], SimpleUploadedFile("x.jpg", b"<svg onload=alert(1)>")
        )
    assert ExemplaryPhoto.objects.count() == 2


def test_photo_over_the_size_limit_is_refused(users, model, monkeypatch):
    monkeypatch.setattr(services, "MAX_PHOTO_BYTES", 100)
    with pytest.raises(services.DomainError, match="5 MB"):
        services.add_photo(
            model, users["officer_a"], SimpleUploadedFile("big.png", PNG + b"\x00" * 200)
        )
    assert ExemplaryPhoto.objects.count() == 0


# ---- initiatives -----------------------------------------------------------------------
@pytest.fixture
def initiative(org, users):
    ini = Initiative.objects.create(
        title="Số hóa hồ sơ", unit=org["ward_a"], created_by=users["officer_a"]
    )
    ini.authors.add(org["person_a"])
    return ini


def test_recognition_sets_level_and_ref(users, initiative):
    services.evaluate_initiative(
        initiative,
        users["standing"],
        council="HĐSK",
        meeting_date=date(2024, 11, 20),
        scores=[{"member": "A", "score": 80}, {"member": "B", "score": 70}],
        verdict="recognise",
        level="co_so",
        recognition_ref="12/QĐ-HĐSK",
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOGNISED and initiative.level == "co_so"
    assert initiative.recognition_ref == "12/QĐ-HĐSK" and initiative.recognised_on == date(
        2024, 11, 20
    )
    assert initiative.evaluations.get().average_score == 75
    assert Notification.objects.filter(user=users["officer_a"]).exists()


def test_recognition_below_the_pass_score_is_refused(users, initiative):
    with pytest.raises(services.DomainError, match="thấp hơn điểm đạt"):
        services.evaluate_initiative(
            initiative,
            users["standing"],
            council="HĐSK",
            meeting_date=date(2024, 11, 20),
            scores=[{"member": "A", "score": 40}],
            verdict="recognise",
            level="co_so",
            recognition_ref="1/QĐ",
        )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.REGISTERED and not initiative.evaluations.exists()


def test_recognition_without_level_is_refused(users, initiative):
    with pytest.raises(services.DomainError):
        services.evaluate_initiative(
            initiative,
            users["standing"],
            council="HĐSK",
            meeting_date=date(2024, 1, 1),
            scores=[],
            verdict="recognise",
            level="",
            recognition_ref="1/QĐ",
        )


def test_available_for_excludes_other_authors_unrecognised_and_used(org, users, initiative):
    other = Initiative.objects.create(title="Khác", unit=org["ward_a"], status="recognised")
    other.authors.add(org["person_b"])
    draft = Initiative.objects.create(title="Chưa xét", unit=org["ward_a"])
    draft.authors.add(org["person_a"])
    services.evaluate_initiative(
        initiative,
        users["standing"],
        council="HĐSK",
        meeting_date=date(2024, 1, 1),
        scores=[],
        verdict="recognise",
        level="co_so",
        recognition_ref="1/QĐ",
    )
    assert list(Initiative.objects.recognised().available_for(org["person_a"])) == [initiative]
    from django.apps import apps

    link = apps.get_model("dossiers", "NomineeInitiative")
    from thidua.dossiers.models import Nominee

    from .conftest import make_dossier

    d = make_dossier(None, org["ward_a"], "draft")
    n = Nominee.objects.create(
        dossier=d, subject_kind="individual", person=org["person_a"], name="Ma Thị Lan"
    )
    link.objects.create(nominee=n, initiative=initiative)
    assert list(Initiative.objects.recognised().available_for(org["person_a"])) == []


# ---- inspections -----------------------------------------------------------------------
@pytest.fixture
def inspection(org):
    plan = InspectionPlan.objects.create(authority=org["city"], year=2025, title="KH kiểm tra 2025")
    ins = Inspection.objects.create(
        plan=plan, unit=org["ward_b"], start_date=date(2025, 4, 15), end_date=date(2025, 4, 16)
    )
    for area in ("documents", "movements", "awards", "payments", "archive"):
        InspectionItem.objects.create(inspection=ins, area=area)
    return ins


def test_finding_with_fix_due_before_the_inspection_ended_is_refused(users, inspection):
    with pytest.raises(services.DomainError):
        services.add_finding(
            inspection,
            users["standing"],
            area="archive",
            description="Thiếu biên bản",
            action="Bổ sung",
            due_date=date(2025, 4, 1),
        )
    assert Finding.objects.count() == 0 and RequiredFix.objects.count() == 0


def test_fix_is_resolved_once_with_a_note(users, inspection):
    services.add_finding(
        inspection,
        users["standing"],
        area="archive",
        description="Thiếu biên bản",
        action="Bổ sung",
        due_date=date(2025, 6, 30),
    )
    fix = RequiredFix.objects.get()
    assert fix.is_overdue(date(2025, 7, 1)) and not fix.is_overdue(date(2025, 6, 30))
    with pytest.raises(services.DomainError):
        services.resolve_fix(fix, users["standing"], resolved_on=date(2025, 6, 20), note="")
    services.resolve_fix(fix, users["standing"], resolved_on=date(2025, 6, 20), note="Đã bổ sung")
    fix.refresh_from_db()
    assert fix.status == FixStatus.DONE and not fix.is_overdue(date(2026, 1, 1))
    assert "reports.inspection.fix_resolved" in _actions(inspection)


def test_recording_an_item_result_marks_the_inspection_done(users, inspection):
    services.record_item_result(
        inspection, users["standing"], area="payments", result="deficient", note="Sổ thiếu chữ ký"
    )
    inspection.refresh_from_db()
    assert inspection.status == "done"
    assert inspection.items.get(area="payments").result == "deficient"
