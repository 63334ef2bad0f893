"""Seed 004 in miniature: City of Lào Cai, its block of wards and communes 2020, the
campaign with the registration deadlines and the Cờ thi đua rules of the plan."""

from datetime import date

import pytest

from tests.conftest import make_user
from thidua.campaigns.enums import CampaignStatus, DeadlineKind
from thidua.campaigns.models import Campaign, CampaignDeadline
from thidua.core.roles import Role
from thidua.demo_data.seed_rules import SEED_004
from thidua.org.enums import BlockLevel, UnitKind
from thidua.org.models import Block, BlockMember, CouncilMember, Unit


@pytest.fixture
def lc(db):
    prov = Unit.objects.create(
        code="T_LC", name="Tỉnh Lào Cai", kind=UnitKind.PROVINCE, is_authority=True
    )
    city = Unit.objects.create(
        code="TP_LC",
        name="Thành phố Lào Cai",
        kind=UnitKind.CITY,
        parent=prov,
        is_authority=True,
        place_name="Tp. Lào Cai",
    )
    names = [
        ("KT", "Phường Kim Tân", UnitKind.WARD),
        ("CL", "Phường Cốc Lếu", UnitKind.WARD),
        ("DH", "Phường Duyên Hải", UnitKind.WARD),
        ("DT", "Xã Đồng Tuyển", UnitKind.COMMUNE),
    ]
    u = {"prov": prov, "city": city}
    for code, name, kind in names:
        u[code] = Unit.objects.create(
            code=f"LC_{code}", name=name, kind=kind, parent=city, is_authority=True
        )
    u["HTX"] = Unit.objects.create(
        code="LC_HTX", name="HTX Rau an toàn Đồng Tuyển", kind=UnitKind.COOP, parent=u["DT"]
    )
    u["PNV"] = Unit.objects.create(
        code="LC_PNV", name="Phòng Nội vụ", kind=UnitKind.DEPARTMENT, parent=city
    )
    block = Block.objects.create(
        authority=city,
        year=2020,
        name="Khối các xã, phường",
        level=BlockLevel.COMMUNE,
        head=u["KT"],
        deputy=u["CL"],
    )
    for code in ("KT", "CL", "DH", "DT", "HTX"):
        BlockMember.objects.create(block=block, unit=u[code])
    campaign = Campaign.objects.create(
        issuer=city,
        title="Đợt thi đua chào mừng kỷ niệm 30 năm tái lập tỉnh Lào Cai",
        start_date=date(2020, 10, 1),
        end_date=date(2021, 6, 30),
        status=CampaignStatus.RUNNING,
        rules=SEED_004,
        seed_code="004",
    )
    CampaignDeadline.objects.create(
        campaign=campaign,
        kind=DeadlineKind.REGISTRATION,
        label="Đăng ký gửi trưởng khối",
        date=date(2020, 10, 20),
    )
    CampaignDeadline.objects.create(
        campaign=campaign,
        kind=DeadlineKind.REGISTRATION_FORWARD,
        label="Trưởng khối gửi Phòng Nội vụ",
        date=date(2020, 10, 23),
    )
    people = {
        "head_block": make_user("lc_truongkhoi", Role.BLOCK_HEAD, u["KT"]),
        "standing": make_user("lc_noivu", Role.STANDING_BODY, city),
        "council": make_user("lc_hoidong", Role.COUNCIL_MEMBER, city),
        "stranger": make_user("lc_other", Role.UNIT_OFFICER, u["PNV"]),
    }
    for code in ("KT", "CL", "DH", "DT"):
        people[f"officer_{code}"] = make_user(f"lc_canbo_{code}", Role.UNIT_OFFICER, u[code])
        people[f"head_{code}"] = make_user(f"lc_chutich_{code}", Role.UNIT_HEAD, u[code])
    seat = CouncilMember.objects.create(
        authority=city, full_name="Phạm Văn Thành", user=people["council"]
    )
    seat.blocks.add(block)
    return {"u": u, "block": block, "campaign": campaign, "users": people, "seat": seat}
