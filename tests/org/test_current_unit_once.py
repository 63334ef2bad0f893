"""`request.unit` is resolved once per request, with its successor, and nothing else on a
signed-in page reads the user's units again (#13.3): the units come with the scope, in its
one query (#13)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_user
from thidua.core.roles import Role
from thidua.org.models import Unit, UnitKind


def unit_queries(client, url) -> tuple[str, list[str]]:
    """The page, and the queries that read units: the scope's (which also reads the own
    units and their successors) and any other."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    return page.content.decode(), [
        q for q in sqls if 'FROM "org_unit"' in q or "WITH RECURSIVE" in q
    ]


def test_a_merged_units_officer_gets_the_unit_and_its_successor_in_one_query(org):
    old = Unit.objects.create(
        code="OLD", name="Xã Cũ", kind=UnitKind.COMMUNE, parent=org["city"], successor=org["ward_a"]
    )
    client = Client()
    client.force_login(make_user("old_officer", Role.UNIT_OFFICER, old))
    client.get(reverse("dossiers:list"))
    html, queries = unit_queries(client, reverse("dossiers:list"))
    assert 'id="merged-unit"' in html and org["ward_a"].name in html
    assert len(queries) == 1, queries
    assert "WITH RECURSIVE" in queries[0]  # the scope's query
    assert "ON s.id = o.successor_id" in queries[0]  # the successor, joined


def test_the_dossier_list_reads_the_unit_once(users, client_for):
    officer = client_for("officer_a")
    officer.get(reverse("dossiers:list"))
    html, queries = unit_queries(officer, reverse("dossiers:list"))
    assert "Lập hồ sơ" in html or "/ho-so/lap/" in html  # may create: from the scope
    assert len(queries) == 1, queries
