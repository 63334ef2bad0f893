"""Reward money for decision lines, from the editable dated legal tables.

Why a separate module: `money.py` holds the rules (`money_for_subject`: coefficient choice,
household × 1.5, rounding; tested against the law); this module only feeds them what is in
force on the DECISION date from the database tables the standing body edits (BaseSalary,
AwardForm), and applies "several titles counted on the same period → only the highest" per
awardee within a decision.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from thidua.legal import read as legal
from thidua.legal.models import AwardForm

from . import money


def base_salary_on(on: date) -> int:
    return money.base_salary_on(on)


def form_on(code: str, on: date) -> AwardForm | None:
    return legal.award_form_or_none(code, on)


def subject_key(line) -> str:
    if line.person_id:
        return f"person:{line.person_id}"
    if line.household_id:
        return f"household:{line.household_id}"
    if line.unit_id:
        return f"unit:{line.unit_id}"
    return f"name:{line.awardee_name.lower()}:{line.awardee_unit_id}"


def compute(lines, on: date) -> int:
    """Set coefficient, amount and money_note on every line (not saved); return the base.

    The legal tables are read once for all the lines (outside a request too: tasks, the
    shell), not once per line."""
    with legal.cached():
        return _compute(lines, on)


def _compute(lines, on: date) -> int:
    base = base_salary_on(on)
    forms = {}
    for line in lines:
        if line.form_code not in forms:
            forms[line.form_code] = form_on(line.form_code, on)
        form = forms[line.form_code]
        if form is None:
            line.coefficient, line.amount = None, 0
            name = line.form_name or legal.award_form_name(line.form_code)
            line.money_note = f"Hình thức “{name}” không có hiệu lực ngày {on:%d/%m/%Y}."
            continue
        line.form_kind = form.kind
        money_due = money.money_for_subject(
            line.subject_kind,
            individual=form.coefficient_individual,
            collective=form.coefficient_collective,
            household=form.coefficient_household,
            form_name=form.name,
            base=base,
            on_date=on,
        )
        line.coefficient, line.amount = money_due.coefficient, money_due.amount
        line.money_note = money_due.note
    # Several titles of one subject counted on the same period: only the highest is paid.
    by_subject = defaultdict(list)
    for line in lines:
        if line.form_kind == "danh_hieu" and line.coefficient is not None:
            by_subject[subject_key(line)].append(line)
    for group in by_subject.values():
        if len(group) < 2:
            continue
        rows = [(ln.form_code, ln.period_key, ln.coefficient) for ln in group]
        kinds = {ln.form_code: "danh_hieu" for ln in group}
        for ln, result in zip(group, money.amounts_for_subject(rows, base, kinds), strict=True):
            if not result.paid:
                ln.amount, ln.money_note = 0, result.note[:300]
    return base


def carries_money(form: AwardForm) -> bool:
    """Whether the form pays money to anyone (e.g. "Gia đình văn hóa" pays none)."""
    return any(
        c is not None
        for c in (
            form.coefficient_individual,
            form.coefficient_collective,
            form.coefficient_household,
        )
    )


def unsignable(lines, on: date) -> list[str]:
    """Why `lines` cannot be signed on `on` (empty when they can), in Vietnamese.

    A line whose form is not in force on the decision date, or whose form pays money but
    has no amount for this kind of awardee, would otherwise be signed with 0 đ: refused.
    A title not paid because a higher one of the same period is (Art 49) is not a problem:
    its 0 đ is explained in ``money_note``.
    """
    problems = []
    forms: dict[str, AwardForm | None] = {}
    for line in lines:
        if line.form_code not in forms:
            forms[line.form_code] = form_on(line.form_code, on)
        form = forms[line.form_code]
        if form is None:
            problems.append(
                f"{line.awardee_name}: hình thức “{line.form_name}” không có hiệu lực ngày "
                f"{on:%d/%m/%Y}"
            )
        elif line.coefficient is None and carries_money(form):
            problems.append(
                f"{line.awardee_name}: “{form.name}” chưa có mức tiền thưởng cho đối tượng này "
                f"vào ngày {on:%d/%m/%Y}"
            )
    return problems
