"""Notifications: in the app at once (one insert, part of the change that causes it), by
e-mail through the task queue after commit (`send_notification_mail`); a failed mail is
logged only and never undoes the change."""

import logging

from django.core.mail import send_mail
from django_tasks import task

from .models import Notification
from .queue import enqueue_on_commit

log = logging.getLogger(__name__)
SUBJECT = "[Thi đua - Khen thưởng] Thông báo"


@task()
def send_notification_mail(emails: list[str], subject: str, body: str) -> int:
    """The background task that sends one notification mail."""
    try:
        return send_mail(subject, body, None, emails)
    except Exception:  # noqa: BLE001 — mail failure must never undo the change
        log.exception("Không gửi được thư thông báo tới %s", emails)
        return 0


def notify(users, message: str, url: str = "", subject: str | None = None) -> None:
    users = [u for u in users if u is not None]
    Notification.objects.bulk_create(
        Notification(user=u, message=message[:500], url=url) for u in users
    )
    emails = sorted({u.email for u in users if u.email})
    if emails:
        enqueue_on_commit(send_notification_mail, emails, subject or SUBJECT, f"{message}\n{url}")
