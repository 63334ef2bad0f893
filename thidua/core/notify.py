"""Notifications: in the app at once (one insert, part of the change that causes it), by
e-mail through the task queue after commit (`send_notification_mail`); a failed mail is
logged only and never undoes the change."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
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


UNREAD_SECONDS = 600


def _unread_key(user_id: int) -> str:
    return f"thidua:unread:{user_id}"


# The counts read from the shared cache by `CurrentUnitMiddleware` in its round trip, for
# the rest of the request: {user id: count}.
_seen: ContextVar[dict | None] = ContextVar("thidua_unread_seen", default=None)


def unread_cache_key(user_id: int) -> str | None:
    """The shared cache's key of the user's count, None when it is not cached."""
    return _unread_key(user_id) if settings.UNREAD_COUNT_CACHE else None


@contextmanager
def seen_unread(user_id: int, count: int):
    """Inside the block `unread_count` answers `count` for the user without reading the cache
    again (`forget_unread` drops it)."""
    token = _seen.set({user_id: count})
    try:
        yield
    finally:
        _seen.reset(token)


def unread_count(user) -> int:
    """The bell's figure on every signed-in page, kept in the shared cache per user until a
    notification of theirs is created or read (`forget_unread`)."""
    if not settings.UNREAD_COUNT_CACHE:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()
    seen = _seen.get()
    if seen is not None and user.pk in seen:
        return seen[user.pk]
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def forget_unread(user_ids) -> None:
    """Drop the cached counts now and again at commit (a request that counted the old rows
    meanwhile may have stored them)."""
    user_ids = set(user_ids)
    seen = _seen.get()
    if seen:
        for pk in user_ids:
            seen.pop(pk, None)
    keys = [_unread_key(pk) for pk in user_ids]
    if not keys or not settings.UNREAD_COUNT_CACHE:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_unread_of(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a Notification (connected in CoreConfig.ready)."""
    forget_unread([instance.user_id])


def notify(users, message: str, url: str = "", subject: str | None = None) -> None:
    users = [u for u in users if u is not None]
    Notification.objects.bulk_create(
        Notification(user=u, message=message[:500], url=url) for u in users
    )
    forget_unread(u.pk for u in users)
    emails = sorted({u.email for u in users if u.email})
    if emails:
        enqueue_on_commit(send_notification_mail, emails, subject or SUBJECT, f"{message}\n{url}")
