"""Walk every model registered in the Django admin as each role, against objects of the
user's own city and of another city, on the demo data (issue #10, item 1: the admin was a
back door).

The admin is reserved to the system administrator. For everybody else — the standing body
of TP Bắc Kạn (`noivu`) and of TP Lào Cai (`noivu_laocai`), a unit officer, the chairman, a
council member — every admin page (index, app index, changelist, add, change, delete,
history) answers with the login redirect, never a page, and no POST changes anything:
no row edited, added or deleted, no role assignment created, nobody's scope widened.
The system administrator gets every page, and the same POST payloads succeed for them,
which proves the payloads the others sent were valid forms.
A model registered in the admin later is walked automatically.
"""

from datetime import date, datetime, time

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import Client, RequestFactory
from django.urls import reverse

from thidua.core.models import ApiToken, AuditEvent
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.org.models import RoleAssignment, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SYSADMIN = "admin"
OTHERS = ["noivu", "noivu_laocai", "canbo_ducxuan", "chutich", "hoidong"]
CITIES = {"own": "TP_BK", "other": "TP_LC"}  # own for noivu, other for noivu_laocai, and back


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", verbosity=0)
    ApiToken.issue(get_user_model().objects.get(username="noivu"), "Đồng bộ sổ khen thưởng")
    clients = {}
    for username in [SYSADMIN, *OTHERS]:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        clients[username] = client
    return clients


def _objects(model) -> dict[str, object]:
    """One object of the model under each city; unscoped models (legal tables, users,
    groups, tokens) give their first row."""
    lookup = getattr(model._default_manager.get_queryset(), "scope_unit_lookup", None)
    qs = model._default_manager.order_by("pk")
    if lookup is None:
        first = qs.first()
        return {"any": first} if first is not None else {}
    found = {}
    for side, code in CITIES.items():
        path = Unit.objects.get(code=code).path
        field = f"{lookup}__path__startswith" if lookup else "path__startswith"
        obj = qs.filter(**{field: path}).first()
        if obj is not None:
            found[side] = obj
    return found


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _format(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def _payload(model_admin, request, obj) -> tuple[dict, str | None]:
    """The POST a browser would send for the change form of `obj` as the admin sees it,
    with one free-text field edited (its name returned, to check the edit took effect)."""
    form = model_admin.get_form(request, obj, change=True)(instance=obj)
    data, edited = {}, None
    for bf in form:
        if bf.field.disabled:
            continue
        value = bf.field.prepare_value(bf.value())
        widget = bf.field.widget
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=False):
                if part is not None:
                    data[bf.html_name + suffix] = _format(part)
        elif isinstance(value, bool) or isinstance(bf.field, forms.BooleanField):
            if value:
                data[bf.html_name] = "on"
        elif isinstance(value, (list, tuple)) and not isinstance(bf.field, forms.JSONField):
            data[bf.html_name] = [_format(v) for v in value]
        elif value is not None:
            data[bf.html_name] = _format(value)
        model_field = next((f for f in obj._meta.fields if f.name == bf.name), None)
        if (
            edited is None
            and type(bf.field) is forms.CharField
            and model_field is not None
            and not model_field.unique
            and not model_field.choices
            and value
        ):
            data[bf.html_name] = f"{value} (đã sửa)"[: bf.field.max_length or 255]
            edited = bf.name
    for formset, _inline in model_admin.get_formsets_with_inlines(request, obj):
        prefix = formset.get_default_prefix()
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data, edited


def _state(model):
    return sorted(
        (o.pk, repr(sorted(model_to_dict(o).items()))) for o in model._default_manager.all()
    )


def _assert_denied(resp, what, failures):
    login = reverse("admin:login")
    if resp.status_code == 200 or (resp.status_code == 302 and not resp.url.startswith(login)):
        failures.append(f"{what} → {resp.status_code} {getattr(resp, 'url', '')}")
    elif resp.status_code >= 500:
        failures.append(f"{what} → {resp.status_code}")


def test_admin_is_reserved_to_the_system_administrator(demo):
    User = get_user_model()
    sysadmin = User.objects.get(username=SYSADMIN)
    request = RequestFactory().get("/admin/")
    request.user = sysadmin
    registry = sorted(admin.site._registry.items(), key=lambda kv: kv[0]._meta.label)
    assert len(registry) >= 13
    roles_before = sorted(RoleAssignment.objects.values_list("user_id", "unit_id", "role"))
    failures, walked = [], []
    for model, model_admin in registry:
        info = (model._meta.app_label, model._meta.model_name)
        objects = _objects(model)
        if not objects and model.__module__.startswith("thidua."):
            failures.append(f"{model._meta.label}: the demo has no row to walk")
        state = _state(model)
        for username in OTHERS:
            client = demo[username]
            who = f"{username} {model._meta.label}"
            _assert_denied(client.get(reverse("admin:index")), f"{username} admin index", failures)
            _assert_denied(
                client.get(reverse("admin:app_list", args=[info[0]])), f"{who} app", failures
            )
            _assert_denied(client.get(_admin_url(model, "changelist")), f"{who} list", failures)
            _assert_denied(client.get(_admin_url(model, "add")), f"{who} add", failures)
            for side, obj in objects.items():
                change = _admin_url(model, "change", obj.pk)
                delete = _admin_url(model, "delete", obj.pk)
                history = _admin_url(model, "history", obj.pk)
                payload, _edited = _payload(model_admin, request, obj)
                for url in (change, delete, history):
                    _assert_denied(client.get(url), f"{who} GET {side} {url}", failures)
                _assert_denied(client.post(change, payload), f"{who} POST {side} change", failures)
                add = _admin_url(model, "add")
                _assert_denied(client.post(add, payload), f"{who} POST {side} add", failures)
                _assert_denied(
                    client.post(delete, {"post": "yes"}), f"{who} POST {side} delete", failures
                )
                bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
                changelist = _admin_url(model, "changelist")
                _assert_denied(
                    client.post(changelist, bulk), f"{who} POST {side} bulk delete", failures
                )
        if _state(model) != state:
            failures.append(f"{model._meta.label}: rows changed by a non-administrator")
        # The system administrator: every page, and the same payloads are valid.
        client = demo[SYSADMIN]
        pages = [(_admin_url(model, "changelist"), 200)]
        pages.append(
            (_admin_url(model, "add"), 200 if model_admin.has_add_permission(request) else 403)
        )
        for url, expected in pages:
            if client.get(url).status_code != expected:
                failures.append(f"admin GET {url} → {client.get(url).status_code}")
        for side, obj in objects.items():
            change = _admin_url(model, "change", obj.pk)
            if client.get(change).status_code != 200:
                failures.append(f"admin GET {change} → {client.get(change).status_code}")
            payload, edited = _payload(model_admin, request, obj)
            may_change = model_admin.has_change_permission(request, obj)
            resp = client.post(change, payload)
            if not may_change:
                if resp.status_code != 403:
                    failures.append(f"admin POST read-only {change} → {resp.status_code}")
                continue
            if resp.status_code != 302:
                errors = resp.context["adminform"].form.errors if resp.context else ""
                failures.append(f"admin POST {change} → {resp.status_code} {errors}")
            elif edited:
                obj.refresh_from_db()
                if "(đã sửa)" not in str(getattr(obj, edited)):
                    failures.append(f"admin POST {change}: {edited} not saved")
            walked.append(f"{model._meta.label}:{side}")
    roles_after = sorted(RoleAssignment.objects.values_list("user_id", "unit_id", "role"))
    assert roles_after == roles_before
    for username in OTHERS:
        assert not scope_for(User.objects.get(username=username)).is_global
    assert not failures, "\n".join(failures)
    # The control edits really happened: the payloads the others sent were valid forms.
    assert {
        "org.Unit:other",
        "org.Person:other",
        "org.Block:other",
        "org.Person:own",
        "legal.AwardForm:any",
        "legal.LegalSetting:any",
        "auth.User:any",
    } <= set(walked)


@pytest.mark.parametrize("username", OTHERS)
def test_no_role_escalation_through_the_admin(demo, username):
    """The reported attack: the standing body adds a RoleAssignment making itself chairman
    or system administrator of its own or another city. Refused, nothing saved."""
    user = get_user_model().objects.get(username=username)
    client = demo[username]
    add = reverse("admin:org_roleassignment_add")
    before = RoleAssignment.objects.count()
    audits = AuditEvent.objects.filter(action="role_granted").count()
    failures = []
    for code in ("TP_BK", "TP_LC"):
        for role in (Role.CHAIRMAN, Role.ADMIN, Role.STANDING_BODY):
            unit = Unit.objects.get(code=code)
            resp = client.post(add, {"user": user.pk, "unit": unit.pk, "role": role})
            _assert_denied(resp, f"{username} grants itself {role} at {code}", failures)
    assert not failures, "\n".join(failures)
    assert RoleAssignment.objects.count() == before
    assert AuditEvent.objects.filter(action="role_granted").count() == audits
    user = get_user_model().objects.get(username=username)
    assert not scope_for(user).has_role(Role.ADMIN)
    # The same form, sent by the system administrator, does grant (so it was a valid form).
    resp = demo[SYSADMIN].post(
        add, {"user": user.pk, "unit": Unit.objects.get(code="TP_LC").pk, "role": Role.CHAIRMAN}
    )
    assert resp.status_code == 302
    assert RoleAssignment.objects.filter(user=user, role=Role.CHAIRMAN, unit__code="TP_LC").exists()
    assert AuditEvent.objects.filter(action="role_granted").count() == audits + 1
