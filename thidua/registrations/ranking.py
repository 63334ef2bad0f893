"""Block ranking computed in the database, with the formula of `completion.py`.

One query: per indicator the latest report on or before ``as_at`` (correlated subquery on
the ``progress_latest`` index), its achievement with direction, baseline and cap
(Case/When, Least/Greatest), weighted sums per registration (work items and events count 1
when done by the end of ``as_at`` in Vietnam time), the rate rounded to 4 places, and
``Window(Rank())`` partitioned by block (ties share a rank: 1, 1, 3). No Python loop over
units. On SQLite, decimals are cast to REAL (SQLite would otherwise divide integers), so
the rate there agrees with `completion.py` to within one unit of the fourth decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import connections, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, NullIf, Rank, Round
from django.db.models.lookups import Exact, GreaterThan, IsNull

from thidua.core.deadlines import deadline_end

from .completion import QUANTUM
from .enums import RANKED_STATUSES
from .models import (
    BlockScheme,
    BlockScore,
    Event,
    Indicator,
    ProgressReport,
    Registration,
    WorkItem,
)

NUM = DecimalField(max_digits=30, decimal_places=12)


@dataclass(frozen=True)
class RankRow:
    block_id: int
    block_name: str
    unit_id: int
    unit_name: str
    unit_kind: str
    registration_id: int
    rate: Decimal
    score: Decimal
    rank: int


@dataclass
class Ranking:
    """Rows ordered by block, rank, unit name; `basis` says how they were ranked."""

    as_at: date
    rows: list[RankRow] = field(default_factory=list)
    scheme: BlockScheme | None = None
    computed_at: datetime | None = None  # stored rankings (snapshots.read): when computed
    frozen_at: datetime | None = None  # … and when recorded at the campaign's closing

    @property
    def basis(self) -> str:
        if self.scheme is None:
            return "Tỷ lệ hoàn thành các chỉ tiêu, nội dung đăng ký (không dùng bộ tiêu chí khối)"
        return f"Bộ tiêu chí: {self.scheme.label}"

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def by_block(self) -> dict[int, list[RankRow]]:
        out: dict[int, list[RankRow]] = {}
        for r in self.rows:
            out.setdefault(r.block_id, []).append(r)
        return out


class NumericExpressions:
    """Numeric expressions per database: exact `numeric` on PostgreSQL; REAL on SQLite,
    where Django would otherwise wrap every decimal expression in CAST(… AS NUMERIC) (which
    turns 1.0 back into the integer 1 and makes the next division an integer one)."""

    def __init__(self, alias: str):
        self.sqlite = connections[alias].vendor == "sqlite"
        self.out = FloatField() if self.sqlite else NUM

    def __call__(self, expr):
        if self.sqlite:
            return Cast(expr, FloatField())
        return ExpressionWrapper(expr, output_field=NUM)

    def const(self, value) -> Value:
        return Value(float(value) if self.sqlite else Decimal(value), output_field=self.out)


def _achievement(numeric):
    """Achievement of the ProgressReport row (its `actual`) for the outer indicator
    (completion.py): baseline → share of the planned change; higher is better → A/T;
    lower is better → T/A, with A = 0 meaning fully met (cap, or 1 when T = 0). The
    indicator's columns come from the outer query (OuterRef), so no join is needed."""
    target, baseline = numeric(OuterRef("target")), numeric(OuterRef("baseline"))
    actual, cap = numeric(F("actual")), numeric(OuterRef("cap"))
    zero = numeric.const(0)
    actual_zero = Exact(F("actual"), 0)
    raw = Case(
        When(IsNull(OuterRef("baseline"), False), then=(actual - baseline) / (target - baseline)),
        When(Exact(OuterRef("lower_is_better"), False), then=actual / target),
        When(actual_zero & GreaterThan(OuterRef("target"), 0), then=cap),
        When(actual_zero, then=numeric.const(1)),
        default=target / actual,
        output_field=numeric.out,
    )
    return Least(Greatest(raw, zero, output_field=numeric.out), cap, output_field=numeric.out)


def registration_rates(registrations, as_at: date):
    """Annotate a Registration queryset with `rate` (4 places) as at ``as_at``.

    The achievement is computed inside the "latest report" subquery, so each indicator's
    latest report is looked up once (one seek on the `progress_latest` index)."""
    numeric = NumericExpressions(registrations.db)
    zero = numeric.const(0)
    latest = (
        ProgressReport.objects.filter(indicator=OuterRef("pk"), report_date__lte=as_at)
        .order_by("-report_date", "-pk")
        .annotate(ach=_achievement(numeric))
        .values("ach")[:1]
    )
    indicators = (
        Indicator.objects.filter(registration=OuterRef("pk"))
        .order_by()
        .annotate(
            ach=Coalesce(Subquery(latest, output_field=numeric.out), zero, output_field=numeric.out)
        )
        .values("registration")
        .annotate(s=Sum(numeric(F("weight")) * F("ach"), output_field=numeric.out))
        .values("s")
    )
    end = deadline_end(as_at)

    def commitment_sums(model):
        done = Case(
            When(done_at__lte=end, then=numeric(F("weight"))),
            default=numeric.const(0),
            output_field=numeric.out,
        )
        base = model.objects.filter(registration=OuterRef("pk")).order_by().values("registration")
        return (
            base.annotate(s=Sum(done, output_field=numeric.out)).values("s"),
            base.annotate(w=Sum(numeric(F("weight")), output_field=numeric.out)).values("w"),
        )

    wi_num, wi_den = commitment_sums(WorkItem)
    ev_num, ev_den = commitment_sums(Event)
    weights = (
        Indicator.objects.filter(registration=OuterRef("pk"))
        .order_by()
        .values("registration")
        .annotate(w=Sum(numeric(F("weight")), output_field=numeric.out))
        .values("w")
    )

    def c(q):
        return Coalesce(Subquery(q, output_field=numeric.out), zero, output_field=numeric.out)

    total = c(indicators) + c(wi_num) + c(ev_num)
    den = c(weights) + c(wi_den) + c(ev_den)
    rate = Coalesce(total / NullIf(den, zero), zero, output_field=numeric.out)
    return registrations.annotate(rate=Round(rate, 4, output_field=numeric.out))


def _scored(qs, scheme: BlockScheme, numeric):
    required = [c["code"] for c in scheme.criteria if c.get("required")]
    points = (
        BlockScore.objects.filter(scheme=scheme, unit=OuterRef("unit"))
        .values("scheme")
        .annotate(p=Sum(numeric(F("points")), output_field=numeric.out))
        .values("p")
    )
    zero = numeric.const(0)
    qs = qs.annotate(
        score=Round(
            F("rate") * numeric.const(scheme.completion_points)
            + Coalesce(Subquery(points, output_field=numeric.out), zero, output_field=numeric.out),
            4,
            output_field=numeric.out,
        )
    )
    if not required:
        return qs.annotate(req_ok=Value(True, output_field=BooleanField()))
    have = (
        BlockScore.objects.filter(
            scheme=scheme, unit=OuterRef("unit"), code__in=required, points__gt=0
        )
        .values("scheme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(have=Coalesce(Subquery(have), 0)).annotate(
        req_ok=Case(
            When(have__gte=len(required), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def ranked_queryset(campaign_or_year, as_at: date, scheme: BlockScheme | None = None, blocks=None):
    """The Registration queryset with `rate`, `score` and `rank` (Window over blocks)."""
    from thidua.campaigns.models import Campaign

    qs = Registration.objects.filter(status__in=RANKED_STATUSES, block__isnull=False).order_by()
    if isinstance(campaign_or_year, Campaign):
        qs = qs.filter(campaign=campaign_or_year)
    else:
        qs = qs.filter(block__year=int(campaign_or_year))
    if scheme is not None:
        qs = qs.filter(block_id=scheme.block_id)
    if blocks is not None:
        qs = qs.filter(block__in=blocks)
    numeric = NumericExpressions(qs.db)
    qs = registration_rates(qs, as_at)
    if scheme is None:
        qs = qs.annotate(score=F("rate"))
        order = [F("rate").desc()]
    else:
        qs = _scored(qs, scheme, numeric)
        order = [F("req_ok").desc(), F("score").desc()]
    return qs.annotate(rank=Window(Rank(), partition_by=[F("block_id")], order_by=order))


def rank_blocks(
    campaign_or_year, as_at: date, scheme: BlockScheme | None = None, blocks=None
) -> Ranking:
    """Rank the registered units of every block (or of ``scheme``'s block) as at a date."""
    qs = ranked_queryset(campaign_or_year, as_at, scheme, blocks).values_list(
        "block_id",
        "block__name",
        "unit_id",
        "unit__name",
        "unit__kind",
        "pk",
        "rate",
        "score",
        "rank",
    )
    if connections[qs.db].vendor == "postgresql":
        with transaction.atomic(using=qs.db):
            # 200,000 cheap index seeks: JIT compilation would cost more than it saves.
            with connections[qs.db].cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
            result = list(qs)
    else:
        result = list(qs)
    rows = [
        RankRow(
            block_id, block_name, unit_id, unit_name, unit_kind, pk, _dec(rate), _dec(score), rank
        )
        for block_id, block_name, unit_id, unit_name, unit_kind, pk, rate, score, rank in result
    ]
    rows.sort(key=lambda r: (r.block_name, r.block_id, r.rank, r.unit_name))
    if scheme is not None and scheme.used_at is None:
        from django.utils import timezone

        BlockScheme.objects.filter(pk=scheme.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        scheme.used_at = timezone.now()
    return Ranking(as_at=as_at, rows=rows, scheme=scheme)


def _dec(x) -> Decimal:
    if x is None:
        return Decimal("0.0000")
    return Decimal(str(x)).quantize(QUANTUM)


def block_rate_series(campaign, blocks, dates: list[date]) -> dict:
    """Per block and unit, the rate at each date (one ranking query per date)."""
    series: dict = {"labels": [d.strftime("%d/%m/%Y") for d in dates], "blocks": {}}
    for i, d in enumerate(dates):
        for r in rank_blocks(campaign, d, blocks=blocks):
            blk = series["blocks"].setdefault(
                r.block_id, {"name": r.block_name, "units": {}, "avg": [None] * len(dates)}
            )
            unit = blk["units"].setdefault(
                r.unit_id, {"name": r.unit_name, "rates": [None] * len(dates)}
            )
            unit["rates"][i] = float(r.rate)
    for blk in series["blocks"].values():
        for i in range(len(dates)):
            vals = [u["rates"][i] for u in blk["units"].values() if u["rates"][i] is not None]
            blk["avg"][i] = round(sum(vals) / len(vals), 4) if vals else None
    return series


__all__ = ["RankRow", "Ranking", "rank_blocks", "ranked_queryset", "registration_rates"]
