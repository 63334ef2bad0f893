"""Registration pages. Thin: read through the permission layer, write through services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.campaigns.enums import PUBLIC_STATUSES, DeadlineKind
from thidua.campaigns.models import Campaign
from thidua.core.forms import parse_vi_date
from thidua.core.permissions import can, get_for_user_or_404, require_role, scope_for
from thidua.core.roles import Role
from thidua.core.states import TransitionError
from thidua.org.models import Block, CouncilMember, Unit

from . import services, snapshots, warnings
from .dashboard import dashboard_context
from .documents import review_minutes_docx
from .enums import (
    EDITABLE_STATUSES,
    RANKED_STATUSES,
    CommitmentKind,
    RegistrationStatus,
    ReviewMethod,
)
from .evidence import INLINE_TYPES
from .excel import EXPORTERS
from .leaders import propose_block_leaders
from .models import (
    BlockReview,
    BlockScheme,
    Event,
    Evidence,
    Indicator,
    ProgressReport,
    Registration,
    WorkItem,
)
from .ranking import rank_blocks, registration_rates

MONITOR_ROLES = (Role.STANDING_BODY, Role.COUNCIL_MEMBER, Role.BLOCK_HEAD, Role.ADMIN)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(value: str | None, default: date | None = None) -> date | None:
    try:
        return parse_vi_date(value) or default
    except ValueError:
        return default


def _error(request, exc: services.RegistrationError | TransitionError):
    messages.error(request, " ".join(exc.messages))


def _campaigns_for(user):
    return Campaign.objects.for_user(user).filter(status__in=PUBLIC_STATUSES)


@login_required
def registration_list(request):
    regs = Registration.objects.for_user(request.user).select_related("campaign", "unit", "block")
    campaign_id = request.GET.get("campaign", "")
    if campaign_id.isdigit():
        regs = regs.filter(campaign_id=int(campaign_id))
    status = request.GET.get("status", "")
    if status:
        regs = regs.filter(status=status)
    page = Paginator(regs.order_by("-campaign__start_date", "unit__name"), 50).get_page(
        request.GET.get("page")
    )
    scope = scope_for(request.user)
    headed = scope.roles.get(Role.BLOCK_HEAD, set())
    acceptable = [
        r.pk
        for r in page
        if r.status == RegistrationStatus.SUBMITTED
        and (scope.is_global or (r.block is not None and r.block.head_id in headed))
    ]
    return render(
        request,
        "registrations/list.html",
        {
            "page": page,
            "campaigns": _campaigns_for(request.user),
            "campaign_id": campaign_id,
            "status": status,
            "can_register": scope.has_role(Role.UNIT_OFFICER, Role.UNIT_HEAD),
            "acceptable": acceptable,
            "breadcrumbs": [("Đăng ký thi đua", None)],
        },
    )


@login_required
def registration_create(request):
    scope = scope_for(request.user)
    units = Unit.objects.for_user(request.user, "change").active().order_by("path")
    if not scope.is_global:
        units = units.filter(
            depth__lte=max([0, *[len(p.split(".")) - 1 for p in scope.change_paths]])
        )
    if request.method == "POST":
        campaign = _campaigns_for(request.user).filter(pk=request.POST.get("campaign") or 0).first()
        if campaign is None:
            messages.error(request, "Chưa chọn phong trào thi đua hợp lệ.")
        else:
            try:
                unit = get_for_user_or_404(
                    Unit.objects, request.user, "change", pk=int(request.POST.get("unit") or 0)
                )
                reg = services.register(
                    campaign, unit, request.user, note=request.POST.get("note", "")
                )
            except services.RegistrationError as exc:
                _error(request, exc)
            else:
                messages.success(request, f"Đã tạo đăng ký thi đua của {unit.name}.")
                return redirect("registrations:detail", reg.pk)
    return render(
        request,
        "registrations/create.html",
        {
            "campaigns": _campaigns_for(request.user),
            "units": units[:300],
            "breadcrumbs": [
                ("Đăng ký thi đua", reverse("registrations:list")),
                ("Đăng ký mới", None),
            ],
        },
    )


@login_required
def registration_detail(request, pk: int):
    reg = get_for_user_or_404(
        Registration.objects.select_related("campaign", "unit", "block", "collected_by"),
        request.user,
        pk=pk,
    )
    today = timezone.localdate()
    indicators = reg.indicators.prefetch_related(
        Prefetch("reports", queryset=ProgressReport.objects.order_by("-report_date", "-pk"))
    )
    rate = registration_rates(Registration.objects.filter(pk=reg.pk), today).values_list(
        "rate", flat=True
    )[0]
    can_change = can(request.user, "change", reg.unit)
    return render(
        request,
        "registrations/detail.html",
        {
            "reg": reg,
            "indicators": indicators,
            "work_items": reg.work_items.select_related("evidence"),
            "events": reg.events.select_related("evidence"),
            "rate": rate,
            "today": today,
            "can_edit": can_change and reg.status in EDITABLE_STATUSES,
            "can_report": can_change and reg.status in RANKED_STATUSES,
            "can_submit": services._may_submit(request.user, reg)
            and reg.status in EDITABLE_STATUSES,
            "who_submits": services.who_can_submit(reg)
            if can_change and reg.status in EDITABLE_STATUSES
            else "",
            "can_decide": services.is_block_head(request.user, reg.block)
            and reg.status == "submitted",
            "deadline": reg.campaign.deadline(DeadlineKind.REGISTRATION),
            "kinds": CommitmentKind.choices,
            "breadcrumbs": [
                ("Đăng ký thi đua", reverse("registrations:list")),
                (reg.unit.name, None),
            ],
        },
    )


def _reg_for_change(request, pk):
    return get_for_user_or_404(
        Registration.objects.select_related("unit", "campaign", "block"),
        request.user,
        "view",
        pk=pk,
    )


def _run(request, fn, ok: str):
    try:
        fn()
    except (services.RegistrationError, TransitionError) as exc:
        _error(request, exc)
        return False
    messages.success(request, ok)
    return True


@login_required
@require_POST
def indicator_add(request, pk: int):
    reg = _reg_for_change(request, pk)
    p = request.POST
    _run(
        request,
        lambda: services.add_indicator(
            reg,
            request.user,
            name=p.get("name", ""),
            target=p.get("target"),
            unit_of_measure=p.get("unit_of_measure", ""),
            baseline=p.get("baseline") or None,
            weight=p.get("weight") or 1,
            lower_is_better=p.get("lower_is_better") == "on",
            source_ref=p.get("source_ref", ""),
        ),
        "Đã thêm chỉ tiêu.",
    )
    return redirect("registrations:detail", reg.pk)


@login_required
@require_POST
def commitment_add(request, pk: int):
    reg = _reg_for_change(request, pk)
    p = request.POST
    kind = p.get("kind") if p.get("kind") in CommitmentKind.values else CommitmentKind.WORK_ITEM
    _run(
        request,
        lambda: services.add_commitment(
            reg,
            request.user,
            kind,
            title=p.get("title", ""),
            due_date=_date(p.get("due_date")),
            weight=p.get("weight") or 1,
        ),
        "Đã thêm.",
    )
    return redirect("registrations:detail", reg.pk)


@login_required
@require_POST
def registration_submit(request, pk: int):
    reg = _reg_for_change(request, pk)
    _run(request, lambda: services.submit(reg, request.user), "Đã gửi đăng ký tới trưởng khối.")
    return redirect("registrations:detail", reg.pk)


@login_required
@require_POST
def registration_accept(request, pk: int):
    reg = _reg_for_change(request, pk)
    _run(request, lambda: services.accept(reg, request.user), "Đã nhận đăng ký.")
    return redirect("registrations:detail", reg.pk)


@login_required
@require_POST
def registration_accept_many(request):
    """Accept the ticked registrations of a list page at once (block head)."""
    ids = [int(i) for i in request.POST.getlist("regs") if i.isdigit()]
    regs = list(
        Registration.objects.for_user(request.user, "view")
        .filter(pk__in=ids)
        .select_related("unit", "block")
        .order_by("unit__name")
    )
    if len(regs) != len(set(ids)):
        raise Http404("Không tìm thấy đăng ký.")
    try:
        n = services.accept_many(regs, request.user)
    except (services.RegistrationError, TransitionError) as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Đã nhận {n} đăng ký thi đua.")
    back = request.POST.get("next", "")
    if not (back.startswith("/") and not back.startswith("//")):
        back = reverse("registrations:list")
    return redirect(back)


@login_required
@require_POST
def registration_return(request, pk: int):
    reg = _reg_for_change(request, pk)
    _run(
        request,
        lambda: services.return_registration(reg, request.user, request.POST.get("reason", "")),
        "Đã trả lại đăng ký.",
    )
    return redirect("registrations:detail", reg.pk)


@login_required
@require_POST
def progress_add(request, pk: int):
    ind = get_for_user_or_404(
        Indicator.objects.select_related("registration__unit"), request.user, "change", pk=pk
    )
    p = request.POST
    _run(
        request,
        lambda: services.report_progress(
            ind,
            request.user,
            report_date=_date(p.get("report_date")),
            actual=p.get("actual"),
            note=p.get("note", ""),
            evidence_file=request.FILES.get("evidence"),
        ),
        "Đã ghi kết quả thực hiện.",
    )
    return redirect("registrations:detail", ind.registration_id)


@login_required
@require_POST
def commitment_done(request, kind: str, pk: int):
    model = {CommitmentKind.WORK_ITEM: WorkItem, CommitmentKind.EVENT: Event}.get(kind)
    if model is None:
        raise Http404
    item = get_for_user_or_404(
        model.objects.select_related("registration__unit"), request.user, "change", pk=pk
    )
    _run(
        request,
        lambda: services.mark_done(
            item,
            request.user,
            note=request.POST.get("note", ""),
            evidence_file=request.FILES.get("evidence"),
        ),
        "Đã đánh dấu hoàn thành.",
    )
    return redirect("registrations:detail", item.registration_id)


@login_required
def evidence_download(request, pk: int):
    ev = get_for_user_or_404(Evidence.objects, request.user, pk=pk)
    inline = ev.content_type in INLINE_TYPES
    resp = FileResponse(
        ev.file.open("rb"),
        content_type=ev.content_type,
        as_attachment=not inline,
        filename=ev.original_name,
    )
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@login_required
def dashboard(request):
    require_role(request.user, *MONITOR_ROLES)
    ctx = dashboard_context(
        request.user,
        request.GET.get("campaign"),
        _date(request.GET.get("as_at")),
        request.GET.get("page"),
    )
    ctx["breadcrumbs"] = [("Theo dõi khối thi đua", None)]
    return render(request, "registrations/dashboard.html", ctx)


def _block_and_campaign(request, block_id, campaign_id):
    block = get_for_user_or_404(
        Block.objects.select_related("authority", "head"), request.user, pk=block_id
    )
    campaign = Campaign.objects.for_user(request.user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    return block, campaign


@login_required
def block_detail(request, block_id: int, campaign_id: int):
    block, campaign = _block_and_campaign(request, block_id, campaign_id)
    scheme = None
    if (request.GET.get("scheme") or "").isdigit():
        scheme = BlockScheme.objects.filter(block=block, pk=int(request.GET["scheme"])).first()
    # The stored ranking of this block (frozen at closing for a closed campaign); a scheme's
    # points are ranked for this block only, never the whole campaign.
    stored = snapshots.read(campaign, _date(request.GET.get("as_at")), blocks=[block])
    as_at = stored.as_at
    ranking = stored
    if scheme is not None:
        ranking = rank_blocks(campaign, as_at, scheme=scheme, blocks=[block])
    regs = Registration.objects.filter(block=block, campaign=campaign).select_related("unit")
    registered = {r.unit_id for r in regs}
    missing = [m.unit for m in block.members.select_related("unit") if m.unit_id not in registered]
    leaders = propose_block_leaders(campaign, ranking=stored)
    return render(
        request,
        "registrations/block.html",
        {
            "blk": block,
            "campaign": campaign,
            "as_at": as_at,
            "ranking": ranking,
            "stored": stored,
            "kept_dates": snapshots.kept_dates(campaign),
            "regs": regs,
            "missing": missing,
            "leaders": leaders[0] if leaders else None,
            "leader_warnings": warnings.leader_warnings(leaders[0] if leaders else None),
            "forward_warnings": warnings.forward_warnings(block, campaign),
            "scheme": scheme,
            "schemes": BlockScheme.objects.filter(block=block),
            "reviews": BlockReview.objects.filter(block=block, campaign=campaign),
            "is_head": services.is_block_head(request.user, block),
            "forward_deadline": campaign.deadline(DeadlineKind.REGISTRATION_FORWARD),
            "breadcrumbs": [
                ("Theo dõi khối thi đua", reverse("registrations:dashboard")),
                (block.name, None),
            ],
        },
    )


@login_required
@require_POST
def block_forward(request, block_id: int, campaign_id: int):
    block, campaign = _block_and_campaign(request, block_id, campaign_id)
    try:
        n = services.forward_block(block, campaign, request.user)
    except services.RegistrationError as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Đã gửi {n} đăng ký của khối về cơ quan thường trực.")
        for text in warnings.forward_warnings(block, campaign):
            messages.warning(request, "Lưu ý: " + text)
    return redirect("registrations:block", block.pk, campaign.pk)


@login_required
def review_create(request, block_id: int, campaign_id: int):
    block, campaign = _block_and_campaign(request, block_id, campaign_id)
    if not services.is_block_head(request.user, block):
        raise PermissionDenied("Chỉ trưởng khối được ghi biên bản họp bình xét.")
    as_at = _date(
        request.POST.get("as_at") or request.GET.get("as_at"),
        campaign.end_date or timezone.localdate(),
    )
    ranking = rank_blocks(campaign, as_at, blocks=[block])
    if request.method == "POST":
        p = request.POST
        order = [x for x in p.get("order", "").split(",") if x.strip().isdigit()]
        votes = {
            k[5:]: int(v) for k, v in p.items() if k.startswith("vote_") and v.strip().isdigit()
        }
        try:
            review = services.record_review(
                block,
                campaign,
                request.user,
                meeting_date=_date(p.get("meeting_date"), as_at),
                as_at=as_at,
                attendees=p.get("attendees", "").splitlines(),
                method=p.get("method", "vote"),
                votes=votes,
                present_count=int(p.get("present_count") or 0),
                conclusion=p.get("conclusion", ""),
                location=p.get("location", ""),
                chair=p.get("chair", ""),
                secretary=p.get("secretary", ""),
                proposed_order=order or None,
            )
        except (services.RegistrationError, ValueError) as exc:
            messages.error(request, getattr(exc, "text", str(exc)))
        else:
            messages.success(request, "Đã ghi biên bản họp bình xét.")
            return redirect("registrations:review", review.pk)
    return render(
        request,
        "registrations/review_form.html",
        {
            "blk": block,
            "campaign": campaign,
            "as_at": as_at,
            "ranking": ranking,
            "order": ",".join(str(r.unit_id) for r in ranking),
            "methods": ReviewMethod.choices,
            "breadcrumbs": [
                (block.name, reverse("registrations:block", args=[block.pk, campaign.pk])),
                ("Họp bình xét, suy tôn", None),
            ],
        },
    )


@login_required
def review_detail(request, pk: int):
    review = get_for_user_or_404(_reviews(request.user), request.user, pk=pk)
    return render(
        request,
        "registrations/review_detail.html",
        {
            "review": review,
            "breadcrumbs": [
                (
                    review.block.name,
                    reverse("registrations:block", args=[review.block_id, review.campaign_id]),
                ),
                ("Biên bản họp bình xét", None),
            ],
        },
    )


def _reviews(user):
    """Reviews visible to the user: the authority's staff, or the head of the block."""
    qs = BlockReview.objects.select_related("block__authority", "campaign", "scheme")
    scope = scope_for(user)
    heads = scope.roles.get(Role.BLOCK_HEAD, set())
    if heads and not scope.is_global:
        from django.db.models import Q

        own = BlockReview.objects.for_user(user).values("pk")
        return qs.filter(Q(block__head_id__in=heads) | Q(pk__in=own))
    return qs


@login_required
def review_minutes(request, pk: int):
    review = get_for_user_or_404(_reviews(request.user), request.user, pk=pk)
    resp = HttpResponse(
        review_minutes_docx(review),
        content_type=("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    )
    resp["Content-Disposition"] = f'attachment; filename="bien-ban-binh-xet-{review.pk}.docx"'
    return resp


@login_required
def check_create(request):
    require_role(request.user, Role.COUNCIL_MEMBER, Role.ADMIN)
    seats = CouncilMember.objects.filter(user=request.user).prefetch_related("blocks")
    seat = seats.first()
    if seat is None:
        raise PermissionDenied("Bạn chưa được phân công theo dõi khối thi đua nào.")
    units = Unit.objects.filter(block_memberships__block__monitors=seat).distinct().order_by("name")
    if request.method == "POST":
        p = request.POST
        unit = units.filter(pk=p.get("unit") or 0).first()
        if unit is None:
            messages.error(request, "Chưa chọn đơn vị thuộc khối được phân công.")
        else:
            campaign = Campaign.objects.filter(pk=p.get("campaign") or 0).first()
            if _run(
                request,
                lambda: services.record_check(
                    seat,
                    unit,
                    request.user,
                    check_date=_date(p.get("check_date"), timezone.localdate()),
                    findings=p.get("findings", ""),
                    recommendations=p.get("recommendations", ""),
                    campaign=campaign,
                ),
                "Đã ghi kết quả kiểm tra.",
            ):
                return redirect("registrations:dashboard")
    return render(
        request,
        "registrations/check_form.html",
        {
            "seat": seat,
            "units": units,
            "campaigns": _campaigns_for(request.user),
            "breadcrumbs": [
                ("Theo dõi khối thi đua", reverse("registrations:dashboard")),
                ("Ghi kết quả kiểm tra", None),
            ],
        },
    )


@login_required
def export(request, what: str, campaign_id: int):
    exporter_cls = EXPORTERS.get(what)
    if exporter_cls is None:
        raise Http404
    campaign = Campaign.objects.for_user(request.user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    as_at = _date(
        request.GET.get("as_at"), min(timezone.localdate(), campaign.end_date or date.max)
    )
    data = exporter_cls(request.user, campaign, as_at).to_xlsx()
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{what}-{campaign.pk}.xlsx"'
    return resp
