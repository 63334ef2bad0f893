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


def texts_in_force(on: date, issuer_kind: str = "") -> list[dict]:
    """The legal documents in force on `on` for an issuer of `issuer_kind`, from the one
    table of them (`legal.grounds_for`): `name` is the document named as a căn cứ line
    would name it (without "Căn cứ"), `confirmed` False for an unconfirmed fact."""
    return [
        {
            "key": ground.key,
            "name": ground.text.removeprefix("Căn cứ "),
            "confirmed": ground.confirmed,
            "citation": ground.citation,
        }
        for ground in legal.grounds_for(on, issuer_kind)
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
    return RulesInForce(on, texts_in_force(on, campaign.issuer.kind), base_salary_on(on), forms)
