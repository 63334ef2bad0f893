"""What a clerk would point out before a block moves on (issue #15, item 20): a leader
proposed with nothing done, a block forwarded while some of its units have not registered
or have a registration returned or never sent. Warnings, not refusals: the block head and
the standing body decide, knowingly."""

from __future__ import annotations

from decimal import Decimal

from thidua.formats.vi.numbers import format_percent

from .enums import RegistrationStatus
from .models import Registration


def leader_warnings(block_leaders) -> list[str]:
    """A proposed leader at 0 % completion (no progress reported, or none achieved)."""
    if block_leaders is None:
        return []
    return [
        f"{row.unit_name} được đề xuất dẫn đầu {row.block_name} với tỷ lệ hoàn thành "
        f"{format_percent(row.rate or 0)}: chưa có kết quả thực hiện nào được báo cáo — kiểm "
        "tra số liệu trước khi đề nghị."
        for row in block_leaders.leaders
        if Decimal(str(row.rate or 0)) <= 0
    ]


def forward_warnings(block, campaign) -> list[str]:
    """Units of the block that the forwarded list would leave out, and why."""
    regs = {
        r.unit_id: r
        for r in Registration.objects.filter(block=block, campaign=campaign).select_related("unit")
    }
    members = [m.unit for m in block.members.select_related("unit")]
    unregistered = [u.name for u in members if u.pk not in regs]
    returned = [r.unit.name for r in regs.values() if r.status == RegistrationStatus.RETURNED]
    unsent = [r.unit.name for r in regs.values() if r.status == RegistrationStatus.DRAFT]
    out = []
    if unregistered:
        out.append(
            f"{len(unregistered)} đơn vị của khối chưa đăng ký thi đua: "
            + ", ".join(sorted(unregistered))
            + "."
        )
    if returned:
        out.append(
            f"{len(returned)} đăng ký bị trả lại chưa gửi lại: " + ", ".join(sorted(returned)) + "."
        )
    if unsent:
        out.append(
            f"{len(unsent)} đăng ký đang soạn, chưa gửi trưởng khối: "
            + ", ".join(sorted(unsent))
            + "."
        )
    return out
