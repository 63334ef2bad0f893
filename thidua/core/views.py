"""Shell views: home per role, health check, audit log, unit switcher, notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import AuditEvent, Notification
from .nav import nav_for
from .permissions import scope_for
from .roles import Role


def render_htmx(request, template: str, context: dict, partial: str | None = None):
    """Render `template#partial` for htmx requests, the full page otherwise."""
    if partial and request.headers.get("HX-Request") == "true":
        return render(request, f"{template}#{partial}", context)
    return render(request, template, context)


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 — report any database failure as unhealthy
        return JsonResponse(
            {"status": "error", "database": connection.vendor, "error": str(exc)}, status=503
        )
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request):
    scope = scope_for(request.user)
    role_labels = [Role(r).label for r in sorted(scope.roles) if r in Role.values]
    cards = [item for item in nav_for(request.user) if item["name"] != "home"]
    return render(
        request,
        "core/home.html",
        {
            "role_labels": role_labels,
            "cards": cards,
            "is_global": scope.is_global,
            "widgets": home_widgets(request),
        },
    )


def home_widgets(request) -> list[dict]:
    """Figures for the home page: each app may define `home_widgets(request)` on its AppConfig,
    returning [{"label", "value", "url", "tone"}] for what the user should act on."""
    from django.apps import apps

    widgets = []
    for config in apps.get_app_configs():
        fn = getattr(config, "home_widgets", None)
        if fn is not None:
            widgets.extend(fn(request))
    return widgets


@login_required
def audit_log(request):
    events = AuditEvent.objects.for_user(request.user).select_related(
        "actor", "unit", "content_type"
    )
    q = request.GET.get("q", "").strip()
    if q:
        events = events.filter(
            Q(object_repr__icontains=q) | Q(action__icontains=q) | Q(reason__icontains=q)
        )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render_htmx(request, "core/audit_log.html", {"page": page, "q": q}, partial="rows")


@login_required
@require_POST
def switch_unit(request):
    try:
        unit_id = int(request.POST.get("unit_id", ""))
    except ValueError:
        return HttpResponseBadRequest("Đơn vị không hợp lệ.")
    if unit_id not in getattr(request, "own_unit_ids", []):
        messages.error(request, "Bạn không có vai trò tại đơn vị này.")
    else:
        request.session["unit_id"] = unit_id
        messages.success(request, "Đã chuyển đơn vị làm việc.")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
def notifications(request):
    items = Notification.objects.for_user(request.user)[:100]
    return render(request, "core/notifications.html", {"items": items})


@login_required
@require_POST
def notifications_read(request):
    Notification.objects.for_user(request.user).unread().update(read_at=timezone.now())
    return redirect("notifications")
