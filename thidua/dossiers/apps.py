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
        from django.db.models import Count, Q

        from thidua.core.permissions import scope_for

        from .access import appraisal_queue
        from .enums import DossierStatus
        from .models import PROPOSER_ROLES, Dossier, role_unit_ids

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
        unit_ids = role_unit_ids(scope, PROPOSER_ROLES)
        if unit_ids:
            # One COUNT per status in one query; no unit row loaded.
            counts = qs.filter(proposer_id__in=unit_ids).aggregate(
                returned=Count("pk", filter=Q(status=DossierStatus.RETURNED)),
                draft=Count("pk", filter=Q(status=DossierStatus.DRAFT)),
            )
            returned = counts["returned"]
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
                    "value": counts["draft"],
                    "url": reverse("dossiers:list"),
                }
            )
        return widgets
