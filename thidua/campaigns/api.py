"""Campaign API: campaigns, their rules and deadlines, and the plan importer (scoped)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from thidua.core.permissions import require_role
from thidua.core.roles import Role
from thidua.core.schema import CleanStr, CleanText, Id
from thidua.org.models import Unit
from thidua.planimport.extract import extract_plan
from thidua.planimport.readers import PlanReadError, read_text

from . import services
from .models import Campaign

router = Router(tags=["Phong trào thi đua"])


class DeadlineOut(Schema):
    kind: str
    label: str
    date: date


class AwardFormOut(Schema):
    form_code: str
    label: str
    subjects: list
    required_documents: list
    upward: bool


class CampaignOut(Schema):
    id: int
    title: str
    number: str
    issuer_id: int
    issuer: str
    kind: str
    status: str
    start_date: date | None
    end_date: date | None
    slogan: str

    @staticmethod
    def resolve_issuer(obj) -> str:
        return obj.issuer.name


class CampaignDetailOut(CampaignOut):
    doc_date: date | None
    parent_id: int | None
    parent_document: str
    subjects: dict
    content_areas: list
    criteria: str
    anniversary_name: str
    anniversary_date: date | None
    rules: list
    deadlines: list[DeadlineOut]
    award_forms: list[AwardFormOut]

    @staticmethod
    def resolve_deadlines(obj):
        return list(obj.deadlines.all())

    @staticmethod
    def resolve_award_forms(obj):
        return list(obj.award_forms.all())


class RulesIn(Schema):
    rules: list[dict]


class ImportTextIn(Schema):
    text: CleanText


class DraftIn(Schema):
    issuer_id: Id
    extraction: dict
    source_text: CleanText = ""


class Error(Schema):
    detail: str | list


def _get(request, pk: Id) -> Campaign:
    campaign = (
        Campaign.objects.for_user(request.auth).select_related("issuer").filter(pk=pk).first()
    )
    if campaign is None:
        raise Http404
    return campaign


@router.get("/", response=list[CampaignOut])
def list_campaigns(request, status: CleanStr | None = None, q: CleanStr | None = None):
    qs = (
        Campaign.objects.for_user(request.auth)
        .select_related("issuer")
        .order_by("-start_date", "-pk")
    )
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs[:500]


@router.get("/{int:pk}/", response=CampaignDetailOut)
def get_campaign(request, pk: Id):
    return _get(request, pk)


@router.get("/{int:pk}/rules/", response=list[dict])
def get_rules(request, pk: Id):
    return _get(request, pk).rules


@router.put("/{int:pk}/rules/", response={200: list[dict], 403: Error, 422: Error})
def put_rules(request, pk: Id, payload: RulesIn):
    campaign = _get(request, pk)
    if not services.can_manage(request.auth, campaign.issuer):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp phát động được sửa quy tắc số lượng."
        )
    try:
        campaign = services.set_rules(campaign, payload.rules, request.auth)
    except services.CampaignError as exc:
        return 422, {"detail": exc.messages}
    return 200, campaign.rules


@router.get("/{int:pk}/deadlines/", response=list[DeadlineOut])
def get_deadlines(request, pk: Id):
    return list(_get(request, pk).deadlines.all())


@router.get("/deadlines/", response=list[dict])
def all_deadlines(request, start: date | None = None, end: date | None = None):
    from .models import CampaignDeadline

    qs = CampaignDeadline.objects.filter(campaign__in=Campaign.objects.for_user(request.auth))
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return [
        {"campaign_id": d.campaign_id, "kind": d.kind, "label": d.label, "date": d.date}
        for d in qs.order_by("date", "pk")[:1000]
    ]


def _extract(text: str) -> dict:
    if not text.strip():
        raise PlanReadError("Nội dung kế hoạch trống.")
    return extract_plan(text)


@router.post("/import/extract/", response={200: dict, 422: Error})
def import_extract_text(request, payload: ImportTextIn):
    """Extraction JSON of a pasted plan (nothing is saved)."""
    require_role(request.auth, Role.STANDING_BODY, Role.ADMIN)
    try:
        return 200, {"extraction": _extract(payload.text), "source_text": payload.text}
    except PlanReadError as exc:
        return 422, {"detail": str(exc)}


@router.post("/import/extract-file/", response={200: dict, 422: Error})
def import_extract_file(request, file: UploadedFile = File(...)):  # noqa: B008 — ninja's declaration style
    """Extraction JSON of an uploaded .docx/.pdf/.txt/.md plan (nothing is saved)."""
    require_role(request.auth, Role.STANDING_BODY, Role.ADMIN)
    try:
        text = read_text(file.name, file.read())
        return 200, {"extraction": _extract(text), "source_text": text}
    except PlanReadError as exc:
        return 422, {"detail": str(exc)}


@router.post(
    "/import/draft/", response={201: CampaignDetailOut, 403: Error, 404: Error, 422: Error}
)
def import_draft(request, payload: DraftIn):
    """Create a draft campaign from an (optionally corrected) extraction."""
    issuer = Unit.objects.filter(pk=payload.issuer_id, is_authority=True).first()
    if issuer is None or not services.can_manage(request.auth, issuer):
        raise PermissionDenied("Bạn không phải cơ quan thường trực của cấp phát động này.")
    try:
        campaign = services.campaign_from_extraction(
            payload.extraction, issuer, request.auth, payload.source_text
        )
    except services.CampaignError as exc:
        return 422, {"detail": exc.messages}
    return 201, campaign
