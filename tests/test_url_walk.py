"""Walk every URL and API route as each role, against its own unit's objects and another
unit's, on the demo data, and assert allow/deny.

Rules checked for every route (one test, so the demo is loaded once):
- nothing answers 500;
- anonymous visitors get the login redirect, 401 (API) or 404/405 — except the public
  pages listed in PUBLIC, which must not need a login;
- for routes that take an object, a unit officer gets that object when it belongs to
  their unit (or is public) and 403/404 — never the object — when it belongs to another
  unit, by GET and by POST; the standing body reads both.
A route missing from OBJECTS or NO_OBJECT fails the test, so new routes must be classified.
"""

import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from thidua.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

OWN, OTHER = "P_DX", "P_SC"
USERS = {
    "officer": "canbo_ducxuan",
    "head": "thutruong_ducxuan",
    "other_officer": "canbo_songcau",
    "standing": "noivu",
    "council": "hoidong",
    "chairman": "chutich",
    "block_head": "truongkhoi",
    "edu": "canbo_giaoduc",
}

PUBLIC_PREFIXES = ("/cong-khai/", "/phong-trao/cong-khai/", "/ho-so/cong-khai/danh-sach/", "/so-khen-thuong/tra-cuu/",
                   "/so-khen-thuong/xac-thuc/", "/dang-nhap/", "/healthz", "/api/docs", "/api/openapi.json")  # fmt: skip
PUBLIC_NAMES = {
    "dossiers:public",
    "registry:verify",
    "registry:verify_form",
    "campaigns:public_document",
    "login",
}

# Routes whose object belongs to a unit: route name -> (model, lookup from the object to its Unit).
# The walker picks one object under OWN and one under OTHER from the demo.
OBJECTS = {
    "org:unit": ("org.Unit", ""),
    "org:person": ("org.Person", "unit"),
    "org:person_edit": ("org.Person", "unit"),
    "org:role_revoke": ("org.RoleAssignment", "unit"),
    "registry:person": ("org.Person", "unit"),
    "registry:unit": ("org.Unit", ""),
    "dossiers:detail": ("dossiers.Dossier", "proposer"),
    "dossiers:meeting": ("dossiers.Dossier", "proposer"),
    "dossiers:nominee_add": ("dossiers.Dossier", "proposer"),
    "dossiers:upload": ("dossiers.Dossier", "proposer"),
    "dossiers:generate": ("dossiers.Dossier", "proposer"),
    "dossiers:export": ("dossiers.Dossier", "proposer"),
    "dossiers:submit": ("dossiers.Dossier", "proposer"),
    "dossiers:withdraw": ("dossiers.Dossier", "proposer"),
    "dossiers:compare": ("dossiers.Dossier", "proposer"),
    "registrations:detail": ("registrations.Registration", "unit"),
    "registrations:indicator_add": ("registrations.Registration", "unit"),
    "registrations:commitment_add": ("registrations.Registration", "unit"),
    "registrations:submit": ("registrations.Registration", "unit"),
    "reports:unit_report": ("reports.UnitReport", "unit"),
    "reports:initiative": ("reports.Initiative", "unit"),
    "reports:model": ("reports.ExemplaryModel", "unit"),
}
# Routes that are checked only as "no 500, anonymous redirected, unknown id → 404/403".
NO_OBJECT_PARAMS = {"kind": "units", "fmt": "docx", "to": "launched", "token": "khong-co", "doc_type": "to_trinh",
                    "what": "registrations", "code": "0601", "action": "open"}  # fmt: skip


def _routes(patterns=None, prefix="", ns=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("admin"):
                continue
            yield from _routes(p.url_patterns, prefix + str(p.pattern), p.namespace or ns)
        elif isinstance(p, URLPattern) and p.name and not (ns or "").startswith("api-"):
            yield (
                (f"{ns}:{p.name}" if ns else p.name),
                prefix + str(p.pattern),
                list(p.pattern.converters),
            )


def _pick(model_label: str, lookup: str, unit_code: str):
    model = apps.get_model(model_label)
    unit = Unit.objects.get(code=unit_code)
    field = f"{lookup}__path__startswith" if lookup else "path__startswith"
    return model.objects.filter(**{field: unit.path}).order_by("pk").first()


def _url(name: str, params: list[str], obj=None) -> str:
    kwargs = {}
    for param in params:
        if obj is not None and param in ("pk",):
            kwargs[param] = obj.pk
        elif param in NO_OBJECT_PARAMS:
            kwargs[param] = NO_OBJECT_PARAMS[param]
        else:
            kwargs[param] = 987654
    return reverse(name, kwargs=kwargs)


def _is_public(name: str, url: str) -> bool:
    return name in PUBLIC_NAMES or url.startswith(PUBLIC_PREFIXES)


@pytest.fixture
def demo_clients(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", verbosity=0)
    from django.contrib.auth import get_user_model

    from thidua.reports.models import ExemplaryModel, Initiative

    # The demo's initiatives and models sit elsewhere; give both wards one of each.
    for code in (OWN, OTHER):
        unit = Unit.objects.get(code=code)
        Initiative.objects.create(title=f"Sáng kiến số hóa hồ sơ — {unit.name}", unit=unit)
        ExemplaryModel.objects.create(
            kind="collective",
            name=f"Tổ dân phố kiểu mẫu — {unit.name}",
            unit=unit,
            story="Điển hình",
        )

    clients = {"anon": Client()}
    for role, username in USERS.items():
        c = Client()
        c.force_login(get_user_model().objects.get(username=username))
        clients[role] = c
    return clients


def test_every_route_allows_and_denies_by_role_and_unit(demo_clients):
    failures, covered = [], []
    for name, _pattern, params in _routes():
        is_object_route = name in OBJECTS
        url = _url(name, params)
        # 1. Nobody sees a 500, anonymous is redirected unless the page is public.
        for role, client in demo_clients.items():
            resp = client.get(url)
            if resp.status_code >= 500:
                failures.append(f"{role} GET {url} ({name}) → {resp.status_code}")
            if role == "anon" and not _is_public(name, url) and resp.status_code == 200:
                failures.append(f"anonymous GET {url} ({name}) → 200 without login")
        if not is_object_route:
            continue
        # 2. Own unit's object vs another unit's object.
        model_label, lookup = OBJECTS[name]
        own, other = _pick(model_label, lookup, OWN), _pick(model_label, lookup, OTHER)
        if own is None or other is None:
            failures.append(f"{name}: the demo has no {model_label} under {OWN} and {OTHER}")
            continue
        covered.append(name)
        own_url, other_url = _url(name, params, own), _url(name, params, other)
        officer, standing = demo_clients["officer"], demo_clients["standing"]
        for method in ("get", "post"):
            resp = getattr(officer, method)(other_url)
            if resp.status_code not in (403, 404, 405):
                failures.append(
                    f"officer {method.upper()} other unit's {other_url} ({name}) → {resp.status_code}"
                )
        if officer.get(own_url).status_code not in (200, 302, 405):
            failures.append(
                f"officer GET own {own_url} ({name}) → {officer.get(own_url).status_code}"
            )
        if re.search(r"(detail|person|unit|:initiative|:model|unit_report)$", name):
            for u in (own_url, other_url):
                if standing.get(u).status_code != 200:
                    failures.append(
                        f"standing body GET {u} ({name}) → {standing.get(u).status_code}"
                    )
    assert not failures, "\n".join(failures)
    assert len(covered) >= 15


def test_every_api_route_requires_auth_and_scopes(demo_clients):
    from thidua.api.api import api

    schema = api.get_openapi_schema()
    failures = []
    for path, ops in schema["paths"].items():
        url = re.sub(r"\{[^}]+\}", "987654", path)
        for method in ops:
            resp = getattr(demo_clients["anon"], method)(url, content_type="application/json")
            public = "/registry/" in path and ("search" in path or "verify" in path)
            denied = resp.status_code in (401, 403, 404, 405)
            if resp.status_code >= 500 or not (public or denied):
                failures.append(f"anonymous {method.upper()} {url} → {resp.status_code}")
            if method == "get":
                resp = demo_clients["officer"].get(url)
                if resp.status_code >= 500:
                    failures.append(f"officer GET {url} → {resp.status_code}")
    # Another unit's objects by id through the API: never the object.
    officer = demo_clients["officer"]
    checks = [("/api/units/{}", "org.Unit", ""), ("/api/persons/{}", "org.Person", "unit"),
              ("/api/dossiers/{}", "dossiers.Dossier", "proposer")]  # fmt: skip
    for template, model_label, lookup in checks:
        other = _pick(model_label, lookup, OTHER)
        if other is None:
            failures.append(f"no {model_label} under {OTHER}")
            continue
        resp = officer.get(template.format(other.pk))
        if resp.status_code not in (403, 404):
            failures.append(f"officer GET {template.format(other.pk)} → {resp.status_code}")
    assert not failures, "\n".join(failures)
