"""Council (Hội đồng Thi đua - Khen thưởng) vote rules.

Why a share of the TOTAL membership: NĐ 98/2023/NĐ-CP Art 30.7 (legal.md §3) requires
"≥ 90 % / ≥ 80 % of the council's total membership" ("tổng số thành viên Hội đồng"), not of
those present, and absent members vote in writing. A member who recuses (e.g. the nominee
or a relative) is still a member, so the bar does not drop: recusal counts like "no".
Forms without a title-specific threshold pass on a simple majority of the council's TOTAL
membership ("quá nửa tổng số thành viên", the dated setting ``council_simple_majority``):
4 "đồng ý" of a 9-member council is not enough, whoever was absent. Session quorum: ≥ 80 %
of members present (BN86 Art 8.4.b).

The ballots counted for a line must equal the members who took part (present + written
opinions, less those who recused): otherwise a ballot is missing or one too many and the
result cannot be recorded (issue #14 item 1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from thidua.legal import read as legal


class VoteError(ValueError):
    """Inconsistent vote counts; the message is Vietnamese, for the user."""


def threshold_for(
    form_code: str, on_date: date, table: Sequence[Mapping] | None = None
) -> Fraction | None:
    """Required share of total membership for ``form_code`` on ``on_date``.

    ``None`` means a simple majority of the votes cast.
    """
    if table is None:
        table = legal.voting_thresholds()
    found = [e for e in legal.in_force(table, on_date) if form_code in e["forms"]]
    if not found:
        return None
    return max(Fraction(e["threshold"]) for e in found)


def required_yes(threshold: Fraction, total_members: int) -> int:
    """Smallest number of yes votes that reaches ``threshold`` × total (rounded up)."""
    if total_members <= 0:
        raise VoteError("Hội đồng phải có ít nhất 1 thành viên.")
    return math.ceil(Fraction(threshold) * total_members)


def quorum_ok(
    total_members: int, present: int, written: int = 0, share: Fraction | None = None
) -> bool:
    """Whether an award session may deliberate: present ≥ 80 % of all members.

    Written opinions of absent members are required and recorded (they count as votes in
    :func:`tally`) but do not make up for missing attendance.
    """
    _check_nonneg(total_members=total_members, present=present, written=written)
    if total_members <= 0:
        raise VoteError("Hội đồng phải có ít nhất 1 thành viên.")
    if present + written > total_members:
        raise VoteError(
            f"Số thành viên có mặt ({present}) và số ý kiến bằng văn bản ({written}) vượt tổng "
            f"số {total_members} thành viên Hội đồng."
        )
    share = legal.quorum_share() if share is None else Fraction(share)
    return present >= math.ceil(share * total_members)


@dataclass(frozen=True)
class VoteResult:
    approved: bool
    required: int
    message: str


def _check_nonneg(**counts: int) -> None:
    labels = {
        "total_members": "Tổng số thành viên",
        "present": "Số thành viên có mặt",
        "written": "Số ý kiến bằng văn bản",
        "yes": "Số phiếu đồng ý",
        "no": "Số phiếu không đồng ý",
        "abstain": "Số phiếu không biểu quyết",
        "recused": "Số thành viên không tham gia biểu quyết",
    }
    for key, value in counts.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise VoteError(f"{labels[key]} phải là số nguyên không âm.")


def _percent(threshold: Fraction) -> str:
    value = Decimal(threshold.numerator) / Decimal(threshold.denominator) * 100
    return f"{value.normalize():f}".replace(".", ",") + "%"


def required_majority(total_members: int, majority: Fraction = Fraction(1, 2)) -> int:
    """Smallest number of yes votes that is MORE than ``majority`` × total (quá nửa)."""
    if total_members <= 0:
        raise VoteError("Hội đồng phải có ít nhất 1 thành viên.")
    return math.floor(Fraction(majority) * total_members) + 1


def check_ballots(counted: int, expected: int, name: str = "") -> None:
    """The ballots counted must equal the members who took part; else no result."""
    if counted != expected:
        who = f"“{name}”: " if name else ""
        raise VoteError(
            f"{who}số phiếu kiểm được ({counted}) không khớp số thành viên dự họp và cho ý kiến "
            f"bằng văn bản được biểu quyết ({expected}): không ghi nhận được kết quả, xin "
            "kiểm phiếu lại."
        )


def tally(
    total_members: int,
    yes: int,
    no: int,
    abstain: int,
    recused: int,
    threshold: Fraction | None,
    *,
    expected_ballots: int | None = None,
    majority: Fraction = Fraction(1, 2),
) -> VoteResult:
    """Result of one vote on one nominee.

    With a threshold: approved when ``yes ≥ ceil(threshold × total_members)``; absent
    members who did not vote and recused members are still counted in the total.
    Without: approved when yes is more than ``majority`` (half) of the total membership.
    ``expected_ballots`` (present + written, less recused): the ballots counted (yes + no +
    abstain) must equal it, else :class:`VoteError` — the result cannot be recorded.
    """
    _check_nonneg(total_members=total_members, yes=yes, no=no, abstain=abstain, recused=recused)
    if total_members <= 0:
        raise VoteError("Hội đồng phải có ít nhất 1 thành viên.")
    counted = yes + no + abstain + recused
    if counted > total_members:
        raise VoteError(
            f"Tổng số phiếu và số thành viên không tham gia biểu quyết ({counted}) vượt tổng số "
            f"{total_members} thành viên Hội đồng."
        )
    if expected_ballots is not None:
        _check_nonneg(present=expected_ballots)
        check_ballots(yes + no + abstain, expected_ballots)
    if threshold is not None:
        threshold = Fraction(threshold)
        if not 0 < threshold <= 1:
            raise VoteError("Tỷ lệ biểu quyết phải lớn hơn 0 và không quá 100%.")
        required = required_yes(threshold, total_members)
        basis = f"{_percent(threshold)} tổng số {total_members} thành viên Hội đồng"
    else:
        required = required_majority(total_members, majority)
        basis = f"quá nửa tổng số {total_members} thành viên Hội đồng"
    approved = yes >= required
    verdict = "Đạt" if approved else "Không đạt"
    message = f"{verdict}: {yes} phiếu đồng ý, cần ít nhất {required} ({basis})."
    return VoteResult(approved, required, message)


# ---- ties ----------------------------------------------------------------------------------

FEMALE_SHARE_PRIORITY = Fraction(7, 10)


@dataclass(frozen=True)
class TieCandidate:
    """A nominee tied with others for the last places of a quota."""

    key: str
    name: str = ""
    is_female: bool = False  # individuals
    female_share: Fraction | Decimal | float | None = None  # collectives (0..1)
    score: Decimal | int | float = 0
    chair_vote: bool = False


@dataclass(frozen=True)
class TieResult:
    ranking: tuple[str, ...]  # best first
    decided_by: str  # "uu_tien_nu" | "diem_cao_nhat" | "y_kien_chu_tich" | "chua_phan_dinh"
    message: str


def _women_priority(c: TieCandidate) -> bool:
    if c.female_share is not None:
        return Fraction(str(c.female_share)) >= FEMALE_SHARE_PRIORITY
    return bool(c.is_female)


_STEPS = (
    ("uu_tien_nu", "ưu tiên nữ hoặc tập thể có từ 70% nữ trở lên (NĐ 152/2025/NĐ-CP Điều 4)"),
    ("diem_cao_nhat", "điểm cao nhất"),
    ("y_kien_chu_tich", "ý kiến của Chủ tịch Hội đồng"),
)


def break_tie(candidates: Sequence[TieCandidate]) -> TieResult:
    """Order tied candidates: women / collectives with ≥ 70 % women first, then the highest
    score, then the chair's vote (legal.md §3). ``decided_by`` names the step that separated
    the first candidate from the second."""
    if not candidates:
        raise VoteError("Không có đối tượng nào để xét.")

    def priority(candidate: TieCandidate) -> tuple:
        return (_women_priority(candidate), Decimal(str(candidate.score)), candidate.chair_vote)

    ordered = sorted(candidates, key=priority, reverse=True)
    ranking = tuple(candidate.key for candidate in ordered)
    if len(ordered) == 1:
        return TieResult(ranking, "khong_can", "Chỉ có một đối tượng, không cần phân định.")
    first, second = priority(ordered[0]), priority(ordered[1])
    for i, (code, words) in enumerate(_STEPS):
        if first[i] != second[i]:
            name = ordered[0].name or ordered[0].key
            return TieResult(ranking, code, f"Chọn {name} theo tiêu chí {words}.")
    return TieResult(
        ranking,
        "chua_phan_dinh",
        "Chưa phân định được: các đối tượng bằng nhau ở mọi tiêu chí, cần Hội đồng biểu quyết lại.",
    )
