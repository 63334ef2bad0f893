"""Decisions and payments API: the standing body drafts, the chairman signs, units see
the payments of their own awards."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thidua.core.permissions import get_for_user_or_404, require_role
from thidua.core.roles import Role
from thidua.core.schema import CleanStr, Id
from thidua.council.models import CouncilSession

from . import services
from .models import Award, Decision, DecisionStatus

router = Router(tags=["Quyết định, khen thưởng"])
LIST_ROLES = (Role.STANDING_BODY, Role.CHAIRMAN, Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_HEAD)


class LineOut(Schema):
    id: int
    form_code: str
    form_name: str
    subject_kind: str
    awardee_name: str
    awardee_unit_name: str
    coefficient: float | None
    amount: int
    money_note: str


class DecisionOut(Schema):
    id: int
    issuer_id: int
    campaign_id: int | None
    kind: str
    status: str
    number: int | None
    number_display: str
    year: int
    doc_date: dt.date | None
    title: str
    signer_name: str
    signer_title: str
    sign_mode: str
    base_salary: int | None
    content_hash: str


class DecisionDetailOut(DecisionOut):
    legal_grounds: str
    total_amount: int
    integrity_ok: bool | None
    lines: list[LineOut]


class DraftIn(Schema):
    session_id: Id
    date: dt.date
    item_ids: list[Id] | None = None
    sign_mode: CleanStr = ""
    signer_title: CleanStr = "CHỦ TỊCH"
    signer_name: CleanStr = ""


class SignIn(Schema):
    date: dt.date | None = None


class PaymentOut(Schema):
    id: int
    decision_id: int | None
    awardee_name: str
    awardee_unit_name: str
    form_name: str
    amount: int
    award_date: dt.date
    paid_at: dt.date | None
    item_kind: str
    item_issued_at: dt.date | None
    verification_code: str


class PaidIn(Schema):
    date: dt.date | None = None


def _detail(decision: Decision) -> DecisionDetailOut:
    lines = [
        LineOut(
            id=ln.pk,
            form_code=ln.form_code,
            form_name=ln.form_name,
            subject_kind=ln.subject_kind,
            awardee_name=ln.awardee_name,
            awardee_unit_name=ln.awardee_unit_name,
            coefficient=float(ln.coefficient) if ln.coefficient is not None else None,
            amount=ln.amount,
            money_note=ln.money_note,
        )
        for ln in decision.lines.all()
    ]
    return DecisionDetailOut(
        **DecisionOut.from_orm(decision).dict(),
        legal_grounds=decision.legal_grounds,
        total_amount=sum(ln.amount for ln in lines),
        integrity_ok=services.verify_integrity(decision) if decision.content_hash else None,
        lines=lines,
    )


def _decision(request, pk: Id) -> Decision:
    """Drafts are visible to the issuer's staff; signed ones also to the awarded units."""
    require_role(request.auth, *LIST_ROLES)
    decision = Decision.objects.for_user(request.auth).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


@router.get("/decisions", response=list[DecisionOut])
@paginate
def list_decisions(request, status: CleanStr = ""):
    require_role(request.auth, *LIST_ROLES)
    qs = Decision.objects.for_user(request.auth).order_by("-year", "-number", "-pk")
    return qs.filter(status=status) if status in DecisionStatus.values else qs


@router.get("/decisions/{pk}", response=DecisionDetailOut)
def get_decision(request, pk: Id):
    return _detail(_decision(request, pk))


@router.post("/decisions", response={201: DecisionDetailOut})
def draft_decision(request, payload: DraftIn):
    """Draft a decision from the lines the council approved at a closed session."""
    require_role(request.auth, Role.STANDING_BODY, Role.ADMIN)
    session = get_for_user_or_404(
        CouncilSession.objects.select_related("authority", "chair"),
        request.auth,
        "change",
        pk=payload.session_id,
    )
    decision = services.draft_from_session(
        session,
        request.auth,
        on=payload.date,
        item_ids=payload.item_ids,
        sign_mode=payload.sign_mode,
        signer_title=payload.signer_title,
        signer_name=payload.signer_name,
    )
    return Status(201, _detail(decision))


@router.post("/decisions/{pk}/sign", response=DecisionDetailOut)
def sign_decision(request, pk: Id, payload: SignIn):
    """Only the chairman of the issuing authority signs; the number is taken at signing."""
    decision = _decision(request, pk)
    services.sign(decision, request.auth, on=payload.date)
    decision.refresh_from_db()
    return _detail(decision)


@router.get("/payments", response=list[PaymentOut])
@paginate
def list_payments(request, decision: Id | None = None, unpaid: bool = False):
    """Awards with money; each unit sees those of its own subtree."""
    qs = Award.objects.for_user(request.auth).filter(revoked=False).order_by("-award_date", "pk")
    if decision:
        qs = qs.filter(decision_id=decision)
    if unpaid:
        qs = qs.filter(paid_at__isnull=True, amount__gt=0)
    return qs


@router.post("/payments/{pk}/paid", response=PaymentOut)
def mark_paid(request, pk: Id, payload: PaidIn):
    require_role(request.auth, Role.STANDING_BODY, Role.ADMIN)
    award = get_for_user_or_404(
        Award.objects.select_related("decision__issuer"), request.auth, "change", pk=pk
    )
    services.mark_paid([award], request.auth, payload.date)
    award.refresh_from_db()
    return award
