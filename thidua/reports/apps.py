from django.apps import AppConfig

STAFF_REPORT_ROLES = {"standing_body", "chairman", "admin", "unit_officer", "unit_head"}


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    label = "reports"
    verbose_name = "Báo cáo, tổng kết"
    nav_items: list = [
        (70, "Báo cáo, thống kê", "reports:index", STAFF_REPORT_ROLES),
        (72, "Chương trình", "reports:programmes", None),
        (74, "Điển hình tiên tiến", "reports:models", None),
        (76, "Sáng kiến", "reports:initiatives", None),
        (78, "Kiểm tra", "reports:inspections", {"standing_body", "council_member", "admin"}),
    ]
