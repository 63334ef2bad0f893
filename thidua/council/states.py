"""The council session's state table: planned → open → closed, nothing else.

`council.services.open_session` and `close_session` are the only callers; the audit action
of a move is ``council.session.<action>``.
"""

from thidua.core.states import Move, StateTable

from .enums import SessionStatus

SECRETARIAT = "cơ quan thường trực Hội đồng TĐKT"

SESSION = StateTable(
    audit_prefix="council.session",
    labels=SessionStatus,
    noun="phiên họp",
    moves=[
        Move("opened", {SessionStatus.PLANNED}, SessionStatus.OPEN, "Khai mạc", who=SECRETARIAT),
        Move("closed", {SessionStatus.OPEN}, SessionStatus.CLOSED, "Kết thúc", who=SECRETARIAT),
    ],
)
