"""Programmes: list, timeline (years/quarters as columns), targets table, milestones."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.core.permissions import can

from .. import services
from ..enums import MilestoneStatus
from ..forms import MilestoneDoneForm, MilestoneForm, ProgrammeForm, TargetValueForm
from ..models import Milestone, Programme, Target, TargetValue
from .common import serve_file


def _visible(user):
    """Programmes of the user's authorities and of every authority above them."""
    from django.db.models import Q

    from thidua.core.permissions import scope_for

    scope = scope_for(user)
    if scope.is_global:
        return Programme.objects.all()
    q = Q(pk__in=Programme.objects.for_user(user).values("pk"))
    for path in scope.view_paths:
        q |= Q(issuer_id__in=[int(p) for p in path.strip(".").split(".") if p])
    return Programme.objects.filter(q)


def _changeable(user, programme, visible: bool = False):
    """404 if the user cannot see the programme, 403 if they see it but may not change it."""
    from django.core.exceptions import PermissionDenied

    if programme is None or (visible and not _visible(user).filter(pk=programme.pk).exists()):
        raise Http404("Không tìm thấy chương trình.")
    if not can(user, "change", programme):
        raise PermissionDenied("Bạn không có quyền thay đổi chương trình này.")
    return programme


def overdue_milestones(user, today: date | None = None) -> list:
    """Open tasks past their period of the programmes the user's own authorities issued
    (not those of the units below, nor above): the list under the home page's count."""
    return list(_overdue(user, today).select_related("programme").order_by("year", "quarter", "pk"))


def overdue_milestone_count(user, today: date | None = None) -> int:
    """The home page's figure: one COUNT, no row loaded."""
    return _overdue(user, today).count()


def _overdue(user, today: date | None):
    """A year's task is overdue after 31/12, a quarter's after the quarter's last day
    (`milestones.period`): the year is past, or it is this year and the quarter is."""
    from django.db.models import Q

    from thidua.core.permissions import scope_for

    today = today or date.today()
    scope = scope_for(user)
    programmes = Programme.objects.all()
    if not scope.is_global:
        own = set().union(*(scope.roles.get(r, set()) for r in ("standing_body", "chairman")))
        programmes = programmes.filter(issuer_id__in=own)
    this_quarter = (today.month - 1) // 3 + 1
    return Milestone.objects.filter(programme__in=programmes, done_on__isnull=True).filter(
        Q(year__lt=today.year) | Q(year=today.year, quarter__lt=this_quarter)
    )


@login_required
def programme_list(request):
    programmes = _visible(request.user).select_related("issuer").order_by("-start_year", "title")
    return render(
        request,
        "reports/programme_list.html",
        {
            "programmes": programmes,
            "overdue": overdue_milestones(request.user)
            if request.GET.get("qua_han") == "1"
            else None,
            "can_create": services.can_create_programme(request.user),
            "breadcrumbs": [("Chương trình", None)],
        },
    )


@login_required
def programme_new(request):
    if not services.can_create_programme(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Chỉ cơ quan thường trực được lập chương trình.")
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        p = services.create_from_form(
            form, request.user, "reports.programme.created", unit=form.cleaned_data["issuer"]
        )
        messages.success(request, "Đã tạo chương trình.")
        return redirect("reports:programme", pk=p.pk)
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "title": "Chương trình mới",
            "breadcrumbs": [("Chương trình", reverse("reports:programmes")), ("Tạo mới", None)],
        },
    )


def timeline(programme, milestones, today: date) -> dict:
    """Columns (years, each with 4 quarters) and rows (one per milestone), with status."""
    years = programme.years
    rows = []
    counts = {s.value: 0 for s in MilestoneStatus}
    for m in milestones:
        status = m.status_on(today)
        counts[status] += 1
        cells = []
        for y in years:
            for q in range(1, 5):
                hit = m.year == y and (m.quarter is None or m.quarter == q)
                cells.append(status if hit else "")
        rows.append(
            {"m": m, "status": status, "label": MilestoneStatus(status).label, "cells": cells}
        )
    return {
        "years": years,
        "rows": rows,
        "counts": counts,
        "today_year": today.year,
        "today_quarter": (today.month - 1) // 3 + 1,
    }


@login_required
def programme_detail(request, pk: int):
    programme = _visible(request.user).select_related("issuer").filter(pk=pk).first()
    if programme is None:
        raise Http404("Không tìm thấy chương trình.")
    milestones = list(
        Milestone.objects.filter(programme=programme).select_related("responsible_unit", "campaign")
    )
    targets = Target.objects.filter(programme=programme).prefetch_related(
        Prefetch("values", queryset=TargetValue.objects.order_by("year"))
    )
    today = date.today()
    years = programme.years
    target_rows = []
    for t in targets:
        by_year = {v.year: v for v in t.values.all()}
        target_rows.append({"t": t, "cells": [by_year.get(y) for y in years]})
    status = request.GET.get("status", "")
    tl = timeline(programme, milestones, today)
    if status in MilestoneStatus.values:
        tl["rows"] = [r for r in tl["rows"] if r["status"] == status]
    return render(
        request,
        "reports/programme_detail.html",
        {
            "programme": programme,
            "tl": tl,
            "target_rows": target_rows,
            "years": years,
            "goals": programme.goals.all(),
            "status": status,
            "statuses": MilestoneStatus.choices,
            "can_change": can(request.user, "change", programme),
            "done_form": MilestoneDoneForm(),
            "milestone_form": MilestoneForm(programme=programme),
            "breadcrumbs": [
                ("Chương trình", reverse("reports:programmes")),
                (programme.number or programme.title[:40], None),
            ],
        },
    )


@login_required
@require_POST
def milestone_new(request, pk: int):
    programme = _changeable(request.user, _visible(request.user).filter(pk=pk).first())
    form = MilestoneForm(request.POST, programme=programme)
    if form.is_valid():
        services.create_from_form(
            form,
            request.user,
            "reports.milestone.created",
            unit=programme.issuer,
            programme=programme,
        )
        messages.success(request, "Đã thêm nhiệm vụ.")
    else:
        messages.error(
            request,
            "Không thêm được nhiệm vụ: "
            + "; ".join(
                f"{form.fields[k].label if k in form.fields else ''} {' '.join(v)}".strip()
                for k, v in form.errors.items()
            ),
        )
    return redirect("reports:programme", pk=pk)


@login_required
@require_POST
def milestone_done(request, pk: int):
    milestone = Milestone.objects.select_related("programme__issuer").filter(pk=pk).first()
    _changeable(request.user, milestone.programme if milestone else None, visible=True)
    form = MilestoneDoneForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.complete_milestone(
                milestone,
                request.user,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data["evidence"],
            )
            messages.success(request, "Đã ghi nhận hoàn thành.")
        except services.DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Ngày hoàn thành không hợp lệ.")
    return redirect("reports:programme", pk=milestone.programme_id)


@login_required
def milestone_evidence(request, pk: int):
    milestone = Milestone.objects.filter(pk=pk, programme__in=_visible(request.user)).first()
    if milestone is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return serve_file(milestone.evidence, milestone.evidence_type, milestone.evidence_name)


@login_required
@require_POST
def target_value(request, pk: int):
    target = Target.objects.select_related("programme__issuer").filter(pk=pk).first()
    _changeable(request.user, target.programme if target else None, visible=True)
    form = TargetValueForm(request.POST)
    if form.is_valid():
        try:
            services.set_target_value(target, request.user, **form.cleaned_data)
            messages.success(request, "Đã cập nhật chỉ tiêu.")
        except services.DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Giá trị chỉ tiêu không hợp lệ.")
    return redirect("reports:programme", pk=target.programme_id)
