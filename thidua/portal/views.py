"""The public portal: no login, only published data — launched campaigns, disclosed lists,
the awards registry search, published exemplary models and published reports."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from thidua.campaigns.models import Campaign
from thidua.dossiers.models import Disclosure
from thidua.reports import exports
from thidua.reports.models import ExemplaryModel, SavedReport


def _disclosures(limit: int = 5) -> list[dict]:
    rows = Disclosure.objects.select_related("campaign", "authority").order_by("-start")[:limit]
    today = date.today()
    return [
        {
            "d": disclosure,
            "url": reverse("dossiers:public", args=[disclosure.pk]),
            "open": disclosure.start <= today <= disclosure.end,
        }
        for disclosure in rows
    ]


def home(request):
    campaigns = (
        Campaign.objects.public().select_related("issuer").order_by("-start_date", "-pk")[:8]
    )
    models = (
        ExemplaryModel.objects.published()
        .select_related("unit")
        .prefetch_related("photos")
        .order_by("-published_at")[:6]
    )
    reports = (
        SavedReport.objects.published().select_related("authority").order_by("-published_at")[:6]
    )
    return render(
        request,
        "portal/home.html",
        {
            "campaigns": campaigns,
            "models": models,
            "reports": reports,
            "disclosures": _disclosures(),
            "disclosure_index": reverse("dossiers:public_index"),
            "registry_search": reverse("registry:search"),
            "registry_verify": reverse("registry:verify_form"),
        },
    )


def campaign_detail(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.public().select_related("issuer"), pk=pk)
    return render(
        request,
        "portal/campaign.html",
        {
            "c": campaign,
            "deadlines": campaign.deadlines.all(),
            "forms": campaign.award_forms.all(),
            "breadcrumbs": [
                ("Cổng công khai", reverse("portal:home")),
                ("Phong trào thi đua", None),
            ],
        },
    )


def model_list(request):
    qs = ExemplaryModel.objects.published().select_related("unit").prefetch_related("photos")
    q = request.GET.get("q", "").strip()
    qs = qs.search(q).order_by("-published_at", "-pk")
    page = Paginator(qs, 24).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/model_list.html",
        {
            "page": page,
            "q": q,
            "breadcrumbs": [
                ("Cổng công khai", reverse("portal:home")),
                ("Điển hình tiên tiến", None),
            ],
        },
    )


def model_detail(request, pk: int):
    exemplary = get_object_or_404(
        ExemplaryModel.objects.published().select_related("unit", "person"), pk=pk
    )
    return render(
        request,
        "portal/model_detail.html",
        {
            "m": exemplary,
            "photos": exemplary.photos.all(),
            "awards": exemplary.awards.filter(revoked=False),
            "breadcrumbs": [
                ("Cổng công khai", reverse("portal:home")),
                ("Điển hình tiên tiến", reverse("portal:models")),
                (exemplary.name, None),
            ],
        },
    )


def report_detail(request, pk: int):
    report = SavedReport.objects.published().select_related("authority").filter(pk=pk).first()
    if report is None:
        raise Http404("Báo cáo không tồn tại hoặc chưa công bố.")
    return render(
        request,
        "portal/report.html",
        {
            "saved": report,
            "data": report.data,
            "tables": exports.tables(report.data),
            "breadcrumbs": [("Cổng công khai", reverse("portal:home")), (report.title, None)],
        },
    )
