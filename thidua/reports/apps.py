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

    def home_widgets(self, request) -> list[dict]:
        """Home-page figures: open programme tasks past due, overdue inspection fixes,
        exemplary models in the user's scope."""
        from datetime import date

        from django.urls import reverse

        from thidua.core.permissions import scope_for

        from .enums import FixStatus
        from .models import ExemplaryModel, RequiredFix
        from .views.programmes import overdue_milestone_count

        user, today = request.user, date.today()
        scope = scope_for(user)
        out = []
        if scope.has_role("standing_body", "chairman", "admin"):
            overdue = overdue_milestone_count(user, today)  # the list the link opens, counted
            out.append(
                {
                    "label": "Nhiệm vụ chương trình quá hạn",
                    "value": overdue,
                    "url": reverse("reports:programmes") + "?qua_han=1#qua-han",
                    "tone": "bad" if overdue else "",
                }
            )
        if scope.has_role("standing_body", "council_member", "admin"):
            n = (
                RequiredFix.objects.for_user(user)
                .filter(status=FixStatus.OPEN, due_date__lt=today)
                .count()
            )
            out.append(
                {
                    "label": "Yêu cầu khắc phục sau kiểm tra quá hạn",
                    "value": n,
                    "url": reverse("reports:inspections"),
                    "tone": "bad" if n else "",
                }
            )
        out.append(
            {
                "label": "Điển hình tiên tiến",
                "value": ExemplaryModel.objects.for_user(user).count(),
                "url": reverse("reports:models"),
            }
        )
        return out
