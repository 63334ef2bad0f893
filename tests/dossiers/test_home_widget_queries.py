"""The home page's figures are COUNT queries: as many queries with more rows, no dossier,
campaign or unit row loaded for them (#13.3)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dossiers.helpers import GIAY_KHEN_HUYEN, make_campaign
from thidua.dossiers import services


def home(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home"))
    figures = {w["label"]: w["value"] for w in page.context["widgets"]}
    return figures, [q["sql"] for q in queries.captured_queries]


def test_officer_home_counts_in_a_constant_number_of_queries(org, users, client_for):
    campaign = make_campaign(org)
    officer = client_for("officer_a")
    services.create_dossier(users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign)
    home(officer)
    before, queries = home(officer)
    for _ in range(3):
        services.create_dossier(
            users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign
        )
    make_campaign(org, seed="001")
    after, queries_after = home(officer)
    assert before["Hồ sơ đang soạn"] == 1 and after["Hồ sơ đang soạn"] == 4
    assert after["Phong trào đang triển khai"] == before["Phong trào đang triển khai"] + 1
    assert len(queries_after) == len(queries) <= 10, "\n".join(queries_after)
    dossier_rows = [q for q in queries_after if 'SELECT "dossiers_dossier"."id"' in q]
    assert dossier_rows == []
    # The unit rows: only the current unit (the shell's header), once.
    assert sum('FROM "org_unit"' in q and "COUNT" not in q for q in queries_after) <= 1
