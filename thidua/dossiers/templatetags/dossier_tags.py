"""Display helpers for dossier timelines."""

from datetime import timedelta

from django import template

from thidua.dossiers.enums import DossierStatus, LineResult

register = template.Library()

ACTIONS = {
    "dossiers.dossier.created": "lập hồ sơ",
    "dossiers.dossier.meeting": "cập nhật thông tin họp xét",
    "dossiers.dossier.submitted": "nộp hồ sơ",
    "dossiers.dossier.resubmitted": "nộp lại hồ sơ",
    "dossiers.dossier.returned": "trả lại để hoàn thiện",
    "dossiers.dossier.assigned": "phân công, bàn giao thẩm định",
    "dossiers.dossier.checklist": "lưu phiếu kiểm tra",
    "dossiers.dossier.comment": "trao đổi",
    "dossiers.dossier.appraised": "kết thúc thẩm định",
    "dossiers.dossier.rejected": "kết luận không đủ điều kiện",
    "dossiers.dossier.withdrawn": "rút hồ sơ",
    "dossiers.dossier.disclosed": "công khai danh sách",
    "dossiers.dossier.in_council": "trình Hội đồng",
    "dossiers.dossier.council_result": "ghi kết quả Hội đồng",
    "dossiers.dossier.council_approved": "ghi Hội đồng thông qua",
    "dossiers.dossier.council_not_approved": "ghi Hội đồng không thông qua",
    "dossiers.dossier.decided": "ghi quyết định khen thưởng",
    "dossiers.dossier.bundled_upward": "tổng hợp đề nghị cấp trên",
    "dossiers.nominee.added": "thêm đối tượng",
    "dossiers.nominee.changed": "sửa đối tượng",
    "dossiers.nominee.removed": "bỏ đối tượng",
    "dossiers.nominee.appraised": "thẩm định dòng đề nghị",
    "dossiers.nominee.council": "kết quả Hội đồng cho dòng đề nghị",
    "dossiers.initiative.linked": "thêm sáng kiến làm căn cứ",
    "dossiers.document.uploaded": "tải lên tài liệu đã ký",
    "dossiers.document.generated": "soạn dự thảo tài liệu",
}
_STATES = {**dict(DossierStatus.choices), **dict(LineResult.choices)}


@register.filter
def action_vn(action: str) -> str:
    return ACTIONS.get(action, action)


@register.filter
def status_vn(state: str) -> str:
    return _STATES.get(state, state or "—")


@register.filter
def duration_vn(span: timedelta) -> str:
    """'2 ngày 3 giờ', '45 phút', 'dưới 1 phút'."""
    total = int(span.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if hours:
        parts.append(f"{hours} giờ")
    if minutes and not days:
        parts.append(f"{minutes} phút")
    return " ".join(parts) or "dưới 1 phút"


@register.filter
def category_vn(code: str) -> str:
    from thidua.legal.read import COLLECTIVE_CATEGORIES, PERSON_CATEGORIES

    return PERSON_CATEGORIES.get(code) or COLLECTIVE_CATEGORIES.get(code) or code
