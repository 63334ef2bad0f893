"""Shared fixtures: a small org tree and one user per role, built directly (fast)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from thidua.core.roles import Role
from thidua.org.enums import BlockLevel, UnitKind
from thidua.org.models import Block, BlockMember, Person, RoleAssignment, Unit

PASSWORD = "Thidua@2024"


def _on_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` exercise row locks; SQLite serialises every write, so they
    belong to the PostgreSQL pass of `make test` and are deselected (not skipped) here."""
    if _on_postgres():
        return
    pg_only = [item for item in items if item.get_closest_marker("postgres")]
    if pg_only:
        config.hook.pytest_deselected(items=pg_only)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


def pytest_report_header(config):
    database = "PostgreSQL" if _on_postgres() else "SQLite"
    return f"thidua: {database}; tests marked `postgres` run only in the PostgreSQL pass"


@pytest.fixture(autouse=True)
def _legal_tables_after_flush(request):
    """A transactional test (live server, races) empties every table when it ends, the
    legal tables that migrations seed included; the next transactional test on the same
    worker gets them back from the seed, as a fresh database has them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from thidua.legal.models import AwardForm
    from thidua.legal.services import sync_from_tables

    if not AwardForm.objects.exists():
        sync_from_tables()


@pytest.fixture(autouse=True)
def _media_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    # PBKDF2 at production strength costs ~0.5 s a user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Kept across requests only where a test says so (tests/legal/test_read_across_requests.py):
    # a flush between transactional tests empties the legal tables without a signal.
    settings.LEGAL_TABLES_CACHE = False
    # Likewise the seats (org/scope.py): tests/org/test_seat_cache.py turns it on.
    settings.SCOPE_CACHE = False


@pytest.fixture
def org(db):
    """City with two wards (each with a village and a co-op), two departments, a block."""
    province = Unit.objects.create(
        code="T", name="Tỉnh Bắc Kạn", kind=UnitKind.PROVINCE, is_authority=True
    )
    city = Unit.objects.create(
        code="C",
        name="Thành phố Bắc Kạn",
        kind=UnitKind.CITY,
        parent=province,
        is_authority=True,
        doc_abbreviation="UBND",
        place_name="TP. Bắc Kạn",
    )
    ward_a = Unit.objects.create(
        code="WA", name="Phường Đức Xuân", kind=UnitKind.WARD, parent=city, is_authority=True
    )
    ward_b = Unit.objects.create(
        code="WB", name="Phường Sông Cầu", kind=UnitKind.WARD, parent=city, is_authority=True
    )
    village_a = Unit.objects.create(
        code="WA1", name="Tổ dân phố 1, Đức Xuân", kind=UnitKind.RESIDENTIAL_GROUP, parent=ward_a
    )
    coop_a = Unit.objects.create(
        code="HTXA", name="HTX Dịch vụ Đức Xuân", kind=UnitKind.COOP, parent=ward_a
    )
    village_b = Unit.objects.create(
        code="WB1", name="Tổ dân phố 1, Sông Cầu", kind=UnitKind.RESIDENTIAL_GROUP, parent=ward_b
    )
    noivu = Unit.objects.create(
        code="PNV", name="Phòng Nội vụ", kind=UnitKind.DEPARTMENT, parent=city, tags=["noi_vu"]
    )
    edu = Unit.objects.create(
        code="PGD",
        name="Phòng Giáo dục và Đào tạo",
        kind=UnitKind.DEPARTMENT,
        parent=city,
        tags=["giao_duc"],
    )
    block = Block.objects.create(
        authority=city,
        year=date.today().year,
        name="Khối xã, phường",
        level=BlockLevel.COMMUNE,
        head=ward_a,
        deputy=ward_b,
    )
    BlockMember.objects.create(block=block, unit=ward_a)
    BlockMember.objects.create(block=block, unit=ward_b)
    pa = Person.objects.create(
        full_name="Ma Thị Lan",
        gender="nu",
        category="cong_chuc",
        unit=ward_a,
        ethnicity="Tày",
        citizen_id="006000000001",
    )
    pb = Person.objects.create(
        full_name="Bế Văn Hùng",
        gender="nam",
        category="cong_chuc",
        unit=ward_b,
        citizen_id="006000000002",
    )
    return {
        "province": province,
        "city": city,
        "ward_a": ward_a,
        "ward_b": ward_b,
        "village_a": village_a,
        "coop_a": coop_a,
        "village_b": village_b,
        "noivu": noivu,
        "edu": edu,
        "block": block,
        "person_a": pa,
        "person_b": pb,
    }


def make_user(username: str, role: str | None = None, unit: Unit | None = None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@x.vn", **extra
    )
    if role:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def users(org):
    """One user per role. officer_a/head_a work at ward A, officer_b at ward B."""
    return {
        "officer_a": make_user("officer_a", Role.UNIT_OFFICER, org["ward_a"]),
        "head_a": make_user("head_a", Role.UNIT_HEAD, org["ward_a"]),
        "officer_b": make_user("officer_b", Role.UNIT_OFFICER, org["ward_b"]),
        "block_head": make_user("block_head", Role.BLOCK_HEAD, org["ward_a"]),
        "standing": make_user("standing", Role.STANDING_BODY, org["city"], is_staff=True),
        "council": make_user("council", Role.COUNCIL_MEMBER, org["city"]),
        "chairman": make_user("chairman", Role.CHAIRMAN, org["city"]),
        "edu_officer": make_user("edu_officer", Role.UNIT_OFFICER, org["edu"]),
        "nobody": make_user("nobody"),
    }


@pytest.fixture
def client_for(client, users):
    """`client_for("officer_a")` returns a client logged in as that user."""
    from django.test import Client

    def _login(name: str) -> Client:
        c = Client()
        c.force_login(users[name])
        return c

    return _login
