from django.db import models


class DossierKind(models.TextChoices):
    MERIT = "cong_trang", "Công trạng, thành tích (thường xuyên)"
    CAMPAIGN = "phong_trao", "Theo đợt, chuyên đề (phong trào thi đua)"
    SUDDEN = "dot_xuat", "Đột xuất"
    DEDICATION = "cong_hien", "Quá trình cống hiến"
    SENIORITY = "nien_han", "Niên hạn"
    FOREIGN = "doi_ngoai", "Đối ngoại"


class DossierStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã nộp"
    RETURNED = "returned", "Trả lại để hoàn thiện"
    RESUBMITTED = "resubmitted", "Đã nộp lại"
    APPRAISED = "appraised", "Đã thẩm định"
    REJECTED = "rejected", "Không đủ điều kiện"
    IN_COUNCIL = "in_council", "Trình Hội đồng"
    APPROVED = "approved", "Hội đồng thông qua"
    NOT_APPROVED = "not_approved", "Hội đồng không thông qua"
    DISCLOSED = "disclosed", "Đang công khai"
    DECIDED = "decided", "Đã có quyết định"
    FORWARDED = "forwarded", "Đã trình cấp trên"
    WITHDRAWN = "withdrawn", "Đã rút"


OPEN_STATUSES = {
    DossierStatus.DRAFT,
    DossierStatus.SUBMITTED,
    DossierStatus.RETURNED,
    DossierStatus.RESUBMITTED,
    DossierStatus.APPRAISED,
    DossierStatus.IN_COUNCIL,
    DossierStatus.APPROVED,
    DossierStatus.DISCLOSED,
}
FINAL_STATUSES = {
    DossierStatus.REJECTED,
    DossierStatus.NOT_APPROVED,
    DossierStatus.DECIDED,
    DossierStatus.FORWARDED,
    DossierStatus.WITHDRAWN,
}
# Statuses whose nominee lines count against campaign quotas.
COUNTING_STATUSES = {
    DossierStatus.SUBMITTED,
    DossierStatus.RESUBMITTED,
    DossierStatus.RETURNED,
    DossierStatus.APPRAISED,
    DossierStatus.IN_COUNCIL,
    DossierStatus.APPROVED,
    DossierStatus.DISCLOSED,
    DossierStatus.DECIDED,
    DossierStatus.FORWARDED,
}


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"
    LOCALITY = "locality", "Địa phương (xã, phường, thôn)"


class LineResult(models.TextChoices):
    PENDING = "pending", "Chưa thẩm định"
    ELIGIBLE = "eligible", "Đủ điều kiện"
    INELIGIBLE = "ineligible", "Không đủ điều kiện"


class DocumentType(models.TextChoices):
    PROPOSAL = "to_trinh", "Tờ trình"
    MINUTES = "bien_ban", "Biên bản họp xét"
    ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", "Báo cáo thành tích"
    SUMMARY_LIST = "danh_sach_trich_ngang", "Danh sách trích ngang"
    INITIATIVE_PROOF = "sang_kien", "Giấy chứng nhận sáng kiến"
    OTHER = "khac", "Tài liệu khác"


# Statuses in which the proposing unit may edit the dossier.
EDITABLE_STATUSES = {DossierStatus.DRAFT, DossierStatus.RETURNED}
# Statuses waiting for the standing body's appraisal.
QUEUE_STATUSES = {DossierStatus.SUBMITTED, DossierStatus.RESUBMITTED}
# A dossier can be withdrawn until it is decided.
WITHDRAWABLE_STATUSES = OPEN_STATUSES | {DossierStatus.NOT_APPROVED} - {DossierStatus.DECIDED}


class MatterKind(models.TextChoices):
    DISCIPLINE = "discipline", "Đang xem xét kỷ luật"
    INSPECTION = "inspection", "Đang thanh tra, kiểm tra"
    COMPLAINT = "complaint", "Đang giải quyết khiếu nại, tố cáo"


class ComplaintKind(models.TextChoices):
    COMPLAINT = "khieu_nai", "Khiếu nại"
    DENUNCIATION = "to_cao", "Tố cáo"


class ComplaintStatus(models.TextChoices):
    OPEN = "open", "Đang giải quyết"
    ANSWERED = "answered", "Đã trả lời"


class CouncilResult(models.TextChoices):
    PENDING = "pending", "Chưa xét"
    APPROVED = "approved", "Hội đồng thông qua"
    NOT_APPROVED = "not_approved", "Hội đồng không thông qua"


class InitiativeStatus(models.TextChoices):
    REGISTERED = "registered", "Đã đăng ký"
    EVALUATING = "evaluating", "Đang đánh giá"
    RECOGNISED = "recognised", "Đã công nhận"
    NOT_RECOGNISED = "not_recognised", "Không công nhận"


class InitiativeLevel(models.TextChoices):
    BASE = "co_so", "Cấp cơ sở"
    PROVINCE = "tinh", "Cấp tỉnh"
    NATIONAL = "toan_quoc", "Toàn quốc"
