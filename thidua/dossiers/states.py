"""The dossier's state table: every status change of a Dossier is one of these moves.

Services call ``transition(DOSSIER, dossier, action, actor, …)`` inside their transaction,
after their own guards (deadline, quota, appraisal results); the audit action of a move is
``dossiers.dossier.<action>``. `who` documents the permission rule each service enforces.
"""

from thidua.core import audit
from thidua.core.states import Move, StateTable

from .enums import (
    WITHDRAWABLE_STATUSES,
    ComplaintStatus,
    CouncilResult,
    DossierStatus,
    LineResult,
)

DRAFT = DossierStatus.DRAFT
SUBMITTED = DossierStatus.SUBMITTED
RETURNED = DossierStatus.RETURNED
RESUBMITTED = DossierStatus.RESUBMITTED
APPRAISED = DossierStatus.APPRAISED
REJECTED = DossierStatus.REJECTED
IN_COUNCIL = DossierStatus.IN_COUNCIL
APPROVED = DossierStatus.APPROVED
NOT_APPROVED = DossierStatus.NOT_APPROVED
DISCLOSED = DossierStatus.DISCLOSED
DECIDED = DossierStatus.DECIDED
WITHDRAWN = DossierStatus.WITHDRAWN

IN_APPRAISAL = {SUBMITTED, RESUBMITTED}
PROPOSER = "cán bộ, thủ trưởng đơn vị đề nghị"
STANDING_BODY = "cơ quan thường trực Hội đồng TĐKT (chuyên viên thẩm định)"

DOSSIER = StateTable(
    audit_prefix="dossiers.dossier",
    labels=DossierStatus,
    noun="hồ sơ",
    stamp_field="status_changed_at",
    moves=[
        Move("submitted", {DRAFT}, SUBMITTED, "Nộp", who=PROPOSER),
        Move("resubmitted", {RETURNED}, RESUBMITTED, "Nộp lại", who=PROPOSER),
        Move("returned", IN_APPRAISAL, RETURNED, "Trả lại để hoàn thiện", who=STANDING_BODY),
        Move("appraised", IN_APPRAISAL, APPRAISED, "Kết thúc thẩm định", who=STANDING_BODY),
        Move("rejected", IN_APPRAISAL, REJECTED, "Kết luận không đủ điều kiện", who=STANDING_BODY),
        Move("withdrawn", WITHDRAWABLE_STATUSES, WITHDRAWN, "Rút", who=PROPOSER),
        Move("disclosed", {APPRAISED, APPROVED}, DISCLOSED, "Công khai", who=STANDING_BODY),
        Move(
            "in_council",
            {APPRAISED, DISCLOSED},
            IN_COUNCIL,
            "Trình Hội đồng",
            who="cơ quan thường trực, khi lập chương trình phiên họp",
        ),
        Move(
            "council_approved",
            {IN_COUNCIL},
            APPROVED,
            "Ghi Hội đồng thông qua",
            who="phiên họp Hội đồng, khi kết thúc và có ít nhất một dòng đạt",
        ),
        Move(
            "council_not_approved",
            {IN_COUNCIL},
            NOT_APPROVED,
            "Ghi Hội đồng không thông qua",
            who="phiên họp Hội đồng, khi kết thúc và không dòng nào đạt",
        ),
        Move(
            "decided",
            {APPROVED, DISCLOSED},
            DECIDED,
            "Ghi quyết định khen thưởng",
            who="Chủ tịch, khi ký quyết định",
        ),
    ],
)

# Labels of the states other dossier events record (a line's result, a complaint).
audit.register_states("dossiers.nominee", LineResult)
audit.register_states("dossiers.nominee", CouncilResult)
audit.register_states("dossiers.complaint", ComplaintStatus)
