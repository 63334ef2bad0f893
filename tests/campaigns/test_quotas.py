"""The quota/eligibility evaluator, with a passing and a failing case for every seed quota."""

import copy

import pytest

from thidua.campaigns.quotas import (
    Context,
    Line,
    RuleError,
    evaluate,
    failures,
    usage,
    validate_rule,
    validate_rules,
)
from thidua.demo_data.seed_rules import SEED_RULES

# The rules read the legal tables from the database (thidua.legal.read), as seeded.
pytestmark = pytest.mark.django_db

GK = "giay_khen_chu_tich_huyen"
BK = "bang_khen_chu_tich_tinh"
CO = "co_thi_dua_tinh"

EDU = (7, "Phòng Giáo dục và Đào tạo", "department", {"giao_duc"})
CULTURE = (8, "Phòng Văn hóa và Thông tin", "department", set())
WOMEN = (9, "Hội Liên hiệp Phụ nữ thành phố", "mass_org", set())
POLICE = (20, "Công an thành phố", "police", {"cong_an"})
MILITARY = (21, "Ban Chỉ huy quân sự thành phố", "military", {"quan_su"})
HEALTH = (22, "Trung tâm Y tế thành phố", "public_service", {"y_te"})
WARD = (30, "UBND phường Đức Xuân", "ward", set())
COMMUNE = (31, "UBND xã Dương Quang", "commune", set())
ENTERPRISE = (40, "Công ty Cổ phần Xây dựng Bắc Kạn", "enterprise", set())
CITY = (1, "UBND thành phố Bắc Kạn", "city", set())
BLOCK_HEAD = (2, "Khối thi đua các xã, phường", "ward", set())

SEED_000 = SEED_RULES["000"]
SEED_001 = SEED_RULES["001"]
SEED_004 = SEED_RULES["004"]


def line(
    unit,
    key,
    *,
    form=GK,
    subject="individual",
    category=None,
    unit_id=None,
    unit_kind=None,
    name=None,
):
    pid, pname, pkind, tags = unit
    return Line(
        proposer_id=pid,
        proposer_name=pname,
        proposer_kind=pkind,
        proposer_tags=frozenset(tags),
        form=form,
        subject_kind=subject,
        category=category,
        nominee_key=key,
        nominee_unit_id=unit_id,
        nominee_unit_kind=unit_kind,
        nominee_name=name or key,
    )


def many(unit, n, prefix, **kw):
    return [line(unit, f"{prefix}{unit[0]}-{i}", **kw) for i in range(n)]


def only(results, rule_id):
    found = [r for r in results if r.rule_id == rule_id]
    assert len(found) == 1, results
    return found[0]


def check(rules, existing, proposed, rule_id, ctx=None):
    results = evaluate(rules, existing, proposed, ctx or Context())
    return only(results, rule_id), results


# ---- seed 000 ------------------------------------------------------------------------------

D000_OFFICE = (
    "mỗi phòng, ban, ngành, đoàn thể, đơn vị thuộc UBND thành phố không quá 01 tập thể hoặc cá nhân"
)


def test_department_first_nominee_is_within_quota():
    r, results = check(SEED_000, [], [line(CULTURE, "a")], "000_phong_ban")
    assert r.ok and (r.used, r.limit) == (1, 1)
    assert r.message == "Phòng Văn hóa và Thông tin đã đề nghị 1/1 tập thể hoặc cá nhân."
    assert not failures(results)


def test_department_second_nominee_exceeds_quota():
    r, _ = check(SEED_000, [line(CULTURE, "a")], [line(CULTURE, "b")], "000_phong_ban")
    assert not r.ok and (r.used, r.limit) == (2, 1)
    assert r.message == (
        f"Phòng Văn hóa và Thông tin đề nghị 2 tập thể hoặc cá nhân, vượt giới hạn 1 ({D000_OFFICE})."
    )
    assert r.line_keys == ("b",)


def test_mass_organisation_second_nominee_exceeds_quota():
    r, _ = check(SEED_000, [], [line(WOMEN, "a"), line(WOMEN, "b")], "000_phong_ban")
    assert not r.ok and r.message.startswith("Hội Liên hiệp Phụ nữ thành phố đề nghị 2 ")


def test_education_office_teachers_do_not_use_its_department_quota():
    existing = many(EDU, 5, "gv", category="giao_vien") + many(EDU, 5, "hs", category="hoc_sinh")
    results = evaluate(SEED_000, existing, [line(EDU, "tt", subject="collective")], Context())
    r = only(results, "000_phong_ban")
    assert r.ok and r.used == 1
    assert not failures(results)


@pytest.mark.parametrize(
    ("category", "label"), [("giao_vien", "giáo viên"), ("hoc_sinh", "học sinh")]
)
def test_education_office_fifth_teacher_or_pupil_is_within_quota(category, label):
    existing = many(EDU, 4, category, category=category)
    r, _ = check(SEED_000, existing, [line(EDU, "new", category=category)], f"000_{category}")
    assert r.ok
    assert r.message == f"Phòng Giáo dục và Đào tạo đã đề nghị 5/5 {label}."


@pytest.mark.parametrize(
    ("category", "label"), [("giao_vien", "giáo viên"), ("hoc_sinh", "học sinh")]
)
def test_education_office_sixth_teacher_or_pupil_exceeds_quota(category, label):
    existing = many(EDU, 5, category, category=category)
    r, _ = check(SEED_000, existing, [line(EDU, "new", category=category)], f"000_{category}")
    assert not r.ok and (r.used, r.limit) == (6, 5)
    assert r.message == (
        f"Phòng Giáo dục và Đào tạo đề nghị 6 {label}, vượt giới hạn 5 "
        "(5 giáo viên và 5 học sinh do Phòng Giáo dục và Đào tạo đề nghị)."
    )


def test_education_office_sixth_teacher_exceeds_quota():
    existing = many(EDU, 5, "gv", category="giao_vien")
    results = evaluate(SEED_000, existing, [line(EDU, "gv6", category="giao_vien")], Context())
    assert [r.message for r in failures(results)] == [
        "Phòng Giáo dục và Đào tạo đề nghị 6 giáo viên, vượt giới hạn 5 "
        "(5 giáo viên và 5 học sinh do Phòng Giáo dục và Đào tạo đề nghị)."
    ]


D000_ARMED = (
    "Công an thành phố, Ban Chỉ huy quân sự, Trung tâm Y tế thành phố: mỗi đơn vị không quá 03 "
    "tập thể hoặc cá nhân"
)


@pytest.mark.parametrize("unit", [POLICE, MILITARY, HEALTH], ids=["police", "military", "health"])
def test_police_military_health_third_nominee_is_within_quota(unit):
    r, results = check(SEED_000, many(unit, 2, "x"), [line(unit, "new")], "000_ca_qs_yt")
    assert r.ok and r.message == f"{unit[1]} đã đề nghị 3/3 tập thể hoặc cá nhân."
    assert not failures(results)  # the health centre is not held to the ≤1 office quota


@pytest.mark.parametrize("unit", [POLICE, MILITARY, HEALTH], ids=["police", "military", "health"])
def test_police_military_health_fourth_nominee_exceeds_quota(unit):
    r, _ = check(SEED_000, many(unit, 3, "x"), [line(unit, "new")], "000_ca_qs_yt")
    assert not r.ok and (r.used, r.limit) == (4, 3)
    assert r.message == f"{unit[1]} đề nghị 4 tập thể hoặc cá nhân, vượt giới hạn 3 ({D000_ARMED})."


D000_COMMUNE = "UBND mỗi xã, phường không quá 03 tập thể hoặc cá nhân xuất sắc tiêu biểu"


@pytest.mark.parametrize("unit", [WARD, COMMUNE], ids=["ward", "commune"])
def test_commune_or_ward_third_nominee_is_within_quota(unit):
    r, _ = check(SEED_000, many(unit, 2, "x"), [line(unit, "new")], "000_xa_phuong")
    assert r.ok and r.message == f"{unit[1]} đã đề nghị 3/3 tập thể hoặc cá nhân."


@pytest.mark.parametrize("unit", [WARD, COMMUNE], ids=["ward", "commune"])
def test_commune_or_ward_fourth_nominee_exceeds_quota(unit):
    r, _ = check(SEED_000, many(unit, 3, "x"), [line(unit, "new")], "000_xa_phuong")
    assert not r.ok
    assert (
        r.message == f"{unit[1]} đề nghị 4 tập thể hoặc cá nhân, vượt giới hạn 3 ({D000_COMMUNE})."
    )


HOUSEHOLD_QUOTAS = [
    ("thon_kieu_mau", 1, "thôn, tổ dân phố kiểu mẫu", "collective"),
    ("gia_dinh_chinh_sach", 2, "gia đình chính sách tiêu biểu", "household"),
    ("ho_thoat_ngheo", 2, "hộ gia đình thoát nghèo bền vững", "household"),
    ("ho_san_xuat_gioi", 2, "hộ nông dân sản xuất kinh doanh giỏi", "household"),
]


@pytest.mark.parametrize(("category", "limit", "label", "subject"), HOUSEHOLD_QUOTAS)
def test_commune_category_quota_reached_exactly_is_ok(category, limit, label, subject):
    existing = many(WARD, limit - 1, category, category=category, subject=subject)
    proposed = [line(WARD, "new", category=category, subject=subject)]
    r, results = check(SEED_000, existing, proposed, f"000_{category}")
    assert r.ok and r.message == f"UBND phường Đức Xuân đã đề nghị {limit}/{limit} {label}."
    # households and the model village do not use the ward's "≤3 collectives or individuals"
    assert not failures(results)


@pytest.mark.parametrize(("category", "limit", "label", "subject"), HOUSEHOLD_QUOTAS)
def test_commune_category_quota_plus_one_exceeds(category, limit, label, subject):
    existing = many(COMMUNE, limit, category, category=category, subject=subject)
    proposed = [line(COMMUNE, "new", category=category, subject=subject)]
    r, _ = check(SEED_000, existing, proposed, f"000_{category}")
    assert not r.ok and (r.used, r.limit) == (limit + 1, limit)
    assert r.message == (
        f"UBND xã Dương Quang đề nghị {limit + 1} {label}, vượt giới hạn {limit} "
        f"(mỗi xã, phường không quá {limit:02d} {label})."
    )


def test_ward_full_household_quotas_plus_three_individuals_all_pass():
    existing = many(WARD, 3, "x") + [
        line(WARD, "v", category="thon_kieu_mau", subject="collective")
    ]
    proposed = many(WARD, 2, "gd", category="gia_dinh_chinh_sach", subject="household")
    assert not failures(evaluate(SEED_000, existing, proposed, Context()))


def test_enterprise_first_nominee_is_within_quota_and_second_exceeds():
    ok, _ = check(SEED_000, [], [line(ENTERPRISE, "a")], "000_doanh_nghiep")
    assert (
        ok.ok
        and ok.message == "Công ty Cổ phần Xây dựng Bắc Kạn đã đề nghị 1/1 tập thể hoặc cá nhân."
    )
    bad, _ = check(SEED_000, [line(ENTERPRISE, "a")], [line(ENTERPRISE, "b")], "000_doanh_nghiep")
    assert not bad.ok and bad.message.startswith(
        "Công ty Cổ phần Xây dựng Bắc Kạn đề nghị 2 tập thể hoặc cá nhân, vượt giới hạn 1 ("
    )


BK_LABEL = "tập thể, cá nhân đề nghị Bằng khen của Chủ tịch UBND tỉnh"


def test_city_tenth_provincial_bang_khen_proposal_is_within_quota():
    existing = many(CITY, 9, "bk", form=BK)
    r, _ = check(SEED_000, existing, [line(CITY, "new", form=BK)], "000_bang_khen_tinh")
    assert r.ok and r.message == f"Đã đề nghị 10/10 {BK_LABEL}."


def test_city_eleventh_provincial_bang_khen_proposal_exceeds_quota():
    existing = many(CITY, 10, "bk", form=BK)
    r, _ = check(SEED_000, existing, [line(CITY, "new", form=BK)], "000_bang_khen_tinh")
    assert not r.ok and (r.used, r.limit) == (11, 10)
    assert r.message == (
        f"Đã đề nghị 11 {BK_LABEL}, vượt giới hạn 10 (UBND thành phố lựa chọn 10 tập thể, cá nhân "
        "để đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh)."
    )


def test_provincial_bang_khen_total_counts_across_proposers():
    existing = many(CITY, 6, "bk", form=BK) + many(WARD, 4, "bk", form=BK)
    r, _ = check(SEED_000, existing, [line(EDU, "new", form=BK)], "000_bang_khen_tinh")
    assert not r.ok and r.used == 11


def test_other_forms_do_not_count_against_giay_khen_quotas():
    existing = many(CULTURE, 3, "bk", form=BK)
    r, _ = check(SEED_000, existing, [line(CULTURE, "new")], "000_phong_ban")
    assert r.ok and r.used == 1


# ---- seed 001 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit", [CULTURE, WOMEN, ENTERPRISE], ids=["department", "mass_org", "unit"]
)
def test_seed_001_department_or_unit_first_nominee_is_within_quota(unit):
    r, _ = check(SEED_001, [], [line(unit, "a", form=BK)], "001_phong_ban")
    assert r.ok and r.message == f"{unit[1]} đã đề nghị 1/1 tập thể hoặc cá nhân."


@pytest.mark.parametrize(
    "unit", [CULTURE, WOMEN, ENTERPRISE], ids=["department", "mass_org", "unit"]
)
def test_seed_001_department_or_unit_second_nominee_exceeds_quota(unit):
    # seed 001 counts every proposal to the city, whatever form the city later chooses
    r, _ = check(SEED_001, [line(unit, "a", form=GK)], [line(unit, "b", form=BK)], "001_phong_ban")
    assert not r.ok
    assert r.message == (
        f"{unit[1]} đề nghị 2 tập thể hoặc cá nhân, vượt giới hạn 1 (mỗi phòng, ban, ngành, "
        "đoàn thể, đơn vị không quá 01 tập thể hoặc cá nhân)."
    )


@pytest.mark.parametrize("unit", [POLICE, MILITARY, HEALTH], ids=["police", "military", "health"])
def test_seed_001_police_military_health_third_ok_fourth_exceeds(unit):
    ok, results = check(SEED_001, many(unit, 2, "x"), [line(unit, "n")], "001_ca_qs_yt")
    assert ok.ok and ok.message == f"{unit[1]} đã đề nghị 3/3 tập thể hoặc cá nhân."
    assert not failures(results)
    bad, _ = check(SEED_001, many(unit, 3, "x"), [line(unit, "n")], "001_ca_qs_yt")
    assert not bad.ok and bad.message == (
        f"{unit[1]} đề nghị 4 tập thể hoặc cá nhân, vượt giới hạn 3 (Công an thành phố, Ban Chỉ "
        "huy quân sự, Trung tâm Y tế: mỗi đơn vị không quá 03 tập thể hoặc cá nhân)."
    )


@pytest.mark.parametrize("unit", [WARD, COMMUNE], ids=["ward", "commune"])
def test_seed_001_commune_or_ward_third_ok_fourth_exceeds(unit):
    ok, _ = check(SEED_001, many(unit, 2, "x"), [line(unit, "n")], "001_xa_phuong")
    assert ok.ok and (ok.used, ok.limit) == (3, 3)
    bad, _ = check(SEED_001, many(unit, 3, "x"), [line(unit, "n")], "001_xa_phuong")
    assert not bad.ok and bad.message == (
        f"{unit[1]} đề nghị 4 tập thể hoặc cá nhân, vượt giới hạn 3 (UBND mỗi xã, phường không "
        "quá 03 tập thể hoặc cá nhân)."
    )


# ---- seed 004 ------------------------------------------------------------------------------

KIM_TAN = {"unit_id": 101, "unit_kind": "ward", "subject": "locality", "name": "Phường Kim Tân"}
COC_LEU = {"unit_id": 102, "unit_kind": "ward", "subject": "locality", "name": "Phường Cốc Lếu"}
CAM_DUONG = {"unit_id": 103, "unit_kind": "commune", "subject": "locality", "name": "Xã Cam Đường"}
RANKS = {101: (5, "Khối các phường", 1), 102: (5, "Khối các phường", 2), 103: (6, "Khối các xã", 1)}
GOOD = {"kim_tan": "hoan_thanh_tot", "coc_leu": "hoan_thanh_xuat_sac", "cam_duong": "hoan_thanh"}


def ctx004(**kw):
    return Context(prior_ratings=dict(GOOD), block_ranks=dict(RANKS), upward_keys=set(), **kw)


def test_block_leader_with_good_prior_rating_gets_provincial_flag():
    results = evaluate(SEED_004, [], [line(CITY, "kim_tan", form=CO, **KIM_TAN)], ctx004())
    assert not failures(results)
    lead = only(results, "004_co_dan_dau_khoi")
    assert lead.message == (
        "Phường Kim Tân xếp thứ 1 trong Khối các phường, đủ điều kiện đề nghị Cờ thi đua của UBND tỉnh."
    )
    assert (lead.used, lead.limit) == (1, 1)
    rated = only(results, "004_co_xep_loai")
    assert rated.ok and rated.message == (
        "Phường Kim Tân được xếp loại năm trước “Hoàn thành tốt nhiệm vụ”, đạt yêu cầu "
        "“Hoàn thành tốt nhiệm vụ” trở lên."
    )


def test_second_in_block_is_not_block_leader():
    r, _ = check(
        SEED_004, [], [line(CITY, "coc_leu", form=CO, **COC_LEU)], "004_co_dan_dau_khoi", ctx004()
    )
    assert not r.ok and (r.used, r.limit) == (2, 1)
    assert r.message == (
        "Phường Cốc Lếu xếp thứ 2 trong Khối các phường, không phải đơn vị dẫn đầu khối nên "
        "không được đề nghị Cờ thi đua của UBND tỉnh."
    )


def test_tied_block_leaders_both_qualify():
    ctx = ctx004()
    ctx.block_ranks[102] = (5, "Khối các phường", 1)
    r, _ = check(
        SEED_004, [], [line(CITY, "coc_leu", form=CO, **COC_LEU)], "004_co_dan_dau_khoi", ctx
    )
    assert r.ok


def test_unranked_unit_cannot_get_provincial_flag():
    ctx = ctx004()
    ctx.block_ranks.pop(101)
    r, _ = check(
        SEED_004, [], [line(CITY, "kim_tan", form=CO, **KIM_TAN)], "004_co_dan_dau_khoi", ctx
    )
    assert not r.ok
    assert r.message == (
        "Phường Kim Tân chưa có thứ hạng trong khối thi đua nào: Cờ thi đua của UBND tỉnh chỉ xét "
        "đơn vị dẫn đầu khối."
    )


def test_block_leader_rule_limited_to_listed_blocks():
    rule = {
        "id": "b",
        "kind": "block_leader",
        "match": {"forms": [CO]},
        "blocks": [6],
        "label": "Cờ thi đua của UBND tỉnh",
    }
    [r] = evaluate([rule], [], [line(CITY, "kim_tan", form=CO, **KIM_TAN)], ctx004())
    assert not r.ok
    assert r.message == (
        "Phường Kim Tân thuộc Khối các phường, không thuộc các khối được xét Cờ thi đua của UBND tỉnh."
    )
    [r] = evaluate([rule], [], [line(CITY, "cam_duong", form=CO, **CAM_DUONG)], ctx004())
    assert r.ok


def test_block_leader_top_n_two_admits_second():
    rule = {"id": "b", "kind": "block_leader", "match": {"forms": [CO]}, "top_n": 2, "label": "Cờ"}
    [r] = evaluate([rule], [], [line(CITY, "coc_leu", form=CO, **COC_LEU)], ctx004())
    assert r.ok and (r.used, r.limit) == (2, 2)


def test_block_leader_with_prior_rating_below_good_fails():
    r, _ = check(
        SEED_004, [], [line(CITY, "cam_duong", form=CO, **CAM_DUONG)], "004_co_xep_loai", ctx004()
    )
    assert not r.ok
    assert r.message == (
        "Xã Cam Đường được xếp loại năm trước “Hoàn thành nhiệm vụ”, chưa đạt mức “Hoàn thành tốt "
        "nhiệm vụ” trở lên theo yêu cầu của Cờ thi đua của UBND tỉnh."
    )


def test_missing_prior_rating_fails_with_clear_message():
    ctx = ctx004()
    del ctx.prior_ratings["kim_tan"]
    r, _ = check(SEED_004, [], [line(CITY, "kim_tan", form=CO, **KIM_TAN)], "004_co_xep_loai", ctx)
    assert not r.ok
    assert r.message == (
        "Chưa có kết quả xếp loại năm trước của Phường Kim Tân: Cờ thi đua của UBND tỉnh yêu cầu "
        "“Hoàn thành tốt nhiệm vụ” trở lên."
    )


def test_excellent_rating_is_above_good():
    r, _ = check(
        SEED_004, [], [line(CITY, "coc_leu", form=CO, **COC_LEU)], "004_co_xep_loai", ctx004()
    )
    assert r.ok


def test_one_commune_or_ward_for_the_provincial_flag_ok_and_second_exceeds():
    one = [line(CITY, "kim_tan", form=CO, **KIM_TAN)]
    ok, _ = check(SEED_004, [], one, "004_co_xa_phuong", ctx004())
    assert ok.ok and ok.message == "Đã đề nghị 1/1 xã, phường đề nghị Cờ thi đua của UBND tỉnh."
    bad, _ = check(
        SEED_004, one, [line(CITY, "cam_duong", form=CO, **CAM_DUONG)], "004_co_xa_phuong", ctx004()
    )
    assert not bad.ok and bad.message == (
        "Đã đề nghị 2 xã, phường đề nghị Cờ thi đua của UBND tỉnh, vượt giới hạn 1 (01 xã hoặc "
        "phường tiêu biểu nhất của thành phố)."
    )


def test_one_commune_or_ward_for_provincial_bang_khen_ok_and_second_exceeds():
    one = [line(CITY, "coc_leu", form=BK, **COC_LEU)]
    ok, _ = check(SEED_004, [], one, "004_bk_xa_phuong", ctx004())
    assert ok.ok
    bad, _ = check(
        SEED_004, one, [line(CITY, "kim_tan", form=BK, **KIM_TAN)], "004_bk_xa_phuong", ctx004()
    )
    assert not bad.ok and (bad.used, bad.limit) == (2, 1)


def test_provincial_bang_khen_for_ward_needs_good_rating():
    r, _ = check(
        SEED_004, [], [line(CITY, "cam_duong", form=BK, **CAM_DUONG)], "004_bk_xep_loai", ctx004()
    )
    assert not r.ok and "Bằng khen của Chủ tịch UBND tỉnh" in r.message


GK_EXCL = (
    "nên không được đề nghị đồng thời Giấy khen của Chủ tịch UBND thành phố (không là đơn vị được "
    "đề nghị Tỉnh khen trong Đợt thi đua này)."
)


def test_ward_proposed_to_province_is_not_also_given_a_city_award():
    existing = [line(CITY, "kim_tan", form=CO, **KIM_TAN)]
    r, _ = check(
        SEED_004,
        existing,
        [line(BLOCK_HEAD, "kim_tan", form=GK, **KIM_TAN)],
        "004_gk_khong_trung_tinh",
        ctx004(),
    )
    assert not r.ok and r.line_keys == ("kim_tan",)
    assert r.message == (
        "Phường Kim Tân đã được đề nghị Cờ thi đua của Ủy ban nhân dân tỉnh trong đợt thi đua này "
        + GK_EXCL
    )


def test_city_award_first_then_provincial_proposal_is_also_caught():
    existing = [line(BLOCK_HEAD, "kim_tan", form=GK, **KIM_TAN)]
    r, _ = check(
        SEED_004,
        existing,
        [line(CITY, "kim_tan", form=BK, **KIM_TAN)],
        "004_gk_khong_trung_tinh",
        ctx004(),
    )
    assert not r.ok
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in r.message


def test_ward_in_upward_keys_is_not_also_given_a_city_award():
    ctx = ctx004()
    ctx.upward_keys.add("coc_leu")
    r, _ = check(
        SEED_004,
        [],
        [line(BLOCK_HEAD, "coc_leu", form=GK, **COC_LEU)],
        "004_gk_khong_trung_tinh",
        ctx,
    )
    assert not r.ok
    assert r.message == (
        "Phường Cốc Lếu đã được đề nghị khen thưởng cấp trên trong đợt thi đua này " + GK_EXCL
    )


def test_ward_not_proposed_to_province_may_get_city_award():
    existing = [line(CITY, "kim_tan", form=CO, **KIM_TAN)]
    r, _ = check(
        SEED_004,
        existing,
        [line(BLOCK_HEAD, "coc_leu", form=GK, **COC_LEU)],
        "004_gk_khong_trung_tinh",
        ctx004(),
    )
    assert r.ok and r.line_keys == ("coc_leu",)
    assert r.message == (
        "1 đối tượng đề nghị Giấy khen của Chủ tịch UBND thành phố không trùng với đề nghị khen "
        "thưởng cấp trên trong đợt thi đua này."
    )


def wards(n, start=0):
    return [
        line(
            BLOCK_HEAD,
            f"p{i}",
            unit_id=200 + i,
            unit_kind="ward",
            subject="locality",
            name=f"Phường {i}",
        )
        for i in range(start, start + n)
    ]


def communes(n, start=0):
    return [
        line(
            BLOCK_HEAD,
            f"x{i}",
            unit_id=300 + i,
            unit_kind="commune",
            subject="locality",
            name=f"Xã {i}",
        )
        for i in range(start, start + n)
    ]


def test_two_communes_for_city_award_is_ok():
    r, _ = check(SEED_004, communes(1), communes(1, 1), "004_gk_xa_phuong", ctx004())
    assert r.ok and r.message == "Đã đề nghị 2/2 xã."


def test_third_commune_for_city_award_exceeds_quota():
    r, _ = check(SEED_004, communes(2), communes(1, 2), "004_gk_xa_phuong", ctx004())
    assert not r.ok and (r.used, r.limit) == (3, 2)
    assert r.message == (
        "Đã đề nghị 3 xã, vượt giới hạn 2 (Giấy khen của Chủ tịch UBND thành phố tặng 02 xã, "
        "03 phường tiêu biểu)."
    )


def test_three_wards_for_city_award_is_ok_and_fourth_exceeds():
    ok, _ = check(SEED_004, wards(2), wards(1, 2), "004_gk_xa_phuong", ctx004())
    assert ok.ok and ok.message == "Đã đề nghị 3/3 phường."
    bad, _ = check(SEED_004, wards(3), wards(1, 3), "004_gk_xa_phuong", ctx004())
    assert not bad.ok and bad.message.startswith("Đã đề nghị 4 phường, vượt giới hạn 3 (")


def test_wards_and_communes_are_counted_separately():
    results = evaluate(SEED_004, communes(2) + wards(2), wards(1, 2), ctx004())
    r = only(results, "004_gk_xa_phuong")  # only the ward group is touched
    assert r.ok and r.used == 3


def village(unit, key):
    return line(unit, key, unit_id=None, unit_kind="village", subject="locality", name=key)


@pytest.mark.parametrize("unit", [WARD, COMMUNE], ids=["ward", "commune"])
def test_one_village_per_commune_or_ward_ok_and_second_exceeds(unit):
    ok, _ = check(SEED_004, [], [village(unit, "Tổ 1")], "004_gk_thon", ctx004())
    assert ok.ok and ok.message == f"{unit[1]} đã đề nghị 1/1 thôn, tổ dân phố."
    bad, _ = check(
        SEED_004, [village(unit, "Tổ 1")], [village(unit, "Tổ 2")], "004_gk_thon", ctx004()
    )
    assert not bad.ok and bad.message == (
        f"{unit[1]} đề nghị 2 thôn, tổ dân phố, vượt giới hạn 1 (mỗi xã, phường lựa chọn 01 thôn, "
        "tổ dân phố tiêu biểu nhất)."
    )


def test_villages_of_different_communes_do_not_share_a_quota():
    r, _ = check(
        SEED_004, [village(WARD, "Tổ 1")], [village(COMMUNE, "Thôn 2")], "004_gk_thon", ctx004()
    )
    assert r.ok and r.used == 1


def units(n, kind="department", start=0):
    return [
        line(
            CITY, f"u{i}", unit_id=400 + i, unit_kind=kind, subject="collective", name=f"Đơn vị {i}"
        )
        for i in range(start, start + n)
    ]


def test_tenth_unit_for_city_award_is_ok():
    existing = units(5) + units(4, "mass_org", 5)
    r, _ = check(SEED_004, existing, units(1, "military", 9), "004_gk_don_vi", ctx004())
    assert r.ok and r.message == "Đã đề nghị 10/10 đơn vị."


def test_eleventh_unit_for_city_award_exceeds_quota():
    r, _ = check(SEED_004, units(10), units(1, "police", 10), "004_gk_don_vi", ctx004())
    assert not r.ok and r.message == (
        "Đã đề nghị 11 đơn vị, vượt giới hạn 10 (Giấy khen của Chủ tịch UBND thành phố tặng 10 "
        "đơn vị tiêu biểu thuộc Ban Đảng, đoàn thể, UBMTTQ, cơ quan, đơn vị lực lượng vũ trang "
        "thành phố)."
    )


@pytest.mark.parametrize(
    ("kind", "limit", "label"), [("coop", 2, "hợp tác xã"), ("enterprise", 3, "doanh nghiệp")]
)
def test_coops_and_enterprises_at_quota_are_ok(kind, limit, label):
    r, _ = check(SEED_004, units(limit - 1, kind), units(1, kind, 50), "004_gk_htx_dn", ctx004())
    assert r.ok and r.message == f"Đã đề nghị {limit}/{limit} {label}."


@pytest.mark.parametrize(
    ("kind", "limit", "label"), [("coop", 2, "hợp tác xã"), ("enterprise", 3, "doanh nghiệp")]
)
def test_coops_and_enterprises_over_quota_exceed(kind, limit, label):
    r, _ = check(SEED_004, units(limit, kind), units(1, kind, 50), "004_gk_htx_dn", ctx004())
    assert not r.ok and (r.used, r.limit) == (limit + 1, limit)
    assert r.message == (
        f"Đã đề nghị {limit + 1} {label}, vượt giới hạn {limit} (Giấy khen của Chủ tịch UBND thành "
        "phố tặng 02 hợp tác xã, 03 doanh nghiệp tiêu biểu)."
    )


# ---- counting, usage, validation ----------------------------------------------------------


def test_resubmitted_line_is_not_counted_twice():
    existing = many(EDU, 5, "gv", category="giao_vien")
    r, _ = check(SEED_000, existing, [existing[-1]], "000_giao_vien")
    assert r.ok and r.used == 5


def test_untouched_groups_are_not_reported_by_evaluate():
    existing = many(POLICE, 4, "x")  # already over, but not touched by this proposal
    results = evaluate(SEED_000, existing, [line(CULTURE, "a")], Context())
    assert [r.rule_id for r in results] == ["000_phong_ban"]


def test_usage_reports_every_group_for_dashboards():
    existing = many(EDU, 5, "gv", category="giao_vien") + many(POLICE, 4, "x")
    results = usage(SEED_000, existing)
    assert [(r.rule_id, r.ok, r.message) for r in results] == [
        (
            "000_ca_qs_yt",
            False,
            f"Công an thành phố đề nghị 4 tập thể hoặc cá nhân, vượt giới hạn 3 ({D000_ARMED}).",
        ),
        ("000_giao_vien", True, "Phòng Giáo dục và Đào tạo đã đề nghị 5/5 giáo viên."),
    ]
    assert len(results[1].line_keys) == 5


def test_seed_rules_are_valid_and_ids_unique():
    for rules in SEED_RULES.values():
        assert validate_rules(rules) == []
    assert set(SEED_RULES) == {"000", "001", "004"}


def valid_quota(**kw):
    rule = {"id": "q", "kind": "quota", "scope": "total", "max": 1, "label": "cá nhân"}
    rule.update(kw)
    return rule


@pytest.mark.parametrize(
    ("rule", "error"),
    [
        ([], "Quy tắc phải là một đối tượng (dict)."),
        (valid_quota(id=""), "Quy tắc thiếu mã (id)."),
        (valid_quota(kind="bogus"), "Quy tắc “q”: loại “bogus” không hợp lệ."),
        (valid_quota(scope="per_block"), "Quy tắc “q”: phạm vi (scope) “per_block” không hợp lệ."),
        (valid_quota(max=-1), "Quy tắc “q”: giới hạn (max) phải là số nguyên không âm."),
        (valid_quota(max=True), "Quy tắc “q”: giới hạn (max) phải là số nguyên không âm."),
        (valid_quota(label=""), "Quy tắc “q”: thiếu nhãn (label)."),
        (valid_quota(foo=1), "Quy tắc “q”: khóa không hợp lệ: foo."),
        (
            valid_quota(match={"forms": ["bang_khen_vua"]}),
            "Quy tắc “q”: match.forms: không có hình thức khen thưởng mã “bang_khen_vua”.",
        ),
        (valid_quota(match={"colour": ["x"]}), "Quy tắc “q”: match: khóa “colour” không hợp lệ."),
        (valid_quota(match={"forms": "x"}), "Quy tắc “q”: match.forms phải là một danh sách."),
        (
            valid_quota(match={"categories": ["phi_cong"]}),
            "Quy tắc “q”: match.categories: không có nhóm đối tượng “phi_cong”.",
        ),
        (valid_quota(exclude={}), "Quy tắc “q”: exclude[0] rỗng sẽ loại trừ mọi dòng."),
        (
            {"id": "r", "kind": "prior_rating", "min": "gioi", "label": "Cờ"},
            "Quy tắc “r”: mức xếp loại tối thiểu “gioi” không hợp lệ.",
        ),
        (
            {"id": "b", "kind": "block_leader", "top_n": 0, "label": "Cờ"},
            "Quy tắc “b”: top_n phải là số nguyên từ 1 trở lên.",
        ),
        (
            {"id": "e", "kind": "exclusion", "upward": False, "label": "GK"},
            "Quy tắc “e”: không có căn cứ loại trừ nào.",
        ),
        (
            {
                "id": "k",
                "kind": "quota",
                "scope": "per_nominee_kind",
                "max_by_kind": {"ward": -1},
                "label": "x",
            },
            "Quy tắc “k”: max_by_kind phải ánh xạ loại đơn vị → số nguyên không âm.",
        ),
        (
            {"id": "m", "kind": "quota", "scope": "total", "label": "x"},
            "Quy tắc “m”: thiếu giới hạn (max).",
        ),
    ],
)
def test_validate_rule_reports_vietnamese_errors(rule, error):
    assert error in validate_rule(rule)


def test_valid_rule_has_no_errors():
    assert validate_rule(valid_quota()) == []


def test_duplicate_rule_ids_are_reported():
    assert "Mã quy tắc “q” bị trùng." in validate_rules([valid_quota(), valid_quota()])


def test_evaluate_refuses_malformed_rules():
    with pytest.raises(RuleError) as exc:
        evaluate([valid_quota(max=-1)], [], [line(CULTURE, "a")], Context())
    assert exc.value.errors == ["Quy tắc “q”: giới hạn (max) phải là số nguyên không âm."]


def test_rules_survive_a_json_round_trip():
    import json

    rules = json.loads(json.dumps(copy.deepcopy(SEED_004)))
    assert validate_rules(rules) == []
    r, _ = check(rules, communes(2), communes(1, 2), "004_gk_xa_phuong", ctx004())
    assert not r.ok and r.limit == 2


def test_zero_quota_blocks_any_proposal():
    [r] = evaluate([valid_quota(max=0)], [], [line(CULTURE, "a")], Context())
    assert not r.ok and r.message == "Đã đề nghị 1 cá nhân, vượt giới hạn 0."


def test_rules_use_org_unit_kinds_without_aliases():
    """Rules name org.UnitKind values; a village rule lists both village kinds, and the
    retired rule spellings ("district", "armed_forces") match nothing."""
    from thidua.campaigns.quotas import Context, Line, evaluate

    def rule(kinds):
        return {
            "id": "v",
            "kind": "quota",
            "scope": "per_proposer",
            "max": 1,
            "label": "thôn, tổ dân phố",
            "match": {"nominee_unit_kinds": kinds},
        }

    lines = [
        Line(
            proposer_id=1,
            proposer_name="Phường A",
            proposer_kind="ward",
            nominee_key=f"unit:{i}",
            nominee_unit_id=i,
            nominee_unit_kind=kind,
            subject_kind="locality",
        )
        for i, kind in ((10, "residential_group"), (11, "village"))
    ]
    ctx = Context(prior_ratings={}, block_ranks={}, upward_keys=set())
    both = evaluate([rule(["village", "residential_group"])], [], lines, ctx)
    assert [r.ok for r in both] == [False]
    retired = evaluate([rule(["district"])], [], lines, ctx)
    assert retired == []


def test_usage_tells_apart_proposers_named_by_a_rule_that_share_every_other_field():
    """Issue 13: the evaluator remembers whether a rule applies per combination of the
    line's fields (hundreds of proposers on the campaign page share them); a rule naming
    proposers (in match or in exclude) still applies to each proposer as named."""
    ward_2 = (32, "UBND phường Sông Cầu", "ward", set())
    ward_3 = (33, "UBND phường Nguyễn Thị Minh Khai", "ward", set())
    rules = [
        {
            "id": "named",
            "kind": "quota",
            "scope": "per_proposer",
            "match": {"forms": [GK], "proposer_ids": [WARD[0], ward_2[0]]},
            "exclude": {"proposer_ids": [ward_2[0]]},
            "max": 1,
            "label": "cá nhân",
        },
        {
            "id": "every_ward",
            "kind": "quota",
            "scope": "per_proposer",
            "match": {"forms": [GK], "proposer_kinds": ["ward"]},
            "max": 1,
            "label": "cá nhân",
        },
    ]
    existing = many(WARD, 2, "a") + many(ward_2, 2, "b") + many(ward_3, 1, "c")
    by_rule: dict[str, list[str]] = {}
    for r in usage(rules, existing):
        by_rule.setdefault(r.rule_id, []).append(r.message)
    assert by_rule["named"] == ["UBND phường Đức Xuân đề nghị 2 cá nhân, vượt giới hạn 1."]
    assert by_rule["every_ward"] == [
        "UBND phường Đức Xuân đề nghị 2 cá nhân, vượt giới hạn 1.",
        "UBND phường Sông Cầu đề nghị 2 cá nhân, vượt giới hạn 1.",
        "UBND phường Nguyễn Thị Minh Khai đã đề nghị 1/1 cá nhân.",
    ]
