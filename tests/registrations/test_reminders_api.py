"""Reminders (idempotent, before and after the deadlines) and the API's permissions."""

from datetime import date

from django.core import mail
from django.test import Client

from thidua.core.models import Notification
from thidua.registrations import services
from thidua.registrations.models import Registration, Reminder
from thidua.registrations.reminders import send_reminders
from thidua.registrations.tasks import send_reminders_task


def test_reminders_before_the_deadline_go_to_units_not_yet_registered_once(
    lc, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Registration.objects.create(
        campaign=lc["campaign"], unit=lc["u"]["KT"], block=lc["block"], status="submitted"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(today=date(2020, 10, 18), days_before=3)
    reminded = set(Reminder.objects.values_list("unit__code", flat=True))
    assert reminded == {"LC_CL", "LC_DH", "LC_DT", "LC_HTX"}  # KT already submitted
    assert sent == 4
    assert (
        Notification.objects.filter(
            user=lc["users"]["officer_CL"], message__startswith="Nhắc hạn"
        ).count()
        == 1
    )
    assert any("lc_canbo_CL@x.vn" in m.to for m in mail.outbox)
    assert send_reminders(today=date(2020, 10, 18), days_before=3) == 0  # idempotent
    assert Notification.objects.filter(user=lc["users"]["officer_CL"]).count() == 1


def test_no_reminder_earlier_than_n_days_and_overdue_reminder_after(lc):
    assert send_reminders(today=date(2020, 10, 10), days_before=3) == 0
    # django-tasks 0.9 cannot build TaskResult on Python 3.11 (see registry/tasks.py): call it.
    assert send_reminders_task.call(days_before=3) > 0  # today: both deadlines long past
    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert kinds == {"after"}
    assert Notification.objects.filter(
        user=lc["users"]["officer_DH"], message__startswith="Quá hạn"
    ).exists()


def test_forwarding_reminder_goes_to_the_block_head(lc):
    reg = Registration.objects.create(
        campaign=lc["campaign"], unit=lc["u"]["KT"], block=lc["block"], status="accepted"
    )
    send_reminders(today=date(2020, 10, 22), days_before=3)
    assert Reminder.objects.filter(
        unit=lc["u"]["KT"], deadline__kind="registration_forward"
    ).exists()
    assert Notification.objects.filter(
        user=lc["users"]["head_block"], message__contains="gửi đăng ký của"
    ).exists()
    assert reg.pk


def api(user):
    c = Client()
    c.force_login(user)
    return c


def test_api_scopes_and_transitions(lc):
    users, u, campaign = lc["users"], lc["u"], lc["campaign"]
    assert Client().get("/api/registrations/").status_code == 401
    resp = api(users["officer_KT"]).post(
        "/api/registrations/",
        {"campaign_id": campaign.pk, "unit_id": u["KT"].pk},
        content_type="application/json",
    )
    assert resp.status_code == 201
    pk = resp.json()["id"]
    resp = api(users["officer_CL"]).post(
        "/api/registrations/",
        {"campaign_id": campaign.pk, "unit_id": u["KT"].pk},
        content_type="application/json",
    )
    assert resp.status_code == 404
    resp = api(users["officer_KT"]).post(
        f"/api/registrations/{pk}/indicators",
        {"name": "Thu", "target": "5", "baseline": "5"},
        content_type="application/json",
    )
    assert resp.status_code == 422 and "khác giá trị ban đầu" in resp.json()["detail"]
    api(users["officer_KT"]).post(
        f"/api/registrations/{pk}/indicators",
        {"name": "Thu", "target": "100"},
        content_type="application/json",
    )
    assert api(users["officer_CL"]).get(f"/api/registrations/{pk}").status_code == 404
    assert (
        api(users["officer_KT"]).post(f"/api/registrations/{pk}/submit").status_code == 422
    )  # officer
    assert (
        api(users["head_KT"]).post(f"/api/registrations/{pk}/submit").json()["status"]
        == "submitted"
    )
    assert (
        api(users["head_block"]).post(f"/api/registrations/{pk}/accept").json()["status"]
        == "accepted"
    )
    ranking = (
        api(users["standing"])
        .get(f"/api/registrations/ranking?campaign_id={campaign.pk}&as_at=2021-06-30")
        .json()
    )
    assert [r["unit_name"] for r in ranking["rows"]] == ["Phường Kim Tân"] and ranking[
        "scheme_id"
    ] is None
    assert (
        api(users["officer_CL"])
        .get(f"/api/registrations/ranking?campaign_id={campaign.pk}")
        .json()["rows"]
        == []
    )
    assert api(users["standing"]).get("/api/registrations/").json()["count"] == 1
    assert api(users["officer_CL"]).get("/api/registrations/").json()["count"] == 0
    services.set_prior_rating(users["standing"], year=2020, rating="hoan_thanh_tot", unit=u["KT"])
    leaders = (
        api(users["standing"])
        .get(f"/api/registrations/leaders?campaign_id={campaign.pk}&as_at=2021-06-30")
        .json()
    )
    assert leaders[0]["leaders"][0]["unit_name"] == "Phường Kim Tân"
