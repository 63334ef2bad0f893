"""Stored rankings (issue 13) and closed campaigns (issue 15.12): the stored ranking equals
the one computed directly, is refreshed after a progress report, frozen at closing and live
again after a logged reopening; pages read it without ranking in the request."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.campaigns import services as campaign_services
from thidua.campaigns.enums import CampaignStatus
from thidua.core.models import AuditEvent
from thidua.registrations import services, snapshots
from thidua.registrations.models import (
    Event,
    Indicator,
    ProgressReport,
    RankingSnapshot,
    Registration,
    WorkItem,
)
from thidua.registrations.ranking import rank_blocks

from .test_ranking import _store, unit_items

END = date(2021, 6, 30)


def client(user):
    c = Client()
    c.force_login(user)
    return c


def _ranks_query(queries) -> bool:
    return any("RANK()" in q["sql"].upper() for q in queries)


@pytest.fixture
def regs(lc):
    return [
        Registration.objects.create(
            campaign=lc["campaign"], unit=lc["u"][code], block=lc["block"], status="accepted"
        )
        for code in ("KT", "CL", "DH", "DT")
    ]


def _rows(ranking):
    return [(r.registration_id, r.rate, r.rank) for r in ranking]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(unit_items, min_size=4, max_size=4),
    second=st.lists(unit_items, min_size=2, max_size=2),
)
def test_stored_ranking_equals_the_ranking_computed_directly(lc, regs, first, second):
    """On random data, then after random changes (marked dirty by the writes themselves and
    refreshed as the queued task does), every kept date's stored ranking is the direct one."""
    campaign = lc["campaign"]
    RankingSnapshot.objects.filter(campaign=campaign).delete()
    for model in (Indicator, WorkItem, Event):
        model.objects.filter(registration__in=regs).delete()
    for reg, items in zip(regs, first, strict=True):
        _store(reg, items)
    for d in snapshots.kept_dates(campaign):
        assert _rows(snapshots.read(campaign, d)) == _rows(rank_blocks(campaign, d))
    for reg, items in zip(regs[:2], second, strict=True):
        Indicator.objects.filter(registration=reg).delete()
        _store(reg, items)
    snapshots.refresh_dirty(campaign)
    assert not RankingSnapshot.objects.filter(campaign=campaign, dirty=True).exists()
    for d in snapshots.kept_dates(campaign):
        with CaptureQueriesContext(connection) as q:
            stored = snapshots.read(campaign, d)
        assert not _ranks_query(q.captured_queries)  # read, not computed
        assert _rows(stored) == _rows(rank_blocks(campaign, d))


def test_kept_dates_are_month_ends_and_the_current_date(lc):
    kept = snapshots.kept_dates(lc["campaign"], today=date(2021, 3, 15))
    assert kept == [
        date(2020, 10, 31),
        date(2020, 11, 30),
        date(2020, 12, 31),
        date(2021, 1, 31),
        date(2021, 2, 28),
        date(2021, 3, 15),
    ]
    assert snapshots.snap_date(lc["campaign"], date(2021, 1, 10), date(2021, 3, 15)) == date(
        2020, 12, 31
    )


def _progress(lc, regs):
    inds = {}
    for reg, actual in zip(regs, ("90", "80", "70", "60"), strict=True):
        ind = Indicator.objects.create(registration=reg, name="Thu ngân sách", target=100)
        ProgressReport.objects.create(
            indicator=ind, report_date=date(2021, 5, 31), actual=Decimal(actual)
        )
        inds[reg.unit.code] = ind
    snapshots.refresh(lc["campaign"])
    return inds


def test_a_progress_report_refreshes_its_block_after_commit(
    lc, regs, django_capture_on_commit_callbacks
):
    inds = _progress(lc, regs)
    campaign = lc["campaign"]
    before = snapshots.read(campaign)
    assert before.rows[0].unit_id == lc["u"]["KT"].pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.report_progress(
            inds["LC_DT"],
            lc["users"]["officer_DT"],
            report_date=date(2021, 6, 20),
            actual="100",
            today=date(2021, 6, 25),
        )
    assert callbacks  # the refresh is queued after commit, not run inside the change
    assert not RankingSnapshot.objects.filter(campaign=campaign, dirty=True).exists()
    with CaptureQueriesContext(connection) as q:
        after = snapshots.read(campaign)
    assert not _ranks_query(q.captured_queries)
    assert after.rows[0].unit_id == lc["u"]["DT"].pk and after.rows[0].rate == Decimal("1.0000")
    assert after.computed_at >= before.computed_at
    # the month ends before the report are untouched, the current one moved
    may = snapshots.read(campaign, date(2021, 5, 31))
    assert may.rows[0].unit_id == lc["u"]["KT"].pk


def test_closing_freezes_the_ranking_and_refuses_progress(lc, regs):
    inds = _progress(lc, regs)
    campaign = lc["campaign"]
    campaign_services.close(campaign, lc["users"]["standing"], "Hết thời gian thi đua.")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    assert not RankingSnapshot.objects.filter(campaign=campaign, frozen_at__isnull=True).exists()
    closing = _rows(snapshots.read(campaign))
    with pytest.raises(services.RegistrationError, match="đã kết thúc"):
        services.report_progress(
            inds["LC_DT"], lc["users"]["officer_DT"], report_date=END, actual="100"
        )
    # Even a write behind the services' back does not change the published leader.
    ProgressReport.objects.create(indicator=inds["LC_DT"], report_date=END, actual=150)
    assert _rows(rank_blocks(campaign, END))[0][0] == regs[3].pk
    shown = snapshots.read(campaign)
    assert _rows(shown) == closing and shown.frozen_at is not None
    body = client(lc["users"]["standing"]).get(f"/dang-ky/khoi/{lc['block'].pk}/{campaign.pk}/")
    text = body.content.decode()
    assert "đã chốt khi kết thúc phong trào" in text
    assert text.index("Phường Kim Tân") < text.index("Xã Đồng Tuyển")
    api = client(lc["users"]["standing"]).get(
        f"/api/registrations/ranking?campaign_id={campaign.pk}"
    )
    assert api.status_code == 200, api.content
    assert api.json()["rows"][0]["unit_id"] == lc["u"]["KT"].pk and api.json()["frozen_at"]


def test_reopening_needs_a_reason_is_logged_and_makes_the_ranking_live(
    lc, regs, django_capture_on_commit_callbacks
):
    inds = _progress(lc, regs)
    campaign, standing = lc["campaign"], lc["users"]["standing"]
    campaign_services.close(campaign, standing)
    with pytest.raises(campaign_services.CampaignError, match="lý do"):
        campaign_services.reopen(campaign, standing, "  ")
    with pytest.raises(campaign_services.CampaignError):
        campaign_services.reopen(campaign, lc["users"]["officer_KT"], "Bổ sung số liệu")
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.reopen(campaign, standing, "Bổ sung số liệu quý II của Xã Đồng Tuyển")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.RUNNING
    event = AuditEvent.objects.filter(action="campaigns.campaign.reopened").get()
    assert event.actor == standing and "Đồng Tuyển" in event.reason
    assert (event.from_state, event.to_state) == (CampaignStatus.CLOSED, CampaignStatus.RUNNING)
    assert not RankingSnapshot.objects.filter(campaign=campaign, frozen_at__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_progress(
            inds["LC_DT"], lc["users"]["officer_DT"], report_date=END, actual="100"
        )
    assert snapshots.read(campaign).rows[0].unit_id == lc["u"]["DT"].pk


def test_pages_read_the_stored_ranking_with_a_fixed_number_of_queries(
    lc, regs, django_assert_max_num_queries
):
    _progress(lc, regs)
    standing = client(lc["users"]["standing"])
    block_url = f"/dang-ky/khoi/{lc['block'].pk}/{lc['campaign'].pk}/"
    for url, limit in (("/dang-ky/theo-doi/", 17), (block_url, 25)):
        with CaptureQueriesContext(connection) as q:
            resp = standing.get(url)
        assert resp.status_code == 200
        assert "Bảng xếp hạng cập nhật lúc" in resp.content.decode()
        assert not _ranks_query(q.captured_queries), url
        assert len(q.captured_queries) <= limit, (url, len(q.captured_queries))
    api = standing.get(f"/api/registrations/ranking?campaign_id={lc['campaign'].pk}")
    assert api.status_code == 200 and api.json()["computed_at"]


def test_a_stale_current_snapshot_of_an_earlier_day_gives_way(lc, regs):
    _progress(lc, regs)
    campaign = lc["campaign"]
    early = date(2021, 6, 10)
    snapshots.refresh(campaign, today=early)
    assert RankingSnapshot.objects.get(campaign=campaign, is_current=True).as_at == early
    ProgressReport.objects.create(
        indicator=Indicator.objects.get(registration=regs[3]),
        report_date=early + timedelta(days=5),
        actual=100,
    )
    snapshots.refresh_dirty(campaign)
    current = RankingSnapshot.objects.get(campaign=campaign, is_current=True)
    assert current.as_at == END and not current.dirty
    assert not RankingSnapshot.objects.filter(campaign=campaign, as_at=early).exists()
