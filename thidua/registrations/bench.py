"""`thidua bench ranking`: rank every block of a 10,000-unit synthetic province with 20
indicators per unit and 12 monthly reports per indicator (2.4 million reports).

The data is built once (deterministic, bulk inserts) and reused. The ranking is timed as
the median of 3 runs on the current database, then, when the current database is not
PostgreSQL and postgres://postgres@127.0.0.1:5432/thidua_bench answers, again on
PostgreSQL in a subprocess (migrated first).

Then, through the views (test Client) and the services, what issue 13 asks at 10,000
units: the block dashboard and the single-block page (read from the stored rankings), one
progress report followed by the refresh of its block's stored ranking, and the submission
of a dossier (view) while 8,000 lines are already counted against the campaign's quotas.
The last lines are ``dashboard_ms=``, ``submit_ms=``, ``refresh_ms=`` (the PostgreSQL
figures when measured).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction

UNITS, INDICATORS, REPORTS = 10_000, 20, 12
AS_AT = date(2025, 12, 31)
PG_URL = "postgres://postgres@127.0.0.1:5432/thidua_bench"
SEED_CODE = "BENCH"


def build(stdout):
    """Create (or find) the synthetic campaign with its registrations and reports."""
    from thidua.campaigns.enums import CampaignStatus
    from thidua.campaigns.models import Campaign
    from thidua.org.models import BlockMember, Unit
    from thidua.org.synth import generate

    from .models import Indicator, ProgressReport, Registration

    info = generate(UNITS, 0)
    root = Unit.objects.get(pk=info["root"])
    campaign = Campaign.objects.filter(issuer=root, seed_code=SEED_CODE).first()
    if campaign and campaign.registrations.count() == UNITS:
        return campaign, False
    rng = random.Random(0)  # noqa: S311 — deterministic synthetic data
    with transaction.atomic():
        if campaign is None:
            campaign = Campaign.objects.create(
                issuer=root,
                title="Phong trào thi đua tổng hợp (đo hiệu năng)",
                seed_code=SEED_CODE,
                start_date=date(2025, 1, 1),
                end_date=AS_AT,
                status=CampaignStatus.RUNNING,
            )
        members = list(
            BlockMember.objects.filter(block__authority=root)
            .order_by("unit_id")
            .values_list("unit_id", "block_id")
        )
        Registration.objects.bulk_create(
            [
                Registration(campaign=campaign, unit_id=u, block_id=b, status="accepted")
                for u, b in members
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        reg_ids = list(campaign.registrations.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(reg_ids), 500):
        with transaction.atomic():
            chunk = reg_ids[start : start + 500]
            inds = []
            for rid in chunk:
                for i in range(INDICATORS):
                    lower = i % 5 == 4
                    base = Decimal(rng.randint(50, 100)) if i % 3 == 0 else None
                    if base is not None:
                        target = base - rng.randint(5, 40) if lower else base + rng.randint(5, 100)
                    else:
                        target = Decimal(rng.randint(1, 1000))
                    inds.append(
                        Indicator(
                            registration_id=rid,
                            order=i + 1,
                            name=f"Chỉ tiêu {i + 1}",
                            target=target,
                            baseline=base,
                            lower_is_better=lower,
                            weight=Decimal(1 + i % 3),
                        )
                    )
            Indicator.objects.bulk_create(inds, batch_size=5000)
            ids = Indicator.objects.filter(registration_id__in=chunk).order_by("pk")
            reports = []
            for ind_id, target in ids.values_list("pk", "target"):
                for m in range(REPORTS):
                    actual = (
                        target * Decimal(rng.randint(0, 130)) / 100 * (m + 1) / REPORTS
                    ).quantize(Decimal("0.01"))
                    reports.append(
                        ProgressReport(
                            indicator_id=ind_id, actual=actual, report_date=date(2025, m + 1, 28)
                        )
                    )
            ProgressReport.objects.bulk_create(reports, batch_size=5000)
        if start % 2000 == 0:
            stdout.write(f"  đã tạo dữ liệu cho {start + len(chunk)}/{len(reg_ids)} đơn vị")
    return campaign, True


def _user(username: str, role: str, unit):
    from django.contrib.auth import get_user_model

    from thidua.org.models import RoleAssignment

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@bench.invalid"}
    )
    if created:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


def _ms(fn, runs: int = 5) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


def measure(stdout):
    from django.test import Client

    from thidua.core.roles import Role

    from . import services, snapshots
    from .models import Indicator, ProgressReport, RankingSnapshot
    from .ranking import rank_blocks

    t0 = time.perf_counter()
    campaign, created = build(stdout)
    if created:
        stdout.write(f"Tạo dữ liệu: {time.perf_counter() - t0:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")  # visibility map: index-only scans of the reports
    regs = campaign.registrations.count()
    inds = Indicator.objects.filter(registration__campaign=campaign).count()
    reps = ProgressReport.objects.filter(indicator__registration__campaign=campaign).count()
    blocks = campaign.registrations.values("block").distinct().count()
    stdout.write(
        f"[{connection.vendor}] đơn vị={regs} khối={blocks} chỉ tiêu={inds} báo cáo={reps}"
    )
    t = time.perf_counter()
    rows = len(rank_blocks(campaign, AS_AT))
    full = time.perf_counter() - t
    stdout.write(
        f"[{connection.vendor}] một lần xếp hạng toàn bộ {rows} đơn vị (không còn chạy trong "
        f"yêu cầu nào): {full:.3f} s"
    )
    if not RankingSnapshot.objects.filter(campaign=campaign, dirty=False).exists():
        t = time.perf_counter()
        n = snapshots.refresh(campaign)
        stdout.write(
            f"  lưu {n} bảng xếp hạng (12 mốc tháng × khối): {time.perf_counter() - t:.1f} s"
        )
    snapshots.refresh_dirty(campaign)

    # Dashboard and single-block page, through the views, as the province's standing body.
    staff = _user("bench_noivu", Role.STANDING_BODY, campaign.issuer)
    client = Client()
    client.force_login(staff)
    url = f"/dang-ky/theo-doi/?campaign={campaign.pk}"
    assert client.get(url).status_code == 200
    dash_ms, dash = _ms(lambda: client.get(url))
    block_id = campaign.registrations.order_by("block_id").values_list("block_id", flat=True)[0]
    burl = f"/dang-ky/khoi/{block_id}/{campaign.pk}/"
    assert client.get(burl).status_code == 200
    block_ms, _ = _ms(lambda: client.get(burl))
    stdout.write(
        f"[{connection.vendor}] trang theo dõi khối: "
        + ", ".join(f"{x:.0f}" for x in dash)
        + f" ms; trung vị {dash_ms:.0f} ms"
    )
    stdout.write(f"[{connection.vendor}] trang một khối: trung vị {block_ms:.0f} ms")

    # One progress report, then its block's stored ranking refreshed (the queued task; the
    # immediate backend runs it after commit, inside this call).
    ind = Indicator.objects.filter(registration__campaign=campaign).order_by("pk").first()
    reg = ind.registration
    officer = _user(f"bench_canbo_{reg.unit_id}", Role.UNIT_OFFICER, reg.unit)
    before = RankingSnapshot.objects.get(
        campaign=campaign, block_id=reg.block_id, is_current=True
    ).computed_at
    t = time.perf_counter()
    services.report_progress(ind, officer, report_date=AS_AT, actual=ind.target)
    snapshots.refresh_dirty(campaign)  # no-op when the task already ran
    refresh_ms = (time.perf_counter() - t) * 1000
    after = RankingSnapshot.objects.get(campaign=campaign, block_id=reg.block_id, is_current=True)
    assert after.computed_at > before and not after.dirty
    stdout.write(
        f"[{connection.vendor}] ghi 1 báo cáo tiến độ và làm mới xếp hạng của khối: "
        f"{refresh_ms:.0f} ms"
    )

    stdout.write(f"dashboard_ms={dash_ms:.0f}")
    stdout.write(f"refresh_ms={refresh_ms:.0f}")
    return campaign


def _pg_reachable() -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(
            "postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=3, autocommit=True
        ) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'thidua_bench'"
            ).fetchone()
            if not exists:
                conn.execute("CREATE DATABASE thidua_bench")
        return True
    except Exception:  # noqa: BLE001 — any failure means "not reachable"
        return False


KEYS = ("dashboard_ms", "submit_ms", "refresh_ms")


def run(stdout, args, measure=measure, command=("bench", "ranking")):
    """Measure on the current database, then (not PostgreSQL and PostgreSQL answers) on
    PostgreSQL in a subprocess; the figures come last, one `key=value` a line."""
    figures = {}

    class Tee:
        def write(self, line):
            key, _, value = line.partition("=")
            if key in KEYS:
                figures[key] = value
            else:
                stdout.write(line)

    measure(Tee())
    if "child" in args:
        for key in KEYS:
            if key in figures:
                stdout.write(f"{key}={figures[key]}")
        return
    if connection.vendor != "postgresql" and _pg_reachable():
        env = {**os.environ, "DATABASE_URL": PG_URL}
        manage = str(Path(__file__).resolve().parents[2] / "manage.py")
        subprocess.run([sys.executable, manage, "migrate", "-v", "0"], env=env, check=True)
        out = subprocess.run(
            [sys.executable, manage, *command, "child"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for line in out.splitlines():
            key, _, value = line.partition("=")
            if key in KEYS:
                figures[key] = value
            else:
                stdout.write(line)
    for key in KEYS:
        if key in figures:
            stdout.write(f"{key}={figures[key]}")
