"""Demo registrations: seed 004 (City of Lào Cai, block of wards and communes 2020–2021,
monthly progress to 30/6/2021, 2020 ratings with one poor rating, a block review) and a
few seed 000 registrations (Bắc Kạn, work items and events before 11/3/2025).

Idempotent; skipped when the campaigns demo has not created the seed campaigns yet."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from thidua.campaigns.models import Campaign
from thidua.core.deadlines import VN_TZ
from thidua.org.models import Block, Unit

from . import services
from .models import Registration

INDICATORS_004 = [  # name, unit, baseline, target, weight, lower_is_better, source
    (
        "Thu ngân sách nhà nước trên địa bàn",
        "triệu đồng",
        None,
        12000,
        3,
        False,
        "Nghị quyết Đại hội Đảng bộ phường, xã nhiệm kỳ 2020 - 2025",
    ),
    ("Tỷ lệ hộ nghèo", "%", "3.2", "2.5", 2, True, "Đề án giảm nghèo bền vững"),
    (
        "Số tổ dân phố, thôn đạt danh hiệu văn hóa",
        "tổ, thôn",
        None,
        10,
        1,
        False,
        "Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa",
    ),
    (
        "Tỷ lệ người dân tham gia bảo hiểm y tế",
        "%",
        "90",
        "95",
        1,
        False,
        "Nghị quyết HĐND thành phố",
    ),
]
# unit code → share of each target reached at 30/6/2021 (revenue, poverty actual, villages, insurance)
RESULTS_004 = {
    "LC_P_KT": ("1.08", "2.4", 10, "95.5"),
    "LC_P_CP": ("1.15", "2.3", 10, "96"),
    "LC_P_DH": ("1.02", "2.5", 10, "95"),
    "LC_P_BC": ("0.96", "2.7", 8, "93"),
    "LC_P_NC": ("0.92", "2.6", 9, "94.5"),
    "LC_P_PL": ("0.88", "3.0", 7, "92"),
    "LC_X_CS": ("1.00", "2.8", 8, "93.5"),
    "LC_X_DT": ("0.85", "3.1", 6, "91"),
    "LC_X_VQ": ("0.80", "3.2", 6, "90.5"),
}
RATINGS_2020 = {"LC_P_CP": "hoan_thanh"}  # Cốc Lếu leads the block but was rated poorly
MONTHS = [
    date(2020, 10, 31),
    date(2020, 11, 30),
    date(2020, 12, 31),
    date(2021, 1, 31),
    date(2021, 2, 28),
    date(2021, 3, 31),
    date(2021, 4, 30),
    date(2021, 5, 31),
    date(2021, 6, 30),
]


def _vn(y, m, d, h=9):
    return datetime(y, m, d, h, tzinfo=VN_TZ)


def load(stdout=None) -> dict:
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    counts = {"004": _load_004(admin, stdout), "000": _load_000(admin, stdout)}
    if stdout:
        stdout.write(f"Đăng ký thi đua: {counts}")
    return counts


def _campaign(seed: str, issuer_code: str):
    return Campaign.objects.filter(seed_code=seed, issuer__code=issuer_code).order_by("pk").first()


@transaction.atomic
def _load_004(actor, stdout) -> int:
    campaign = _campaign("004", "TP_LC")
    if campaign is None or actor is None:
        if stdout:
            stdout.write(
                "Bỏ qua đăng ký kế hoạch 004: chưa có phong trào (chạy demo phong trào trước)."
            )
        return 0
    if campaign.registrations.exists():
        return campaign.registrations.count()
    block = Block.objects.filter(
        authority__code="TP_LC", year=2020, name="Khối các xã, phường"
    ).first()
    units = {u.code: u for u in Unit.objects.filter(code__in=RESULTS_004)}
    if block is None or len(units) != len(RESULTS_004):
        return 0
    campaign = _ensure_public(campaign, actor)
    closed = campaign.status == "closed"
    if closed:
        # A closed campaign is read-only: its results are entered as they were during the
        # campaign, reopened by the standing body (logged) and closed again at the end.
        from thidua.campaigns import services as campaign_services

        campaign = campaign_services.reopen(
            campaign, actor, "Nhập số liệu thực hiện của đợt thi đua vào hệ thống."
        )
    regs = []
    for i, (code, result) in enumerate(RESULTS_004.items()):
        reg = services.register(campaign, units[code], actor)
        if reg.block_id != block.pk:
            Registration.objects.filter(pk=reg.pk).update(block=block)
            reg.block = block
        inds = [
            services.add_indicator(
                reg,
                actor,
                name=n,
                unit_of_measure=uom,
                baseline=b,
                target=t,
                weight=w,
                lower_is_better=lo,
                source_ref=src,
            )
            for n, uom, b, t, w, lo, src in INDICATORS_004
        ]
        services.add_commitment(
            reg,
            actor,
            "work_item",
            title="Chỉnh trang, làm đẹp tuyến phố kiểu mẫu",
            due_date=date(2021, 6, 15),
        )
        late = code == "LC_X_VQ"
        services.submit(reg, actor, now=_vn(2020, 10, 21 if late else 12 + i))
        regs.append((reg, inds, result))
    returned = regs[5][0]  # Pom Hán was returned once and resubmitted
    services.return_registration(returned, actor, "Chưa nêu rõ chỉ tiêu theo 6 đề án của Thành ủy.")
    services.submit(returned, actor, now=_vn(2020, 10, 19))
    for reg, _, _ in regs:
        services.accept(reg, actor)
    services.forward_block(block, campaign, actor, now=_vn(2020, 10, 23, 15))
    for reg, inds, (rev, pov, villages, bhyt) in regs:
        finals = [
            Decimal(INDICATORS_004[0][3]) * Decimal(rev),
            Decimal(pov),
            Decimal(villages),
            Decimal(bhyt),
        ]
        starts = [Decimal(0), Decimal("3.2"), Decimal(0), Decimal(90)]
        for m, day in enumerate(MONTHS, start=1):
            share = Decimal(m) / len(MONTHS)
            for ind, start, final in zip(inds, starts, finals, strict=True):
                value = (start + (final - start) * share).quantize(Decimal("0.01"))
                services.report_progress(ind, actor, report_date=day, actual=value)
        if reg.unit.code not in ("LC_X_DT", "LC_X_VQ"):
            services.mark_done(
                reg.work_items.get(), actor, done_at=_vn(2021, 6, 10), note="Hoàn thành"
            )
    for code, unit in units.items():
        services.set_prior_rating(
            actor,
            year=2020,
            rating=RATINGS_2020.get(code, "hoan_thanh_tot"),
            unit=unit,
            source="Kết quả đánh giá, xếp loại năm 2020",
        )
    services.record_review(
        block,
        campaign,
        actor,
        meeting_date=date(2021, 7, 3),
        as_at=date(2021, 6, 30),
        attendees=[f"Đại diện lãnh đạo UBND {u.name}" for u in units.values()],
        method="vote",
        present_count=9,
        chair="Chủ tịch UBND phường Kim Tân (Trưởng khối)",
        secretary="Công chức Văn phòng - Thống kê phường Kim Tân",
        location="Hội trường UBND phường Kim Tân",
        conclusion="Khối thống nhất đề nghị theo thứ tự trên, xét điều kiện xếp loại năm 2020.",
    )
    if closed:
        campaign_services.close(campaign, actor, "Đã nhập đủ số liệu thực hiện.")
    return len(regs)


def _ensure_public(campaign, actor):
    """A demo campaign still in draft is launched and started through its state table."""
    from thidua.campaigns import services as campaign_services
    from thidua.campaigns.enums import PUBLIC_STATUSES

    if campaign.status not in PUBLIC_STATUSES:
        campaign_services.launch(campaign, actor)
        campaign = campaign_services.start(campaign, actor)
    return campaign


@transaction.atomic
def _load_000(actor, stdout) -> int:
    campaign = _campaign("000", "TP_BK")
    if campaign is None or actor is None:
        return 0
    if campaign.registrations.exists():
        return campaign.registrations.count()
    campaign = _ensure_public(campaign, actor)
    items = {
        "P_DX": (
            "Chỉnh trang khuôn viên Nhà văn hóa tổ 7",
            "Giải bóng chuyền hơi chào mừng 10 năm thành lập thành phố",
        ),
        "P_SC": ("Tuyến đường hoa bờ sông Cầu", "Hội diễn văn nghệ quần chúng"),
        "PGDDT": (
            "Sân chơi thân thiện tại Trường Mầm non Hoa Mai",
            "Hội thi giáo viên dạy giỏi chào mừng kỷ niệm",
        ),
    }
    registered = 0
    for code, (work, event) in items.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        reg = services.register(campaign, unit, actor)
        work_item = services.add_commitment(
            reg, actor, "work_item", title=work, due_date=date(2025, 3, 1)
        )
        services.add_commitment(reg, actor, "event", title=event, due_date=date(2025, 3, 10))
        if reg.block_id:
            services.submit(reg, actor, now=_vn(2024, 10, 25))
            services.mark_done(work_item, actor, done_at=_vn(2025, 2, 20), note="Đã khánh thành")
        registered += 1
    return registered
