"""Report pages: choose a campaign or a year, see the figures with charts, download .docx
and .xlsx, save and publish; units' own result reports; statistics forms 0601–0605."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.campaigns.models import Campaign
from thidua.core.permissions import get_for_user_or_404, require_role, scope_for
from thidua.core.roles import Role

from .. import exports, figures, services, statforms
from ..enums import ReportKind, UnitReportStatus
from ..forms import PeriodForm, UnitReportForm
from ..models import SavedReport, UnitReport
from .common import DOCX, XLSX, authority_for, download

REPORT_ROLES = (Role.STANDING_BODY, Role.CHAIRMAN, Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_HEAD)
PUBLISH_ROLES = (Role.STANDING_BODY, Role.CHAIRMAN, Role.ADMIN)


def _campaign(request, pk: int) -> Campaign:
    """A campaign the user may see: own scope, or launched by an authority above them."""
    campaign = (
        Campaign.objects.for_user(request.user).select_related("issuer").filter(pk=pk).first()
    )
    if campaign is None:
        raise Http404("Không tìm thấy phong trào.")
    return campaign


def _scope_args(request):
    """(authority, campaign, year) from the query string; 404 outside the user's scope."""
    authority = authority_for(request)
    campaign, year = None, None
    raw = request.GET.get("campaign") or request.POST.get("campaign")
    if raw:
        if not str(raw).isdigit():
            raise Http404("Phong trào không hợp lệ.")
        campaign = _campaign(request, int(raw))
    else:
        try:
            year = int(request.GET.get("year") or request.POST.get("year") or date.today().year)
        except ValueError as exc:
            raise Http404("Năm không hợp lệ.") from exc
        if not 2000 <= year <= 2100:
            raise Http404("Năm không hợp lệ.")
    return authority, campaign, year


def _query(authority, campaign, year) -> str:
    q = f"authority={authority.pk}"
    return q + (f"&campaign={campaign.pk}" if campaign else f"&year={year}")


@login_required
def index(request):
    require_role(request.user, *REPORT_ROLES)
    authority = authority_for(request)
    campaigns = (
        Campaign.objects.for_user(request.user)
        .select_related("issuer")
        .order_by("-start_date")[:50]
    )
    saved = SavedReport.objects.for_user(request.user).select_related("authority", "campaign")[:30]
    years = list(range(date.today().year, date.today().year - 6, -1))
    return render(
        request,
        "reports/index.html",
        {
            "authority": authority,
            "campaigns": campaigns,
            "saved": saved,
            "years": years,
            "period_form": PeriodForm(
                initial={"start": date(date.today().year, 1, 1), "end": date.today()}
            ),
            "forms": statforms.FORMS,
            "breadcrumbs": [("Báo cáo, thống kê", None)],
            "can_statforms": scope_for(request.user).has_role(
                Role.STANDING_BODY, Role.CHAIRMAN, Role.ADMIN
            ),
        },
    )


@login_required
def report(request):
    require_role(request.user, *REPORT_ROLES)
    authority, campaign, year = _scope_args(request)
    data = figures.compute(authority, campaign=campaign, year=year)
    return render(
        request,
        "reports/report.html",
        {
            "data": data,
            "authority": authority,
            "campaign": campaign,
            "year": year,
            "generated": date.fromisoformat(data["generated_on"]),
            "query": _query(authority, campaign, year),
            "tables": exports.tables(data),
            "title": exports.report_title(data),
            "chart": _chart_data(data),
            "can_publish": scope_for(request.user).has_role(*PUBLISH_ROLES),
            "kinds": ReportKind.choices,
            "breadcrumbs": [("Báo cáo, thống kê", reverse("reports:index")), ("Báo cáo", None)],
        },
    )


def _short(label: str, n: int = 34) -> str:
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


def _chart_data(data: dict) -> dict:
    aw, dos, w = data["awards"], data["dossiers"], data["watched"]
    return {
        "forms": {
            "labels": [_short(r["name"]) for r in aw["by_form"]],
            "values": [r["count"] for r in aw["by_form"]],
        },
        "dossiers": {
            "labels": [r["label"] for r in dos["by_status"]],
            "values": [r["count"] for r in dos["by_status"]],
        },
        "subjects": {
            "labels": [r["label"] for r in aw["by_subject"]],
            "values": [r["count"] for r in aw["by_subject"]],
        },
        "watched": {
            "labels": ["Tập thể nhỏ", "Lao động trực tiếp", "Nữ", "Dân tộc thiểu số"],
            "values": [
                round(w[k] * 100, 1)
                for k in (
                    "small_collectives_share",
                    "direct_workers_share",
                    "women_share",
                    "ethnic_minorities_share",
                )
            ],
        },
    }


@login_required
def report_docx(request):
    require_role(request.user, *REPORT_ROLES)
    authority, campaign, year = _scope_args(request)
    data = figures.compute(authority, campaign=campaign, year=year)
    kind = "Sơ kết" if request.GET.get("kind") == ReportKind.INTERIM else "Tổng kết"
    name = f"bao-cao-{campaign.pk if campaign else year}.docx"
    return download(exports.report_docx(data, authority, kind_label=kind), name, DOCX)


@login_required
def report_xlsx(request):
    require_role(request.user, *REPORT_ROLES)
    authority, campaign, year = _scope_args(request)
    data = figures.compute(authority, campaign=campaign, year=year)
    return download(
        exports.report_xlsx(data), f"bao-cao-{campaign.pk if campaign else year}.xlsx", XLSX
    )


@login_required
@require_POST
def report_save(request):
    require_role(request.user, *PUBLISH_ROLES)
    authority, campaign, year = _scope_args(request)
    get_for_user_or_404(type(authority).objects, request.user, "change", pk=authority.pk)
    kind = (
        request.POST.get("kind")
        if request.POST.get("kind") in ReportKind.values
        else ReportKind.FINAL
    )
    saved = services.save_report(
        authority, request.user, campaign=campaign, year=None if campaign else year, kind=kind
    )
    messages.success(request, "Đã lưu báo cáo.")
    return redirect("reports:saved", pk=saved.pk)


@login_required
def saved_detail(request, pk: int):
    saved = get_for_user_or_404(
        SavedReport.objects.select_related("authority", "campaign"), request.user, pk=pk
    )
    return render(
        request,
        "reports/saved.html",
        {
            "saved": saved,
            "data": saved.data,
            "tables": exports.tables(saved.data),
            "can_publish": scope_for(request.user).has_role(*PUBLISH_ROLES),
            "breadcrumbs": [("Báo cáo, thống kê", reverse("reports:index")), (saved.title, None)],
        },
    )


@login_required
def saved_docx(request, pk: int):
    saved = get_for_user_or_404(
        SavedReport.objects.select_related("authority"), request.user, pk=pk
    )
    kind = "Sơ kết" if saved.kind == ReportKind.INTERIM else "Tổng kết"
    return download(
        exports.report_docx(saved.data, saved.authority, kind_label=kind),
        f"bao-cao-{saved.pk}.docx",
        DOCX,
    )


@login_required
@require_POST
def saved_publish(request, pk: int):
    require_role(request.user, *PUBLISH_ROLES)
    saved = get_for_user_or_404(SavedReport.objects, request.user, "change", pk=pk)
    try:
        services.set_report_published(saved, request.user, request.POST.get("published") == "1")
        messages.success(request, "Đã cập nhật trạng thái công bố.")
    except services.DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reports:saved", pk=pk)


# ---- unit reports ----------------------------------------------------------------------
@login_required
def unit_reports(request, campaign_id: int):
    require_role(request.user, *REPORT_ROLES)
    campaign = _campaign(request, campaign_id)
    authority = authority_for(request)
    units = list(figures.target_units(authority, campaign.end_date or date.today()))
    reports = {
        r.unit_id: r
        for r in UnitReport.objects.for_user(request.user).filter(campaign=campaign, unit__in=units)
    }
    rows = [(u, reports.get(u.pk)) for u in units]
    return render(
        request,
        "reports/unit_reports.html",
        {
            "campaign": campaign,
            "authority": authority,
            "rows": rows,
            "summary": figures.compute(authority, campaign=campaign)["unit_reports"],
            "deadline": figures._deadline(campaign, "report"),
            "breadcrumbs": [
                ("Báo cáo, thống kê", reverse("reports:index")),
                ("Báo cáo của đơn vị", None),
            ],
        },
    )


@login_required
def unit_report_edit(request, campaign_id: int):
    """The current unit's own result report for a campaign: write, then submit."""
    require_role(request.user, Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.STANDING_BODY, Role.ADMIN)
    campaign = _campaign(request, campaign_id)
    unit = authority_for(request)
    get_for_user_or_404(type(unit).objects, request.user, "change", pk=unit.pk)
    report = UnitReport.objects.filter(campaign=campaign, unit=unit).first()
    initial = {"narrative": report.narrative, **report.figures} if report else {}
    form = UnitReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.save_unit_report(
                campaign,
                unit,
                request.user,
                narrative=form.cleaned_data["narrative"],
                figures_=form.figures(),
            )
            if request.POST.get("submit") == "1":
                services.submit_unit_report(report, request.user)
                messages.success(request, "Đã gửi báo cáo kết quả.")
            else:
                messages.success(request, "Đã lưu dự thảo báo cáo.")
            return redirect("reports:unit_report", pk=report.pk)
        except services.DomainError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "reports/unit_report_form.html",
        {
            "form": form,
            "campaign": campaign,
            "unit": unit,
            "report": report,
            "deadline": figures._deadline(campaign, "report"),
            "breadcrumbs": [
                ("Báo cáo, thống kê", reverse("reports:index")),
                ("Báo cáo kết quả của đơn vị", None),
            ],
        },
    )


@login_required
def unit_report_detail(request, pk: int):
    report = get_for_user_or_404(
        UnitReport.objects.select_related("campaign", "unit", "submitted_by"), request.user, pk=pk
    )
    labels = UnitReportForm.FIGURE_LABELS
    return render(
        request,
        "reports/unit_report.html",
        {
            "report": report,
            "figures": [(labels.get(k, k), v) for k, v in report.figures.items()],
            "is_draft": report.status == UnitReportStatus.DRAFT,
            "breadcrumbs": [
                ("Báo cáo, thống kê", reverse("reports:index")),
                (str(report.unit), None),
            ],
        },
    )


# ---- statistics forms ------------------------------------------------------------------
@login_required
def statform(request, code: str):
    require_role(request.user, Role.STANDING_BODY, Role.CHAIRMAN, Role.ADMIN)
    if code not in statforms.FORMS:
        raise Http404("Không có biểu thống kê này.")
    form = PeriodForm(request.GET)
    if not form.is_valid():
        problems = " ".join(m for errs in form.errors.values() for m in errs)
        messages.error(request, f"Kỳ báo cáo không hợp lệ: {problems}")
        return redirect("reports:index")
    authority = authority_for(request)
    data = statforms.build(code, authority, form.cleaned_data["start"], form.cleaned_data["end"])
    return download(data, f"bieu-{code}.xlsx", XLSX)


def counts_by_status(qs):
    return dict(qs.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
