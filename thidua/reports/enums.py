"""Choices of the reports app: initiatives, programmes, exemplary models, inspections,
unit reports and saved reports."""

from django.db import models

from thidua.dossiers.enums import InitiativeLevel, InitiativeStatus  # noqa: F401 — moved there


class Verdict(models.TextChoices):
    RECOGNISE = "recognise", "Công nhận"
    REJECT = "reject", "Không công nhận"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "Chưa đến hạn"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"
    OVERDUE = "overdue", "Quá hạn"


class TargetDirection(models.TextChoices):
    AT_LEAST = "at_least", "Đạt từ mức chỉ tiêu trở lên"
    AT_MOST = "at_most", "Không vượt quá mức chỉ tiêu"


class ModelKind(models.TextChoices):
    PERSON = "person", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    MODEL = "model", "Mô hình"


class ModelStage(models.TextChoices):
    DISCOVER = "discover", "Phát hiện"
    NURTURE = "nurture", "Bồi dưỡng"
    SUMMARISE = "summarise", "Tổng kết"
    REPLICATE = "replicate", "Nhân rộng"


STAGE_ORDER = [ModelStage.DISCOVER, ModelStage.NURTURE, ModelStage.SUMMARISE, ModelStage.REPLICATE]


class CheckArea(models.TextChoices):
    """The checklist of seed 002 (Chương trình hành động 2021–2025, mục III.7)."""

    DOCUMENTS = "documents", "Hệ thống văn bản chỉ đạo, điều hành, hướng dẫn"
    MOVEMENTS = "movements", "Tổ chức thực hiện các phong trào thi đua"
    AWARDS = "awards", "Công tác khen thưởng"
    PAYMENTS = "payments", "Chi trả tiền thưởng, cấp phát và quản lý hiện vật khen thưởng"
    ARCHIVE = "archive", "Lưu trữ và quản lý hồ sơ khen thưởng"


class CheckResult(models.TextChoices):
    PENDING = "pending", "Chưa kiểm tra"
    GOOD = "good", "Thực hiện tốt"
    ACCEPTABLE = "acceptable", "Cơ bản đạt yêu cầu"
    DEFICIENT = "deficient", "Còn thiếu sót"


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "Theo kế hoạch"
    DONE = "done", "Đã kiểm tra"
    CONCLUDED = "concluded", "Đã kết luận"


class FixStatus(models.TextChoices):
    OPEN = "open", "Chưa khắc phục"
    DONE = "done", "Đã khắc phục"


class UnitReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"


class ReportKind(models.TextChoices):
    INTERIM = "so_ket", "Sơ kết"
    FINAL = "tong_ket", "Tổng kết"
