"""Schemathesis over /api/openapi.json as two roles (standing body, unit officer) on the demo.

Every operation of the schema gets a bounded number of generated requests (fixed seed,
derandomised) through the WSGI app; each response is checked for: no 5xx, a status code the
schema documents, and a body that matches the documented schema for that status (so the
documented 422 body must be the real one). Run with -s to see the figures.
"""

import logging

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from thidua.core.models import ApiToken

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLES = {"standing": "noivu", "officer": "canbo_ducxuan"}
EXAMPLES_PER_OPERATION = 25
POSITIVE, NEGATIVE = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def in_process_wsgi():
    """The WSGI handler closes the connection at the end of a request, which would end the
    test's transaction; the Django test client detaches the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # 4xx answers are the point here; the log keeps 5xx.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    yield get_wsgi_application()
    request_log.setLevel(level)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_api_schema_holds_for_generated_requests(settings, in_process_wsgi):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", verbosity=0)
    users = get_user_model().objects
    tokens = {
        role: ApiToken.issue(users.get(username=u), "schemathesis")[1] for role, u in ROLES.items()
    }

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", in_process_wsgi)
    operations = [result.ok() for result in schema.get_all_operations()]
    figures = {"operations": len(operations), "requests": 0, "5xx": 0}
    failures: list[str] = []

    for role, token in tokens.items():
        for operation in operations:
            _exercise(operation, role, {"Authorization": f"Bearer {token}"}, figures, failures)

    print(
        f"\nschemathesis: {figures['operations']} operations × {len(ROLES)} roles, "
        f"{figures['requests']} requests, {figures['5xx']} answered 5xx, {len(failures)} failures"
    )
    assert figures["operations"] > 30
    assert not failures, "\n\n".join(failures[:40])


def _exercise(operation, role: str, headers: dict, figures: dict, failures: list[str]) -> None:
    """Generated requests (valid and invalid by the schema) for one operation as one role."""

    @seed(20261202)
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(POSITIVE) | operation.as_strategy(NEGATIVE))
    def run(case):
        response = case.call(headers=headers)
        figures["requests"] += 1
        if response.status_code >= 500:
            figures["5xx"] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (AssertionError, BaseExceptionGroup) as exc:
            failures.append(f"{role} {operation.label}: {str(exc).strip()[:1500]}")

    run()
