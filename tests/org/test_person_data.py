"""Person data (issue #15, item 10): the official 54 ethnic groups with their other names,
honorifics from sex and age, and the individual titles not given to pupils."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.text import fold
from thidua.org import ethnic
from thidua.org.models import Person
from thidua.org.people import PersonError, addressed, find_or_create_person, honorific


def test_the_list_is_the_official_54_groups_with_its_citation():
    data = json.loads(ethnic.DATA.read_text(encoding="utf-8"))
    assert "121-TCTK/PPCĐ" in data["source"]
    groups = ethnic.groups()
    assert [g["code"] for g in groups] == [f"{i:02d}" for i in range(1, 55)]
    assert (groups[0]["name"], groups[7]["name"], groups[53]["name"]) == ("Kinh", "Mông", "Ơ Đu")
    assert len({g["name"] for g in groups}) == 54


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("H'Mông", "Mông"),
        ("hmong", "Mông"),
        ("Mèo", "Mông"),
        ("dân tộc Tày", "Tày"),
        ("tay", "Tày"),
        ("Việt", "Kinh"),
        ("Khơ-me", "Khmer"),
        ("Ê-đê", "Ê Đê"),
        ("Bru Vân Kiều", "Bru - Vân Kiều"),
        ("Lào", "Lào"),
        ("người nước ngoài", "Người nước ngoài"),
    ],
)
def test_other_names_are_stored_as_the_official_name(typed, official):
    assert ethnic.normalise_ethnicity(typed) == official


@given(st.sampled_from([g["name"] for g in ethnic.groups()]))
def test_every_official_name_reads_back_as_itself_with_or_without_diacritics(name):
    assert ethnic.official_name(name) == name
    assert ethnic.official_name(fold(name)) == name
    assert ethnic.official_name(name.upper()) == name


def test_an_unknown_group_is_refused_in_vietnamese():
    with pytest.raises(ValidationError, match="không có trong Danh mục các dân tộc Việt Nam"):
        ethnic.normalise_ethnicity("Elf")


def test_a_person_saved_with_an_other_name_is_stored_officially(org, users):
    p = Person.objects.create(
        full_name="Giàng Thị Mỷ",
        gender="nu",
        category="nong_dan",
        unit=org["ward_a"],
        ethnicity="H'Mông",
        citizen_id="006000000777",
    )
    assert p.ethnicity == "Mông" and p.is_ethnic_minority
    p.ethnicity = "Elf"
    with pytest.raises(ValidationError):
        p.full_clean()
    with pytest.raises(PersonError, match="Elf"):
        find_or_create_person(
            users["officer_a"],
            org["ward_a"],
            {"full_name": "Lò Văn A", "citizen_id": "006000000778", "ethnicity": "Elf"},
        )


def test_honorifics_follow_age_and_sex():
    pupil = Person(
        full_name="Hoàng Thị Mai", gender="nu", category="hoc_sinh", birth_date=date(2009, 3, 1)
    )
    assert honorific(pupil, date(2025, 5, 20)) == "Em"  # 16 years old
    assert addressed(pupil, on=date(2025, 5, 20)) == "Em Hoàng Thị Mai"
    assert honorific(pupil, date(2027, 3, 1)) == "Bà"  # 18 on that day
    assert honorific(Person(gender="nam", category="cong_chuc"), date(2025, 1, 1)) == "Ông"
    assert honorific(Person(gender="nu", category="hoc_sinh"), date(2025, 1, 1)) == "Em"
    assert addressed(Person(gender="nu"), "Bà Ma Thị Lan") == "Bà Ma Thị Lan"


def test_a_pupil_cannot_be_chien_si_thi_dua_co_so(org, users):
    from thidua.legal import read as legal

    form = legal.award_form("chien_si_thi_dua_co_so", date(2024, 6, 1))
    assert "không xét cho học sinh" in legal.title_refused_for(form, "hoc_sinh")
    assert legal.title_refused_for(form, "cong_chuc") is None
    giay_khen = legal.award_form("giay_khen_chu_tich_huyen", date(2024, 6, 1))
    assert legal.title_refused_for(giay_khen, "hoc_sinh") is None


def test_the_dossier_check_refuses_a_pupil_as_chien_si_thi_dua(org, users):
    from tests.dossiers.helpers import make_campaign, person, ready_dossier
    from thidua.dossiers import checks

    campaign = make_campaign(org, forms=("chien_si_thi_dua_co_so",))
    pupil = person(
        org["ward_a"],
        "Hoàng Thị Mai",
        "006000000779",
        gender="nu",
        category="hoc_sinh",
        birth_date=date(2009, 3, 1),
    )
    d = ready_dossier(
        users["officer_a"], org["ward_a"], campaign, [pupil], form="chien_si_thi_dua_co_so"
    )
    failures = checks.criteria_failures(d, list(d.nominees.all()), date(2024, 12, 1))
    assert any("Hoàng Thị Mai: Chiến sĩ thi đua cơ sở" in f and "học sinh" in f for f in failures)
