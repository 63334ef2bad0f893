from django.db import models


class SessionKind(models.TextChoices):
    AWARD = "award", "Phiên họp xét khen thưởng"
    REGULAR = "regular", "Phiên họp định kỳ"
    EXTRAORDINARY = "extraordinary", "Phiên họp bất thường"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    OPEN = "open", "Đang họp"
    CLOSED = "closed", "Đã kết thúc"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Có mặt"
    WRITTEN = "written", "Vắng, có phiếu bằng văn bản"
    ABSENT = "absent", "Vắng, không có ý kiến"


class Choice(models.TextChoices):
    YES = "yes", "Đồng ý"
    NO = "no", "Không đồng ý"
    ABSTAIN = "abstain", "Không biểu quyết"


class ItemResult(models.TextChoices):
    PENDING = "pending", "Chưa có kết quả"
    APPROVED = "approved", "Đạt"
    NOT_APPROVED = "not_approved", "Không đạt"
