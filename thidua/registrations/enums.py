"""Choices of the registrations app."""

from django.db import models


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi trưởng khối"
    RETURNED = "returned", "Trả lại để hoàn thiện"
    ACCEPTED = "accepted", "Trưởng khối đã nhận"
    FORWARDED = "forwarded", "Đã gửi cơ quan thường trực"


# Registrations whose targets count in the ranking (the unit has committed to them).
RANKED_STATUSES = {
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.ACCEPTED,
    RegistrationStatus.FORWARDED,
}
EDITABLE_STATUSES = {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}


class CommitmentKind(models.TextChoices):
    WORK_ITEM = "work_item", "Công trình, phần việc"
    EVENT = "event", "Sự kiện"


class ReviewMethod(models.TextChoices):
    VOTE = "vote", "Bỏ phiếu"
    CONSENSUS = "consensus", "Thống nhất (biểu quyết giơ tay)"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Nhắc trước hạn"
    AFTER = "after", "Nhắc quá hạn"
