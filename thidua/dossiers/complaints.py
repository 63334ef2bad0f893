"""Complaints and denunciations (khiếu nại, tố cáo) about awards, each with a deadline."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from thidua.core import audit, deadlines
from thidua.org.models import Unit

from .enums import ComplaintStatus
from .models import Complaint
from .services import DossierError


@transaction.atomic
def record_complaint(
    authority: Unit,
    actor,
    *,
    kind,
    complainant,
    contact,
    content,
    received_on,
    answer_due=None,
    nominee=None,
    disclosure=None,
):
    if not content.strip() or not complainant.strip():
        raise DossierError("Nhập người gửi và nội dung.")
    due = answer_due or deadlines.add_working_days(received_on, 10)
    if due < received_on:
        raise DossierError("Hạn trả lời không được trước ngày nhận.")
    c = Complaint.objects.create(
        authority=authority,
        kind=kind,
        complainant=complainant.strip(),
        contact=contact,
        content=content.strip(),
        received_on=received_on,
        answer_due=due,
        nominee=nominee,
        disclosure=disclosure,
        created_by=actor,
    )
    audit.record(c, "dossiers.complaint.received", actor, unit=authority, to_state=c.status)
    return c


@transaction.atomic
def answer_complaint(complaint, actor, answer: str, on: date | None = None):
    if complaint.status == ComplaintStatus.ANSWERED:
        raise DossierError("Đơn này đã được trả lời.")
    if not answer.strip():
        raise DossierError("Nhập nội dung trả lời.")
    complaint.answer, complaint.answered_on = answer.strip(), on or timezone.localdate()
    complaint.status = ComplaintStatus.ANSWERED
    complaint.save(update_fields=["answer", "answered_on", "status"])
    audit.record(
        complaint,
        "dossiers.complaint.answered",
        actor,
        unit=complaint.authority,
        from_state=ComplaintStatus.OPEN,
        to_state=ComplaintStatus.ANSWERED,
    )
    return complaint
