"""The public portal: no login, only published data."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from thidua.campaigns.models import Campaign
from thidua.reports import services
from thidua.reports.models import ExemplaryModel, SavedReport

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def data(org, users):
    launched = Campaign.objects.create(
        issuer=org["city"], title="Phong trào đã phát động", status="launched"
    )
    draft = Campaign.objects.create(
        issuer=org["city"], title="Phong trào dự thảo bí mật", status="draft"
    )
    pub = ExemplaryModel.objects.create(
        kind="model",
        name="Mô hình công bố",
        unit=org["ward_a"],
        story="Câu chuyện",
        stage="nurture",
        published=True,
        published_at=datetime(2025, 1, 1, tzinfo=VN),
    )
    hidden = ExemplaryModel.objects.create(
        kind="model", name="Mô hình nội bộ", unit=org["ward_a"], story="…"
    )
    rep_pub = services.save_report(
        org["city"], users["standing"], campaign=launched, title="Báo cáo đã công bố"
    )
    services.set_report_published(rep_pub, users["standing"], True)
    rep_hidden = services.save_report(
        org["city"], users["standing"], year=2025, title="Báo cáo nội bộ"
    )
    return {
        "launched": launched,
        "draft": draft,
        "pub": pub,
        "hidden": hidden,
        "rep_pub": rep_pub,
        "rep_hidden": rep_hidden,
    }


def test_home_shows_only_published_things(client, data):
    html = client.get(reverse("portal:home")).content.decode()
    assert "Phong trào đã phát động" in html and "Phong trào dự thảo bí mật" not in html
    assert "Mô hình công bố" in html and "Mô hình nội bộ" not in html
    assert "Báo cáo đã công bố" in html and "Báo cáo nội bộ" not in html


def test_home_links_to_other_apps_only_when_they_exist(client, data):
    html = client.get(reverse("portal:home")).content.decode()
    from django.urls import NoReverseMatch

    try:
        assert reverse("registry:search") in html
    except NoReverseMatch:
        assert "Tra cứu khen thưởng" not in html


def test_public_pages_404_for_unpublished(client, data):
    assert client.get(reverse("portal:model", args=[data["pub"].pk])).status_code == 200
    assert client.get(reverse("portal:model", args=[data["hidden"].pk])).status_code == 404
    assert client.get(reverse("portal:report", args=[data["rep_pub"].pk])).status_code == 200
    assert client.get(reverse("portal:report", args=[data["rep_hidden"].pk])).status_code == 404
    assert client.get(reverse("portal:campaign", args=[data["launched"].pk])).status_code == 200
    assert client.get(reverse("portal:campaign", args=[data["draft"].pk])).status_code == 404


def test_model_list_search_ignores_diacritics(client, data):
    html = client.get(reverse("portal:models"), {"q": "mo hinh cong bo"}).content.decode()
    assert "Mô hình công bố" in html
    html = client.get(reverse("portal:models"), {"q": "noi bo"}).content.decode()
    assert "Mô hình nội bộ" not in html


def test_portal_home_query_budget(client, org, data, django_assert_max_num_queries):
    for i in range(12):
        ExemplaryModel.objects.create(
            kind="model",
            name=f"M {i}",
            unit=org["ward_a"],
            story="…",
            published=True,
            published_at=datetime(2025, 1, 2, tzinfo=VN),
        )
        SavedReport.objects.create(
            authority=org["city"],
            title=f"R {i}",
            data={},
            published=True,
            published_at=datetime(2025, 1, 2, tzinfo=VN),
        )
    with django_assert_max_num_queries(10):
        assert client.get(reverse("portal:home")).status_code == 200
