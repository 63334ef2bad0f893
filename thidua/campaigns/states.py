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
            "reopened",
            {CampaignStatus.CLOSED},
            CampaignStatus.RUNNING,
            "Mở lại",
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


def action_to(target: str, current: str | None = None) -> str | None:
    """The move that ends in `target` (from `current` when given: "running" is reached by
    "started" from launched and by "reopened" from closed)."""
    moves = [m for m in CAMPAIGN.moves if m.target == target]
    if current is not None:
        moves = [m for m in moves if current in m.sources] or moves
    return moves[0].action if moves else None
