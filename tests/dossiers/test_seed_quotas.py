"""Each seed's quotas, checked when submitting (quotas.evaluate through checks)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.core.roles import Role
from thidua.dossiers import checks, services
from thidua.org.enums import UnitKind
from thidua.org.models import Unit

from .helpers import GIAY_KHEN_HUYEN, make_campaign, make_user, person, ready_dossier

BANG_KHEN_TINH = "bang_khen_chu_tich_tinh"


def _people(unit, n, start=0, **kw):
    return [person(unit, f"Người {start + i}", f"0060001{start + i:05d}", **kw) for i in range(n)]


def _quota_errors(d):
    return [e for e in checks.check_submission(d) if "vượt giới hạn" in e]


# ---- seed 000 ----------------------------------------------------------------------------


def test_000_department_may_propose_one(users, org, legal):
    c = make_campaign(org, "000")
    officer = make_user("pnv_officer", Role.UNIT_OFFICER, org["noivu"])
    ok = ready_dossier(officer, org["noivu"], c, _people(org["noivu"], 1))
    assert checks.check_submission(ok) == []
    services.submit(ok, officer)
    over = ready_dossier(officer, org["noivu"], c, _people(org["noivu"], 1, start=10))
    assert len(_quota_errors(over)) == 1


def test_000_education_office_five_teachers_beyond_the_department_quota(users, org, legal):
    c = make_campaign(org, "000")
    officer = users["edu_officer"]
    five = ready_dossier(
        officer, org["edu"], c, _people(org["edu"], 5, category="giao_vien"), category="giao_vien"
    )
    assert checks.check_submission(five) == []
    services.submit(five, officer)
    sixth = ready_dossier(
        officer,
        org["edu"],
        c,
        _people(org["edu"], 1, start=20, category="giao_vien"),
        category="giao_vien",
    )
    errors = _quota_errors(sixth)
    assert len(errors) == 1 and "giáo viên" in errors[0]


def test_000_police_three_by_tag(users, org, legal):
    c = make_campaign(org, "000")
    police = Unit.objects.create(
        code="CA",
        name="Công an thành phố",
        kind=UnitKind.POLICE,
        parent=org["city"],
        tags=["cong_an"],
    )
    officer = make_user("ca_officer", Role.UNIT_OFFICER, police)
    d = ready_dossier(officer, police, c, _people(police, 3))
    assert checks.check_submission(d) == []
    d4 = ready_dossier(officer, police, c, _people(police, 4, start=30))
    assert len(_quota_errors(d4)) == 1


def test_000_ten_proposals_for_the_province_bang_khen_over_the_whole_campaign(users, org, legal):
    c = make_campaign(org, "000")
    officers = {"ward_a": users["officer_a"], "ward_b": users["officer_b"]}
    for i, key in enumerate(["ward_a", "ward_b"] * 5):
        d = ready_dossier(
            officers[key], org[key], c, _people(org[key], 1, start=100 + i), form=BANG_KHEN_TINH
        )
        services.submit(d, officers[key])
    eleventh = ready_dossier(
        users["officer_a"],
        org["ward_a"],
        c,
        _people(org["ward_a"], 1, start=200),
        form=BANG_KHEN_TINH,
    )
    errors = _quota_errors(eleventh)
    assert len(errors) == 1 and "10" in errors[0]


def test_000_households_per_commune_counted_apart_from_the_three(users, org, legal):
    from thidua.org.models import Household

    c = make_campaign(org, "000")
    officer = users["officer_a"]
    d = services.create_dossier(officer, org["ward_a"], GIAY_KHEN_HUYEN, campaign=c)
    for i in range(3):
        h = Household.objects.create(
            head_name=f"Chủ hộ {i}", unit=org["village_a"], category="ho_thoat_ngheo"
        )
        services.add_nominee(
            d, officer, subject_kind="household", household=h, achievements="Thoát nghèo bền vững"
        )
    errors = checks.quota_failures(d)
    assert len(errors) == 1 and "thoát nghèo" in errors[0]


# ---- seed 001 ----------------------------------------------------------------------------


@pytest.mark.parametrize(("unit_key", "limit"), [("ward_a", 3), ("noivu", 1)])
def test_001_limits_by_kind_of_unit(users, org, legal, unit_key, limit):
    c = make_campaign(org, "001")
    officer = make_user("o001", Role.UNIT_OFFICER, org[unit_key])
    at_limit = ready_dossier(officer, org[unit_key], c, _people(org[unit_key], limit))
    assert checks.quota_failures(at_limit) == []
    services.withdraw(at_limit, officer)
    over = ready_dossier(officer, org[unit_key], c, _people(org[unit_key], limit + 1, start=50))
    assert len(checks.quota_failures(over)) == 1


# ---- seed 004 ----------------------------------------------------------------------------


@pytest.fixture
def four_wards(org):
    extra = [
        Unit.objects.create(
            code=f"W{i}",
            name=f"Phường số {i}",
            kind=UnitKind.WARD,
            parent=org["city"],
            is_authority=True,
        )
        for i in (3, 4)
    ]
    return [org["ward_a"], org["ward_b"], *extra]


def test_004_three_wards_for_the_city_giay_khen(users, org, legal, four_wards):
    c = make_campaign(org, "004")
    for i, w in enumerate(four_wards[:3]):
        officer = make_user(f"o004_{i}", Role.UNIT_OFFICER, w)
        d = ready_dossier(officer, w, c, units=[w])
        assert checks.check_submission(d) == [], checks.check_submission(d)
        services.submit(d, officer)
    officer = make_user("o004_x", Role.UNIT_OFFICER, four_wards[3])
    fourth = ready_dossier(officer, four_wards[3], c, units=[four_wards[3]])
    errors = checks.quota_failures(fourth)
    assert len(errors) == 1 and "phường" in errors[0]


def test_004_ward_proposed_to_the_province_cannot_also_get_the_city_giay_khen(users, org, legal):
    c = make_campaign(org, "004")
    w = org["ward_a"]
    up = ready_dossier(users["officer_a"], w, c, units=[w], form=BANG_KHEN_TINH)
    services.update_nominee(
        up.nominees.get(),
        users["officer_a"],
        achievements="Tiêu biểu",
        prior_rating="hoan_thanh_tot",
    )
    services.submit(up, users["officer_a"])
    city_gk = ready_dossier(users["head_a"], w, c, units=[w])
    errors = checks.check_submission(city_gk)
    assert any("Tỉnh khen" in e or "cấp trên" in e or "tỉnh" in e.lower() for e in errors)


def test_004_province_bang_khen_needs_the_prior_year_rating(users, org, legal):
    c = make_campaign(org, "004")
    w = org["ward_a"]
    d = ready_dossier(users["officer_a"], w, c, units=[w], form=BANG_KHEN_TINH)
    assert any(
        "Hoàn thành tốt" in e or "xếp loại" in e.lower() or "đánh giá" in e
        for e in checks.quota_failures(d)
    )
    services.update_nominee(
        d.nominees.get(),
        users["officer_a"],
        achievements="Tiêu biểu",
        prior_rating="hoan_thanh_tot",
    )
    assert checks.quota_failures(d) == []


# ---- property: the ward quota holds whatever the split of nominees over dossiers --------


@settings(max_examples=12, deadline=None)
@given(sizes=st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=4))
@pytest.mark.django_db
def test_submitted_lines_of_a_ward_never_exceed_three(sizes):
    from django.db import transaction

    with transaction.atomic():  # each example rolls back
        _ward_quota_example(sizes)
        transaction.set_rollback(True)


def _ward_quota_example(sizes):
    from thidua.legal.services import sync_from_tables

    sync_from_tables()
    city = Unit.objects.create(
        code=f"C{len(sizes)}{sum(sizes)}", name="TP", kind=UnitKind.CITY, is_authority=True
    )
    ward = Unit.objects.create(
        code=f"W{city.code}", name="Phường", kind=UnitKind.WARD, parent=city, is_authority=True
    )
    officer = make_user(f"u{city.code}", Role.UNIT_OFFICER, ward)
    c = make_campaign({"city": city}, "000")
    accepted = 0
    start = 0
    for n in sizes:
        d = ready_dossier(officer, ward, c, _people(ward, n, start=start))
        start += n
        try:
            services.submit(d, officer)
            accepted += n
        except services.DossierError:
            pass
    greedy = 0
    for n in sizes:  # a dossier goes through when its lines still fit
        greedy += n if greedy + n <= 3 else 0
    assert accepted == greedy <= 3
