from django.apps import AppConfig
from django.urls import reverse


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ khen thưởng"
    nav_items = [
        (40, "Hồ sơ khen thưởng", "dossiers:list", None),
        (41, "Thẩm định", "dossiers:queue", {"standing_body", "admin"}),
        (42, "Khiếu nại, góp ý", "dossiers:complaints", {"standing_body", "admin"}),
    ]

    def ready(self):
        from thidua.campaigns.services import count_lines_with

        from .quota_lines import nominee_lines

        count_lines_with(nominee_lines)

    def home_widgets(self, request) -> list[dict]:
        """What waits for the user: appraisal for the standing body, fixes for units."""
        from thidua.core.permissions import scope_for

        from .access import appraisal_queue, own_units
        from .enums import DossierStatus
        from .models import Dossier

        scope = scope_for(request.user)
        qs = Dossier.objects.for_user(request.user)
        widgets = []
        if scope.has_role("standing_body"):
            waiting = appraisal_queue(request.user).count()  # the queue page's own query
            widgets.append(
                {
                    "label": "Hồ sơ chờ thẩm định",
                    "value": waiting,
                    "url": reverse("dossiers:queue"),
                    "tone": "warn" if waiting else "ok",
                }
            )
        units = own_units(request.user)
        if units:
            mine = qs.filter(proposer__in=units)
            returned = mine.filter(status=DossierStatus.RETURNED).count()
            widgets.append(
                {
                    "label": "Hồ sơ bị trả lại cần hoàn thiện",
                    "value": returned,
                    "url": reverse("dossiers:list"),
                    "tone": "warn" if returned else "ok",
                }
            )
            widgets.append(
                {
                    "label": "Hồ sơ đang soạn",
                    "value": mine.filter(status=DossierStatus.DRAFT).count(),
                    "url": reverse("dossiers:list"),
                }
            )
        return widgets
