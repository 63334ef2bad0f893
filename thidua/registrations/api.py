"""API of registrations, progress, rankings and reviews — same permissions as the pages."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from thidua.campaigns.models import Campaign
from thidua.core.permissions import get_for_user_or_404
from thidua.core.schema import Amount, CleanStr, CleanText, Id
from thidua.org.models import Block, Unit

from . import services, snapshots
from .leaders import propose_block_leaders
from .models import BlockScheme, Indicator, QuarterlyCheck, Registration
from .ranking import rank_blocks

router = Router(tags=["Đăng ký thi đua"])


class RegistrationOut(Schema):
    id: int
    campaign_id: int
    unit_id: int
    unit_name: str
    block_id: int | None
    collected_by_id: int | None
    status: str
    is_late: bool
    submitted_at: str | None
    return_reason: str
    forwarded_at: str | None

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_submitted_at(obj):
        return obj.submitted_at.isoformat() if obj.submitted_at else None

    @staticmethod
    def resolve_forwarded_at(obj):
        return obj.forwarded_at.isoformat() if obj.forwarded_at else None


class IndicatorOut(Schema):
    id: int
    name: str
    unit_of_measure: str
    baseline: Decimal | None
    target: Decimal
    weight: Decimal
    lower_is_better: bool
    cap: Decimal
    source_ref: str


class ReportOut(Schema):
    id: int
    indicator_id: int
    report_date: date
    actual: Decimal


class CommitmentOut(Schema):
    id: int
    title: str
    due_date: date | None
    done_at: str | None

    @staticmethod
    def resolve_done_at(obj):
        return obj.done_at.isoformat() if obj.done_at else None


class RegistrationDetail(RegistrationOut):
    indicators: list[IndicatorOut]
    work_items: list[CommitmentOut]
    events: list[CommitmentOut]

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())

    @staticmethod
    def resolve_work_items(obj):
        return list(obj.work_items.all())

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())


class RegisterIn(Schema):
    campaign_id: Id
    unit_id: Id
    note: CleanText = ""


class IndicatorIn(Schema):
    name: CleanStr
    target: Amount
    unit_of_measure: CleanStr = ""
    baseline: Amount | None = None
    weight: Amount = Decimal(1)
    lower_is_better: bool = False
    source_ref: CleanStr = ""


class CommitmentIn(Schema):
    kind: CleanStr = "work_item"
    title: CleanStr
    due_date: date | None = None


class ReasonIn(Schema):
    reason: CleanText


class ReportIn(Schema):
    report_date: date
    actual: Amount
    note: CleanText = ""


class ForwardIn(Schema):
    campaign_id: Id


class RankOut(Schema):
    block_id: int
    block_name: str
    unit_id: int
    unit_name: str
    registration_id: int
    rate: Decimal
    score: Decimal
    rank: int


class RankingOut(Schema):
    as_at: date
    basis: str
    scheme_id: int | None
    scheme_version: int | None
    computed_at: datetime | None = None
    frozen_at: datetime | None = None
    rows: list[RankOut]


class LeadersOut(Schema):
    block_id: int
    block_name: str
    form: str
    leaders: list[RankOut]
    excluded: list[dict]
    messages: list[str]


class ReviewOut(Schema):
    id: int
    block_id: int
    campaign_id: int
    meeting_date: date
    as_at: date
    method: str
    attendees: list
    proposed_order: list
    votes: dict
    present_count: int
    conclusion: str
    scheme_id: int | None


class CheckOut(Schema):
    id: int
    council_member_id: int
    unit_id: int
    campaign_id: int | None
    check_date: date
    findings: str
    recommendations: str


def _regs(user):
    return Registration.objects.for_user(user).select_related("unit")


def _campaign(user, campaign_id: int) -> Campaign:
    campaign = Campaign.objects.for_user(user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    return campaign


@router.get("/", response=list[RegistrationOut])
@paginate
def list_registrations(request, campaign_id: Id | None = None, status: CleanStr | None = None):
    qs = _regs(request.auth).order_by("pk")
    if campaign_id:
        qs = qs.filter(campaign_id=campaign_id)
    if status:
        qs = qs.filter(status=status)
    return qs


@router.post("/", response={201: RegistrationOut})
def create_registration(request, payload: RegisterIn):
    unit = get_for_user_or_404(Unit.objects, request.auth, "change", pk=payload.unit_id)
    reg = services.register(
        _campaign(request.auth, payload.campaign_id), unit, request.auth, note=payload.note
    )
    return 201, reg


@router.get("/ranking", response=RankingOut)
def ranking(
    request,
    campaign_id: Id,
    as_at: date | None = None,
    scheme_id: Id | None = None,
    block_id: Id | None = None,
):
    campaign = _campaign(request.auth, campaign_id)
    scheme = None
    if scheme_id:
        scheme = BlockScheme.objects.filter(pk=scheme_id).first()
        if scheme is None:
            raise Http404
    blocks = [get_for_user_or_404(Block.objects, request.auth, pk=block_id)] if block_id else None
    if scheme is not None and blocks is None:
        blocks = [scheme.block_id]
    # The stored ranking (as at the kept date for `as_at`; frozen at closing); a scheme's
    # points rank the scheme's one block.
    stored = snapshots.read(campaign, as_at, blocks=blocks)
    result = stored
    if scheme is not None:
        result = rank_blocks(campaign, stored.as_at, scheme=scheme, blocks=blocks)
    visible = set(_regs(request.auth).filter(campaign=campaign).values_list("pk", flat=True))
    return {
        "as_at": stored.as_at,
        "basis": result.basis,
        "scheme_id": scheme.pk if scheme else None,
        "scheme_version": scheme.version if scheme else None,
        "computed_at": stored.computed_at,
        "frozen_at": stored.frozen_at,
        "rows": [r.__dict__ for r in result if r.registration_id in visible],
    }


@router.get("/leaders", response=list[LeadersOut])
def leaders(request, campaign_id: Id, as_at: date | None = None):
    campaign = _campaign(request.auth, campaign_id)
    visible = set(_regs(request.auth).filter(campaign=campaign).values_list("block_id", flat=True))
    return [
        {
            "block_id": b.block_id,
            "block_name": b.block_name,
            "form": b.form,
            "leaders": [r.__dict__ for r in b.leaders],
            "excluded": [
                {"unit_id": r.unit_id, "unit_name": r.unit_name, "rank": r.rank, "reasons": why}
                for r, why in b.excluded
            ],
            "messages": b.messages,
        }
        for b in propose_block_leaders(campaign, as_at, blocks=visible - {None})
        if b.block_id in visible
    ]


@router.get("/reviews/{review_id}", response=ReviewOut)
def review(request, review_id: Id):
    from .views import _reviews

    return get_for_user_or_404(_reviews(request.auth), request.auth, pk=review_id)


@router.get("/checks", response=list[CheckOut])
@paginate
def checks(request):
    return QuarterlyCheck.objects.for_user(request.auth).order_by("-check_date", "-pk")


@router.get("/{reg_id}", response=RegistrationDetail)
def get_registration(request, reg_id: Id):
    return get_for_user_or_404(_regs(request.auth), request.auth, pk=reg_id)


@router.post("/{reg_id}/indicators", response={201: IndicatorOut})
def add_indicator(request, reg_id: Id, payload: IndicatorIn):
    reg = get_for_user_or_404(_regs(request.auth), request.auth, "change", pk=reg_id)
    return 201, services.add_indicator(reg, request.auth, **payload.dict())


@router.post("/{reg_id}/commitments", response={201: CommitmentOut})
def add_commitment(request, reg_id: Id, payload: CommitmentIn):
    reg = get_for_user_or_404(_regs(request.auth), request.auth, "change", pk=reg_id)
    return 201, services.add_commitment(
        reg, request.auth, payload.kind, title=payload.title, due_date=payload.due_date
    )


@router.post("/{reg_id}/submit", response=RegistrationOut)
def submit(request, reg_id: Id):
    reg = get_for_user_or_404(_regs(request.auth), request.auth, "change", pk=reg_id)
    return services.submit(reg, request.auth)


@router.post("/{reg_id}/accept", response=RegistrationOut)
def accept(request, reg_id: Id):
    reg = get_for_user_or_404(_regs(request.auth), request.auth, pk=reg_id)
    return services.accept(reg, request.auth)


@router.post("/{reg_id}/return", response=RegistrationOut)
def return_registration(request, reg_id: Id, payload: ReasonIn):
    reg = get_for_user_or_404(_regs(request.auth), request.auth, pk=reg_id)
    return services.return_registration(reg, request.auth, payload.reason)


@router.post("/indicators/{indicator_id}/reports", response={201: ReportOut})
def report(request, indicator_id: Id, payload: ReportIn):
    ind = get_for_user_or_404(Indicator.objects.all(), request.auth, "change", pk=indicator_id)
    return 201, services.report_progress(
        ind, request.auth, report_date=payload.report_date, actual=payload.actual, note=payload.note
    )


@router.post("/blocks/{block_id}/forward")
def forward(request, block_id: Id, payload: ForwardIn):
    block = get_for_user_or_404(Block.objects, request.auth, pk=block_id)
    n = services.forward_block(block, _campaign(request.auth, payload.campaign_id), request.auth)
    return {"forwarded": n}
