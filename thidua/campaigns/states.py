"""The life cycle of a campaign: which moves exist and who may make them.

Every status change goes through ``CAMPAIGN.apply`` (see `thidua.core.states`); the
services check their domain guards (the plan is complete before launch, dates, rules)
and the manager rule before calling it.
"""

from thidua.core.states import Move, StateTable

from .enums import CampaignStatus

STANDING_BODY = (
    "cơ quan thường trực Hội đồng Thi đua - Khen thưởng của cấp phát động (hoặc cấp trên)"
)

CAMPAIGN = StateTable(
    audit_prefix="campaigns.campaign",
    labels=CampaignStatus,
    noun="phong trào",
    moves=[
        Move(
            "launched",
            {CampaignStatus.DRAFT},
            CampaignStatus.LAUNCHED,
            "Phát động",
            who=STANDING_BODY,
        ),
        Move(
            "started",
            {CampaignStatus.LAUNCHED},
            CampaignStatus.RUNNING,
            "Chuyển sang đang thực hiện",
            who=STANDING_BODY,
        ),
        Move(
            "closed",
            {CampaignStatus.LAUNCHED, CampaignStatus.RUNNING},
            CampaignStatus.CLOSED,
            "Kết thúc",
            who=STANDING_BODY,
        ),
        Move(
            "summarised",
            {CampaignStatus.CLOSED},
            CampaignStatus.SUMMARISED,
            "Tổng kết",
            who=STANDING_BODY,
        ),
    ],
)


def action_to(target: str) -> str | None:
    """The move that ends in `target` (each campaign state is reached by one move)."""
    return next((move.action for move in CAMPAIGN.moves if move.target == target), None)
