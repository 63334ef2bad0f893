"""Which law judges a campaign: the legal texts, award forms and base salary in force on
the campaign's own date (a 2024 campaign stays under NĐ 98/2023 even when read in 2026).

"Cấp nào phát động thì cấp đó khen thưởng": a form above the issuer's level is not granted
by the campaign but proposed upward ("đề nghị cấp trên")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from thidua.legal import read as legal

if TYPE_CHECKING:
    from thidua.legal.models import AwardForm, BaseSalary

#: The instruments that govern thi đua, khen thưởng, with the dates they apply.
#: (name, valid_from, valid_to, confirmed) — dates inclusive, None = open.
LEGAL_TEXTS: list[tuple[str, date | None, date | None, bool]] = [
    (
        "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)",
        None,
        date(2023, 12, 31),
        True,
    ),
    (
        "Nghị định 91/2017/NĐ-CP quy định chi tiết Luật Thi đua, khen thưởng",
        date(2017, 7, 31),
        date(2023, 12, 31),
        True,
    ),
    ("Luật Thi đua, khen thưởng số 06/2022/QH15", date(2024, 1, 1), None, True),
    (
        "Nghị định 98/2023/NĐ-CP quy định chi tiết Luật Thi đua, khen thưởng",
        date(2024, 1, 1),
        date(2025, 6, 30),
        True,
    ),
    (
        "Nghị định 152/2025/NĐ-CP (phân cấp, phân quyền; quy định chi tiết Luật TĐKT)",
        date(2025, 7, 1),
        None,
        True,
    ),
    (
        "Nghị định 129/2025/NĐ-CP (thẩm quyền khen thưởng của Chủ tịch UBND cấp xã)",
        date(2025, 7, 1),
        None,
        True,
    ),
    (
        "Luật 06/2026/QH16 sửa đổi, bổ sung Luật Thi đua, khen thưởng",
        date(2026, 10, 1),
        None,
        False,
    ),
]

#: Issuer unit kind → the award level its chairman grants.
ISSUER_LEVEL = {"province": "tinh", "city": "huyen", "commune": "xa", "ward": "xa"}
LEVEL_RANK = {"co_so": 0, "xa": 1, "huyen": 2, "tinh": 3, "trung_uong": 4}


def campaign_date(campaign) -> date:
    """The date a campaign is judged by: its document date, else its start, else launch."""
    if campaign.doc_date:
        return campaign.doc_date
    if campaign.start_date:
        return campaign.start_date
    if campaign.launched_at:
        return campaign.launched_at.date()
    return date.today()


def texts_in_force(on: date) -> list[dict]:
    return [
        {"name": name, "valid_from": start, "valid_to": end, "confirmed": ok}
        for name, start, end, ok in LEGAL_TEXTS
        if (start is None or start <= on) and (end is None or on <= end)
    ]


def award_form_on(code: str, on: date) -> AwardForm | None:
    """The catalogue entry of `code` in force on `on`, or None if it did not exist then."""
    return legal.award_form_or_none(code, on)


def earliest_form(code: str) -> AwardForm | None:
    """The oldest catalogue entry of `code` (for plans dated before the catalogue begins)."""
    return legal.first_award_form(code)


def base_salary_on(on: date) -> BaseSalary | None:
    return legal.base_salary(on)


def issuer_level(issuer) -> str | None:
    return ISSUER_LEVEL.get(issuer.kind)


def can_grant(issuer, form: AwardForm | None) -> bool:
    """True when the issuer's chairman grants this form himself (not a proposal upward)."""
    level = issuer_level(issuer)
    if form is None or level is None or form.proposal_only:
        return False
    return LEVEL_RANK[form.level] <= LEVEL_RANK[level]


@dataclass
class FormInForce:
    code: str
    label: str
    form: AwardForm | None
    grantable: bool

    @property
    def status(self) -> str:
        if self.form is None:
            return "Không có trong danh mục có hiệu lực vào ngày của phong trào"
        return "Cấp phát động khen thưởng" if self.grantable else "Đề nghị cấp trên"


@dataclass
class RulesInForce:
    on: date
    texts: list[dict]
    base_salary: BaseSalary | None
    forms: list[FormInForce]


def rules_in_force(campaign, award_forms=None) -> RulesInForce:
    """The legal frame of a campaign on its own date: texts, base salary and, for each
    award form it offers, the catalogue entry and whether the issuer grants it."""
    on = campaign_date(campaign)
    rows = list(award_forms if award_forms is not None else campaign.award_forms.all())
    forms = []
    for row in rows:
        form = award_form_on(row.form_code, on) if row.form_code else None
        forms.append(FormInForce(row.form_code, row.label, form, can_grant(campaign.issuer, form)))
    return RulesInForce(on, texts_in_force(on), base_salary_on(on), forms)
