"""`campaign_from_extraction` on each seed plan, field by field."""

from datetime import date

import pytest

from tests.campaigns.conftest import seed_text
from thidua.campaigns import rulemap
from thidua.campaigns.enums import DeadlineKind
from thidua.campaigns.quotas import validate_rules
from thidua.demo_data.seed_rules import SEED_RULES
from thidua.planimport.extract import extract_plan


def test_seed_000_fields(import_seed):
    c = import_seed("000")
    assert c.title.startswith("Phát động Đợt thi đua đặc biệt chào mừng kỷ niệm 10 năm")
    assert (c.start_date, c.end_date) == (date(2024, 10, 15), date(2025, 1, 15))
    assert c.kind == "theo_dot" and c.doc_type == "KH" and c.number == "/KH-UBND"
    assert c.slogan.startswith("Đảng bộ, Chính quyền và Nhân dân thành phố Bắc Kạn chung sức")
    assert len(c.content_areas) == 8
    assert c.parent_document.startswith("Kế hoạch số 227-KH/TU ngày 07 tháng 5 năm 2024")
    assert (c.anniversary_name, c.anniversary_date) == (
        "10 năm ngày thành lập thành phố Bắc Kạn",
        date(2025, 3, 11),
    )
    assert [(d.kind, d.date) for d in c.deadlines.all()] == [
        (DeadlineKind.DOSSIER, date(2025, 1, 22)),
        (DeadlineKind.REPORT, date(2025, 1, 25)),
    ]
    forms = list(c.award_forms.all())
    assert [f.form_code for f in forms] == [
        "giay_khen_thu_truong",
        "giay_khen_chu_tich_huyen",
        "bang_khen_chu_tich_tinh",
    ]
    assert [f.upward for f in forms] == [False, False, True]
    assert forms[1].subjects == ["collective", "individual", "household"]
    assert len(forms[1].required_documents) == 3 and forms[1].required_documents[0].startswith(
        "Tờ trình"
    )
    assert c.responsibilities.count() == 3
    assert len(c.rules) == 11 and validate_rules(c.rules) == []
    assert c.source.spans["title"]["text"].startswith("Phát động Đợt thi đua đặc biệt")
    assert "Đợt thi đua" in c.source.text


@pytest.mark.parametrize(("seed", "count"), [("000", 11), ("001", 3), ("004", 12)])
def test_seed_rules_cover_every_handwritten_rule(seed, count):
    mapped = rulemap.rules_from_extraction(extract_plan(seed_text(seed)))
    assert rulemap.coverage(mapped, SEED_RULES[seed]) == (count, count)
    assert rulemap.missing(mapped, SEED_RULES[seed]) == []


def test_missing_seed_rule_stops_the_demo_loudly(org):
    from thidua.demo_data import campaigns as demo
    from thidua.demo_data.seed_rules import SeedRulesMissing

    reference = SEED_RULES["001"]
    SEED_RULES["001"] = [*reference, {**reference[0], "id": "001_khong_co", "max": 7}]
    try:
        with pytest.raises(SeedRulesMissing, match="001_khong_co"):
            demo.seed_rules("001", org["city"])
    finally:
        SEED_RULES["001"] = reference


def test_rulemap_has_no_seed_wording():
    """The mapping reads the genre's vocabulary, not the seeds' sentences."""
    import inspect

    source = inspect.getsource(rulemap)
    for phrase in ("gia đình chính sách", "thoát nghèo", "kiểu mẫu", "sản xuất kinh doanh giỏi"):
        assert phrase not in source
    assert "ORG_TO_RULE_KIND" not in source and "district" not in source


def test_seed_001_fields(import_seed):
    c = import_seed("001")
    assert (c.start_date, c.end_date) == (date(2024, 5, 25), date(2024, 8, 5))
    assert c.parent_document.startswith(
        "Kế hoạch số 327/KH-UBND ngày 12/5/2024 của UBND tỉnh Bắc Kạn"
    )
    assert [d.date for d in c.deadlines.all()] == [date(2024, 8, 9), date(2024, 8, 10)]
    maxima = sorted(r["max"] for r in c.rules)
    assert maxima == [1, 3, 3]  # offices ≤1; police/military/health ≤3; communes/wards ≤3


def test_seed_002_programme_with_milestones(import_seed, org):
    c = import_seed("002", issuer=org["province"])
    assert c.kind == "chuong_trinh"
    assert (c.start_date, c.end_date) == (date(2021, 1, 1), date(2025, 12, 31))
    assert len(c.content_areas) == 7
    dated = list(c.deadlines.all())
    assert len(dated) >= 8 and all(d.kind == DeadlineKind.OTHER for d in dated)
    assert date(2021, 9, 30) in [d.date for d in dated]  # "2021-09" milestone
    assert c.award_forms.count() == 0 and c.rules == []


def test_seed_003_yearly_dispatch(import_seed, org):
    c = import_seed("003", issuer=org["province"])
    assert c.kind == "hang_nam" and c.number == "/UBND-NCPC"
    assert (c.start_date, c.end_date) == (date(2025, 1, 1), date(2025, 12, 31))
    assert len(c.content_areas) == 4


def test_seed_004_fields_and_eligibility_rules(import_seed):
    c = import_seed("004")
    assert (c.start_date, c.end_date) == (date(2020, 10, 1), date(2021, 6, 30))
    kinds = [(d.kind, d.date) for d in c.deadlines.all()]
    assert kinds == [
        (DeadlineKind.REGISTRATION, date(2020, 10, 20)),
        (DeadlineKind.REGISTRATION_FORWARD, date(2020, 10, 23)),
        (DeadlineKind.DOSSIER_TO_BLOCK, date(2021, 7, 5)),
        (DeadlineKind.DOSSIER, date(2021, 7, 10)),
    ]
    assert {r["kind"] for r in c.rules} == {"quota", "block_leader", "prior_rating", "exclusion"}
    excl = next(r for r in c.rules if r["kind"] == "exclusion")
    assert excl["excluded_by_forms"] == ["co_thi_dua_tinh", "bang_khen_chu_tich_tinh"]
    forms = {f.form_code: f for f in c.award_forms.all()}
    # Province-level forms need the achievement report; the city's own Giấy khen the summary list.
    assert any("Báo cáo thành tích" in d for d in forms["co_thi_dua_tinh"].required_documents)
    assert not any("Danh sách trích" in d for d in forms["co_thi_dua_tinh"].required_documents)
    assert any("Danh sách trích" in d for d in forms["giay_khen_chu_tich_huyen"].required_documents)
    assert not any("cấp tỉnh" in d for d in forms["giay_khen_chu_tich_huyen"].required_documents)


def test_extraction_without_title_is_refused_and_saves_nothing(org, users):
    from thidua.campaigns import services
    from thidua.campaigns.models import Campaign

    with pytest.raises(services.CampaignError, match="chưa có tên phong trào"):
        services.campaign_from_extraction({"title": None}, org["city"], users["standing"], "")
    assert not Campaign.objects.exists()


def test_migration_rewrites_retired_unit_kinds():
    import importlib

    migration = importlib.import_module("thidua.campaigns.migrations.0003_rules_use_org_unit_kinds")
    old = {
        "id": "x",
        "kind": "quota",
        "scope": "per_nominee_kind",
        "match": {"proposer_kinds": ["district", "ward"], "nominee_unit_kinds": ["village"]},
        "exclude": [{"proposer_kinds": ["armed_forces"]}],
        "max_by_kind": {"district": 1},
    }
    new = migration._rule(old)
    assert new["match"] == {
        "proposer_kinds": ["city", "ward"],
        "nominee_unit_kinds": ["village", "residential_group"],
    }
    assert new["exclude"] == [{"proposer_kinds": ["military"]}]
    assert new["max_by_kind"] == {"city": 1}
