"""Initiatives: register, the council's evaluation, recognition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.core.permissions import can, get_for_user_or_404, require_role
from thidua.core.roles import Role
from thidua.core.views import render_htmx

from .. import services
from ..enums import InitiativeStatus
from ..forms import EvaluationForm, InitiativeForm
from ..models import Initiative


@login_required
def initiative_list(request):
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    qs = (
        Initiative.objects.for_user(request.user)
        .select_related("unit")
        .prefetch_related("authors")
        .search(q)
    )
    if status in InitiativeStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render_htmx(
        request,
        "reports/initiative_list.html",
        {
            "page": page,
            "q": q,
            "status": status,
            "statuses": InitiativeStatus.choices,
            "breadcrumbs": [("Sáng kiến", None)],
        },
        partial="rows",
    )


@login_required
def initiative_new(request):
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        ini = services.create_from_form(
            form, request.user, "reports.initiative.created", unit=form.cleaned_data["unit"]
        )
        messages.success(request, "Đã đăng ký sáng kiến.")
        return redirect("reports:initiative", pk=ini.pk)
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "title": "Đăng ký sáng kiến",
            "breadcrumbs": [("Sáng kiến", reverse("reports:initiatives")), ("Đăng ký", None)],
        },
    )


@login_required
def initiative_detail(request, pk: int):
    ini = get_for_user_or_404(Initiative.objects.select_related("unit"), request.user, pk=pk)
    from thidua.core.permissions import scope_for

    can_evaluate = (
        scope_for(request.user).has_role(Role.STANDING_BODY, Role.ADMIN, Role.UNIT_HEAD)
        and can(request.user, "change", ini)
        and ini.status != InitiativeStatus.RECOGNISED
    )
    return render(
        request,
        "reports/initiative_detail.html",
        {
            "ini": ini,
            "authors": ini.authors.all(),
            "evaluations": ini.evaluations.all(),
            "form": EvaluationForm(
                initial={"council": f"Hội đồng sáng kiến {ini.unit.authority().name}"}
            ),
            "can_evaluate": can_evaluate,
            "breadcrumbs": [("Sáng kiến", reverse("reports:initiatives")), (ini.title[:50], None)],
        },
    )


@login_required
@require_POST
def initiative_evaluate(request, pk: int):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN, Role.UNIT_HEAD)
    ini = get_for_user_or_404(Initiative.objects, request.user, "change", pk=pk)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.evaluate_initiative(
                ini,
                request.user,
                council=d["council"],
                meeting_date=d["meeting_date"],
                scores=d["scores"],
                verdict=d["verdict"],
                level=d["level"],
                recognition_ref=d["recognition_ref"],
                pass_score=d["pass_score"],
                note=d["note"],
            )
            messages.success(request, "Đã ghi nhận kết quả đánh giá.")
        except services.DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(
            request,
            "Thông tin đánh giá chưa hợp lệ: "
            + "; ".join(" ".join(v) for v in form.errors.values()),
        )
    return redirect("reports:initiative", pk=pk)
