"""`thidua bench ranking`: rank every block of a 10,000-unit synthetic province with 20
indicators per unit and 12 monthly reports per indicator (2.4 million reports).

The data is built once (deterministic, bulk inserts) and reused. The ranking is timed as
the median of 3 runs on the current database, then, when the current database is not
PostgreSQL and postgres://postgres@127.0.0.1:5432/thidua_bench answers, again on
PostgreSQL in a subprocess (migrated first). The last line is ``ranking_seconds=<n>``
(the PostgreSQL figure when it was measured).
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


def measure(stdout) -> float:
    from .models import Indicator, ProgressReport
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
    times, rows = [], 0
    for _ in range(3):
        t = time.perf_counter()
        rows = len(rank_blocks(campaign, AS_AT))
        times.append(time.perf_counter() - t)
    median = statistics.median(times)
    stdout.write(
        f"[{connection.vendor}] xếp hạng {rows} đơn vị trong {blocks} khối: "
        + ", ".join(f"{t:.3f}" for t in times)
        + f" s; trung vị {median:.3f} s"
    )
    return median


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


def run(stdout, args):
    seconds = measure(stdout)
    if "child" in args:
        stdout.write(f"child_seconds={seconds:.4f}")
        return
    if connection.vendor != "postgresql" and _pg_reachable():
        env = {**os.environ, "DATABASE_URL": PG_URL}
        manage = str(Path(__file__).resolve().parents[2] / "manage.py")
        subprocess.run([sys.executable, manage, "migrate", "-v", "0"], env=env, check=True)
        out = subprocess.run(
            [sys.executable, manage, "bench", "ranking", "child"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for line in out.splitlines():
            if line.startswith("child_seconds="):
                seconds = float(line.split("=", 1)[1])
            else:
                stdout.write(line)
    stdout.write(f"ranking_seconds={seconds:.3f}")
