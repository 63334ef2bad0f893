"""The home page's figures kept briefly in the shared cache (issue 13, deadline day): per
user and scope, so a revoked role is never shown its old figures; the page says the figures
may lag; without the setting they are counted on every visit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dossiers.helpers import GIAY_KHEN_HUYEN, make_campaign
from thidua.core.roles import Role
from thidua.dossiers import services
from thidua.org.models import RoleAssignment

LAG_NOTE = "Số liệu trên được tổng hợp lại sau mỗi 60 giây"


@pytest.fixture
def cached(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "home"}
    }
    settings.HOME_WIDGETS_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _home(client):
    with CaptureQueriesContext(connection) as q:
        page = client.get(reverse("home"))
    assert page.status_code == 200
    figures = {w["label"]: w["value"] for w in page.context["widgets"]}
    return figures, page.content.decode(), len(q.captured_queries)


def test_figures_are_kept_per_user_and_the_page_says_they_may_lag(cached, org, users, client_for):
    campaign = make_campaign(org)
    officer = client_for("officer_a")
    services.create_dossier(users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign)
    first, body, counted = _home(officer)
    assert first["Hồ sơ đang soạn"] == 1 and LAG_NOTE in body
    services.create_dossier(users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign)
    again, body, kept = _home(officer)
    assert again == first and kept < counted  # from the cache: no COUNT query
    # another officer of the same unit has their own entry, counted now
    head, _, _ = _home(client_for("head_a"))
    assert head["Hồ sơ đang soạn"] == 2


def test_a_revoked_role_is_counted_afresh_on_the_very_next_visit(cached, org, users, client_for):
    campaign = make_campaign(org)
    services.create_dossier(users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign)
    officer = client_for("officer_a")
    figures, _, _ = _home(officer)
    assert figures["Hồ sơ đang soạn"] == 1
    RoleAssignment.objects.filter(user=users["officer_a"], role=Role.UNIT_OFFICER).delete()
    figures, _, _ = _home(officer)
    assert "Hồ sơ đang soạn" not in figures and "Hồ sơ bị trả lại cần hoàn thiện" not in figures


def test_without_the_setting_figures_are_counted_on_every_visit(org, users, client_for, settings):
    settings.HOME_WIDGETS_CACHE_SECONDS = 0
    campaign = make_campaign(org)
    officer = client_for("officer_a")
    services.create_dossier(users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign)
    first, body, _ = _home(officer)
    services.create_dossier(users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign)
    again, body, _ = _home(officer)
    assert (first["Hồ sơ đang soạn"], again["Hồ sơ đang soạn"]) == (1, 2)
    assert LAG_NOTE not in body
