"""A user's scope is built in one query, whatever the roles, merges and blocks (#13.3)."""

from datetime import date, timedelta

import pytest

from tests.conftest import make_user
from thidua.core.roles import Role
from thidua.org.models import RoleAssignment, Unit, UnitKind
from thidua.org.scope import build_scope


def merged_into(successor: Unit, code: str) -> Unit:
    return Unit.objects.create(
        code=code,
        name=f"Xã cũ {code}",
        kind=UnitKind.COMMUNE,
        parent=successor.parent,
        successor=successor,
    )


@pytest.mark.django_db
def test_roles_merges_and_blocks_in_one_query(org, django_assert_num_queries):
    ward_a, ward_b = org["ward_a"], org["ward_b"]
    old = merged_into(ward_a, "OLD1")
    older = merged_into(old, "OLD2")  # merged into the unit that was merged into ward A
    user = make_user("many_roles", Role.UNIT_OFFICER, ward_a)
    RoleAssignment.objects.create(user=user, unit=ward_a, role=Role.BLOCK_HEAD)
    RoleAssignment.objects.create(user=user, unit=org["edu"], role=Role.COUNCIL_MEMBER)
    RoleAssignment.objects.create(
        user=user, unit=org["noivu"], role=Role.UNIT_HEAD, valid_to=date.today() - timedelta(1)
    )
    with django_assert_num_queries(1):
        scope = build_scope(user)
    assert scope.roles == {
        Role.UNIT_OFFICER: {ward_a.pk},
        Role.BLOCK_HEAD: {ward_a.pk},
        Role.COUNCIL_MEMBER: {org["edu"].pk},
    }
    assert not scope.is_global
    assert scope.block_ids == {org["block"].pk}
    # Change: ward A and the units merged into it; view adds ward B (a block member) and
    # the department (council member, read only); the expired role gives nothing.
    assert sorted(scope.change_paths) == sorted([ward_a.path, old.path, older.path])
    assert sorted(scope.view_paths) == sorted(
        [ward_a.path, old.path, older.path, ward_b.path, org["edu"].path]
    )


@pytest.mark.django_db
def test_admin_is_global_and_nobody_sees_nothing(org, django_assert_num_queries):
    admin = make_user("sysadmin", Role.ADMIN, org["province"])
    with django_assert_num_queries(1):
        assert build_scope(admin).is_global
    nobody = make_user("no_roles")
    with django_assert_num_queries(1):
        scope = build_scope(nobody)
    assert scope.roles == {} and scope.view_paths == [] and scope.change_paths == []
