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
from .notify import forget_unread
from .permissions import scope_for
from .roles import Role


def render_htmx(request, template: str, context: dict, partial: str | None = None):
    """Render `template#partial` for htmx requests, the full page otherwise."""
    if partial and request.headers.get("HX-Request") == "true":
        return render(request, f"{template}#{partial}", context)
    return render(request, template, context)


def healthz(request):
    """503 with the reason when the site cannot serve pages: database unreachable, migrations
    not applied, or (with a manifest static storage, i.e. production) the static manifest
    missing, unreadable or naming files that are not there."""
    checks = {"database": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 — report any database failure as unhealthy
        return _unhealthy(checks, f"Không kết nối được cơ sở dữ liệu: {exc}")
    pending = _unapplied_migrations()
    if pending:
        checks["unapplied_migrations"] = pending
        return _unhealthy(checks, f"Còn {len(pending)} migration chưa áp dụng (thidua migrate).")
    static_error = _static_manifest_error()
    if static_error:
        return _unhealthy(checks, static_error)
    return JsonResponse({"status": "ok", **checks})


def _unhealthy(checks: dict, error: str) -> JsonResponse:
    return JsonResponse({"status": "error", **checks, "error": error}, status=503)


def _unapplied_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _static_manifest_error() -> str | None:
    """The manifest storage renders `{% static %}` from staticfiles.json: without it (or with
    a file it names missing) every page is a 500, so health must say so."""
    import json

    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    try:
        storage = storages["staticfiles"]  # a manifest storage reads its manifest here
    except ValueError as exc:
        return f"Không đọc được tệp tĩnh staticfiles.json: {exc}"
    if not isinstance(storage, ManifestFilesMixin):
        return None
    try:
        content = storage.read_manifest()
        paths = json.loads(content)["paths"] if content is not None else None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"Không đọc được tệp tĩnh {storage.manifest_name}: {exc}"
    if not paths:
        return f"Thiếu {storage.manifest_name}: chạy thidua collectstatic --no-input."
    missing = [name for name in paths.values() if not storage.exists(name)]
    if missing:
        return f"Thiếu {len(missing)} tệp tĩnh đã băm (ví dụ {missing[0]}): chạy collectstatic."
    return None


@login_required
def home(request):
    scope = scope_for(request.user)
    role_labels = [Role(r).label for r in sorted(scope.roles) if r in Role.values]
    return render(
        request,
        "core/home.html",
        {
            "role_labels": role_labels,
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


AUDIT_PAGE_SIZE = 50


@login_required
def audit_log(request):
    """The trail in Vietnamese sentences, scoped to the user's units, filterable by object
    (name, kind), person and date, 50 a page."""
    from datetime import datetime
    from urllib.parse import urlencode

    from django.contrib.auth import get_user_model

    from .audit import person_name

    events = AuditEvent.objects.for_user(request.user).select_related(
        "actor", "unit", "content_type"
    )
    f = {k: request.GET.get(k, "").strip() for k in ("q", "loai", "nguoi", "tu", "den")}
    errors = []
    if f["q"]:
        events = events.filter(Q(object_repr__icontains=f["q"]) | Q(reason__icontains=f["q"]))
    kinds = _audit_kinds()
    if f["loai"] in kinds:
        events = events.filter(content_type_id=kinds[f["loai"]][0])
    if f["nguoi"].isdigit():
        events = events.filter(actor_id=int(f["nguoi"]))
    for key, lookup in (("tu", "created_at__date__gte"), ("den", "created_at__date__lte")):
        if not f[key]:
            continue
        try:
            day = datetime.strptime(f[key], "%d/%m/%Y").date()
        except ValueError:
            errors.append(f"Ngày “{f[key]}” không hợp lệ (nhập dd/mm/yyyy).")
            continue
        events = events.filter(**{lookup: day})
    actor_ids = (
        AuditEvent.objects.for_user(request.user)
        .exclude(actor=None)
        .values_list("actor_id", flat=True)
        .distinct()
    )
    actors = sorted(get_user_model().objects.filter(pk__in=list(actor_ids)[:500]), key=person_name)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in f.items() if v})
    return render_htmx(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "f": f,
            "q": f["q"],
            "query": query,
            "kinds": [(key, label) for key, (_pk, label) in kinds.items()],
            "actors": [(u.pk, person_name(u)) for u in actors],
            "errors": errors,
            "breadcrumbs": [("Nhật ký thao tác", None)],
        },
        partial="rows",
    )


def _audit_kinds() -> dict[str, tuple[int, str]]:
    """Kinds of object the trail names: model label → (content type id, Vietnamese name)."""
    from django.contrib.contenttypes.models import ContentType

    used = AuditEvent.objects.exclude(content_type=None).values_list("content_type", flat=True)
    out = {}
    for ct in ContentType.objects.filter(pk__in=used.distinct()):
        model = ct.model_class()
        if model is None:
            continue
        out[f"{ct.app_label}.{ct.model}"] = (ct.pk, str(model._meta.verbose_name).capitalize())
    return dict(sorted(out.items(), key=lambda kv: kv[1][1]))


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
    forget_unread([request.user.pk])
    return redirect("notifications")
