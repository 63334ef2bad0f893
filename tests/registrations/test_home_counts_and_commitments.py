"""Home-page counts equal the pages they link to (issue #15, item 19): the province's
appraisal count is its own queue, the overdue programme tasks are the authority's own;
the standing body lists every registered work item and event with its status."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.dossiers.helpers import make_campaign, make_user, person, ready_dossier
from thidua.core.roles import Role
from thidua.dossiers import services as dossier_services
from thidua.registrations import services


def _widget(client, label):
    page = client.get(reverse("home"))
    return next(w for w in page.context["widgets"] if w["label"] == label)


def test_appraisal_count_is_the_queue_it_links_to(org, users, client_for):
    from django.test import Client

    campaign = make_campaign(org)
    p = person(org["ward_a"], "Hoàng Văn Nam", "006000000911")
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, [p])
    dossier_services.submit(d, users["officer_a"])
    province = Client()
    province.force_login(make_user("so_noivu", Role.STANDING_BODY, org["province"]))
    for c, expected in ((client_for("standing"), 1), (province, 0)):
        w = _widget(c, "Hồ sơ chờ thẩm định")
        queue = c.get(w["url"])
        assert w["value"] == expected == len(queue.context["dossiers"])


def test_overdue_programme_tasks_are_the_authoritys_own(org, users, client_for):
    from django.test import Client

    from thidua.reports.models import Milestone, Programme

    city_programme = Programme.objects.create(
        issuer=org["city"], title="Chương trình của thành phố", start_year=2021, end_year=2025
    )
    Milestone.objects.create(programme=city_programme, year=2022, title="Sơ kết giữa kỳ")
    province = Client()
    province.force_login(make_user("so_noivu2", Role.STANDING_BODY, org["province"]))
    for c, expected in ((client_for("standing"), 1), (province, 0)):
        w = _widget(c, "Nhiệm vụ chương trình quá hạn")
        page = c.get(w["url"])
        assert w["value"] == expected == len(page.context["overdue"])
    assert "Sơ kết giữa kỳ" in client_for("standing").get(w["url"]).content.decode()


def test_the_standing_body_sees_every_work_item_and_event_with_its_status(org, users, client_for):
    campaign = make_campaign(org)
    reg = services.register(campaign, org["ward_a"], users["officer_a"])
    today = timezone.localdate()
    done = services.add_commitment(
        reg, users["officer_a"], "work_item", title="Đường bê tông thôn Nà Ỏi", due_date=today
    )
    services.add_commitment(
        reg,
        users["officer_a"],
        "event",
        title="Hội thi văn nghệ",
        due_date=today - timedelta(days=3),
    )
    services.add_commitment(
        reg,
        users["officer_a"],
        "work_item",
        title="Nhà văn hóa tổ 5",
        due_date=today + timedelta(days=30),
    )
    services.submit(reg, users["head_a"])
    services.accept(reg, users["block_head"])
    services.mark_done(done, users["officer_a"], note="Đã khánh thành")
    c = client_for("standing")
    html = c.get(reverse("registrations:commitments")).content.decode()
    for text in (
        "Đường bê tông thôn Nà Ỏi",
        "Hội thi văn nghệ",
        "Nhà văn hóa tổ 5",
        "Đã hoàn thành: 1",
        "Quá hạn, chưa hoàn thành: 1",
        "Đang thực hiện: 1",
    ):
        assert text in html
    late = c.get(reverse("registrations:commitments"), {"status": "late"}).content.decode()
    assert "Hội thi văn nghệ" in late and "Nhà văn hóa tổ 5" not in late
    assert client_for("officer_a").get(reverse("registrations:commitments")).status_code == 403
