"""The replica router's rules, without a replica server (the alias is declared, never used)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test import RequestFactory

from thidua.awards.models import Award
from thidua.core import dbrouter


@pytest.fixture
def declared_replica():
    connections.settings[dbrouter.REPLICA] = dict(connections["default"].settings_dict)
    yield dbrouter.ReplicaRouter()
    del connections.settings[dbrouter.REPLICA]


def test_without_a_replica_everything_reads_the_default_database():
    with dbrouter.read_replica():
        assert dbrouter.ReplicaRouter().db_for_read(Award) is None
        assert not dbrouter.reading_replica()


@pytest.mark.django_db(transaction=True)
def test_reads_go_to_the_replica_only_when_marked_and_outside_transactions(declared_replica):
    router = declared_replica
    assert router.db_for_read(Award) is None
    with dbrouter.read_replica():
        assert router.db_for_read(Award) == dbrouter.REPLICA
        assert router.db_for_read(Session) == "default"  # sessions, throttling, cache, tasks
        assert router.db_for_write(Award) == "default"
        with transaction.atomic():
            assert router.db_for_read(Award) == "default"
        with dbrouter.read_primary():
            assert router.db_for_read(Award) is None
    assert router.allow_migrate(dbrouter.REPLICA, "awards") is False
    assert router.allow_migrate("default", "awards") is True


def test_middleware_marks_lag_tolerant_views_and_pins_the_writer(declared_replica, settings):
    settings.REPLICA_PIN_SECONDS = 10
    seen = []

    def view(request):
        from django.http import HttpResponse

        seen.append(dbrouter.reading_replica())
        return HttpResponse("ok")

    def handler(request):  # Django calls process_view inside the middleware's get_response
        middleware.process_view(request, view, (), {})
        return view(request)

    middleware = dbrouter.ReplicaMiddleware(handler)
    factory = RequestFactory()

    def call(request, view_name):
        request.resolver_match = type("Match", (), {"view_name": view_name})()
        return middleware(request)

    call(factory.get("/so-khen-thuong/tra-cuu/"), "registry:search")
    call(factory.get("/so-khen-thuong/in-giay-khen/"), "registry:printing")
    response = call(factory.post("/thong-bao/da-doc/"), "notifications_read")
    pinned = factory.get("/so-khen-thuong/tra-cuu/")
    pinned.COOKIES[dbrouter.PIN_COOKIE] = response.cookies[dbrouter.PIN_COOKIE].value
    call(pinned, "registry:search")
    assert seen == [True, False, False, False]
    assert not dbrouter.reading_replica()  # reset after each request
    assert response.cookies[dbrouter.PIN_COOKIE]["max-age"] == 10
