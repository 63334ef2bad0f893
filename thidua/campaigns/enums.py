from django.db import models


class CampaignKind(models.TextChoices):
    REGULAR = "thuong_xuyen", "Thường xuyên"
    PERIOD = "theo_dot", "Theo đợt"
    THEMATIC = "chuyen_de", "Chuyên đề"
    YEARLY = "hang_nam", "Hằng năm"
    PROGRAMME = "chuong_trinh", "Chương trình nhiều năm"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    RUNNING = "running", "Đang thực hiện"
    CLOSED = "closed", "Đã kết thúc"
    SUMMARISED = "summarised", "Đã tổng kết"


PUBLIC_STATUSES = {
    CampaignStatus.LAUNCHED,
    CampaignStatus.RUNNING,
    CampaignStatus.CLOSED,
    CampaignStatus.SUMMARISED,
}


class DeadlineKind(models.TextChoices):
    REGISTRATION = "registration", "Đăng ký thi đua gửi trưởng khối"
    REGISTRATION_FORWARD = "registration_forward", "Trưởng khối gửi đăng ký về cơ quan thường trực"
    DOSSIER_TO_BLOCK = "dossier_to_block", "Hồ sơ gửi trưởng khối"
    DOSSIER = "dossier", "Hồ sơ đề nghị khen thưởng"
    REPORT = "report", "Báo cáo kết quả"
    COMMITMENT = "commitment", "Hoàn thành công trình, phần việc, sự kiện"
    OTHER = "other", "Khác"
