"""Inspections: yearly plans, inspections with the seed 002 checklist, findings, fixes."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from thidua.core.permissions import can, get_for_user_or_404, require_role
from thidua.core.roles import Role

from .. import services
from ..enums import FixStatus
from ..forms import FindingForm, FixResolveForm, InspectionForm, InspectionPlanForm, ItemResultForm
from ..models import Inspection, InspectionPlan, RequiredFix

ROLES = (Role.STANDING_BODY, Role.COUNCIL_MEMBER, Role.ADMIN)


def _complaints_url():
    for name in ("dossiers:complaints", "dossiers:complaint_list"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@login_required
def plan_list(request):
    require_role(request.user, *ROLES)
    plans = (
        InspectionPlan.objects.for_user(request.user)
        .select_related("authority")
        .annotate(n=Count("inspections", distinct=True))
    )
    open_fixes = (
        RequiredFix.objects.for_user(request.user)
        .filter(status=FixStatus.OPEN)
        .select_related("finding__inspection__unit")
        .order_by("due_date")
    )
    return render(
        request,
        "reports/inspection_plans.html",
        {
            "plans": plans,
            "open_fixes": open_fixes[:50],
            "today": date.today(),
            "complaints_url": _complaints_url(),
            "can_create": can_create(request.user),
            "breadcrumbs": [("Kiểm tra", None)],
        },
    )


def can_create(user) -> bool:
    from thidua.core.permissions import scope_for

    return scope_for(user).has_role(Role.STANDING_BODY, Role.ADMIN)


@login_required
def plan_new(request):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    form = InspectionPlanForm(
        request.POST or None, user=request.user, initial={"year": date.today().year}
    )
    if request.method == "POST" and form.is_valid():
        plan = services.create_from_form(
            form,
            request.user,
            "reports.inspection_plan.created",
            unit=form.cleaned_data["authority"],
        )
        return redirect("reports:plan", pk=plan.pk)
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "title": "Kế hoạch kiểm tra mới",
            "breadcrumbs": [("Kiểm tra", reverse("reports:inspections")), ("Kế hoạch mới", None)],
        },
    )


@login_required
def plan_detail(request, pk: int):
    require_role(request.user, *ROLES)
    plan = get_for_user_or_404(
        InspectionPlan.objects.select_related("authority"), request.user, pk=pk
    )
    inspections = plan.inspections.select_related("unit").annotate(
        open_fixes=Count("findings__fixes", filter=Q(findings__fixes__status=FixStatus.OPEN))
    )
    return render(
        request,
        "reports/inspection_plan.html",
        {
            "plan": plan,
            "inspections": inspections,
            "form": InspectionForm(plan=plan),
            "can_change": can(request.user, "change", plan),
            "breadcrumbs": [("Kiểm tra", reverse("reports:inspections")), (plan.title, None)],
        },
    )


@login_required
@require_POST
def inspection_new(request, pk: int):
    plan = get_for_user_or_404(InspectionPlan.objects, request.user, "change", pk=pk)
    form = InspectionForm(request.POST, plan=plan)
    if form.is_valid():
        ins = services.create_inspection(plan, form, request.user)
        return redirect("reports:inspection", pk=ins.pk)
    messages.error(
        request,
        "Không tạo được cuộc kiểm tra: " + "; ".join(" ".join(v) for v in form.errors.values()),
    )
    return redirect("reports:plan", pk=pk)


@login_required
def inspection_detail(request, pk: int):
    require_role(request.user, *ROLES)
    ins = get_for_user_or_404(
        Inspection.objects.select_related("plan__authority", "unit"), request.user, pk=pk
    )
    findings = ins.findings.prefetch_related("fixes")
    return render(
        request,
        "reports/inspection_detail.html",
        {
            "ins": ins,
            "items": ins.items.all(),
            "findings": findings,
            "today": date.today(),
            "can_change": can(request.user, "change", ins),
            "finding_form": FindingForm(),
            "resolve_form": FixResolveForm(),
            "result_choices": ItemResultForm.base_fields["result"].choices,
            "breadcrumbs": [
                ("Kiểm tra", reverse("reports:inspections")),
                (ins.plan.title, reverse("reports:plan", args=[ins.plan_id])),
                (ins.unit.name, None),
            ],
        },
    )


@login_required
@require_POST
def inspection_item(request, pk: int):
    ins = get_for_user_or_404(Inspection.objects, request.user, "change", pk=pk)
    form = ItemResultForm(request.POST)
    if form.is_valid():
        services.record_item_result(ins, request.user, **form.cleaned_data)
        messages.success(request, "Đã ghi kết quả kiểm tra.")
    else:
        messages.error(request, "Kết quả kiểm tra không hợp lệ.")
    return redirect("reports:inspection", pk=pk)


@login_required
@require_POST
def inspection_finding(request, pk: int):
    ins = get_for_user_or_404(Inspection.objects, request.user, "change", pk=pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        try:
            services.add_finding(ins, request.user, **form.cleaned_data)
            messages.success(request, "Đã ghi thiếu sót và yêu cầu khắc phục.")
        except services.DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(
            request,
            "Thông tin chưa hợp lệ: " + "; ".join(" ".join(v) for v in form.errors.values()),
        )
    return redirect("reports:inspection", pk=pk)


@login_required
@require_POST
def fix_resolve(request, pk: int):
    fix = get_for_user_or_404(
        RequiredFix.objects.select_related("finding__inspection"), request.user, "change", pk=pk
    )
    form = FixResolveForm(request.POST)
    if form.is_valid():
        try:
            services.resolve_fix(
                fix,
                request.user,
                resolved_on=form.cleaned_data["resolved_on"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, "Đã ghi nhận khắc phục.")
        except services.DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Cần ghi ngày và kết quả khắc phục.")
    return redirect("reports:inspection", pk=fix.finding.inspection_id)
