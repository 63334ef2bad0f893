"""The demo organisation: a believable City of Bắc Kạn (as the seeds knew it), the City of
Lào Cai for seed 004, the 2025 merge into Thái Nguyên, persons, blocks, council, users.

Idempotent: every object is found by its code and created only when missing."""

import random
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from thidua.core.roles import Role

from .enums import BlockLevel, CouncilRole, HouseholdCategory, PersonCategory, UnitKind
from .models import (
    Block,
    BlockMember,
    CouncilMember,
    Household,
    Membership,
    Person,
    RoleAssignment,
    Unit,
)
from .names import ETHNIC_BAC_KAN, person_name
from .services import merge_units

DEMO_PASSWORD = "Thidua@2024"  # noqa: S105 — published demo-only password

WARDS = [
    ("P_DX", "Phường Đức Xuân"),
    ("P_NTMK", "Phường Nguyễn Thị Minh Khai"),
    ("P_SC", "Phường Sông Cầu"),
    ("P_PCK", "Phường Phùng Chí Kiên"),
    ("P_HT", "Phường Huyền Tụng"),
    ("P_XH", "Phường Xuất Hóa"),
]
COMMUNES = [("X_DQ", "Xã Dương Quang"), ("X_NT", "Xã Nông Thượng")]
DEPARTMENTS = [
    ("VP", "Văn phòng HĐND và UBND thành phố", []),
    ("PNV", "Phòng Nội vụ", ["noi_vu"]),
    ("PTCKH", "Phòng Tài chính - Kế hoạch", []),
    ("PGDDT", "Phòng Giáo dục và Đào tạo", ["giao_duc"]),
    ("PVHTT", "Phòng Văn hóa và Thông tin", []),
    ("PLDTBXH", "Phòng Lao động - Thương binh và Xã hội", []),
    ("PTNMT", "Phòng Tài nguyên và Môi trường", []),
    ("PQLDT", "Phòng Quản lý đô thị", []),
    ("PKT", "Phòng Kinh tế", []),
    ("PTP", "Phòng Tư pháp", []),
    ("TTRA", "Thanh tra thành phố", []),
]
MASS_ORGS = [
    ("MTTQ", "Ủy ban MTTQ Việt Nam thành phố"),
    ("DTN", "Thành đoàn Bắc Kạn"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ thành phố"),
    ("HND", "Hội Nông dân thành phố"),
    ("HCCB", "Hội Cựu chiến binh thành phố"),
    ("LDLD", "Liên đoàn Lao động thành phố"),
]
SCHOOLS = [
    ("THCS_DX", "Trường THCS Đức Xuân", "P_DX"),
    ("TH_SC", "Trường Tiểu học Sông Cầu", "P_SC"),
    ("MN_HT", "Trường Mầm non Huyền Tụng", "P_HT"),
    ("THCS_BK", "Trường THCS Bắc Kạn", "PGDDT"),
]
ENTERPRISES = [
    ("DN_XDBK", "Công ty TNHH Xây dựng Bắc Kạn", "P_DX", UnitKind.ENTERPRISE),
    ("DN_MTDT", "Công ty CP Môi trường đô thị Bắc Kạn", "P_SC", UnitKind.ENTERPRISE),
    ("DN_NSBK", "Công ty TNHH Nông sản sạch Bắc Kạn", "X_NT", UnitKind.ENTERPRISE),
    ("HTX_DQ", "Hợp tác xã Nông nghiệp Dương Quang", "X_DQ", UnitKind.COOP),
    ("HTX_MIEN", "Hợp tác xã Miến dong Nông Thượng", "X_NT", UnitKind.COOP),
    ("HTX_HT", "Hợp tác xã Dịch vụ Huyền Tụng", "P_HT", UnitKind.COOP),
]
VILLAGE_NAMES = [
    "Nà Pài",
    "Khuổi Mật",
    "Nà Dì",
    "Bản Đồn",
    "Nà Rào",
    "Pá Danh",
    "Nà Vịt",
    "Khau Cút",
    "Nà Pam",
    "Bản Pjạc",
]

USERS = [
    # username, full name, role, unit code, staff
    ("admin", "Quản trị hệ thống", Role.ADMIN, "TP_BK", True),
    ("noivu", "Lường Thị Hà (Phòng Nội vụ)", Role.STANDING_BODY, "TP_BK", True),
    ("chutich", "Nông Văn Cường (Chủ tịch UBND thành phố)", Role.CHAIRMAN, "TP_BK", False),
    ("hoidong", "Triệu Đức Long (Ủy viên Hội đồng)", Role.COUNCIL_MEMBER, "TP_BK", False),
    ("truongkhoi", "Hà Minh Sơn (Trưởng khối xã, phường)", Role.BLOCK_HEAD, "P_DX", False),
    ("canbo_ducxuan", "Ma Thị Lan (cán bộ thi đua P. Đức Xuân)", Role.UNIT_OFFICER, "P_DX", False),
    (
        "thutruong_ducxuan",
        "Hoàng Văn Dũng (Chủ tịch UBND P. Đức Xuân)",
        Role.UNIT_HEAD,
        "P_DX",
        False,
    ),
    (
        "canbo_songcau",
        "Bế Thị Hương (cán bộ thi đua P. Sông Cầu)",
        Role.UNIT_OFFICER,
        "P_SC",
        False,
    ),
    ("canbo_giaoduc", "Đinh Thu Trang (cán bộ Phòng GD&ĐT)", Role.UNIT_OFFICER, "PGDDT", False),
    ("noivu_tinh", "Lục Văn Hải (Sở Nội vụ tỉnh)", Role.STANDING_BODY, "T_BK", True),
    ("noivu_laocai", "Đỗ Thị Mai (Phòng Nội vụ TP Lào Cai)", Role.STANDING_BODY, "TP_LC", True),
]


def _unit(code, name, kind, parent=None, **extra) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit:
        return unit
    return Unit.objects.create(code=code, name=name, kind=kind, parent=parent, **extra)


@transaction.atomic
def load(stdout=None) -> dict:
    rng = random.Random(2024)  # noqa: S311 — deterministic demo data
    province = _unit(
        "T_BK",
        "Tỉnh Bắc Kạn",
        UnitKind.PROVINCE,
        is_authority=True,
        short_name="Tỉnh Bắc Kạn",
        doc_abbreviation="UBND",
        place_name="Bắc Kạn",
        valid_from=date(1997, 1, 1),
    )
    _unit(
        "T_BK_SNV",
        "Sở Nội vụ tỉnh Bắc Kạn",
        UnitKind.DEPARTMENT,
        province,
        tags=["noi_vu"],
        short_name="Sở Nội vụ",
    )
    city = _unit(
        "TP_BK",
        "Thành phố Bắc Kạn",
        UnitKind.CITY,
        province,
        is_authority=True,
        short_name="TP Bắc Kạn",
        doc_abbreviation="UBND",
        place_name="TP. Bắc Kạn",
        valid_from=date(2015, 3, 11),
    )
    units: dict[str, Unit] = {"T_BK": province, "TP_BK": city}
    for code, name in WARDS:
        units[code] = _unit(
            code,
            name,
            UnitKind.WARD,
            city,
            is_authority=True,
            short_name=name.replace("Phường ", "P. "),
            doc_abbreviation="UBND",
        )
    for code, name in COMMUNES:
        units[code] = _unit(
            code,
            name,
            UnitKind.COMMUNE,
            city,
            is_authority=True,
            short_name=name.replace("Xã ", "X. "),
            doc_abbreviation="UBND",
        )
    for code, name, tags in DEPARTMENTS:
        units[code] = _unit(code, name, UnitKind.DEPARTMENT, city, tags=tags)
    units["CA"] = _unit(
        "CA",
        "Công an thành phố Bắc Kạn",
        UnitKind.POLICE,
        city,
        tags=["cong_an"],
        short_name="Công an thành phố",
    )
    units["BCHQS"] = _unit(
        "BCHQS", "Ban Chỉ huy quân sự thành phố", UnitKind.MILITARY, city, tags=["quan_su"]
    )
    units["TTYT"] = _unit("TTYT", "Trung tâm Y tế thành phố", UnitKind.HEALTH, city, tags=["y_te"])
    for code, name in MASS_ORGS:
        units[code] = _unit(code, name, UnitKind.MASS_ORG, city)
    for code, name, parent in SCHOOLS:
        units[code] = _unit(code, name, UnitKind.SCHOOL, units[parent], tags=["giao_duc"])
    for code, name, parent, kind in ENTERPRISES:
        units[code] = _unit(code, name, kind, units[parent])
    for code, _ in WARDS + COMMUNES:
        parent = units[code]
        village_kind = UnitKind.VILLAGE if code.startswith("X_") else UnitKind.RESIDENTIAL_GROUP
        for i in range(4):
            vname = (
                f"Thôn {VILLAGE_NAMES[(i + len(code)) % len(VILLAGE_NAMES)]}"
                if village_kind == UnitKind.VILLAGE
                else f"Tổ dân phố {i + 1}"
            )
            units[f"{code}_V{i + 1}"] = _unit(
                f"{code}_V{i + 1}", f"{vname}, {parent.name.split(' ', 1)[1]}", village_kind, parent
            )
    for code in ("PGDDT", "CA", "TTYT"):
        units[f"{code}_T1"] = _unit(
            f"{code}_T1", f"Tổ tổng hợp — {units[code].name}", UnitKind.TEAM, units[code]
        )

    # Seed 004: City of Lào Cai and the province blocks of 2020–2021.
    lc_prov = _unit(
        "T_LC",
        "Tỉnh Lào Cai",
        UnitKind.PROVINCE,
        is_authority=True,
        doc_abbreviation="UBND",
        place_name="Lào Cai",
    )
    lc_city = _unit(
        "TP_LC",
        "Thành phố Lào Cai",
        UnitKind.CITY,
        lc_prov,
        is_authority=True,
        doc_abbreviation="UBND",
        place_name="Tp. Lào Cai",
    )
    units.update({"T_LC": lc_prov, "TP_LC": lc_city})
    lc_names = [
        ("LC_P_CP", "Phường Cốc Lếu", UnitKind.WARD),
        ("LC_P_KT", "Phường Kim Tân", UnitKind.WARD),
        ("LC_P_DH", "Phường Duyên Hải", UnitKind.WARD),
        ("LC_P_BC", "Phường Bắc Cường", UnitKind.WARD),
        ("LC_P_NC", "Phường Nam Cường", UnitKind.WARD),
        ("LC_P_PL", "Phường Pom Hán", UnitKind.WARD),
        ("LC_X_CS", "Xã Cam Đường", UnitKind.COMMUNE),
        ("LC_X_DT", "Xã Đồng Tuyển", UnitKind.COMMUNE),
        ("LC_X_VQ", "Xã Vạn Hòa", UnitKind.COMMUNE),
        ("LC_PNV", "Phòng Nội vụ thành phố Lào Cai", UnitKind.DEPARTMENT),
        ("LC_PGD", "Phòng Giáo dục và Đào tạo thành phố Lào Cai", UnitKind.DEPARTMENT),
        ("LC_PTC", "Phòng Tài chính - Kế hoạch thành phố Lào Cai", UnitKind.DEPARTMENT),
        ("LC_CA", "Công an thành phố Lào Cai", UnitKind.POLICE),
        ("LC_HTX1", "Hợp tác xã Rau an toàn Đồng Tuyển", UnitKind.COOP),
        ("LC_DN1", "Công ty CP Thương mại Kim Thành", UnitKind.ENTERPRISE),
    ]
    for code, name, kind in lc_names:
        parent = (
            units["LC_X_DT"]
            if code in {"LC_HTX1"}
            else units["LC_P_KT"]
            if code == "LC_DN1"
            else lc_city
        )
        units[code] = _unit(
            code,
            name,
            kind,
            parent,
            is_authority=kind in (UnitKind.WARD, UnitKind.COMMUNE),
            doc_abbreviation="UBND",
        )
    # Province-level blocks of Lào Cai (district-level units compete with each other).
    for code, name in [
        ("H_BT", "Huyện Bảo Thắng"),
        ("H_BY", "Huyện Bảo Yên"),
        ("H_SP", "Thị xã Sa Pa"),
        ("H_BX", "Huyện Bát Xát"),
    ]:
        units[code] = _unit(
            code, name, UnitKind.CITY, lc_prov, is_authority=True, doc_abbreviation="UBND"
        )

    _persons(rng, units)
    _households(rng, units)
    blocks = _blocks(units)
    _council(units, blocks)
    users = _users(units)
    _merge_2025(units)
    counts = {
        "units": Unit.objects.count(),
        "persons": Person.objects.count(),
        "blocks": Block.objects.count(),
        "users": len(users),
    }
    if stdout:
        stdout.write(f"Tổ chức: {counts}")
    return counts


POSITIONS = {
    UnitKind.DEPARTMENT: [
        "Trưởng phòng",
        "Phó Trưởng phòng",
        "Chuyên viên",
        "Chuyên viên",
        "Kế toán",
    ],
    UnitKind.WARD: [
        "Chủ tịch UBND",
        "Phó Chủ tịch UBND",
        "Công chức Văn phòng - Thống kê",
        "Công chức Văn hóa - Xã hội",
        "Công chức Tư pháp - Hộ tịch",
    ],
    UnitKind.COMMUNE: [
        "Chủ tịch UBND",
        "Phó Chủ tịch UBND",
        "Công chức Địa chính - Nông nghiệp",
        "Công chức Văn hóa - Xã hội",
        "Nông dân",
    ],
    UnitKind.POLICE: ["Trưởng Công an", "Phó Trưởng Công an", "Cán bộ", "Chiến sĩ", "Chiến sĩ"],
    UnitKind.MILITARY: ["Chỉ huy trưởng", "Chính trị viên", "Trợ lý", "Chiến sĩ", "Chiến sĩ"],
    UnitKind.HEALTH: ["Giám đốc", "Bác sĩ", "Điều dưỡng", "Y sĩ", "Nhân viên"],
    UnitKind.SCHOOL: ["Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên", "Giáo viên", "Học sinh"],
    UnitKind.ENTERPRISE: ["Giám đốc", "Kế toán", "Công nhân", "Công nhân", "Công nhân"],
    UnitKind.COOP: ["Giám đốc HTX", "Xã viên", "Nông dân", "Nông dân", "Nông dân"],
    UnitKind.MASS_ORG: ["Chủ tịch", "Phó Chủ tịch", "Cán bộ chuyên trách", "Cán bộ", "Cán bộ"],
}
CATEGORY_BY_POSITION = {
    "Chiến sĩ": PersonCategory.CHIEN_SI,
    "Giáo viên": PersonCategory.GIAO_VIEN,
    "Học sinh": PersonCategory.HOC_SINH,
    "Công nhân": PersonCategory.CONG_NHAN,
    "Nông dân": PersonCategory.NONG_DAN,
    "Xã viên": PersonCategory.NONG_DAN,
    "Giám đốc": PersonCategory.DOANH_NHAN,
    "Bác sĩ": PersonCategory.VIEN_CHUC,
    "Điều dưỡng": PersonCategory.VIEN_CHUC,
    "Y sĩ": PersonCategory.VIEN_CHUC,
    "Nhân viên": PersonCategory.NGUOI_LAO_DONG,
}


def _persons(rng, units):
    if Person.objects.filter(personnel_code__startswith="BK-").exists():
        return
    n = 0
    for code, unit in sorted(units.items()):
        if (
            unit.kind not in POSITIONS
            or unit.code.startswith(("LC_", "H_", "T_"))
            and unit.kind != UnitKind.WARD
        ):
            continue
        positions = POSITIONS[unit.kind]
        count = 12 if unit.kind in (UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SCHOOL) else 8
        if code == "PGDDT":
            count = 16
        for i in range(count):
            position = (
                positions[i % len(positions)] if i < len(positions) else rng.choice(positions[2:])
            )
            if code == "PGDDT" and i >= 5:
                position = "Giáo viên" if i < 11 else "Học sinh"
            female = rng.random() < 0.48
            category = CATEGORY_BY_POSITION.get(
                position,
                PersonCategory.CONG_CHUC
                if unit.kind in (UnitKind.WARD, UnitKind.COMMUNE, UnitKind.DEPARTMENT)
                else PersonCategory.VIEN_CHUC,
            )
            if position.startswith(("Chủ tịch", "Phó Chủ tịch", "Trưởng", "Chỉ huy", "Chính trị")):
                category = (
                    PersonCategory.CAN_BO
                    if unit.kind != UnitKind.POLICE
                    else PersonCategory.CHIEN_SI
                )
            n += 1
            birth_year = 2010 if category == PersonCategory.HOC_SINH else rng.randint(1968, 1998)
            person = Person.objects.create(
                full_name=person_name(rng, female),
                gender="nu" if female else "nam",
                birth_date=date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
                ethnicity=rng.choice(ETHNIC_BAC_KAN)
                if not code.startswith("LC_")
                else rng.choice(["Kinh", "Kinh", "Tày", "Dao", "H'Mông", "Giáy"]),
                category=category,
                position=position,
                unit=unit,
                is_direct_worker=Person.default_direct_worker(category),
                personnel_code=f"BK-{n:05d}",
                citizen_id=f"{'010' if code.startswith('LC_') else '006'}{rng.randint(0, 10**9 - 1):09d}",
            )
            Membership.objects.create(
                person=person,
                unit=unit,
                position=position,
                start=date(rng.randint(2005, 2022), 1, 1),
            )


def _households(rng, units):
    if Household.objects.exists():
        return
    cats = [
        HouseholdCategory.POLICY_FAMILY,
        HouseholdCategory.OUT_OF_POVERTY,
        HouseholdCategory.GOOD_FARMING,
        HouseholdCategory.CULTURAL_FAMILY,
    ]
    for unit in units.values():
        if unit.kind not in (UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP):
            continue
        for i in range(4):
            female = rng.random() < 0.3
            Household.objects.create(
                head_name=person_name(rng, female),
                unit=unit,
                category=cats[i],
                address=unit.name,
                ethnicity=rng.choice(ETHNIC_BAC_KAN),
            )


def _block(authority, year, name, level, head, deputy, members) -> Block:
    block, _ = Block.objects.get_or_create(
        authority=authority,
        year=year,
        name=name,
        defaults={"level": level, "head": head, "deputy": deputy},
    )
    for m in members:
        BlockMember.objects.get_or_create(block=block, unit=m)
    return block


def _blocks(units) -> dict[str, Block]:
    city, u = units["TP_BK"], units
    blocks = {}
    for year in (2024, 2025):
        heads = ("P_DX", "P_SC") if year == 2024 else ("P_SC", "P_HT")
        blocks[f"XP{year}"] = _block(
            city,
            year,
            "Khối xã, phường",
            BlockLevel.COMMUNE,
            u[heads[0]],
            u[heads[1]],
            [u[c] for c, _ in WARDS + COMMUNES],
        )
        blocks[f"CQ{year}"] = _block(
            city,
            year,
            "Khối các cơ quan chuyên môn",
            BlockLevel.DISTRICT,
            u["VP"],
            u["PTCKH"],
            [u[c] for c, _, _ in DEPARTMENTS],
        )
        blocks[f"DT{year}"] = _block(
            city,
            year,
            "Khối Mặt trận, đoàn thể",
            BlockLevel.DISTRICT,
            u["MTTQ"],
            u["DTN"],
            [u[c] for c, _ in MASS_ORGS],
        )
        blocks[f"VT{year}"] = _block(
            city,
            year,
            "Khối lực lượng vũ trang, y tế, giáo dục",
            BlockLevel.DISTRICT,
            u["CA"],
            u["TTYT"],
            [u["CA"], u["BCHQS"], u["TTYT"], u["THCS_DX"], u["TH_SC"], u["MN_HT"], u["THCS_BK"]],
        )
        blocks[f"DN{year}"] = _block(
            city,
            year,
            "Khối doanh nghiệp, hợp tác xã",
            BlockLevel.ENTERPRISE,
            u["DN_XDBK"],
            u["HTX_DQ"],
            [u[c] for c, *_ in ENTERPRISES],
        )
    lc = units["TP_LC"]
    for year in (2020, 2021):
        blocks[f"LCXP{year}"] = _block(
            lc,
            year,
            "Khối các xã, phường",
            BlockLevel.COMMUNE,
            u["LC_P_KT"],
            u["LC_P_CP"],
            [
                u[c]
                for c in (
                    "LC_P_CP",
                    "LC_P_KT",
                    "LC_P_DH",
                    "LC_P_BC",
                    "LC_P_NC",
                    "LC_P_PL",
                    "LC_X_CS",
                    "LC_X_DT",
                    "LC_X_VQ",
                )
            ],
        )
        blocks[f"LCH{year}"] = _block(
            units["T_LC"],
            year,
            "Khối các huyện, thị xã, thành phố",
            BlockLevel.DISTRICT,
            lc,
            u["H_BT"],
            [lc, u["H_BT"], u["H_BY"], u["H_SP"], u["H_BX"]],
        )
    return blocks


def _council(units, blocks):
    city = units["TP_BK"]
    if CouncilMember.objects.filter(authority=city).exists():
        return
    members = [
        ("Nông Văn Cường", "Chủ tịch UBND thành phố", CouncilRole.CHAIR, None),
        ("Hà Thị Liên", "Phó Chủ tịch UBND thành phố", CouncilRole.DEPUTY, None),
        ("Lường Thị Hà", "Trưởng phòng Nội vụ", CouncilRole.STANDING, units["PNV"]),
        ("Triệu Đức Long", "Trưởng phòng Tài chính - Kế hoạch", CouncilRole.MEMBER, units["PTCKH"]),
        ("Hứa Thị Nga", "Trưởng phòng Giáo dục và Đào tạo", CouncilRole.MEMBER, units["PGDDT"]),
        ("Ma Văn Tuấn", "Trưởng phòng Văn hóa và Thông tin", CouncilRole.MEMBER, units["PVHTT"]),
        ("Lục Thị Yến", "Chủ tịch Hội LHPN thành phố", CouncilRole.MEMBER, units["HLHPN"]),
        ("Vi Văn Thắng", "Chủ tịch Ủy ban MTTQ thành phố", CouncilRole.MEMBER, units["MTTQ"]),
        ("Đặng Văn Hùng", "Chánh Văn phòng HĐND và UBND", CouncilRole.MEMBER, units["VP"]),
    ]
    block_cycle = [b for k, b in blocks.items() if k.endswith("2025") and not k.startswith("LC")]
    for i, (name, title, role, heads) in enumerate(members):
        cm = CouncilMember.objects.create(
            authority=city, full_name=name, title=title, role=role, heads_unit=heads
        )
        if i >= 3:
            cm.blocks.add(block_cycle[i % len(block_cycle)])


def _users(units) -> list:
    User = get_user_model()
    staff_group, _ = Group.objects.get_or_create(name="Cơ quan thường trực Hội đồng TĐKT")
    staff_group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["org", "legal", "campaigns"])
    )
    result = []
    for username, full_name, role, unit_code, staff in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            first, _, last = full_name.partition(" (")
            user = User(
                username=username,
                first_name=first,
                last_name=f"({last}" if last else "",
                email=f"{username}@thidua.local",
                is_staff=staff,
                is_superuser=username == "admin",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            if staff and username != "admin":
                user.groups.add(staff_group)
        RoleAssignment.objects.get_or_create(user=user, unit=units[unit_code], role=role)
        result.append(user)
    hd = User.objects.get(username="hoidong")
    CouncilMember.objects.filter(full_name="Triệu Đức Long", user__isnull=True).update(user=hd)
    return result


def _merge_2025(units):
    """1/7/2025: Bắc Kạn merges into Thái Nguyên; the district level ends; wards merge."""
    reform = date(2025, 7, 1)
    if Unit.objects.filter(code="T_TN").exists():
        return
    tn = Unit.objects.create(
        code="T_TN",
        name="Tỉnh Thái Nguyên",
        kind=UnitKind.PROVINCE,
        is_authority=True,
        doc_abbreviation="UBND",
        place_name="Thái Nguyên",
        valid_from=date(1997, 1, 1),
    )
    new_bk = Unit.objects.create(
        code="P_BK_2025",
        name="Phường Bắc Kạn",
        kind=UnitKind.WARD,
        parent=tn,
        is_authority=True,
        doc_abbreviation="UBND",
        place_name="Bắc Kạn",
        valid_from=reform,
    )
    new_dx = Unit.objects.create(
        code="P_DX_2025",
        name="Phường Đức Xuân (từ 01/7/2025)",
        kind=UnitKind.WARD,
        parent=tn,
        is_authority=True,
        doc_abbreviation="UBND",
        place_name="Đức Xuân",
        valid_from=reform,
    )
    basis = "Nghị quyết 202/2025/QH15; Luật Tổ chức chính quyền địa phương 72/2025/QH15"
    merge_units(
        [units["P_SC"], units["P_PCK"], units["P_HT"], units["X_DQ"]],
        new_bk,
        reform,
        legal_basis=basis,
        move_children=False,
        move_users=False,
    )
    merge_units(
        [units["P_DX"], units["P_NTMK"], units["P_XH"], units["X_NT"]],
        new_dx,
        reform,
        legal_basis=basis,
        move_children=False,
        move_users=False,
    )
    merge_units(
        [units["TP_BK"]], tn, reform, legal_basis=basis, move_children=False, move_users=False
    )
    merge_units(
        [units["T_BK"]], tn, reform, legal_basis=basis, move_children=False, move_users=False
    )
