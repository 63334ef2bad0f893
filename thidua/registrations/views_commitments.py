"""Every registered work item (công trình, phần việc) and event (sự kiện) with its status,
for the standing body (issue #15, item 19): not only counts in an export."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from thidua.campaigns.enums import PUBLIC_STATUSES
from thidua.campaigns.models import Campaign
from thidua.core.permissions import require_role
from thidua.core.roles import Role

from .models import Event, WorkItem

STATUSES = {
    "done": "Đã hoàn thành",
    "open": "Đang thực hiện",
    "late": "Quá hạn, chưa hoàn thành",
}


def commitment_rows(user, campaign_id=None, status: str = "", today=None) -> list[dict]:
    """Work items and events of the registrations the user sees, with their status."""
    today = today or timezone.localdate()
    rows = []
    for model, kind in ((WorkItem, "Công trình, phần việc"), (Event, "Sự kiện")):
        qs = model.objects.for_user(user).select_related(
            "registration__unit", "registration__campaign", "evidence"
        )
        if campaign_id:
            qs = qs.filter(registration__campaign_id=campaign_id)
        for item in qs:
            if item.done_at:
                state = "done"
            elif item.due_date and item.due_date < today:
                state = "late"
            else:
                state = "open"
            if status and state != status:
                continue
            rows.append({"item": item, "kind": kind, "state": state, "label": STATUSES[state]})
    rows.sort(
        key=lambda r: (
            r["item"].registration.campaign.title,
            r["item"].registration.unit.name,
            r["item"].due_date or timezone.localdate().replace(year=9999),
            r["item"].pk,
        )
    )
    return rows


@login_required
def commitments(request):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    campaigns = Campaign.objects.for_user(request.user).filter(status__in=PUBLIC_STATUSES)
    campaign_id = request.GET.get("campaign", "")
    campaign_id = int(campaign_id) if campaign_id.isdigit() else None
    status = request.GET.get("status", "")
    status = status if status in STATUSES else ""
    rows = commitment_rows(request.user, campaign_id, status)
    counts = dict.fromkeys(STATUSES, 0)
    for r in commitment_rows(request.user, campaign_id) if status else rows:
        counts[r["state"]] += 1
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "registrations/commitments.html",
        {
            "page": page,
            "campaigns": campaigns,
            "campaign_id": campaign_id,
            "status": status,
            "statuses": STATUSES,
            "counts": counts,
            "breadcrumbs": [("Công trình, phần việc, sự kiện", None)],
        },
    )
