"""The nominee identity key, defined once in org and used by every layer above."""

from thidua.org.identity import ids_of_kind, nominee_key, parse_nominee_key


def test_the_person_comes_first_then_the_household_the_unit_the_name():
    assert nominee_key(person_id=4, household_id=5, unit_id=6, name="A") == "person:4"
    assert nominee_key(household_id=5, unit_id=6, name="A") == "household:5"
    assert nominee_key(unit_id=6, name="A") == "unit:6"
    assert nominee_key(name="Nguyễn Văn A") == "name:nguyễn văn a"


def test_keys_parse_back_to_their_kind_and_value():
    assert parse_nominee_key("unit:7") == ("unit", "7")
    assert parse_nominee_key("name:lê thị b") == ("name", "lê thị b")
    keys = ["unit:7", "person:3", "unit:9", "name:x", "unit:abc"]
    assert ids_of_kind(keys, "unit") == [7, 9]
    assert ids_of_kind(keys, "person") == [3]
