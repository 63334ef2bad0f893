"""Registry rules: public search, histories across merges, dossier checks, serials."""

from datetime import date

import pytest

from thidua.awards.models import DecisionStatus
from thidua.org.enums import UnitKind
from thidua.org.models import Unit
from thidua.org.services import merge_units
from thidua.registry import services
from thidua.registry.models import Certificate

from .conftest import make_award, make_decision


def _names(qs):
    return sorted(a.awardee_name for a in qs)


def test_search_without_diacritics_finds_duc_xuan(signed):
    assert _names(services.search_awards("duc xuan")) == ["Ma Thị Lan", "Phường Đức Xuân"]


def test_search_treats_d_stroke_as_d_and_ignores_case(signed):
    assert _names(services.search_awards("ĐỨC XUÂN")) == _names(services.search_awards("duc xuan"))
    assert _names(services.search_awards("be van hung")) == ["Bế Văn Hùng"]
    assert _names(services.search_awards("Bế Văn Hùng")) == ["Bế Văn Hùng"]


def test_search_filters_by_unit_form_and_year(org, signed):
    other = make_decision(org["city"], number=16, doc_date=date(2024, 5, 2))
    make_award(
        other,
        "Ma Thị Lan",
        org["ward_a"],
        form_code="bang_khen_chu_tich_tinh",
        form_name="Bằng khen",
    )
    assert _names(services.search_awards("lan", year=2024)) == ["Ma Thị Lan"]
    assert services.search_awards("lan", form="bang_khen_chu_tich_tinh").get().year == 2024
    assert _names(services.search_awards(unit="song cau")) == ["Bế Văn Hùng"]


def test_public_registry_hides_draft_decisions_and_revoked_awards(org, signed):
    draft = make_decision(org["city"], number=30, status=DecisionStatus.DRAFT)
    make_award(draft, "Hoàng Văn Nháp", org["ward_a"])
    revoked_decision = make_decision(org["city"], number=31, status=DecisionStatus.REVOKED)
    make_award(revoked_decision, "Hoàng Văn Thu Hồi", org["ward_a"])
    signed["awards"][0].revoked = True
    signed["awards"][0].save(update_fields=["revoked"])
    assert _names(services.search_awards("hoang van")) == []
    assert _names(services.search_awards("duc xuan")) == ["Phường Đức Xuân"]
    assert "Ma Thị Lan" not in _names(services.public_awards())


def test_unit_history_includes_awards_of_merged_predecessors(org, signed):
    merged = Unit.objects.create(
        code="WN",
        name="Phường Đức Xuân mới",
        kind=UnitKind.WARD,
        parent=org["city"],
        is_authority=True,
    )
    merge_units([org["ward_a"], org["ward_b"]], merged, date(2025, 7, 1), move_children=False)
    merged.refresh_from_db()
    own, members = services.unit_history(merged)
    assert _names(own) == ["Phường Đức Xuân"]
    assert _names(members) == ["Bế Văn Hùng", "Ma Thị Lan"]
    own_b, members_b = services.unit_history(Unit.objects.get(pk=org["ward_b"].pk))
    assert _names(own_b) == [] and _names(members_b) == ["Bế Văn Hùng"]


def test_person_history_lists_only_that_person(org, signed):
    later = make_decision(org["city"], number=40, doc_date=date(2025, 6, 1))
    make_award(later, "Ma Thị Lan", org["ward_a"], person=org["person_a"], form_name="Bằng khen")
    history = list(services.person_history(org["person_a"]))
    assert [a.form_name for a in history] == ["Bằng khen", "Giấy khen của Chủ tịch UBND thành phố"]


def test_already_awarded_finds_the_campaign_award_of_that_form_only(org, signed):
    from thidua.campaigns.models import Campaign

    campaign = Campaign.objects.create(issuer=org["city"], title="Phong trào thi đua đặc biệt")
    other = Campaign.objects.create(issuer=org["city"], title="Phong trào khác")
    d = make_decision(org["city"], number=50)
    award = make_award(d, "Ma Thị Lan", org["ward_a"], person=org["person_a"], campaign=campaign)
    key = f"person:{org['person_a'].pk}"
    assert services.already_awarded(key, campaign.pk, "giay_khen_chu_tich_huyen") == award
    assert services.already_awarded(key, other.pk, "giay_khen_chu_tich_huyen") is None
    assert services.already_awarded(key, campaign.pk, "bang_khen_chu_tich_tinh") is None
    assert (
        services.already_awarded(
            f"person:{org['person_b'].pk}", campaign.pk, "giay_khen_chu_tich_huyen"
        )
        is None
    )


def test_already_awarded_for_a_unit_follows_merges(org):
    from thidua.campaigns.models import Campaign

    campaign = Campaign.objects.create(issuer=org["city"], title="Phong trào")
    d = make_decision(org["city"], number=51)
    make_award(d, "Phường Đức Xuân", org["ward_a"], collective=org["ward_a"], campaign=campaign)
    merged = Unit.objects.create(
        code="WN2", name="Phường mới", kind=UnitKind.WARD, parent=org["city"]
    )
    merge_units([org["ward_a"]], merged, date(2025, 7, 1), move_children=False)
    assert (
        services.already_awarded(f"unit:{merged.pk}", campaign.pk, "giay_khen_chu_tich_huyen")
        is not None
    )


def test_already_awarded_ignores_draft_decisions(org):
    from thidua.campaigns.models import Campaign

    campaign = Campaign.objects.create(issuer=org["city"], title="Phong trào")
    draft = make_decision(org["city"], number=52, status=DecisionStatus.DRAFT)
    make_award(draft, "Ma Thị Lan", org["ward_a"], person=org["person_a"], campaign=campaign)
    assert (
        services.already_awarded(
            f"person:{org['person_a'].pk}", campaign.pk, "giay_khen_chu_tich_huyen"
        )
        is None
    )


@pytest.mark.parametrize(
    ("on", "years", "ok"),
    [
        (date(2026, 1, 19), 1, False),
        (date(2026, 1, 20), 1, True),
        (date(2027, 1, 19), 2, False),
        (date(2027, 1, 20), 2, True),
        (date(2025, 1, 20), 0, True),
    ],
)
def test_award_interval_counts_full_years_from_the_last_award(org, signed, on, years, ok):
    result, message = services.award_interval_ok(
        f"person:{org['person_a'].pk}", "giay_khen_chu_tich_huyen", on, years
    )
    assert result is ok
    if not ok:
        assert "Ma Thị Lan" in message and "15/QĐ-UBND" in message and "20/01/2025" in message


def test_award_interval_is_ok_without_a_previous_award(org):
    assert services.award_interval_ok(
        f"person:{org['person_b'].pk}", "bang_khen_chu_tich_tinh", date(2025, 1, 1), 2
    ) == (True, "")


def test_add_years_handles_29_february():
    assert services.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_bad_nominee_key_is_rejected(db):
    with pytest.raises(ValueError):
        services.already_awarded("robot:1", 1, "x")


def test_serials_are_consecutive_per_issuer_and_year_and_never_reused(org, signed):
    assert services.ensure_certificates(signed["decision"]) == 3
    assert services.ensure_certificates(signed["decision"]) == 0
    second = make_decision(org["city"], number=60)
    make_award(second, "Nông Thị Hoa", org["ward_b"])
    services.ensure_certificates(second)
    serials = list(
        Certificate.objects.filter(issuer=org["city"], year=2025)
        .order_by("serial")
        .values_list("serial", flat=True)
    )
    assert serials == [1, 2, 3, 4]
    other_year = make_decision(org["city"], number=1, doc_date=date(2026, 1, 5))
    make_award(other_year, "Lục Văn Sơn", org["ward_b"])
    services.ensure_certificates(other_year)
    assert Certificate.objects.get(year=2026).serial == 1


def test_certificates_only_for_signed_decisions(org):
    draft = make_decision(org["city"], number=70, status=DecisionStatus.DRAFT)
    make_award(draft, "Ma Thị Lan", org["ward_a"])
    with pytest.raises(services.RegistryError, match="đã ký ban hành"):
        services.ensure_certificates(draft)
    assert not Certificate.objects.exists()


def test_search_matches_from_the_start_of_any_word(signed):
    """Word-start keys: a middle and given name find the person, a word fragment does not."""
    assert _names(services.search_awards("thi lan")) == ["Ma Thị Lan"]
    assert _names(services.search_awards("hun")) == ["Bế Văn Hùng"]
    assert _names(services.search_awards("ung")) == []


def test_search_keys_follow_award_name_changes(signed):
    from thidua.awards.models import Award
    from thidua.registry.models import AwardSearchKey

    award = Award.objects.get(awardee_name="Bế Văn Hùng")
    award.search_text = "be van hung phuong song cau"
    award.save(update_fields=["search_text"])
    keys = set(AwardSearchKey.objects.filter(award=award).values_list("key", flat=True))
    assert "song cau" in keys and "hung phuong song cau" in keys
    assert _names(services.search_awards("song cau")) == ["Bế Văn Hùng"]
