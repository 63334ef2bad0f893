"""The dated database tables are the one source of legal facts at run time: an edit of a
row by the system administrator (the admin saves the model) reaches money, voting, quotas
and the campaign forms, inside a cached block too."""

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from tests.conftest import make_user
from thidua.awards import money
from thidua.campaigns import explain, quotas
from thidua.campaigns.forms import RuleForm, form_choices
from thidua.core.roles import Role
from thidua.council import services as council_services
from thidua.council import voting
from thidua.legal import read
from thidua.legal.models import AwardForm, BaseSalary, LegalSetting, VotingThreshold

pytestmark = pytest.mark.django_db

AFTER_REFORM = date(2025, 8, 1)


def _flag_in_force(code: str) -> AwardForm:
    return AwardForm.objects.get(code=code, valid_to__isnull=True)


def test_a_coefficient_edit_reaches_the_money():
    assert money.amount_for_form("co_thi_dua_tinh", "collective", AFTER_REFORM) == 18_720_000
    flag = _flag_in_force("co_thi_dua_tinh")
    flag.coefficient_collective = Decimal("10.0")
    flag.save()
    assert money.amount_for_form("co_thi_dua_tinh", "collective", AFTER_REFORM) == 23_400_000


def test_a_base_salary_edit_reaches_the_money():
    salary = BaseSalary.objects.get(amount=2_340_000)
    salary.amount = 2_400_000
    salary.save()
    assert money.base_salary_on(AFTER_REFORM) == 2_400_000


def test_a_household_multiplier_edit_reaches_the_money():
    assert money.amount_for_form("giay_khen_chu_tich_xa", "household", AFTER_REFORM) == 1_060_000
    multiplier = LegalSetting.objects.get(key="household_multiplier", valid_from=date(2025, 7, 1))
    multiplier.value = "2"
    multiplier.save()
    # 0.3 × 2,340,000 × 2 = 1,404,000 → 1,410,000 (multiplied unrounded, rounded once).
    assert money.amount_for_form("giay_khen_chu_tich_xa", "household", AFTER_REFORM) == 1_410_000


def test_a_rounding_step_edit_reaches_the_money():
    step = LegalSetting.objects.get(key="reward_rounding_step", valid_from=date(2025, 7, 1))
    step.value = 100_000
    step.save()
    # 1.0 × 2,340,000 rounded up to the next 100,000 đ.
    assert money.amount_for_form("chien_si_thi_dua_co_so", "individual", AFTER_REFORM) == 2_400_000
    assert money.reward_amount(Decimal("0.3"), 2_340_000) == 800_000


def test_a_voting_threshold_edit_reaches_the_vote():
    assert voting.threshold_for("co_thi_dua_tinh", AFTER_REFORM) == Fraction(4, 5)
    open_rows = VotingThreshold.objects.filter(valid_to__isnull=True)
    row = next(row for row in open_rows if "co_thi_dua_tinh" in row.forms)
    row.numerator, row.denominator = 3, 4
    row.save()
    assert voting.threshold_for("co_thi_dua_tinh", AFTER_REFORM) == Fraction(3, 4)
    share, citation = council_services.threshold_on("co_thi_dua_tinh", AFTER_REFORM)
    assert share == Fraction(3, 4) and citation == row.citation


def test_a_quorum_edit_reaches_the_vote():
    assert voting.quorum_ok(10, 8) is True
    quorum = LegalSetting.objects.get(key="council_quorum_award_session")
    quorum.value = {"numerator": 9, "denominator": 10}
    quorum.save()
    assert voting.quorum_ok(10, 8) is False
    assert council_services.quorum_share_on(date(2026, 1, 5)) == Fraction(9, 10)


def test_a_new_award_form_reaches_the_quota_rules_and_campaign_forms():
    rule = {
        "id": "q",
        "kind": "quota",
        "label": "cá nhân",
        "scope": "total",
        "max": 1,
        "match": {"forms": ["bang_khen_moi"]},
    }
    assert quotas.validate_rule(rule) == [
        "Quy tắc “q”: match.forms: không có hình thức khen thưởng mã “bang_khen_moi”."
    ]
    base = _flag_in_force("co_thi_dua_tinh")
    AwardForm.objects.create(
        code="bang_khen_moi",
        name="Bằng khen mới của Chủ tịch UBND tỉnh",
        short_name="Bằng khen mới",
        kind="hinh_thuc",
        level="tinh",
        grantor=base.grantor,
        subjects=["individual"],
        coefficient_individual=Decimal("1.0"),
        valid_from=base.valid_from,
        citation="Quyết định thử",
    )
    assert quotas.validate_rule(rule) == []
    assert ("bang_khen_moi", "Bằng khen mới của Chủ tịch UBND tỉnh") in form_choices()
    field_choices = dict(RuleForm().fields["forms_"].choices)
    assert field_choices["bang_khen_moi"] == "Bằng khen mới của Chủ tịch UBND tỉnh"


def test_a_renamed_award_form_reaches_quota_messages_and_campaign_forms():
    flag = _flag_in_force("co_thi_dua_tinh")
    flag.name = "Cờ thi đua của UBND tỉnh (tên mới)"
    flag.save()
    assert ("co_thi_dua_tinh", "Cờ thi đua của UBND tỉnh (tên mới)") in form_choices()
    rule = {
        "id": "x",
        "kind": "exclusion",
        "label": "trùng",
        "match": {"forms": ["bang_khen_chu_tich_tinh"]},
        "excluded_by_forms": ["co_thi_dua_tinh"],
    }
    assert "Cờ thi đua của UBND tỉnh (tên mới)" in explain.explain(rule)
    assert quotas._form_name("co_thi_dua_tinh") == "Cờ thi đua của UBND tỉnh (tên mới)"


def test_an_edit_inside_a_cached_block_is_seen_at_once():
    with read.cached():
        assert read.award_form("co_thi_dua_tinh", AFTER_REFORM).coefficient_collective == Decimal(
            "8.0"
        )
        flag = _flag_in_force("co_thi_dua_tinh")
        flag.coefficient_collective = Decimal("9.0")
        flag.save()
        assert read.award_form("co_thi_dua_tinh", AFTER_REFORM).coefficient_collective == Decimal(
            "9.0"
        )


def test_a_cached_block_reads_each_table_once(django_assert_num_queries):
    with read.cached(), django_assert_num_queries(2):
        for _ in range(5):
            read.award_form("co_thi_dua_tinh", AFTER_REFORM)
            read.base_salary(AFTER_REFORM)


def test_a_form_that_did_not_exist_that_day_is_a_vietnamese_error():
    with pytest.raises(
        read.AwardFormMissing,
        match="“Cờ thi đua của Ủy ban nhân dân tỉnh” có hiệu lực ngày 01/01/2010",
    ):
        read.award_form("co_thi_dua_tinh", date(2010, 1, 1))


def _admin_post_data(obj) -> dict:
    """The admin change form's fields of a legal row, as the browser would post them."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(obj, field.attname)
        if value is None:
            data[field.name] = ""
        elif isinstance(value, bool):
            if value:
                data[field.name] = "on"
        elif isinstance(value, (list, dict)):
            data[field.name] = json.dumps(value)
        elif isinstance(value, date):
            data[field.name] = value.strftime("%d/%m/%Y")
        else:
            data[field.name] = str(value)
    return data


@pytest.fixture
def administrator_client(client, org):
    administrator = make_user("sysadmin", Role.ADMIN, org["city"], is_staff=True, is_superuser=True)
    client.force_login(administrator)
    return client


def test_the_administrators_edits_in_the_admin_reach_voting_quotas_and_campaign_forms(
    administrator_client,
):
    row = VotingThreshold.objects.filter(valid_to__isnull=True).order_by("pk")
    row = next(r for r in row if "co_thi_dua_tinh" in r.forms)
    data = {**_admin_post_data(row), "numerator": "3", "denominator": "4"}
    url = reverse("admin:legal_votingthreshold_change", args=[row.pk])
    response = administrator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert voting.threshold_for("co_thi_dua_tinh", AFTER_REFORM) == Fraction(3, 4)

    flag = _flag_in_force("co_thi_dua_tinh")
    data = {**_admin_post_data(flag), "name": "Cờ thi đua (sửa trong trang quản trị)"}
    url = reverse("admin:legal_awardform_change", args=[flag.pk])
    response = administrator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    flag.refresh_from_db()
    assert flag.coefficient_collective == Decimal("8.0")
    assert ("co_thi_dua_tinh", "Cờ thi đua (sửa trong trang quản trị)") in form_choices()
    assert quotas._form_name("co_thi_dua_tinh") == "Cờ thi đua (sửa trong trang quản trị)"
    assert money.amount_for_form("co_thi_dua_tinh", "collective", AFTER_REFORM) == 18_720_000
