"""Login throttling around django-axes: the Vietnamese lockout page and the audit trail.

Axes counts failed passwords per user name and per client address (settings AXES_*) in
the database; this module only decides what the user sees when locked out and writes
`auth.login_failed` / `auth.locked_out` audit events (on the named account when it exists;
no actor: nobody is signed in).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone

from . import audit
from .models import AuditEvent
from .net import client_ip

LOCKOUT_MESSAGE = "Bạn đã nhập sai mật khẩu quá nhiều lần. Đăng nhập tạm thời bị khóa."


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, HTTP 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return render(
        request,
        "core/lockout.html",
        {
            "message": LOCKOUT_MESSAGE,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": cooloff_minutes(),
            "username": username,
        },
        status=429,
    )


def _username(credentials) -> str:
    return str((credentials or {}).get("username", ""))[:150]


def _account(username: str):
    """The account the attempt named, when it exists (the audit event then points at it)."""
    return get_user_model().objects.filter(username=username).first() if username else None


def on_login_failed(sender, credentials=None, request=None, **kwargs):
    """Django's user_login_failed: one audit event per refused password (not while locked)."""
    if request is None or getattr(request, "axes_locked_out", False):
        return
    username = _username(credentials)
    audit.record(
        _account(username),
        "auth.login_failed",
        data={"username": username, "ip": client_ip(request)},
    )


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """axes' user_locked_out: one audit event per lockout.

    Axes sends the signal again for every attempt refused during the lockout; those repeat
    attempts are not written again while the same lockout (same user name and address,
    within the cool-off) is already in the audit trail.
    """
    username = (username or "")[:150]
    ip = ip_address or (client_ip(request) if request is not None else "")
    already = AuditEvent.objects.filter(
        action="auth.locked_out",
        created_at__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
        data__username=username,
        data__ip=ip,
    ).exists()
    if already:
        return
    audit.record(
        _account(username),
        "auth.locked_out",
        reason=LOCKOUT_MESSAGE,
        data={
            "username": username,
            "ip": ip,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": cooloff_minutes(),
        },
    )
