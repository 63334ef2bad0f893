"""Every write of the reports app: guard → atomic change → audit.record → notify."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thidua.core import audit
from thidua.core.deadlines import is_late
from thidua.core.notify import notify
from thidua.core.permissions import can
from thidua.core.roles import Role

from . import figures
from .enums import (
    STAGE_ORDER,
    FixStatus,
    InitiativeStatus,
    ModelStage,
    UnitReportStatus,
    Verdict,
)
from .models import (
    ExemplaryModel,
    ExemplaryPhoto,
    Initiative,
    InitiativeEvaluation,
    Milestone,
    RequiredFix,
    SavedReport,
    UnitReport,
)

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


class DomainError(Exception):
    """A rule of the domain forbids the change; the message is for the user (Vietnamese)."""


def _standing_users(unit):
    from django.contrib.auth import get_user_model

    authority = unit.authority()
    parent = authority.parent.authority() if authority.parent_id else authority
    return list(
        get_user_model()
        .objects.filter(
            role_assignments__role=Role.STANDING_BODY,
            role_assignments__unit__in=[authority, parent],
        )
        .distinct()
    )


# ---- uploads ---------------------------------------------------------------------------
def sniff_image(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def sniff_evidence(head: bytes) -> str:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return sniff_image(head) or "application/octet-stream"


# ---- unit reports ----------------------------------------------------------------------
def save_unit_report(campaign, unit, user, *, narrative: str, figures_: dict) -> UnitReport:
    with transaction.atomic():
        report, created = UnitReport.objects.select_for_update().get_or_create(
            campaign=campaign, unit=unit
        )
        if report.status == UnitReportStatus.SUBMITTED:
            raise DomainError("Báo cáo đã gửi, không sửa được nữa.")
        report.narrative, report.figures = narrative, figures_
        report.save(update_fields=["narrative", "figures", "updated_at"])
        audit.record(
            report,
            "reports.unit_report.created" if created else "reports.unit_report.edited",
            user,
            unit=unit,
        )
    return report


def submit_unit_report(report: UnitReport, user, *, now=None) -> UnitReport:
    now = now or timezone.now()
    with transaction.atomic():
        report = UnitReport.objects.select_for_update().get(pk=report.pk)
        if report.status == UnitReportStatus.SUBMITTED:
            raise DomainError("Báo cáo này đã được gửi.")
        if not report.narrative.strip():
            raise DomainError("Chưa nhập nội dung kết quả thực hiện.")
        deadline = figures._deadline(report.campaign, "report")
        report.status = UnitReportStatus.SUBMITTED
        report.submitted_at, report.submitted_by, report.deadline = now, user, deadline
        report.is_late = bool(deadline and is_late(now, deadline))
        report.save(update_fields=["status", "submitted_at", "submitted_by", "deadline", "is_late"])
        audit.record(
            report,
            "reports.unit_report.submitted",
            user,
            unit=report.unit,
            from_state=UnitReportStatus.DRAFT,
            to_state=UnitReportStatus.SUBMITTED,
            data={"late": report.is_late},
        )
        late = " (muộn hạn)" if report.is_late else ""
        notify(
            _standing_users(report.unit),
            f"{report.unit} đã gửi báo cáo kết quả{late}: {report.campaign}",
            reverse("reports:unit_report", args=[report.pk]),
        )
    return report


# ---- saved reports ---------------------------------------------------------------------
def save_report(
    authority, user, *, campaign=None, year=None, kind="tong_ket", title=""
) -> SavedReport:
    data = figures.compute(authority, campaign=campaign, year=year)
    from .exports import report_title

    kind_word = "sơ kết" if kind == "so_ket" else "tổng kết"
    title = title or "Báo cáo " + report_title(data).replace("Tổng kết", kind_word, 1)
    with transaction.atomic():
        report = SavedReport.objects.create(
            authority=authority,
            campaign=campaign,
            year=year,
            kind=kind,
            title=title[:500],
            data=data,
            created_by=user,
        )
        audit.record(report, "reports.report.saved", user, unit=authority)
    return report


def set_report_published(report: SavedReport, user, published: bool) -> SavedReport:
    with transaction.atomic():
        report = SavedReport.objects.select_for_update().get(pk=report.pk)
        if report.published == published:
            raise DomainError("Báo cáo đã ở trạng thái này.")
        report.published = published
        report.published_at = timezone.now() if published else None
        report.save(update_fields=["published", "published_at"])
        audit.record(
            report,
            "reports.report.published" if published else "reports.report.unpublished",
            user,
            unit=report.authority,
        )
    return report


# ---- milestones ------------------------------------------------------------------------
def complete_milestone(
    milestone: Milestone, user, *, done_on: date, note: str = "", evidence=None
) -> Milestone:
    if done_on > date.today():
        raise DomainError("Ngày hoàn thành không được sau ngày hôm nay.")
    content = None
    if evidence is not None:
        if evidence.size > MAX_EVIDENCE_BYTES:
            raise DomainError("Tệp minh chứng vượt quá 20 MB.")
        content = evidence.read()
    with transaction.atomic():
        m = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before = m.status
        m.done_on = done_on
        if note:
            m.note = note
        fields = ["done_on", "note"]
        if content is not None:
            m.evidence_type = sniff_evidence(content[:8])
            m.evidence_name = evidence.name[:255]
            m.evidence.save(
                hashlib.sha256(content).hexdigest()[:16], ContentFile(content), save=False
            )
            fields += ["evidence", "evidence_type", "evidence_name"]
        m.save(update_fields=fields)
        audit.record(
            m,
            "reports.milestone.done",
            user,
            unit=m.programme.issuer,
            from_state=before,
            to_state="done",
            data={"done_on": done_on.isoformat()},
        )
    return m


def reopen_milestone(milestone: Milestone, user, reason: str) -> Milestone:
    if not reason.strip():
        raise DomainError("Cần ghi lý do mở lại nhiệm vụ.")
    with transaction.atomic():
        m = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if m.done_on is None:
            raise DomainError("Nhiệm vụ chưa hoàn thành.")
        m.done_on = None
        m.save(update_fields=["done_on"])
        audit.record(
            m,
            "reports.milestone.reopened",
            user,
            unit=m.programme.issuer,
            from_state="done",
            to_state=m.status,
            reason=reason,
        )
    return m


# ---- exemplary models ------------------------------------------------------------------
def advance_stage(model: ExemplaryModel, user, to_stage: str, reason: str = "") -> ExemplaryModel:
    with transaction.atomic():
        m = ExemplaryModel.objects.select_for_update().get(pk=model.pk)
        order = [s.value for s in STAGE_ORDER]
        if to_stage not in order:
            raise DomainError("Giai đoạn không hợp lệ.")
        if order.index(to_stage) != order.index(m.stage) + 1:
            raise DomainError(
                f"Chỉ chuyển được từ “{ModelStage(m.stage).label}” sang giai đoạn kế tiếp."
            )
        before = m.stage
        m.stage, m.stage_changed_at = to_stage, timezone.now()
        m.save(update_fields=["stage", "stage_changed_at"])
        audit.record(
            m,
            "reports.exemplary.stage",
            user,
            unit=m.unit,
            from_state=before,
            to_state=to_stage,
            reason=reason,
        )
    return m


def set_model_published(model: ExemplaryModel, user, published: bool) -> ExemplaryModel:
    with transaction.atomic():
        m = ExemplaryModel.objects.select_for_update().get(pk=model.pk)
        if published and m.stage == ModelStage.DISCOVER:
            raise DomainError("Điển hình mới phát hiện, cần bồi dưỡng trước khi công bố.")
        if m.published == published:
            raise DomainError("Điển hình đã ở trạng thái này.")
        m.published, m.published_at = published, timezone.now() if published else None
        m.save(update_fields=["published", "published_at"])
        audit.record(
            m,
            "reports.exemplary.published" if published else "reports.exemplary.unpublished",
            user,
            unit=m.unit,
        )
    return m


def add_photo(model: ExemplaryModel, user, upload, caption: str = "") -> ExemplaryPhoto:
    if upload.size > MAX_PHOTO_BYTES:
        raise DomainError("Ảnh vượt quá 5 MB.")
    content = upload.read()
    kind = sniff_image(content[:8])
    if kind is None:
        raise DomainError("Chỉ nhận ảnh JPEG hoặc PNG.")
    with transaction.atomic():
        photo = ExemplaryPhoto(
            model=model, content_type=kind, size=len(content), caption=caption, uploaded_by=user
        )
        ext = ".jpg" if kind == "image/jpeg" else ".png"
        photo.file.save(
            hashlib.sha256(content).hexdigest()[:20] + ext, ContentFile(content), save=False
        )
        photo.save()
        audit.record(
            model, "reports.exemplary.photo_added", user, unit=model.unit, data={"photo": photo.pk}
        )
    return photo


def link_awards(model: ExemplaryModel, user, awards) -> None:
    with transaction.atomic():
        model.awards.set(awards)
        audit.record(
            model,
            "reports.exemplary.awards",
            user,
            unit=model.unit,
            data={"awards": [a.pk for a in awards]},
        )


# ---- initiatives -----------------------------------------------------------------------
def evaluate_initiative(
    initiative: Initiative,
    user,
    *,
    council: str,
    meeting_date: date,
    scores: list[dict],
    verdict: str,
    level: str = "",
    recognition_ref: str = "",
    pass_score: int = 50,
    note: str = "",
) -> InitiativeEvaluation:
    if verdict == Verdict.RECOGNISE and not level:
        raise DomainError("Công nhận sáng kiến phải chọn cấp công nhận.")
    if verdict == Verdict.RECOGNISE and not recognition_ref.strip():
        raise DomainError("Công nhận sáng kiến phải có số quyết định công nhận.")
    for s in scores:
        if not (0 <= s["score"] <= 100):
            raise DomainError("Điểm của thành viên phải từ 0 đến 100.")
    if scores and verdict == Verdict.RECOGNISE:
        avg = sum(s["score"] for s in scores) / len(scores)
        if avg < pass_score:
            raise DomainError(
                f"Điểm bình quân {avg:.2f} thấp hơn điểm đạt {pass_score}: không công nhận được."
            )
    with transaction.atomic():
        ini = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if ini.status == InitiativeStatus.RECOGNISED:
            raise DomainError("Sáng kiến đã được công nhận.")
        ev = InitiativeEvaluation.objects.create(
            initiative=ini,
            council=council,
            meeting_date=meeting_date,
            scores=scores,
            verdict=verdict,
            level=level if verdict == Verdict.RECOGNISE else "",
            recognition_ref=recognition_ref,
            pass_score=pass_score,
            note=note,
            created_by=user,
        )
        before = ini.status
        if verdict == Verdict.RECOGNISE:
            ini.status, ini.level = InitiativeStatus.RECOGNISED, level
            ini.recognised_on, ini.recognition_ref = meeting_date, recognition_ref
        else:
            ini.status = InitiativeStatus.NOT_RECOGNISED
        ini.save(update_fields=["status", "level", "recognised_on", "recognition_ref"])
        audit.record(
            ini,
            "reports.initiative.evaluated",
            user,
            unit=ini.unit,
            from_state=before,
            to_state=ini.status,
            data={"evaluation": ev.pk, "level": level},
        )
        if ini.created_by:
            notify(
                [ini.created_by],
                f"Sáng kiến “{ini.title}”: {ini.get_status_display().lower()}",
                reverse("reports:initiative", args=[ini.pk]),
            )
    return ev


# ---- inspections -----------------------------------------------------------------------
def resolve_fix(fix: RequiredFix, user, *, resolved_on: date, note: str) -> RequiredFix:
    if not note.strip():
        raise DomainError("Cần ghi kết quả khắc phục.")
    with transaction.atomic():
        f = RequiredFix.objects.select_for_update().get(pk=fix.pk)
        if f.status == FixStatus.DONE:
            raise DomainError("Yêu cầu này đã được khắc phục.")
        f.status, f.resolved_on, f.follow_up_note = FixStatus.DONE, resolved_on, note
        f.save(update_fields=["status", "resolved_on", "follow_up_note"])
        audit.record(
            f.finding.inspection,
            "reports.inspection.fix_resolved",
            user,
            unit=f.finding.inspection.unit,
            from_state=FixStatus.OPEN,
            to_state=FixStatus.DONE,
            reason=note,
            data={"fix": f.pk},
        )
    return f


def check_change(user, obj) -> None:
    from django.core.exceptions import PermissionDenied

    if not can(user, "change", obj):
        raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu này.")


# ---- plain creations (forms validated) -------------------------------------------------
def create_from_form(form, user, action: str, *, unit=None, **extra):
    """Save a validated ModelForm with its audit event, in one transaction."""
    with transaction.atomic():
        obj = form.save(commit=False)
        for k, v in extra.items():
            setattr(obj, k, v)
        if hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = user
        obj.save()
        form.save_m2m()
        audit.record(obj, action, user, unit=unit)
    return obj


def create_inspection(plan, form, user):
    from .enums import CheckArea
    from .models import InspectionItem

    with transaction.atomic():
        inspection = form.save(commit=False)
        inspection.plan = plan
        inspection.save()
        InspectionItem.objects.bulk_create(
            InspectionItem(inspection=inspection, area=a) for a in CheckArea.values
        )
        audit.record(inspection, "reports.inspection.created", user, unit=inspection.unit)
    return inspection


def record_item_result(inspection, user, *, area: str, result: str, note: str):
    from .enums import InspectionStatus
    from .models import InspectionItem

    with transaction.atomic():
        item = InspectionItem.objects.select_for_update().get(inspection=inspection, area=area)
        before = item.result
        item.result, item.note = result, note
        item.save(update_fields=["result", "note"])
        if inspection.status == InspectionStatus.PLANNED:
            inspection.status = InspectionStatus.DONE
            inspection.save(update_fields=["status"])
        audit.record(
            inspection,
            "reports.inspection.item",
            user,
            unit=inspection.unit,
            from_state=before,
            to_state=result,
            data={"area": area},
        )
    return item


def add_finding(inspection, user, *, area, description, action, due_date, follow_up_date=None):
    from .models import Finding

    if due_date < inspection.end_date:
        raise DomainError("Hạn khắc phục phải sau ngày kết thúc kiểm tra.")
    with transaction.atomic():
        finding = Finding.objects.create(inspection=inspection, area=area, description=description)
        fix = RequiredFix.objects.create(
            finding=finding, action=action, due_date=due_date, follow_up_date=follow_up_date
        )
        audit.record(
            inspection,
            "reports.inspection.finding",
            user,
            unit=inspection.unit,
            data={"finding": finding.pk, "fix": fix.pk},
        )
    return finding


def can_create_programme(user) -> bool:
    from thidua.core.permissions import scope_for

    return scope_for(user).has_role(Role.STANDING_BODY, Role.ADMIN)


def set_target_value(target, user, *, year: int, planned=None, actual=None):
    """Record the planned and/or actual value of a programme target for one year."""
    from .models import TargetValue

    programme = target.programme
    if not programme.start_year <= year <= programme.end_year:
        raise DomainError(f"Năm phải trong giai đoạn {programme.start_year}–{programme.end_year}.")
    if planned is None and actual is None:
        raise DomainError("Cần nhập giá trị kế hoạch hoặc thực hiện.")
    with transaction.atomic():
        value, _ = TargetValue.objects.select_for_update().get_or_create(target=target, year=year)
        before = {"planned": str(value.planned), "actual": str(value.actual)}
        if planned is not None:
            value.planned = planned
        if actual is not None:
            value.actual = actual
        value.save()
        audit.record(
            programme,
            "reports.target.value",
            user,
            unit=programme.issuer,
            data={
                "target": target.pk,
                "year": year,
                "before": before,
                "planned": str(value.planned),
                "actual": str(value.actual),
            },
        )
    return value
