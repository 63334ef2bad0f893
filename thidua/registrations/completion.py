"""Completion rate of a unit's emulation registration (tỷ lệ hoàn thành chỉ tiêu đăng ký).

Seed 004 gives the Cờ thi đua to "block leaders with the highest completion rate of the
registered targets", so the rate must be one documented, reproducible formula.

Per indicator, with target T, actual A and optional baseline B, the achievement a is:

- **with a baseline** (either direction): the share of the planned change achieved,
  ``a = (A − B) / (T − B)``. T must differ from B and point in the indicator's direction
  (T > B if higher is better, T < B if lower is better). Example: poverty rate from
  B = 8 % to T = 6 %, actual 7 % → a = 0.5.
- **higher is better, no baseline**: ``a = A / T`` (T > 0, A ≥ 0).
- **lower is better, no baseline**: ``a = T / A`` (T ≥ 0, A ≥ 0); when A = 0 the target
  is fully met: ``a = cap`` if T > 0 (beaten as far as possible) and ``a = 1`` if T = 0
  (exactly met); when T = 0 and A > 0, ``a = 0``.

Then a is clamped to ``[0, cap]`` (cap defaults to 1.2 = 120 %, so one over-achieved
indicator cannot hide missed ones). A missing report gives a = 0 and the indicator is
flagged. Work items and events (công trình/phần việc, sự kiện) count as indicators with
a = 1 when done and 0 otherwise.

Unit rate = weighted mean ``Σ wᵢ·aᵢ / Σ wᵢ`` (weights > 0), computed exactly with
fractions and rounded once to 4 decimal places, ROUND_HALF_UP. Rates are fractions
(1.0000 = 100 %). ``as_at`` picks, per indicator, the latest report dated on or before the
cut-off date (on the same date, the later entry in the list wins).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

DEFAULT_CAP = Decimal("1.2")
QUANTUM = Decimal("0.0001")


class CompletionError(ValueError):
    """The indicator cannot be evaluated; the message is Vietnamese, for the user."""


def _frac(x: Decimal | int | str | Fraction) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(Decimal(x))


def _round(x: Fraction) -> Decimal:
    """ROUND_HALF_UP to 4 places, exactly (no binary or intermediate rounding)."""
    scaled = abs(x) * 10_000
    n = math.floor(scaled + Fraction(1, 2))
    return (Decimal(n) * QUANTUM * (-1 if x < 0 else 1)).quantize(QUANTUM)


def _achievement(
    target: Fraction,
    actual: Fraction,
    baseline: Fraction | None,
    lower_is_better: bool,
    cap: Fraction,
) -> Fraction:
    if cap <= 0:
        raise CompletionError("Mức trần (cap) phải lớn hơn 0.")
    if baseline is not None:
        if target == baseline:
            raise CompletionError("Chỉ tiêu phải khác giá trị ban đầu (baseline).")
        if (target < baseline) != lower_is_better:
            raise CompletionError(
                "Chỉ tiêu phải cao hơn giá trị ban đầu (hoặc thấp hơn, nếu chỉ tiêu càng thấp "
                "càng tốt)."
            )
        raw = (actual - baseline) / (target - baseline)
    elif not lower_is_better:
        if target <= 0 or actual < 0:
            raise CompletionError("Chỉ tiêu phải lớn hơn 0 và kết quả không được âm.")
        raw = actual / target
    else:
        if target < 0 or actual < 0:
            raise CompletionError("Chỉ tiêu và kết quả không được âm.")
        # A = 0 of a "lower is better" quantity: beaten as far as possible, or exactly met.
        zero_actual = cap if target > 0 else Fraction(1)
        raw = zero_actual if actual == 0 else target / actual
    return min(max(raw, Fraction(0)), cap)


def indicator_rate(
    target: Decimal,
    actual: Decimal,
    baseline: Decimal | None = None,
    lower_is_better: bool = False,
    cap: Decimal = DEFAULT_CAP,
) -> Decimal:
    """Achievement of one indicator, in [0, cap], 4 places ROUND_HALF_UP."""
    return _round(
        _achievement(
            _frac(target),
            _frac(actual),
            None if baseline is None else _frac(baseline),
            lower_is_better,
            _frac(cap),
        )
    )


@dataclass(frozen=True)
class IndicatorInput:
    """One registered item of a unit.

    ``kind`` is "indicator" (uses target/actual/baseline), "work_item" or "event" (uses
    ``done``). ``actual=None`` for an indicator means no report: achievement 0, flagged.
    """

    code: str
    weight: Decimal = Decimal(1)
    target: Decimal | None = None
    actual: Decimal | None = None
    baseline: Decimal | None = None
    lower_is_better: bool = False
    cap: Decimal = DEFAULT_CAP
    kind: str = "indicator"
    done: bool = False


@dataclass(frozen=True)
class UnitCompletion:
    rate: Decimal
    per_item: dict[str, Decimal]
    missing: tuple[str, ...]  # indicators without a report


def _item_achievement(item: IndicatorInput) -> Fraction | None:
    if item.kind in ("work_item", "event"):
        return Fraction(1 if item.done else 0)
    if item.kind != "indicator":
        raise CompletionError(f"Loại mục đăng ký “{item.kind}” không hợp lệ.")
    if item.actual is None:
        return None
    if item.target is None:
        raise CompletionError(f"Chỉ tiêu “{item.code}” chưa có giá trị mục tiêu.")
    return _achievement(
        _frac(item.target),
        _frac(item.actual),
        None if item.baseline is None else _frac(item.baseline),
        item.lower_is_better,
        _frac(item.cap),
    )


def unit_completion(items: Sequence[IndicatorInput]) -> UnitCompletion:
    """Weighted completion of a unit, with per-item rates and the unreported indicators."""
    num = Fraction(0)
    den = Fraction(0)
    per_item: dict[str, Decimal] = {}
    missing = []
    for item in items:
        weight = _frac(item.weight)
        if weight <= 0:
            raise CompletionError(f"Trọng số của “{item.code}” phải lớn hơn 0.")
        a = _item_achievement(item)
        if a is None:
            missing.append(item.code)
            a = Fraction(0)
        per_item[item.code] = _round(a)
        num += weight * a
        den += weight
    rate = _round(num / den) if den else Decimal("0.0000")
    return UnitCompletion(rate, per_item, tuple(missing))


def unit_rate(items: Sequence[IndicatorInput]) -> Decimal:
    """Σ wᵢ·aᵢ / Σ wᵢ, 4 places; 0 for a unit with nothing registered."""
    return unit_completion(items).rate


def latest_as_at(reports: Iterable[tuple[date, Decimal]], on_date: date) -> Decimal | None:
    """Value of the latest report dated ≤ ``on_date`` (later entry wins on the same date)."""
    best: tuple[date, Decimal] | None = None
    for day, value in reports:
        if day <= on_date and (best is None or day >= best[0]):
            best = (day, value)
    return None if best is None else best[1]


def as_at(
    reports: Mapping[str, Iterable[tuple[date, Decimal]]], on_date: date
) -> dict[str, Decimal | None]:
    """Per indicator code, the value to use at ``on_date`` (None = no report yet)."""
    return {code: latest_as_at(rows, on_date) for code, rows in reports.items()}
