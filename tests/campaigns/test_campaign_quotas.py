"""Every quota of the issue, evaluated through the rules STORED on an imported campaign,
with a passing and a failing case and the exact Vietnamese explanation."""

import pytest

from thidua.campaigns import quotas, services
from thidua.campaigns.quotas import Context, Line
from thidua.demo_data.seed_rules import SEED_RULES

GK = "giay_khen_chu_tich_huyen"


def line(n, proposer=(1, "Phòng Nội vụ", "department", ()), form=GK, **kw):
    pid, pname, pkind, tags = proposer
    kw.setdefault("nominee_key", f"person:{pid}-{n}")
    kw.setdefault("nominee_name", f"Người {n}")
    return Line(
        proposer_id=pid,
        proposer_name=pname,
        proposer_kind=pkind,
        proposer_tags=frozenset(tags),
        form=form,
        **kw,
    )


def lines(k, **kw):
    return [line(i, **kw) for i in range(k)]


def check(campaign, existing, proposed, ctx=None):
    results = quotas.evaluate(campaign.rules, existing, proposed, ctx)
    return [r for r in results if not r.ok], [r.message for r in results]


EDU = (7, "Phòng Giáo dục và Đào tạo", "department", ("giao_duc",))
POLICE = (8, "Công an thành phố", "police", ("cong_an",))
MILITARY = (9, "Ban Chỉ huy quân sự thành phố", "military", ("quan_su",))
HEALTH = (10, "Trung tâm Y tế thành phố", "health", ("y_te",))
WARD = (11, "Phường Đức Xuân", "ward", ())
DEPT = (12, "Phòng Tài chính - Kế hoạch", "department", ())


@pytest.fixture
def c000(import_seed):
    c = import_seed("000")
    assert len(c.rules) == 11  # mapped from the plan's own sentences
    return c


@pytest.fixture
def c001(import_seed, users):
    c = import_seed("001")
    return services.set_rules(c, SEED_RULES["001"], users["standing"])


@pytest.fixture
def c004(import_seed, users):
    c = import_seed("004")
    return services.set_rules(c, SEED_RULES["004"], users["standing"])


# ---- seed 000 ------------------------------------------------------------------------------


def test_000_department_one(c000):
    bad, msgs = check(c000, [], lines(1, proposer=DEPT))
    assert not bad and "Phòng Tài chính - Kế hoạch đã đề nghị 1/1 tập thể hoặc cá nhân." in msgs
    bad, _ = check(c000, lines(1, proposer=DEPT), [line(9, proposer=DEPT)])
    assert bad[0].message.startswith(
        "Phòng Tài chính - Kế hoạch đề nghị 2 tập thể hoặc cá nhân, vượt giới hạn 1"
    )


@pytest.mark.parametrize("unit", [POLICE, MILITARY, HEALTH, WARD])
def test_000_police_military_health_commune_three(c000, unit):
    bad, msgs = check(c000, lines(2, proposer=unit), [line(5, proposer=unit)])
    assert not bad and f"{unit[1]} đã đề nghị 3/3 tập thể hoặc cá nhân." in msgs
    bad, _ = check(c000, lines(3, proposer=unit), [line(5, proposer=unit)])
    assert len(bad) == 1 and bad[0].message.startswith(
        f"{unit[1]} đề nghị 4 tập thể hoặc cá nhân, vượt giới hạn 3"
    )


@pytest.mark.parametrize(
    ("category", "limit", "label"),
    [
        ("thon_kieu_mau", 1, "thôn, tổ dân phố kiểu mẫu"),
        ("gia_dinh_chinh_sach", 2, "gia đình chính sách tiêu biểu"),
        ("ho_thoat_ngheo", 2, "hộ gia đình thoát nghèo bền vững"),
        ("ho_san_xuat_gioi", 2, "hộ nông dân sản xuất kinh doanh giỏi"),
    ],
)
def test_000_per_commune_categories(c000, category, limit, label):
    ok_lines = lines(limit, proposer=WARD, category=category, subject_kind="household")
    bad, msgs = check(c000, [], ok_lines)
    assert not bad and f"Phường Đức Xuân đã đề nghị {limit}/{limit} {label}." in msgs
    # households do not use up the ward's 3 general places
    assert not any("tập thể hoặc cá nhân" in m for m in msgs)
    extra = line(99, proposer=WARD, category=category, subject_kind="household")
    bad, _ = check(c000, ok_lines, [extra])
    assert len(bad) == 1 and bad[0].message.startswith(
        f"Phường Đức Xuân đề nghị {limit + 1} {label}, vượt giới hạn {limit}"
    )


@pytest.mark.parametrize(
    ("category", "label"), [("giao_vien", "giáo viên"), ("hoc_sinh", "học sinh")]
)
def test_000_education_office_five_teachers_five_pupils(c000, category, label):
    bad, msgs = check(
        c000, lines(4, proposer=EDU, category=category), [line(8, proposer=EDU, category=category)]
    )
    assert not bad and f"Phòng Giáo dục và Đào tạo đã đề nghị 5/5 {label}." in msgs
    bad, _ = check(
        c000, lines(5, proposer=EDU, category=category), [line(8, proposer=EDU, category=category)]
    )
    assert len(bad) == 1 and bad[0].message.startswith(
        f"Phòng Giáo dục và Đào tạo đề nghị 6 {label}, vượt giới hạn 5"
    )


def test_000_ten_proposals_for_province_bang_khen(c000):
    bk = "bang_khen_chu_tich_tinh"
    existing = [line(i, proposer=(100 + i, f"Đơn vị {i}", "ward", ()), form=bk) for i in range(9)]
    bad, msgs = check(c000, existing, [line(50, form=bk)])
    assert not bad and any(m.startswith("Đã đề nghị 10/10") for m in msgs)
    bad, _ = check(c000, existing + [line(50, form=bk)], [line(51, form=bk)])
    assert len(bad) == 1 and bad[0].message.startswith("Đã đề nghị 11 tập thể")


# ---- seed 001 ------------------------------------------------------------------------------


def test_001_one_per_department_three_per_commune(c001):
    assert not check(c001, [], lines(1, proposer=DEPT, form="x"))[0]
    assert check(c001, lines(1, proposer=DEPT), [line(5, proposer=DEPT)])[0]
    bad, msgs = check(c001, lines(2, proposer=WARD), [line(5, proposer=WARD)])
    assert not bad and "Phường Đức Xuân đã đề nghị 3/3 tập thể hoặc cá nhân." in msgs
    assert check(c001, lines(3, proposer=WARD), [line(5, proposer=WARD)])[0]
    assert not check(c001, lines(2, proposer=POLICE), [line(5, proposer=POLICE)])[0]
    assert check(c001, lines(3, proposer=POLICE), [line(5, proposer=POLICE)])[0]


# ---- seed 004 ------------------------------------------------------------------------------

CITY = (1, "UBND thành phố Lào Cai", "city", ())


def unit_line(uid, kind, form, name=None, proposer=CITY):
    return line(
        uid,
        proposer=proposer,
        form=form,
        subject_kind="collective",
        nominee_key=f"unit:{uid}",
        nominee_unit_id=uid,
        nominee_unit_kind=kind,
        nominee_name=name or f"Đơn vị {uid}",
    )


def test_004_flag_to_block_leader_with_good_prior_rating(c004):
    flag = unit_line(21, "ward", "co_thi_dua_tinh", "Phường Cốc Lếu")
    good = Context(
        prior_ratings={"unit:21": "hoan_thanh_tot"}, block_ranks={21: (1, "Khối phường", 1)}
    )
    bad, msgs = check(c004, [], [flag], good)
    assert (
        not bad
        and "Phường Cốc Lếu xếp thứ 1 trong Khối phường, đủ điều kiện đề nghị Cờ thi đua của UBND tỉnh."
        in msgs
    )
    second = Context(
        prior_ratings={"unit:21": "hoan_thanh_tot"}, block_ranks={21: (1, "Khối phường", 2)}
    )
    bad, _ = check(c004, [], [flag], second)
    assert [r.rule_id for r in bad] == ["004_co_dan_dau_khoi"]
    weak = Context(prior_ratings={"unit:21": "hoan_thanh"}, block_ranks={21: (1, "Khối phường", 1)})
    bad, _ = check(c004, [], [flag], weak)
    assert [r.rule_id for r in bad] == ["004_co_xep_loai"]
    assert "chưa đạt mức “Hoàn thành tốt nhiệm vụ” trở lên" in bad[0].message


def test_004_flag_one_commune_level_leader(c004):
    ctx = Context(
        prior_ratings={"unit:21": "hoan_thanh_tot", "unit:22": "hoan_thanh_xuat_sac"},
        block_ranks={21: (1, "Khối phường", 1), 22: (2, "Khối xã", 1)},
    )
    first = unit_line(21, "ward", "co_thi_dua_tinh")
    bad, _ = check(c004, [first], [unit_line(22, "commune", "co_thi_dua_tinh")], ctx)
    assert [r.rule_id for r in bad] == ["004_co_xa_phuong"]
    assert not check(c004, [], [first], ctx)[0]


def test_004_giay_khen_two_communes_three_wards(c004):
    communes = [unit_line(30 + i, "commune", GK) for i in range(2)]
    wards = [unit_line(40 + i, "ward", GK) for i in range(3)]
    bad, msgs = check(c004, communes[:1] + wards[:2], [communes[1], wards[2]])
    assert not bad and "Đã đề nghị 2/2 xã." in msgs and "Đã đề nghị 3/3 phường." in msgs
    bad, _ = check(
        c004, communes + wards, [unit_line(35, "commune", GK), unit_line(45, "ward", GK)]
    )
    assert sorted(r.message.split(",")[0] for r in bad) == [
        "Đã đề nghị 3 xã",
        "Đã đề nghị 4 phường",
    ]


def test_004_ward_proposed_to_province_gets_no_city_award(c004):
    upward = unit_line(41, "ward", "bang_khen_chu_tich_tinh", "Phường Duyên Hải")
    bad, _ = check(c004, [upward], [unit_line(41, "ward", GK, "Phường Duyên Hải")])
    assert [r.rule_id for r in bad] == ["004_gk_khong_trung_tinh"]
    assert bad[0].message.startswith(
        "Phường Duyên Hải đã được đề nghị Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    )
    assert not check(c004, [upward], [unit_line(42, "ward", GK)])[0]


def test_004_one_village_per_commune(c004):
    ward = (50, "Phường Kim Tân", "ward", ())
    first = unit_line(60, "village", GK, proposer=ward)
    assert not check(c004, [], [first])[0]
    bad, _ = check(c004, [first], [unit_line(61, "village", GK, proposer=ward)])
    assert len(bad) == 1 and bad[0].message.startswith(
        "Phường Kim Tân đề nghị 2 thôn, tổ dân phố, vượt giới hạn 1"
    )


def test_004_ten_units_two_coops_three_enterprises(c004):
    units = [unit_line(70 + i, "department", GK) for i in range(10)]
    assert not check(c004, units[:9], units[9:])[0]
    assert check(c004, units, [unit_line(80, "mass_org", GK)])[0][0].message.startswith(
        "Đã đề nghị 11 đơn vị"
    )
    coops = [unit_line(90 + i, "coop", GK) for i in range(2)]
    firms = [unit_line(95 + i, "enterprise", GK) for i in range(3)]
    bad, msgs = check(c004, coops[:1] + firms[:2], [coops[1], firms[2]])
    assert (
        not bad and "Đã đề nghị 2/2 hợp tác xã." in msgs and "Đã đề nghị 3/3 doanh nghiệp." in msgs
    )
    bad, _ = check(c004, coops + firms, [unit_line(99, "coop", GK)])
    assert len(bad) == 1 and bad[0].message.startswith("Đã đề nghị 3 hợp tác xã, vượt giới hạn 2")


def test_004_commune_awards_are_left_to_each_commune(c004):
    form = c004.award_forms.get(form_code="giay_khen_chu_tich_xa")
    assert form.criteria == "Do xã, phường quy định"
    assert not any(
        "giay_khen_chu_tich_xa" in r.get("match", {}).get("forms", []) for r in c004.rules
    )


# ---- counts from real dossiers -------------------------------------------------------------


def test_usage_counts_submitted_nominees_of_the_campaign(c000, org, users):
    from thidua.dossiers.models import Dossier, Nominee

    edu = org["edu"]
    for status, n in (("submitted", 3), ("draft", 4)):
        d = Dossier.objects.create(
            campaign=c000,
            form_code=GK,
            proposer=edu,
            authority=org["city"],
            title="Đề nghị",
            status=status,
        )
        for i in range(n):
            Nominee.objects.create(
                dossier=d, subject_kind="individual", name=f"GV {status} {i}", category="giao_vien"
            )
    usage = services.quota_usage(c000)
    msgs = [r.message for rs in usage.values() for r in rs]
    assert msgs == ["Phòng Giáo dục và Đào tạo đã đề nghị 3/5 giáo viên."]
