"""Disclosure (công khai), public comments, complaints and upward bundles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.campaigns.models import Campaign
from thidua.core import ratelimit
from thidua.core.net import client_ip
from thidua.core.permissions import require_role
from thidua.core.roles import Role

from . import access, disclosure
from .complaints import answer_complaint, record_complaint
from .enums import ComplaintStatus, DossierStatus, LineResult
from .forms import AnswerForm, ComplaintForm, PublicCommentForm
from .models import Complaint, Disclosure, Dossier, PublicComment
from .upward import bundle_upward, upward_candidates

COMMENTS_PER_HOUR = 5
COMMENT_WINDOW_SECONDS = 3600


def _standing(request):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    return access.standing_units(request.user)


@login_required
def disclosures(request):
    authorities = _standing(request)
    campaigns = (
        Campaign.objects.filter(issuer__in=authorities)
        .annotate(
            n_ready=Count(
                "dossiers",
                filter=Q(dossiers__status__in=[DossierStatus.APPRAISED, DossierStatus.APPROVED]),
                distinct=True,
            )
        )
        .order_by("-start_date")
    )
    items = (
        Disclosure.objects.filter(authority__in=authorities)
        .select_related("campaign")
        .annotate(
            n_lines=Count("nominees", distinct=True), n_comments=Count("comments", distinct=True)
        )
    )
    return render(
        request,
        "dossiers/disclosures.html",
        {
            "campaigns": campaigns,
            "items": items,
            "default_days": disclosure.disclosure_days(timezone.localdate()),
            "breadcrumbs": [
                ("Thẩm định hồ sơ", "/ho-so/tham-dinh/"),
                ("Công khai danh sách", None),
            ],
        },
    )


@login_required
@require_POST
def publish(request, campaign_id):
    authorities = _standing(request)
    campaign = get_object_or_404(Campaign.objects.filter(issuer__in=authorities), pk=campaign_id)
    try:
        days = int(request.POST.get("days") or 0) or None
        disc = disclosure.publish_disclosure(campaign, request.user, days)
        messages.success(
            request,
            f"Đã công khai {disc.nominees.count()} tập thể, cá nhân đến hết {disc.end:%d/%m/%Y}.",
        )
    except ValueError:
        messages.error(request, "Số ngày công khai không hợp lệ.")
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("dossiers:disclosures")


def public_list(request, pk):
    """Public page (no login): the disclosed list and the comment form."""
    disc = get_object_or_404(Disclosure.objects.select_related("campaign", "authority"), pk=pk)
    lines = disc.nominees.filter(result=LineResult.ELIGIBLE).select_related(
        "dossier__proposer", "person"
    )
    today = timezone.localdate()
    is_open = disc.start <= today <= disc.end
    form = PublicCommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ip = client_ip(request)
        if not is_open:
            messages.error(request, "Thời gian nhận góp ý đã kết thúc.")
        elif form.is_valid():
            # Shared across workers (Redis or the database cache), one budget per client.
            slot = ratelimit.take(
                "public-comment", ip, limit=COMMENTS_PER_HOUR, window=COMMENT_WINDOW_SECONDS
            )
            if slot is None:
                status = 429
                messages.error(request, "Bạn đã gửi quá nhiều góp ý; vui lòng thử lại sau một giờ.")
            else:
                cd = form.cleaned_data
                try:
                    disclosure.add_public_comment(
                        disc, name=cd["name"], contact=cd["contact"], text=cd["text"], ip=ip or None
                    )
                    messages.success(
                        request, "Cảm ơn bạn đã góp ý. Cơ quan thường trực sẽ xem xét."
                    )
                    return redirect("dossiers:public", pk=disc.pk)
                except ValidationError as exc:
                    ratelimit.give_back(slot)
                    for m in exc.messages:
                        messages.error(request, m)
    return render(
        request,
        "dossiers/public.html",
        {"disc": disc, "lines": lines, "form": form, "is_open": is_open},
        status=status,
    )


def public_index(request):
    items = Disclosure.objects.select_related("campaign", "authority").order_by("-start")[:50]
    return render(request, "dossiers/public_index.html", {"items": items})


@login_required
def complaints(request):
    authorities = _standing(request)
    form = ComplaintForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            record_complaint(authorities.first(), request.user, **cd)
            messages.success(request, "Đã ghi nhận đơn.")
            return redirect("dossiers:complaints")
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
    rows = Complaint.objects.filter(authority__in=authorities).select_related("nominee")
    comments = PublicComment.objects.filter(disclosure__authority__in=authorities).select_related(
        "disclosure__campaign"
    )[:100]
    return render(
        request,
        "dossiers/complaints.html",
        {
            "form": form,
            "rows": rows,
            "comments": comments,
            "answer_form": AnswerForm(),
            "today": timezone.localdate(),
            "open_status": ComplaintStatus.OPEN,
            "breadcrumbs": [("Khiếu nại, góp ý", None)],
        },
    )


@login_required
@require_POST
def answer(request, pk):
    authorities = _standing(request)
    c = get_object_or_404(Complaint.objects.filter(authority__in=authorities), pk=pk)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Nhập nội dung trả lời.")
        answer_complaint(c, request.user, form.cleaned_data["answer"])
        messages.success(request, "Đã ghi nội dung trả lời.")
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("dossiers:complaints")


@login_required
def upward(request, campaign_id):
    authorities = _standing(request)
    campaign = get_object_or_404(Campaign.objects.filter(issuer__in=authorities), pk=campaign_id)
    form_codes = sorted(
        {d.form_code for d in Dossier.objects.filter(campaign=campaign, is_upward=True)}
    )
    form_code = (
        request.POST.get("form_code")
        or request.GET.get("form_code")
        or (form_codes[0] if form_codes else "")
    )
    candidates = upward_candidates(campaign, form_code) if form_code else []
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("nominee") if x.isdigit()]
        try:
            d = bundle_upward(campaign, request.user, form_code, ids)
            messages.success(
                request, f"Đã lập hồ sơ đề nghị {d.authority.name} với {len(ids)} dòng."
            )
            return redirect("dossiers:detail", d.pk)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
    return render(
        request,
        "dossiers/upward.html",
        {
            "campaign": campaign,
            "form_codes": form_codes,
            "form_code": form_code,
            "candidates": candidates,
            "breadcrumbs": [("Thẩm định hồ sơ", "/ho-so/tham-dinh/"), ("Đề nghị cấp trên", None)],
        },
    )
