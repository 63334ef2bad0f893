"""The life cycle of a registration: which moves exist and who may make them.

Every status change goes through ``REGISTRATION.apply`` (see `thidua.core.states`); the
services check the domain guards first (the registration has targets and a block, the
deadline that marks it late, no undecided registration left before the block forwards).
"""

from thidua.core.states import Move, StateTable

from .enums import RegistrationStatus

UNIT_HEAD = "thủ trưởng đơn vị (hoặc của xã, phường tổng hợp đăng ký)"
BLOCK_HEAD = "trưởng khối thi đua của đăng ký"

REGISTRATION = StateTable(
    audit_prefix="registrations.registration",
    labels=RegistrationStatus,
    noun="đăng ký thi đua",
    moves=[
        Move(
            "submit",
            {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED},
            RegistrationStatus.SUBMITTED,
            "Gửi trưởng khối",
            who=UNIT_HEAD,
        ),
        Move(
            "accepted",
            {RegistrationStatus.SUBMITTED},
            RegistrationStatus.ACCEPTED,
            "Nhận",
            who=BLOCK_HEAD,
        ),
        Move(
            "returned",
            {RegistrationStatus.SUBMITTED},
            RegistrationStatus.RETURNED,
            "Trả lại",
            who=BLOCK_HEAD,
        ),
        Move(
            "forward",
            {RegistrationStatus.ACCEPTED},
            RegistrationStatus.FORWARDED,
            "Gửi cơ quan thường trực",
            who=BLOCK_HEAD,
        ),
    ],
)
