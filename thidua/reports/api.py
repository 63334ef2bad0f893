"""JSON API of the reports app: the report figures (same structure as the page, .docx and
.xlsx), programmes with milestone statuses, exemplary models and recognised initiatives."""

from datetime import date

from django.http import Http404
from ninja import Router, Schema

from thidua.core.permissions import get_for_user_or_404, require_role
from thidua.core.roles import Role
from thidua.core.schema import Id, Year
from thidua.org.models import Unit

from . import figures
from .models import ExemplaryModel, Initiative

router = Router(tags=["Báo cáo, tổng kết"])


class MilestoneOut(Schema):
    id: int
    year: int
    quarter: int | None
    title: str
    responsible: str
    status: str
    done_on: date | None


class ModelOut(Schema):
    id: int
    kind: str
    name: str
    unit: str
    stage: str
    published: bool


class InitiativeOut(Schema):
    id: int
    title: str
    unit: str
    status: str
    level: str
    recognition_ref: str
    recognised_on: date | None


@router.get("/figures", summary="Số liệu báo cáo (phong trào hoặc năm) của một cơ quan")
def report_figures(
    request, authority: Id, campaign: Id | None = None, year: Year | None = None
) -> dict:
    user = request.auth
    require_role(
        user, Role.STANDING_BODY, Role.CHAIRMAN, Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_HEAD
    )
    unit = get_for_user_or_404(Unit.objects, user, pk=authority)
    camp = None
    if campaign is not None:
        from thidua.campaigns.models import Campaign

        camp = Campaign.objects.for_user(user).filter(pk=campaign).first()
        if camp is None:
            raise Http404
    elif year is None:
        year = date.today().year
    return figures.compute(unit, campaign=camp, year=None if camp else year)


@router.get(
    "/programmes/{pk}/milestones", response=list[MilestoneOut], summary="Nhiệm vụ của chương trình"
)
def programme_milestones(request, pk: Id):
    from .views.programmes import _visible

    programme = _visible(request.auth).filter(pk=pk).first()
    if programme is None:
        raise Http404
    today = date.today()
    return [
        {
            "id": m.pk,
            "year": m.year,
            "quarter": m.quarter,
            "title": m.title,
            "responsible": m.responsible,
            "status": m.status_on(today),
            "done_on": m.done_on,
        }
        for m in programme.milestones.all()
    ]


@router.get(
    "/exemplary-models", response=list[ModelOut], summary="Điển hình tiên tiến trong phạm vi"
)
def exemplary_models(request):
    qs = ExemplaryModel.objects.for_user(request.auth).select_related("unit")[:500]
    return [
        {
            "id": m.pk,
            "kind": m.kind,
            "name": m.name,
            "unit": m.unit.name,
            "stage": m.stage,
            "published": m.published,
        }
        for m in qs
    ]


@router.get(
    "/initiatives/available",
    response=list[InitiativeOut],
    summary="Sáng kiến đã công nhận của một cá nhân, chưa dùng cho hồ sơ nào",
)
def initiatives_available(request, person: Id):
    from thidua.org.models import Person

    p = get_for_user_or_404(Person.objects, request.auth, pk=person)
    qs = Initiative.objects.recognised().available_for(p).select_related("unit")
    return [
        {
            "id": i.pk,
            "title": i.title,
            "unit": i.unit.name,
            "status": i.status,
            "level": i.level,
            "recognition_ref": i.recognition_ref,
            "recognised_on": i.recognised_on,
        }
        for i in qs
    ]
