"""Demo decision for the seed 000 campaign (idempotent): drafted by the standing body from
the closed council session, signed by the chairman on 24/01/2025 (base salary
2,340,000 đ), half of the money paid. Skipped when there is no closed session."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from thidua.campaigns.models import Campaign
from thidua.core.templatetags.thidua import vnd
from thidua.council.enums import SessionStatus
from thidua.council.models import CouncilSession

from . import services
from .models import Award, Decision

DECISION_DAY = date(2025, 1, 24)
PAID_DAY = date(2025, 2, 5)


def load(stdout=None) -> None:
    campaign = Campaign.objects.filter(seed_code="000").first()
    User = get_user_model()
    standing = User.objects.filter(username="noivu").first()
    chairman = User.objects.filter(username="chutich").first()
    session = (
        CouncilSession.objects.filter(campaign=campaign, status=SessionStatus.CLOSED).first()
        if campaign
        else None
    )
    if session is None or standing is None or chairman is None:
        if stdout:
            stdout.write(
                "Bỏ qua quyết định khen thưởng mẫu: chưa có phiên họp Hội đồng đã kết thúc."
            )
        return
    if Decision.objects.filter(campaign=campaign).exists():
        return
    if not services.approved_items(session.authority, session=session).exists():
        if stdout:
            stdout.write(
                "Bỏ qua quyết định khen thưởng mẫu: Hội đồng chưa thông qua đối tượng nào."
            )
        return
    with transaction.atomic():
        decision = services.draft_from_session(session, standing, on=DECISION_DAY)
        services.sign(decision, chairman, on=DECISION_DAY)
        awards = list(Award.objects.filter(decision=decision).order_by("pk"))
        half = awards[: max(1, len(awards) // 2)]
        services.mark_paid(half, standing, PAID_DAY)
        services.mark_items_issued(half, standing, PAID_DAY)
    decision.refresh_from_db()
    if stdout:
        total = vnd(services.totals(decision)["amount"])
        stdout.write(
            f"Quyết định khen thưởng mẫu: số {decision.number_display}, {len(awards)} đối tượng, {total}."
        )
