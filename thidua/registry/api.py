"""Registry API: public search and verification (no login), scoped histories, export."""

from __future__ import annotations

import json
from datetime import date

from django.http import Http404, HttpResponse
from ninja import Query, Router, Schema

from thidua.awards.models import Award, DecisionStatus
from thidua.core.permissions import get_for_user_or_404, require_role
from thidua.core.schema import CleanStr, Id, Offset, Year
from thidua.org.models import Person, Unit

from . import services
from .interchange import RegistryExporter

router = Router(tags=["Sổ khen thưởng"])


class AwardOut(Schema):
    verification_code: str
    awardee_name: str
    awardee_unit_name: str
    subject_kind: str
    form_code: str
    form_name: str
    wording: str
    award_date: date
    year: int
    decision_number: str
    decision_date: date | None
    issuer: str
    campaign: str

    @staticmethod
    def resolve_decision_number(obj):
        return obj.decision.number_display if obj.decision_id else ""

    @staticmethod
    def resolve_decision_date(obj):
        return obj.decision.doc_date if obj.decision_id else None

    @staticmethod
    def resolve_issuer(obj):
        return obj.decision.issuer.name if obj.decision_id else ""

    @staticmethod
    def resolve_campaign(obj):
        return obj.campaign.title if obj.campaign_id else ""


class HistoryAwardOut(AwardOut):
    id: int
    revoked: bool
    status: str

    @staticmethod
    def resolve_status(obj):
        if obj.revoked or (obj.decision_id and obj.decision.status == DecisionStatus.REVOKED):
            return "revoked"
        return obj.decision.status if obj.decision_id else "draft"


class SearchParams(Schema):
    q: CleanStr = ""
    unit: CleanStr = ""
    form: CleanStr = ""
    year: Year | None = None
    offset: Offset = 0


class VerifyOut(Schema):
    valid: bool
    message: str
    award: AwardOut | None = None


class UnitHistoryOut(Schema):
    unit_id: int
    unit_name: str
    collective: list[HistoryAwardOut]
    members: list[HistoryAwardOut]


def _related(qs):
    return qs.select_related("decision", "decision__issuer", "campaign")


@router.get(
    "/search", response=list[AwardOut], auth=None, summary="Tra cứu công khai (không cần đăng nhập)"
)
def search(request, params: Query[SearchParams]):
    """Diacritic-insensitive; at most 50 rows per call, newest first (page with `offset`)."""
    offset = max(0, min(params.offset, 10_000))
    qs = services.search_awards(params.q, params.unit, params.form, params.year)
    return list(_related(qs)[offset : offset + services.PUBLIC_LIMIT])


@router.get(
    "/verify/{code}",
    response={200: VerifyOut, 404: VerifyOut},
    auth=None,
    summary="Xác thực mã trên giấy khen",
)
def verify(request, code: CleanStr):
    code = code.strip().upper().replace("-", "")
    award = _related(Award.objects.filter(verification_code=code)).first()
    if award is None:
        return 404, {"valid": False, "message": "Không có khen thưởng nào mang mã này."}
    if award.revoked or not award.decision_id or award.decision.status != DecisionStatus.SIGNED:
        return 404, {
            "valid": False,
            "message": "Khen thưởng mang mã này chưa ban hành hoặc đã bị thu hồi.",
        }
    return 200, {"valid": True, "message": "Hợp lệ", "award": award}


@router.get(
    "/persons/{person_id}/awards",
    response=list[HistoryAwardOut],
    summary="Quá trình khen thưởng của cá nhân",
)
def person_awards(request, person_id: Id):
    person = get_for_user_or_404(Person.objects.all(), request.auth, pk=person_id)
    return list(services.person_history(person))


@router.get(
    "/units/{unit_id}/awards",
    response=UnitHistoryOut,
    summary="Quá trình khen thưởng của đơn vị (kể cả đơn vị đã sáp nhập vào)",
)
def unit_awards(request, unit_id: Id):
    unit = get_for_user_or_404(Unit.objects.all(), request.auth, pk=unit_id)
    own, members = services.unit_history(unit)
    return {
        "unit_id": unit.pk,
        "unit_name": unit.name,
        "collective": list(own),
        "members": list(members[:1000]),
    }


@router.get("/export", summary="Xuất sổ khen thưởng theo định dạng trao đổi (json, csv, xlsx)")
def export(request, format: CleanStr = "json", year: Year | None = None):
    require_role(request.auth, *services.PRINT_ROLES)
    awards = services.public_awards().filter(
        pk__in=Award.objects.for_user(request.auth).values("pk")
    )
    if year:
        awards = awards.filter(year=year)
    exporter = RegistryExporter(awards)
    if format == "json":
        return HttpResponse(exporter.to_json(), content_type="application/json; charset=utf-8")
    if format == "csv":
        return HttpResponse(exporter.to_csv(), content_type="text/csv; charset=utf-8")
    if format == "xlsx":
        resp = HttpResponse(
            exporter.to_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        resp["Content-Disposition"] = 'attachment; filename="so-khen-thuong.xlsx"'
        return resp
    raise Http404(json.dumps({"detail": "Định dạng phải là json, csv hoặc xlsx."}))
