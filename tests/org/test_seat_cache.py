"""A signed-in request's scope and units (the "seat", org/scope.py) may come from the shared
cache, and every write that changes them takes effect on the very next request: a role
revoked or ended, a unit moved, merged, unmerged or renamed, a user deactivated or given a
new password. Each test runs the production path (the middleware and a view) with the seat
cache on and off, in transactions that commit, as requests do (#13)."""

import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_user
from thidua.core.notify import notify
from thidua.core.roles import Role
from thidua.org import scope as scope_module
from thidua.org.models import Person, RoleAssignment, Unit, UnitKind

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["shared", "database"])
def seat_cache(request, settings):
    """ "shared": the seats in a cache of their own (Redis in production); "database": off."""
    shared = request.param == "shared"
    settings.SCOPE_CACHE = shared
    if shared:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"seats-{uuid.uuid4().hex}",
            }
        }
    return shared


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client, url) -> tuple[int, str, list[str]]:
    """Status, page and the queries that read the scope or the units."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    seat = [
        q["sql"]
        for q in queries.captured_queries
        if "WITH RECURSIVE" in q["sql"] or q["sql"].startswith('SELECT "org_unit"')
    ]
    return page.status_code, page.content.decode(), seat


def person_in(unit: Unit, citizen_id: str) -> Person:
    return Person.objects.create(
        full_name="Hoàng Văn Thụ",
        gender="nam",
        category="cong_chuc",
        unit=unit,
        citizen_id=citizen_id,
    )


def test_a_second_request_reads_the_seat_from_the_cache_only(seat_cache, users):
    officer = signed_in(users["officer_a"])
    url = reverse("dossiers:list")
    status, _, first = get(officer, url)
    assert status == 200 and len(first) == 1  # the scope with the units and their successor
    with CaptureQueriesContext(connection) as queries:
        status, html, second = get(officer, url)
    assert status == 200 and "Phường Đức Xuân" in html
    assert second == ([] if seat_cache else first)
    # The user row too comes from the cache entry when it is on.
    users_read = [q["sql"] for q in queries.captured_queries if 'FROM "auth_user"' in q["sql"]]
    assert len(users_read) == (0 if seat_cache else 1)


def test_revoking_a_role_refuses_the_very_next_request(seat_cache, users):
    standing = signed_in(users["standing"])
    url = reverse("org:roles")
    assert get(standing, url)[0] == 200
    assert get(standing, url)[0] == 200  # served from the cache when it is on
    RoleAssignment.objects.get(user=users["standing"], role=Role.STANDING_BODY).delete()
    assert get(standing, url)[0] == 403


def test_granting_a_role_opens_the_page_on_the_very_next_request(seat_cache, users, org):
    officer = signed_in(users["officer_a"])
    url = reverse("org:roles")
    assert get(officer, url)[0] == 403
    assert get(officer, url)[0] == 403
    RoleAssignment.objects.create(user=users["officer_a"], unit=org["city"], role="standing_body")
    assert get(officer, url)[0] == 200


def test_a_role_ending_today_ends_at_midnight(seat_cache, users, monkeypatch):
    RoleAssignment.objects.filter(user=users["standing"]).update(valid_to=date.today())
    standing = signed_in(users["standing"])
    url = reverse("org:roles")
    assert get(standing, url)[0] == 200
    assert get(standing, url)[0] == 200

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return date.today() + timedelta(days=1)

    monkeypatch.setattr(scope_module, "date", Tomorrow)
    assert get(standing, url)[0] == 403


def test_moving_the_officers_unit_moves_their_scope_at_once(seat_cache, users, org):
    officer = signed_in(users["officer_a"])
    url = reverse("org:person", args=[org["person_a"].pk])
    assert get(officer, url)[0] == 200
    assert get(officer, url)[0] == 200
    ward_a = Unit.objects.get(pk=org["ward_a"].pk)
    ward_a.parent = org["province"]
    ward_a.save()
    assert not Unit.objects.get(pk=ward_a.pk).path.startswith(org["city"].path)
    # A scope kept from before the move would hold ward A's old path and find nobody.
    assert get(officer, url)[0] == 200


def test_unmerging_a_unit_hides_it_from_the_successors_officer_at_once(seat_cache, users, org):
    old = Unit.objects.create(
        code="OLDX", name="Xã Cũ", kind=UnitKind.COMMUNE, parent=org["province"]
    )
    person = person_in(old, "006000000099")
    url = reverse("org:person", args=[person.pk])
    officer = signed_in(users["officer_a"])
    assert get(officer, url)[0] == 404
    old.successor = org["ward_a"]
    old.save()
    assert get(officer, url)[0] == 200  # merged into ward A: in its officer's scope
    assert get(officer, url)[0] == 200
    old.successor = None
    old.save()
    assert get(officer, url)[0] == 404


def test_a_merged_or_renamed_unit_shows_in_the_header_at_once(seat_cache, users, org):
    officer = signed_in(users["officer_a"])
    url = reverse("dossiers:list")
    html = get(officer, url)[1]
    assert 'id="merged-unit"' not in html and "Phường Đức Xuân" in html
    get(officer, url)
    ward_a = Unit.objects.get(pk=org["ward_a"].pk)
    ward_a.name = "Phường Đức Xuân mới"
    ward_a.successor = org["ward_b"]
    ward_a.save()
    html = get(officer, url)[1]
    assert "Phường Đức Xuân mới" in html
    assert 'id="merged-unit"' in html and "Phường Sông Cầu" in html


def test_a_deactivated_user_or_a_changed_password_signs_out_at_once(seat_cache, org):
    url = reverse("dossiers:list")
    for change in ("deactivate", "password"):
        user = make_user(f"seat_{change}", Role.UNIT_OFFICER, org["ward_a"])
        client = signed_in(user)
        assert get(client, url)[0] == 200
        assert get(client, url)[0] == 200
        if change == "deactivate":
            user.is_active = False
        else:
            user.set_password("Mật khẩu mới 2026!")
        user.save()
        status, _, _ = get(client, url)
        assert status == 302, change


def test_an_old_session_is_refused_when_the_new_password_is_cached(seat_cache, org):
    """The cached row is checked against the session's password hash as Django checks the
    database row: a session opened before a password change is signed out even after
    another session cached the new row (and without any signal)."""
    user = make_user("seat_twice", Role.UNIT_OFFICER, org["ward_a"])
    url = reverse("dossiers:list")
    old = signed_in(user)
    assert get(old, url)[0] == 200
    user.set_password("Mật khẩu mới 2026!")
    user.save()
    new = signed_in(user)
    assert get(new, url)[0] == 200
    assert get(new, url)[0] == 200  # the new row cached
    assert get(old, url)[0] == 302
    assert get(new, url)[0] == 200


def test_a_superuser_flag_counts_at_once(seat_cache, users):
    officer = signed_in(users["officer_a"])
    url = reverse("org:roles")
    assert get(officer, url)[0] == 403
    assert get(officer, url)[0] == 403
    user = users["officer_a"]
    user.is_superuser = True
    user.save()
    assert get(officer, url)[0] == 200


def test_the_switcher_lists_every_own_unit_and_the_chosen_one(seat_cache, users, org):
    user = users["officer_a"]
    RoleAssignment.objects.create(user=user, unit=org["edu"], role=Role.UNIT_OFFICER)
    officer = signed_in(user)
    url = reverse("dossiers:list")
    get(officer, url)
    html = get(officer, url)[1]
    assert f'<option value="{org["edu"].pk}" >' in html
    assert f'<option value="{org["ward_a"].pk}" selected>' in html
    officer.post(reverse("switch_unit"), {"unit_id": org["edu"].pk})
    html = get(officer, url)[1]
    assert f'<option value="{org["edu"].pk}" selected>' in html


def test_the_bell_is_read_in_the_same_round_trip_and_follows_new_notifications(
    seat_cache, settings, users
):
    settings.UNREAD_COUNT_CACHE = seat_cache
    officer = signed_in(users["officer_a"])
    url = reverse("dossiers:list")
    assert get(officer, url)[0] == 200
    assert "<sup>" not in get(officer, url)[1]
    notify([users["officer_a"]], "Hồ sơ đã được tiếp nhận.")
    assert "<sup>1</sup>" in get(officer, url)[1]
    assert "<sup>1</sup>" in get(officer, url)[1]


def test_the_units_read_with_the_scope_equal_the_orms(org):
    """Every field of the own units and their successors, through the fields' converters
    (dates, JSON, booleans), as `select_related("successor")` reads them."""
    ward_a = Unit.objects.get(pk=org["ward_a"].pk)
    ward_a.tags = ["noi_vu", "thí điểm"]
    ward_a.valid_from = date(2020, 1, 2)
    ward_a.valid_to = date(2025, 6, 30)
    ward_a.successor = org["ward_b"]
    ward_a.save()
    Unit.objects.filter(pk=org["ward_b"].pk).update(valid_from=date(2025, 7, 1))
    user = make_user("two_units", Role.UNIT_OFFICER, ward_a)
    RoleAssignment.objects.create(user=user, unit=ward_a, role=Role.BLOCK_HEAD)
    RoleAssignment.objects.create(user=user, unit=org["edu"], role=Role.UNIT_HEAD)
    seat = scope_module.build_seat(user)
    expected = list(
        Unit.objects.select_related("successor")
        .filter(pk__in=[ward_a.pk, org["edu"].pk])
        .order_by("name")
    )
    assert seat.own_ids == sorted(u.pk for u in expected)

    def fields(unit):
        return {f.attname: getattr(unit, f.attname) for f in Unit._meta.concrete_fields}

    assert [fields(u) for u in seat.own_units] == [fields(u) for u in expected]
    got = seat.unit(ward_a.pk)
    assert got.tags == ["noi_vu", "thí điểm"] and got.valid_to == date(2025, 6, 30)
    assert fields(got.successor) == fields(
        expected[[u.pk for u in expected].index(ward_a.pk)].successor
    )
    assert got.successor.valid_from == date(2025, 7, 1)
    assert seat.unit(org["edu"].pk).successor is None
