"""Council API: sessions, their agenda and results, and the members' secret ballot."""

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from thidua.core.permissions import get_for_user_or_404, require_role
from thidua.core.roles import Role
from thidua.core.schema import CleanStr, Id

from . import services
from .enums import SessionStatus
from .models import CouncilSession

router = Router(tags=["Hội đồng TĐKT"])
VIEW_ROLES = (Role.STANDING_BODY, Role.COUNCIL_MEMBER, Role.CHAIRMAN, Role.ADMIN)


class SessionOut(Schema):
    id: int
    authority_id: int
    campaign_id: int | None
    title: str
    date: dt.date
    place: str
    kind: str
    status: str
    total_members: int


class ItemOut(Schema):
    id: int
    nominee_id: int
    nominee_name: str
    form_code: str
    form_name: str
    threshold: str
    ballots_received: int
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    recused: int
    result: str


class SessionDetailOut(SessionOut):
    present: int
    written: int
    absent: int
    quorum_ok: bool
    items: list[ItemOut]


class BallotIn(Schema):
    choices: dict[Id, CleanStr]


class BallotOut(Schema):
    recorded: int
    detail: str


def _session(request, pk: Id) -> CouncilSession:
    require_role(request.auth, *VIEW_ROLES)
    return get_for_user_or_404(
        CouncilSession.objects.select_related("authority"), request.auth, pk=pk
    )


@router.get("/sessions", response=list[SessionOut])
@paginate
def list_sessions(request):
    require_role(request.auth, *VIEW_ROLES)
    return CouncilSession.objects.for_user(request.auth).order_by("-date", "-pk")


@router.get("/sessions/{pk}", response=SessionDetailOut)
def get_session(request, pk: Id):
    """Totals are only published once the session is closed (secret ballot)."""
    session = _session(request, pk)
    present, written, absent = services.attendance_counts(session)
    closed = session.status == SessionStatus.CLOSED
    items = []
    for i in session.items.select_related("nominee").prefetch_related("recusals", "receipts"):
        items.append(
            ItemOut(
                id=i.pk,
                nominee_id=i.nominee_id,
                nominee_name=i.nominee.name,
                form_code=i.form_code,
                form_name=i.form_name,
                threshold=i.threshold_label,
                ballots_received=len(i.receipts.all()),
                yes=i.total_yes if closed else None,
                no=i.total_no if closed else None,
                abstain=i.total_abstain if closed else None,
                recused=len(i.recusals.all()),
                result=i.result,
            )
        )
    return SessionDetailOut(
        **SessionOut.from_orm(session).dict(),
        present=present,
        written=written,
        absent=absent,
        quorum_ok=services.quorum_ok(session),
        items=items,
    )


@router.post("/sessions/{pk}/ballot", response=BallotOut)
def cast_ballot(request, pk: Id, payload: BallotIn):
    """A present council member's secret ballot: {item_id: "yes" | "no" | "abstain"}."""
    session = _session(request, pk)
    n = services.cast_ballot(session, request.auth, payload.choices)
    return BallotOut(
        recorded=n, detail="Đã ghi nhận phiếu kín; hệ thống không lưu ý kiến của từng người."
    )


@router.post("/sessions/{pk}/close", response=SessionOut)
def close_session(request, pk: Id):
    session = _session(request, pk)
    services.close_session(session, request.auth)
    session.refresh_from_db()
    return session
