"""Notifications: in the app always, by e-mail after commit; a failed mail is logged only."""

import logging

from django.core.mail import send_mail
from django.db import transaction

from .models import Notification

log = logging.getLogger(__name__)


def notify(users, message: str, url: str = "", subject: str | None = None) -> None:
    users = [u for u in users if u is not None]
    Notification.objects.bulk_create(
        Notification(user=u, message=message[:500], url=url) for u in users
    )
    emails = [u.email for u in users if u.email]
    if not emails:
        return

    def _send():
        try:
            send_mail(
                subject or "[Thi đua - Khen thưởng] Thông báo", f"{message}\n{url}", None, emails
            )
        except Exception:  # noqa: BLE001 — mail failure must never undo the change
            log.exception("Không gửi được thư thông báo tới %s", emails)

    transaction.on_commit(_send)
