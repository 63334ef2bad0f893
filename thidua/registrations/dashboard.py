"""Monitoring data for the standing body, council members and block heads."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns.enums import DeadlineKind
from thidua.campaigns.models import Campaign
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.org.models import Block, BlockMember, CouncilMember

from .enums import RANKED_STATUSES, RegistrationStatus
from .models import Indicator, ProgressReport, QuarterlyCheck, Registration
from .snapshots import kept_dates, read_page, snap_date

OVERDUE_REPORT_DAYS = 35  # a monthly report older than this is overdue
BLOCKS_PER_PAGE = 5  # each block: its table and its chart


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


def dashboard_context(user, campaign_id, as_at: date | None, page=None) -> dict:
    """The monitored blocks of one campaign, a page of blocks at a time, from the stored
    rankings (`snapshots`): no ranking is computed here unless a block's stored one is
    missing or not yet refreshed.

    A fixed number of queries whatever the number of units: the campaigns once, the
    campaign's dates once, the page's registrations and members (with their units) once,
    and one read of the stored rankings (snapshots, then entries by id) that the table and
    the chart share; the rows link to the registrations by one reversed URL plus ids."""
    blocks = monitored_blocks(user)
    campaigns = Campaign.objects.filter(
        pk__in=Registration.objects.filter(block__in=blocks).values("campaign_id")
    )
    campaign_list = list(campaigns.order_by("-start_date", "-pk"))
    campaign = None
    if campaign_id and str(campaign_id).isdigit():
        campaign = next((c for c in campaign_list if c.pk == int(campaign_id)), None)
    campaign = campaign or (campaign_list[0] if campaign_list else None)
    ctx = {"campaigns": campaign_list, "campaign": campaign, "blocks": [], "chart": None}
    if campaign is None:
        return ctx
    prefetch_related_objects([campaign], "deadlines")  # both deadlines below, one read
    today = timezone.localdate()
    kept = kept_dates(campaign, today)
    as_at = snap_date(campaign, as_at, today)
    block_ids = Registration.objects.filter(campaign=campaign, block__in=blocks).values("block_id")
    block_page = Paginator(
        Block.objects.filter(pk__in=block_ids).select_related("head").order_by("name", "pk"),
        BLOCKS_PER_PAGE,
    ).get_page(page)
    block_list = list(block_page.object_list)
    regs = list(
        Registration.objects.filter(campaign=campaign, block__in=block_list)
        .select_related("unit")
        .order_by("unit__name")
    )
    members = list(BlockMember.objects.filter(block__in=block_list).select_related("unit"))
    units = {x.unit_id: (x.unit.name, x.unit.kind) for x in [*members, *regs]}
    ranked = {r.block_id for r in regs if r.block_id and r.status in RANKED_STATUSES}
    stored, series = read_page(
        campaign,
        as_at,
        block_list,
        [d for d in kept if d <= as_at],
        today,
        ranked=ranked,
        units=units,
    )
    ranking = stored.by_block()
    reg_deadline = campaign.deadline(DeadlineKind.REGISTRATION)
    registered = {(r.block_id, r.unit_id) for r in regs}
    overdue_cut = as_at - timedelta(days=OVERDUE_REPORT_DAYS)
    # Indicators of the page's ranked registrations without a report in the last 35 days:
    # one index seek per indicator (progress_latest_cov), never a scan of the campaign.
    fresh = ProgressReport.objects.filter(
        indicator=OuterRef("pk"), report_date__gte=overdue_cut, report_date__lte=as_at
    )
    stale = dict(
        Indicator.objects.filter(
            registration__in=[r.pk for r in regs if r.status in RANKED_STATUSES]
        )
        .filter(~Exists(fresh))
        .order_by()
        .values("registration_id")
        .annotate(n=Count("pk"))
        .values_list("registration_id", "n")
    )
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
    # The rows' links: reversed once, the registration's id put in its place.
    ctx["detail_url"] = reverse("registrations:detail", args=[0]).rsplit("0", 1)
    ctx["checks"] = QuarterlyCheck.objects.filter(unit_id__in=unit_ids).select_related(
        "council_member", "unit"
    )[:50]
    ctx["as_at"] = as_at
    ctx["kept_dates"] = kept
    ctx["ranking"] = stored
    ctx["block_page"] = block_page
    ctx["reg_deadline"] = reg_deadline
    ctx["forward_deadline"] = campaign.deadline(DeadlineKind.REGISTRATION_FORWARD)
    ctx["is_council"] = CouncilMember.objects.filter(user=user).exists()
    return ctx
