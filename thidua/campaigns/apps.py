from datetime import timedelta

from django.apps import AppConfig
from django.urls import reverse
from django.utils import timezone


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    label = "campaigns"
    verbose_name = "Phong trào thi đua"
    nav_items: list = [
        (20, "Phong trào thi đua", "campaigns:list", None),
        (21, "Lịch thời hạn", "campaigns:calendar", None),
        (22, "Nhập kế hoạch", "campaigns:import", {"standing_body", "admin"}),
    ]

    def home_widgets(self, request) -> list[dict]:
        from django.db.models import Count, Q

        from .enums import CampaignStatus
        from .models import Campaign

        campaigns = Campaign.objects.for_user(request.user)
        active = campaigns.filter(status__in=[CampaignStatus.LAUNCHED, CampaignStatus.RUNNING])
        today = timezone.localdate()
        # Both figures in one query (active campaigns, their deadlines in the next 14 days).
        figures = active.aggregate(
            active=Count("pk", distinct=True),
            soon=Count(
                "deadlines",
                filter=Q(
                    deadlines__date__gte=today, deadlines__date__lte=today + timedelta(days=14)
                ),
                distinct=True,
            ),
        )
        soon = figures["soon"]
        return [
            {
                "label": "Phong trào đang triển khai",
                "value": figures["active"],
                "url": reverse("campaigns:list"),
            },
            {
                "label": "Thời hạn trong 14 ngày tới",
                "value": soon,
                "url": reverse("campaigns:calendar"),
                "tone": "warn" if soon else "",
            },
        ]
