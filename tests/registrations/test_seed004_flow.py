"""Seed 004 end to end: register by 20/10/2020, forward by 23/10/2020, progress, ranking at
30/6/2021, leaders proposed, the unit with a poor 2020 rating excluded."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from thidua.core.deadlines import VN_TZ
from thidua.core.models import AuditEvent, Notification
from thidua.registrations import services
from thidua.registrations.enums import RegistrationStatus as S
from thidua.registrations.leaders import propose_block_leaders
from thidua.registrations.ranking import rank_blocks


def vn(y, m, d, h=9):
    return datetime(y, m, d, h, 0, tzinfo=VN_TZ)


INDICATORS = [  # name, unit, baseline, target, weight, lower_is_better
    ("Thu ngân sách trên địa bàn", "triệu đồng", None, "1000", "2", False),
    ("Tỷ lệ hộ nghèo", "%", "8", "6", "1", True),
]
ACTUALS = {  # unit code → (revenue, poverty) at 30/6/2021
    "KT": ("1100", "6"),  # 1.1 and 1.0 → (2·1.1 + 1)/3 = 1.0667
    "CL": ("1000", "6.5"),  # 1.0 and 0.75 → 0.9167
    "DH": ("1300", "6"),  # capped 1.2 and 1.0 → 1.1333 (first, but rated poorly in 2020)
    "DT": ("500", "8"),  # 0.5 and 0 → 0.3333
}


@pytest.fixture
def flow(lc, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    u, users, campaign, block = lc["u"], lc["users"], lc["campaign"], lc["block"]
    regs = {}
    for code in ("KT", "CL", "DH", "DT"):
        reg = services.register(campaign, u[code], users[f"officer_{code}"])
        for name, uom, base, target, weight, lower in INDICATORS:
            services.add_indicator(
                reg,
                users[f"officer_{code}"],
                name=name,
                unit_of_measure=uom,
                baseline=base,
                target=target,
                weight=weight,
                lower_is_better=lower,
            )
        regs[code] = reg
    # Đồng Tuyển also collects the co-op under it.
    coop = services.register(campaign, u["HTX"], users["officer_DT"])
    services.add_commitment(
        coop,
        users["officer_DT"],
        "work_item",
        title="Mở rộng 5 ha rau an toàn",
        due_date=date(2021, 5, 19),
    )
    regs["HTX"] = coop
    on_time = {
        "KT": vn(2020, 10, 15),
        "CL": vn(2020, 10, 20, 23),
        "DH": vn(2020, 10, 19),
        "HTX": vn(2020, 10, 18),
    }
    for code, when in on_time.items():
        head = users["head_DT"] if code == "HTX" else users[f"head_{code}"]
        services.submit(regs[code], head, now=when)
    services.submit(
        regs["DT"], users["head_DT"], now=vn(2020, 10, 21, 0)
    )  # late, 00:00 on the 21st
    for code in regs:
        services.accept(regs[code], users["head_block"])
    forwarded = services.forward_block(
        block, campaign, users["head_block"], now=vn(2020, 10, 23, 16)
    )
    for code, (rev, pov) in ACTUALS.items():
        inds = list(regs[code].indicators.order_by("order"))
        services.report_progress(
            inds[0],
            users[f"officer_{code}"],
            report_date=date(2021, 3, 31),
            actual=str(Decimal(rev) / 2),
        )
        services.report_progress(
            inds[0], users[f"officer_{code}"], report_date=date(2021, 6, 30), actual=rev
        )
        services.report_progress(
            inds[1], users[f"officer_{code}"], report_date=date(2021, 6, 30), actual=pov
        )
    services.mark_done(coop.work_items.get(), users["officer_DT"], done_at=vn(2021, 5, 15))
    for code, rating in {
        "KT": "hoan_thanh_tot",
        "CL": "hoan_thanh_xuat_sac",
        "DH": "hoan_thanh",
        "DT": "hoan_thanh_tot",
        "HTX": "hoan_thanh_tot",
    }.items():
        services.set_prior_rating(users["standing"], year=2020, rating=rating, unit=u[code])
    return {**lc, "regs": regs, "forwarded": forwarded}


def test_registrations_by_20_10_are_on_time_and_one_after_midnight_is_late(flow):
    regs = flow["regs"]
    for code in regs:
        regs[code].refresh_from_db()
    assert [c for c, r in regs.items() if r.is_late] == ["DT"]
    assert regs["CL"].is_late is False  # 23:00 on 20/10 in Vietnam is still on time


def test_block_head_forwards_the_whole_set_by_23_10(flow):
    assert flow["forwarded"] == 5
    regs = {c: r.__class__.objects.get(pk=r.pk) for c, r in flow["regs"].items()}
    assert {r.status for r in regs.values()} == {S.FORWARDED}
    assert not any(r.forwarded_late for r in regs.values())
    assert Notification.objects.filter(
        user=flow["users"]["standing"], message__contains="đã gửi 5"
    ).exists()
    assert AuditEvent.objects.filter(action="registrations.block.forward").count() == 1


def test_coop_registration_is_collected_by_its_commune(flow):
    assert flow["regs"]["HTX"].collected_by == flow["u"]["DT"]


def test_ranking_at_30_6_2021_uses_the_latest_reports_and_the_formula(flow):
    ranking = rank_blocks(flow["campaign"], date(2021, 6, 30))
    got = {r.unit_name: (r.rate, r.rank) for r in ranking}
    assert got == {
        "Phường Duyên Hải": (Decimal("1.1333"), 1),
        "Phường Kim Tân": (Decimal("1.0667"), 2),
        "HTX Rau an toàn Đồng Tuyển": (Decimal("1.0000"), 3),
        "Phường Cốc Lếu": (Decimal("0.9167"), 4),
        "Xã Đồng Tuyển": (Decimal("0.3333"), 5),
    }
    assert "Tỷ lệ hoàn thành" in ranking.basis


def test_ranking_as_at_an_earlier_date_uses_the_reports_known_then(flow):
    ranking = rank_blocks(flow["campaign"], date(2021, 4, 1))
    got = {r.unit_name: r.rate for r in ranking}
    # Only the half-way revenue report of 31/3 exists: a = 0.5 × weight 2, poverty missing.
    assert got["Phường Kim Tân"] == Decimal("0.3667")  # (2·0.55 + 0)/3
    assert got["HTX Rau an toàn Đồng Tuyển"] == Decimal("0.0000")  # done on 15/5/2021


def test_leader_with_poor_prior_rating_is_excluded_and_the_next_is_proposed(flow):
    [result] = propose_block_leaders(flow["campaign"], date(2021, 6, 30))
    assert [r.unit_name for r in result.leaders] == ["Phường Kim Tân"]
    assert [r.unit_name for r, _ in result.excluded] == ["Phường Duyên Hải"]
    reason = " ".join(result.excluded[0][1])
    assert "Hoàn thành nhiệm vụ" in reason and "chưa đạt mức" in reason
    assert result.form == "co_thi_dua_tinh"


def test_block_review_records_the_proposed_order_from_the_ranking(flow):
    review = services.record_review(
        flow["block"],
        flow["campaign"],
        flow["users"]["head_block"],
        meeting_date=date(2021, 7, 2),
        as_at=date(2021, 6, 30),
        attendees=["Đại diện 5 đơn vị thành viên"],
        method="vote",
        votes={flow["u"]["KT"].pk: 5},
        present_count=5,
        chair="Nguyễn Văn Hải",
    )
    assert [o["unit"] for o in review.proposed_order][:2] == ["Phường Duyên Hải", "Phường Kim Tân"]
    assert review.proposed_order[0]["rank"] == 1


def test_dossier_checks_see_block_ranks_among_units_still_in_the_running(flow):
    """Seed 004's Cờ thi đua rules, as a dossier submission evaluates them: Duyên Hải ranks
    first but fails its 2020 rating; Kim Tân, second, leads among the eligible units."""
    from thidua.campaigns.quotas import Context, Line, evaluate

    u = flow["u"]
    ranks = services.block_ranks(flow["campaign"])
    assert ranks[u["DH"].pk][2] == 1 and ranks[u["KT"].pk][2] == 1 and ranks[u["CL"].pk][2] == 3
    keys = [f"unit:{u[c].pk}" for c in ("KT", "DH", "CL")]
    ratings = services.prior_ratings(flow["campaign"], keys)
    assert ratings == {
        keys[0]: "hoan_thanh_tot",
        keys[1]: "hoan_thanh",
        keys[2]: "hoan_thanh_xuat_sac",
    }
    rules = [
        {
            "id": "leader",
            "kind": "block_leader",
            "top_n": 1,
            "label": "dẫn đầu khối",
            "match": {"forms": ["co_thi_dua_tinh"]},
        },
        {
            "id": "rating",
            "kind": "prior_rating",
            "min": "hoan_thanh_tot",
            "label": "xếp loại năm trước",
            "match": {"forms": ["co_thi_dua_tinh"]},
        },
    ]
    ctx = Context(prior_ratings=ratings, block_ranks=ranks, upward_keys=set())

    def ok(code):
        line = Line(
            proposer_id=0,
            proposer_name="Khối",
            proposer_kind="block",
            form="co_thi_dua_tinh",
            subject_kind="collective",
            nominee_key=f"unit:{u[code].pk}",
            nominee_unit_id=u[code].pk,
            nominee_unit_kind="ward",
            nominee_name=u[code].name,
        )
        return all(r.ok for r in evaluate(rules, [], [line], ctx))

    assert ok("KT") is True
    assert ok("DH") is False  # first, but rated "hoàn thành nhiệm vụ" in 2020
    assert ok("CL") is False  # not the leader
