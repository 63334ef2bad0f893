"""The database ranking agrees with completion.py; ties share a rank; "as at" any date;
block schemes are versioned and frozen once used."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.core.deadlines import VN_TZ
from thidua.registrations import completion, services
from thidua.registrations.models import (
    BlockScheme,
    Event,
    Indicator,
    ProgressReport,
    Registration,
    WorkItem,
)
from thidua.registrations.ranking import rank_blocks

D0 = date(2021, 1, 1)
AS_AT = date(2021, 6, 30)


@pytest.fixture
def regs(lc):
    """Four accepted registrations of the block, without targets."""
    out = []
    for code in ("KT", "CL", "DH", "DT"):
        out.append(
            Registration.objects.create(
                campaign=lc["campaign"], unit=lc["u"][code], block=lc["block"], status="accepted"
            )
        )
    return out


money = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def indicator(draw):
    lower = draw(st.booleans())
    weight = Decimal(draw(st.integers(1, 5)))
    baseline = draw(st.one_of(st.none(), money))
    if baseline is None:
        target = draw(money.filter(lambda t: t > 0)) if not lower else draw(money)
    elif lower:
        target = draw(
            st.decimals(min_value=0, max_value=baseline, places=2).filter(lambda t: t < baseline)
        )
    else:
        target = baseline + draw(st.decimals(min_value=Decimal("0.01"), max_value=500, places=2))
    reports = draw(st.lists(st.tuples(st.integers(0, 240), money), max_size=3))
    return {
        "kind": "indicator",
        "weight": weight,
        "baseline": baseline,
        "target": target,
        "lower": lower,
        "reports": reports,
    }


@st.composite
def commitment(draw):
    return {
        "kind": draw(st.sampled_from(["work_item", "event"])),
        "weight": Decimal(draw(st.integers(1, 3))),
        "done": draw(st.one_of(st.none(), st.integers(0, 240))),
    }


unit_items = st.lists(st.one_of(indicator(), indicator(), commitment()), max_size=4)


def _store(reg, items):
    inputs, report_rows = [], {}
    for i, it in enumerate(items):
        code = f"{reg.pk}-{i}"
        if it["kind"] == "indicator":
            ind = Indicator.objects.create(
                registration=reg,
                name=code,
                target=it["target"],
                baseline=it["baseline"],
                weight=it["weight"],
                lower_is_better=it["lower"],
            )
            rows = []
            for day, value in it["reports"]:
                ProgressReport.objects.create(
                    indicator=ind, report_date=D0 + timedelta(days=day), actual=value
                )
                rows.append((D0 + timedelta(days=day), value))
            report_rows[code] = rows
            inputs.append(("indicator", code, it))
        else:
            model = WorkItem if it["kind"] == "work_item" else Event
            done_at = None
            if it["done"] is not None:
                done_at = datetime.combine(
                    D0 + timedelta(days=it["done"]), datetime.min.time(), tzinfo=VN_TZ
                )
            model.objects.create(registration=reg, title=code, weight=it["weight"], done_at=done_at)
            inputs.append((it["kind"], code, it))
    return inputs, report_rows


def _expected(inputs, report_rows, as_at):
    items = []
    for kind, code, it in inputs:
        if kind == "indicator":
            items.append(
                completion.IndicatorInput(
                    code=code,
                    weight=it["weight"],
                    target=it["target"],
                    baseline=it["baseline"],
                    lower_is_better=it["lower"],
                    actual=completion.latest_as_at(report_rows[code], as_at),
                )
            )
        else:
            done = it["done"] is not None and D0 + timedelta(days=it["done"]) <= as_at
            items.append(
                completion.IndicatorInput(code=code, weight=it["weight"], kind=kind, done=done)
            )
    return completion.unit_rate(items)


def _competition_ranks(rates: dict) -> dict:
    return {k: 1 + sum(1 for v in rates.values() if v > r) for k, r in rates.items()}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.lists(unit_items, min_size=4, max_size=4), offset=st.integers(0, 240))
def test_database_ranking_equals_completion_formula(lc, regs, data, offset):
    Indicator.objects.filter(registration__in=regs).delete()
    WorkItem.objects.filter(registration__in=regs).delete()
    Event.objects.filter(registration__in=regs).delete()
    as_at = D0 + timedelta(days=offset)
    expected = {}
    for reg, items in zip(regs, data, strict=True):
        inputs, report_rows = _store(reg, items)
        expected[reg.pk] = _expected(inputs, report_rows, as_at)
    ranking = rank_blocks(lc["campaign"], as_at)
    got = {r.registration_id: r.rate for r in ranking}
    assert set(got) == set(expected)
    for pk, rate in expected.items():
        assert abs(got[pk] - rate) <= Decimal("0.0001"), (pk, got[pk], rate)
    db_ranks = {r.registration_id: r.rank for r in ranking}
    assert db_ranks == _competition_ranks(got)
    values = sorted(expected.values())
    if all(
        b - a == 0 or b - a > Decimal("0.0002") for a, b in zip(values, values[1:], strict=False)
    ):
        assert db_ranks == _competition_ranks(expected)


def _indicator(reg, target, actual, day=date(2021, 6, 1), **kw):
    ind = Indicator.objects.create(registration=reg, name="x", target=Decimal(target), **kw)
    if actual is not None:
        ProgressReport.objects.create(indicator=ind, report_date=day, actual=Decimal(actual))
    return ind


def test_ties_share_a_rank_and_the_next_rank_is_skipped(lc, regs):
    for reg, actual in zip(regs, ["90", "90", "80", "95"], strict=True):
        _indicator(reg, "100", actual)
    ranks = {r.unit_name: r.rank for r in rank_blocks(lc["campaign"], AS_AT)}
    assert ranks == {
        "Xã Đồng Tuyển": 1,
        "Phường Kim Tân": 2,
        "Phường Cốc Lếu": 2,
        "Phường Duyên Hải": 4,
    }


def test_as_at_picks_the_latest_report_on_or_before_the_date_and_later_entry_on_same_day(lc, regs):
    ind = _indicator(regs[0], "100", "40", day=date(2021, 3, 31))
    ProgressReport.objects.create(
        indicator=ind, report_date=date(2021, 6, 30), actual=Decimal("70")
    )
    ProgressReport.objects.create(
        indicator=ind, report_date=date(2021, 6, 30), actual=Decimal("75")
    )
    ProgressReport.objects.create(
        indicator=ind, report_date=date(2021, 7, 5), actual=Decimal("100")
    )

    def rate(d):
        return {r.registration_id: r.rate for r in rank_blocks(lc["campaign"], d)}[regs[0].pk]

    assert rate(date(2021, 3, 30)) == Decimal("0.0000")
    assert rate(date(2021, 3, 31)) == Decimal("0.4000")
    assert rate(date(2021, 6, 30)) == Decimal("0.7500")
    assert rate(date(2021, 7, 5)) == Decimal("1.0000")


def test_work_item_done_late_in_the_evening_vietnam_time_counts_that_day(lc, regs):
    WorkItem.objects.create(
        registration=regs[0],
        title="Công trình",
        done_at=datetime(2021, 6, 30, 23, 30, tzinfo=VN_TZ),
    )
    rates = {r.registration_id: r.rate for r in rank_blocks(lc["campaign"], AS_AT)}
    assert rates[regs[0].pk] == Decimal("1.0000")
    rates = {r.registration_id: r.rate for r in rank_blocks(lc["campaign"], date(2021, 6, 29))}
    assert rates[regs[0].pk] == Decimal("0.0000")


def test_draft_and_returned_registrations_are_not_ranked(lc, regs):
    Registration.objects.filter(pk=regs[0].pk).update(status="draft")
    Registration.objects.filter(pk=regs[1].pk).update(status="returned")
    ids = {r.registration_id for r in rank_blocks(lc["campaign"], AS_AT)}
    assert ids == {regs[2].pk, regs[3].pk}


def test_scheme_points_and_required_items_decide_the_ranking_and_are_stated(lc, regs):
    head = lc["users"]["head_block"]
    for reg in regs:
        _indicator(reg, "100", "100")
    scheme = services.save_scheme(
        lc["block"],
        head,
        title="Bộ tiêu chí khối xã, phường",
        completion_points=70,
        criteria=[{"code": "cchc", "label": "Cải cách hành chính", "points": 20, "required": True}],
        bonus=[{"code": "st", "label": "Mô hình mới", "points": 10}],
        penalty=[{"code": "vp", "label": "Vi phạm", "points": 10}],
    )
    u = lc["u"]
    services.set_score(scheme, u["KT"], head, code="cchc", points=15)
    services.set_score(scheme, u["CL"], head, code="cchc", points=20)
    services.set_score(scheme, u["CL"], head, code="vp", points=10)
    services.set_score(scheme, u["DH"], head, code="st", points=10)  # no required item
    services.set_score(scheme, u["DT"], head, code="cchc", points=10)
    ranking = rank_blocks(lc["campaign"], AS_AT, scheme=scheme)
    got = {r.unit_name: (r.score, r.rank) for r in ranking}
    assert got == {
        "Phường Kim Tân": (Decimal("85.0000"), 1),
        "Phường Cốc Lếu": (Decimal("80.0000"), 2),
        "Xã Đồng Tuyển": (Decimal("80.0000"), 2),
        "Phường Duyên Hải": (Decimal("80.0000"), 4),  # lacks the required item
    }
    assert "phiên bản 1" in ranking.basis
    scheme.refresh_from_db()
    assert scheme.used_at is not None


def test_used_scheme_is_frozen_and_a_new_version_is_created(lc, regs):
    head = lc["users"]["head_block"]
    scheme = services.save_scheme(
        lc["block"], head, title="Bộ tiêu chí", criteria=[{"code": "a", "label": "A", "points": 10}]
    )
    rank_blocks(lc["campaign"], AS_AT, scheme=scheme)
    with pytest.raises(services.RegistrationError, match="phiên bản mới"):
        services.set_score(scheme, lc["u"]["KT"], head, code="a", points=5)
    v2 = services.save_scheme(
        lc["block"],
        head,
        title="Bộ tiêu chí sửa đổi",
        base=scheme,
        criteria=[{"code": "a", "label": "A", "points": 15}],
    )
    assert (v2.version, v2.previous_id) == (2, scheme.pk)
    assert BlockScheme.objects.get(pk=scheme.pk).criteria[0]["points"] == "10"
    services.set_score(v2, lc["u"]["KT"], head, code="a", points=15)


def test_only_the_block_head_may_issue_a_scheme(lc):
    with pytest.raises(services.RegistrationError, match="trưởng khối"):
        services.save_scheme(lc["block"], lc["users"]["officer_CL"], title="x")
