"""The decision's state table: a draft is signed once; a signed decision is later amended
or revoked by another signed decision, never edited.

`awards.services.sign` is the only caller; the audit action of a move is
``awards.decision.<action>``.
"""

from thidua.core.states import Move, StateTable

from .models import DecisionStatus

CHAIRMAN = "Chủ tịch Ủy ban nhân dân của cấp ban hành"

DECISION = StateTable(
    audit_prefix="awards.decision",
    labels=DecisionStatus,
    noun="quyết định",
    moves=[
        Move("signed", {DecisionStatus.DRAFT}, DecisionStatus.SIGNED, "Ký ban hành", who=CHAIRMAN),
        Move(
            "amended",
            {DecisionStatus.SIGNED},
            DecisionStatus.AMENDED,
            "Sửa đổi, thay thế",
            who=f"{CHAIRMAN}, khi ký quyết định sửa đổi",
        ),
        Move(
            "revoked",
            {DecisionStatus.SIGNED},
            DecisionStatus.REVOKED,
            "Thu hồi",
            who=f"{CHAIRMAN}, khi ký quyết định thu hồi",
        ),
    ],
)
