"""The proposing unit's own meeting (Biên bản họp xét): the same vote thresholds as the
council's, on the unit's meeting (issue #14 item 1).

A line proposed for a title with a threshold of its own (Chiến sĩ thi đua cơ sở: 80 % of
all members) or, otherwise, by a simple majority of all members ("quá nửa tổng số thành
viên") passes at the unit's meeting only if its "đồng ý" votes reach that bar of the
meeting's TOTAL membership; a line that failed there cannot be submitted, and the minutes
say which lines the meeting agreed to propose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from thidua.formats.vi.numbers import format_percent
from thidua.legal import read as legal

from . import checks
from .models import Dossier, Nominee


@dataclass(frozen=True)
class LineVote:
    nominee: Nominee
    votes: int
    total: int
    required: int
    passed: bool
    rule: legal.VoteRule

    @property
    def percent(self) -> str:
        return format_percent(Decimal(self.votes) / Decimal(self.total), digits=1)

    @property
    def message(self) -> str:
        verdict = "đạt" if self.passed else "chưa đạt"
        return (
            f"{self.nominee.name}: {self.votes}/{self.total} phiếu đồng ý ({self.percent}), "
            f"{verdict} tỷ lệ {self.rule.label} (cần {self.required}/{self.total})"
        )


def meeting_day(dossier: Dossier, today: date | None = None) -> date:
    """The date whose rules apply: the meeting's own date, else the dossier's form date."""
    if dossier.meeting_date:
        return dossier.meeting_date
    return checks.form_date(dossier.campaign, today or timezone.localdate())


def line_votes(dossier: Dossier, nominees=None, today: date | None = None) -> list[LineVote]:
    """The result of every line that has its votes recorded, against the rule in force on
    the meeting date for the dossier's form; empty without the meeting's membership."""
    total = dossier.meeting_total
    if not total:
        return []
    rule = legal.vote_rule(dossier.form_code, meeting_day(dossier, today))
    required = rule.required(total)
    nominees = nominees if nominees is not None else list(dossier.nominees.all())
    return [
        LineVote(n, n.votes_for, total, required, n.votes_for >= required, rule)
        for n in nominees
        if n.votes_for is not None
    ]


def meeting_vote_failures(dossier: Dossier, nominees=None, today: date | None = None) -> list[str]:
    """Lines the unit's meeting did not pass: they cannot be submitted."""
    when = f" tại cuộc họp xét ngày {dossier.meeting_date:%d/%m/%Y}" if dossier.meeting_date else ""
    return [
        f"{vote.message}{when}: không được đề nghị; bỏ dòng này khỏi hồ sơ."
        for vote in line_votes(dossier, nominees, today)
        if not vote.passed
    ]
