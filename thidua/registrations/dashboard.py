"""Monitoring data for the standing body, council members and block heads."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from thidua.campaigns.enums import DeadlineKind
from thidua.campaigns.models import Campaign
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.org.models import Block, BlockMember, CouncilMember

from .enums import RANKED_STATUSES, RegistrationStatus
from .models import Indicator, QuarterlyCheck, Registration
from .ranking import block_rate_series, rank_blocks

OVERDUE_REPORT_DAYS = 35  # a monthly report older than this is overdue


def monitored_blocks(user):
    """Standing body / admin: the blocks of their authority; council member: the blocks
    assigned to them; block head: the blocks their unit heads."""
    scope = scope_for(user)
    if scope.is_global:
        return Block.objects.all()
    q = Q(pk__in=[])
    if scope.roles.get(Role.STANDING_BODY):
        q |= Q(authority_id__in=scope.roles[Role.STANDING_BODY]) | Q(
            pk__in=Block.objects.for_user(user, "change").values("pk")
        )
    if scope.roles.get(Role.COUNCIL_MEMBER):
        q |= Q(monitors__user=user)
    if scope.roles.get(Role.BLOCK_HEAD):
        q |= Q(head_id__in=scope.roles[Role.BLOCK_HEAD])
    return Block.objects.filter(q).distinct()


def month_ends(start: date, end: date) -> list[date]:
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        out.append(min(nxt - timedelta(days=1), end))
        d = nxt
    return out[-12:]


def dashboard_context(user, campaign_id, as_at: date | None) -> dict:
    blocks = monitored_blocks(user)
    campaigns = Campaign.objects.filter(registrations__block__in=blocks).distinct()
    campaign = None
    if campaign_id and str(campaign_id).isdigit():
        campaign = campaigns.filter(pk=int(campaign_id)).first()
    campaign = campaign or campaigns.order_by("-start_date", "-pk").first()
    ctx = {"campaigns": campaigns, "campaign": campaign, "blocks": [], "chart": None}
    if campaign is None:
        return ctx
    today = timezone.localdate()
    as_at = as_at or min(today, campaign.end_date or today)
    block_ids = set(
        Registration.objects.filter(campaign=campaign, block__in=blocks).values_list(
            "block_id", flat=True
        )
    )
    block_list = list(
        Block.objects.filter(pk__in=block_ids).select_related("head").order_by("name")
    )
    ranking = rank_blocks(campaign, as_at, blocks=block_list).by_block()
    regs = (
        Registration.objects.filter(campaign=campaign, block__in=block_list)
        .select_related("unit")
        .order_by("unit__name")
    )
    members = BlockMember.objects.filter(block__in=block_list).select_related("unit")
    reg_deadline = campaign.deadline(DeadlineKind.REGISTRATION)
    registered = {(r.block_id, r.unit_id) for r in regs}
    latest = Indicator.objects.filter(registration=OuterRef("pk")).annotate(
        last=Max("reports__report_date", filter=Q(reports__report_date__lte=as_at))
    )
    overdue_cut = as_at - timedelta(days=OVERDUE_REPORT_DAYS)
    stale = (
        Registration.objects.filter(
            campaign=campaign, block__in=block_list, status__in=RANKED_STATUSES
        )
        .annotate(
            stale=Count(
                "indicators",
                filter=Q(
                    indicators__in=Subquery(
                        latest.filter(Q(last__lt=overdue_cut) | Q(last__isnull=True)).values("pk")
                    )
                ),
            )
        )
        .filter(stale__gt=0)
        .values_list("pk", "stale")
    )
    stale = dict(stale)
    for b in block_list:
        b_regs = [r for r in regs if r.block_id == b.pk]
        rows = ranking.get(b.pk, [])
        not_registered = [
            m.unit for m in members if m.block_id == b.pk and (b.pk, m.unit_id) not in registered
        ]
        ctx["blocks"].append(
            {
                "block": b,
                "rows": rows,
                "registrations": b_regs,
                "not_registered": not_registered,
                "late": [r for r in b_regs if r.is_late],
                "returned": [
                    r for r in b_regs if r.status == RegistrationStatus.RETURNED or r.times_returned
                ],
                "unsubmitted": [
                    r
                    for r in b_regs
                    if r.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)
                ],
                "stale": [(r, stale[r.pk]) for r in b_regs if r.pk in stale],
                "avg": (sum(x.rate for x in rows) / len(rows)) if rows else None,
                "overdue": bool(reg_deadline and today > reg_deadline),
            }
        )
    start = campaign.start_date or as_at - timedelta(days=330)
    series = block_rate_series(campaign, block_list, month_ends(start, as_at))
    ctx["chart"] = {
        "labels": series["labels"],
        "blocks": [
            {
                "id": bid,
                "name": s["name"],
                "avg": s["avg"],
                "units": [{"name": u["name"], "rates": u["rates"]} for u in s["units"].values()],
            }
            for bid, s in series["blocks"].items()
        ],
    }
    unit_ids = [m.unit_id for m in members]
    ctx["checks"] = QuarterlyCheck.objects.filter(unit_id__in=unit_ids).select_related(
        "council_member", "unit"
    )[:50]
    ctx["as_at"] = as_at
    ctx["reg_deadline"] = reg_deadline
    ctx["forward_deadline"] = campaign.deadline(DeadlineKind.REGISTRATION_FORWARD)
    ctx["is_council"] = CouncilMember.objects.filter(user=user).exists()
    return ctx
