"""Reward money (tiền thưởng), NĐ 152/2025/NĐ-CP Chương VII.

Why here: the rules are pure arithmetic on dated legal data, so they are kept out of
models and views and tested against every worked figure in ``shared/legal.md`` §4.

- The base is the mức lương cơ sở in force on the **decision date** (Art 49).
- amount = coefficient × base, rounded **up** to the nearest 10,000 đ (Art 49.2).
- Households get 1.5 × the individual amount of the same form: the multiplier is applied
  once to the UNROUNDED amount (coefficient × base × 1.5), which is then rounded up once
  (a household Giấy khen on 2,340,000 đ: 0.3 × 2,340,000 × 1.5 = 1,053,000 → 1,060,000).
- Several titles counted on the same period → only the highest title is paid; a title and
  a form (hình thức) at the same time → both are paid (Art 49).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from thidua.legal import read as legal


class MoneyError(ValueError):
    """A reward amount cannot be computed; the message is Vietnamese, for the user."""


def base_salary_on(d: date, table: Sequence[Mapping] | None = None) -> int:
    """The base salary in force on ``d`` (the decision date); ``table`` defaults to the
    legal tables in the database."""
    entries = legal.in_force(legal.base_salaries() if table is None else table, d)
    if not entries:
        raise MoneyError(f"Không có mức lương cơ sở áp dụng cho ngày {d:%d/%m/%Y}.")
    return int(max(entries, key=lambda e: e["valid_from"])["amount"])


def round_up(amount: Decimal | int, step: int | None = None) -> int:
    """Round up to the nearest 10,000 đ ("làm tròn số lên hàng chục nghìn đồng"); the step
    is the legal tables' `reward_rounding_step` unless given."""
    if step is None:
        step = legal.rounding_step()
    steps = (Decimal(amount) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * step


def reward_amount(coefficient: Decimal, base: int, step: int | None = None) -> int:
    """coefficient × base, rounded up to the nearest 10,000 đ."""
    coefficient = Decimal(coefficient)
    if coefficient < 0 or base < 0:
        raise MoneyError("Hệ số và mức lương cơ sở không được âm.")
    return round_up(coefficient * base, step)


def household_amount(
    coefficient_individual: Decimal,
    base: int,
    multiplier: Decimal | None = None,
    step: int | None = None,
) -> int:
    """1.5 × (the legal tables' multiplier) the individual amount of the same form, applied
    to the unrounded amount and rounded up once."""
    if multiplier is None:
        multiplier = legal.household_multiplier()
    coefficient_individual = Decimal(coefficient_individual)
    if coefficient_individual < 0 or base < 0:
        raise MoneyError("Hệ số và mức lương cơ sở không được âm.")
    return round_up(Decimal(multiplier) * coefficient_individual * base, step)


@dataclass(frozen=True)
class SubjectMoney:
    """The coefficient that applies to one kind of subject, the amount, and why (if 0)."""

    coefficient: Decimal | None
    amount: int
    note: str = ""


def money_for_subject(
    subject_kind: str,
    *,
    individual: Decimal | None,
    collective: Decimal | None,
    household: Decimal | None,
    form_name: str,
    base: int,
    on_date: date | None = None,
) -> SubjectMoney:
    """THE rule for one award of a form to a subject: which coefficient applies and what it
    pays on ``base``. Individuals take the individual coefficient, collectives and localities
    the collective one; a household takes its own coefficient when the form has one, else
    1.5 × the individual amount. No coefficient → amount 0 with a Vietnamese note.

    Both ``amount_for_form`` (legal constants) and the decision lines
    (``awards.amounts.compute``, the database tables in force) call this. The rounding step
    and the household multiplier are the legal tables' values in force on ``on_date``."""
    step = legal.rounding_step(on_date)
    if subject_kind == "household":
        if household is not None:
            return SubjectMoney(Decimal(household), reward_amount(household, base, step))
        if individual is None:
            note = f"Chưa có mức tiền thưởng cho hộ gia đình đối với “{form_name}”."
            return SubjectMoney(None, 0, note)
        multiplier = legal.household_multiplier(on_date)
        amount = household_amount(individual, base, multiplier, step)
        note = "Hộ gia đình: 1,5 lần mức tiền thưởng của cá nhân."
        return SubjectMoney(Decimal(individual), amount, note)
    if subject_kind == "individual":
        coefficient = individual
    elif subject_kind in ("collective", "locality"):
        coefficient = collective
    else:
        raise MoneyError(f"Loại đối tượng “{subject_kind}” không hợp lệ.")
    if coefficient is None:
        note = f"Chưa có mức tiền thưởng cho đối tượng này đối với “{form_name}”."
        return SubjectMoney(None, 0, note)
    return SubjectMoney(Decimal(coefficient), reward_amount(coefficient, base, step))


def amount_for_form(code: str, subject_kind: str, on_date: date, base: int | None = None) -> int:
    """Money for one award of ``code`` to a subject of ``subject_kind`` decided on ``on_date``."""
    form = legal.award_form(code, on_date)
    base = base_salary_on(on_date) if base is None else base
    money = money_for_subject(
        subject_kind,
        individual=form.coefficient_individual,
        collective=form.coefficient_collective,
        household=form.coefficient_household,
        form_name=form.name,
        base=base,
        on_date=on_date,
    )
    if money.coefficient is None:
        raise MoneyError(money.note)
    return money.amount


@dataclass(frozen=True)
class AwardAmount:
    """One award of a subject with the money actually paid for it."""

    form_code: str
    period_key: str
    coefficient: Decimal
    amount: int
    paid: bool
    note: str = ""


def _kind_of(code: str) -> str:
    form = legal.award_form_or_none(code)
    if form is not None:
        return form.kind
    raise MoneyError(f"Không có danh hiệu/hình thức khen thưởng “{legal.award_form_name(code)}”.")


def amounts_for_subject(
    awards: Iterable[tuple[str, str, Decimal]],
    base: int,
    kinds: Mapping[str, str] | None = None,
) -> list[AwardAmount]:
    """Money for all awards of ONE subject, in input order.

    Titles (danh hiệu) counted on the same ``period_key``: only the one with the highest
    coefficient is paid (the first one on a tie); the others get 0 with a note. Forms
    (hình thức) are always paid. ``kinds`` overrides the kind lookup in the legal tables.
    """
    rows = [(code, period, Decimal(coef)) for code, period, coef in awards]
    step = legal.rounding_step()
    kind = {code: (kinds or {}).get(code) or _kind_of(code) for code, _, _ in rows}
    best: dict[str, int] = {}
    for i, (code, period, coef) in enumerate(rows):
        if kind[code] == "danh_hieu" and (period not in best or coef > rows[best[period]][2]):
            best[period] = i
    result = []
    for i, (code, period, coef) in enumerate(rows):
        if kind[code] == "danh_hieu" and best[period] != i:
            winner = rows[best[period]][0]
            note = (
                f"Cùng thời gian ({period}) với danh hiệu mức cao hơn “{winner}”: chỉ nhận tiền "
                "thưởng của danh hiệu cao nhất (NĐ 152/2025/NĐ-CP Điều 49)."
            )
            result.append(AwardAmount(code, period, coef, 0, False, note))
        else:
            amount = reward_amount(coef, base, step)
            result.append(AwardAmount(code, period, coef, amount, True))
    return result


def total_amount(amounts: Iterable[AwardAmount]) -> int:
    """Sum of the money actually paid."""
    return sum(a.amount for a in amounts)


def format_vnd(n: int) -> str:
    """``1234000`` → ``"1.234.000 đ"`` (Vietnamese thousands separator)."""
    sign = "-" if n < 0 else ""
    return f"{sign}{abs(int(n)):,} đ".replace(",", ".")
