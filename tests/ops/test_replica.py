"""A real PostgreSQL streaming replica (port 5433, started by `thidua replica start` unless
one runs already): the lag-tolerant read paths are served from it, writes go to the
primary, and the writer reads the primary for REPLICA_PIN_SECONDS after writing (#13.4)."""

import tempfile
from pathlib import Path

import psycopg
import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.registry.conftest import make_award, make_decision
from thidua.core import dbrouter
from thidua.ops import replica

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CFG = replica.ReplicaConfig(data_dir=Path(tempfile.gettempdir()) / "thidua-test-replica-5433")


@pytest.fixture
def replica_db(transactional_db, settings):
    """The `replica` alias pointing at the test database as the replica serves it."""
    started = not replica.is_running(CFG)
    replica.start(CFG, log=lambda *_: None)
    default = connections["default"].settings_dict
    connections.settings[dbrouter.REPLICA] = {**default, "HOST": "127.0.0.1", "PORT": CFG.port}
    # Connected here: Django's test case refuses to open, during a test, a connection to
    # an alias it did not set up (its test databases are flushed, the replica is read-only).
    connections[dbrouter.REPLICA].connect()
    replica.wait_for_replay(CFG)
    yield connections[dbrouter.REPLICA]
    connections[dbrouter.REPLICA].close()
    del connections.settings[dbrouter.REPLICA]
    if hasattr(connections._connections, dbrouter.REPLICA):
        delattr(connections._connections, dbrouter.REPLICA)
    _replay(resume=True)
    if started:
        replica.stop(CFG, log=lambda *_: None)


def _replay(resume: bool) -> None:
    with psycopg.connect(CFG.replica_dsn(), autocommit=True) as conn:
        conn.execute("SELECT pg_wal_replay_resume()" if resume else "SELECT pg_wal_replay_pause()")


def _app_queries(ctx: CaptureQueriesContext) -> list[str]:
    """Queries on thidua's own tables (sessions and the like may hit the primary)."""
    return [
        q["sql"] for q in ctx.captured_queries if '"registry_' in q["sql"] or '"awards_' in q["sql"]
    ]


def _get(client: Client, url: str):
    primary, rep = connections["default"], connections[dbrouter.REPLICA]
    with CaptureQueriesContext(primary) as on_primary, CaptureQueriesContext(rep) as on_replica:
        response = client.get(url)
    return response, on_primary, on_replica


def test_read_paths_use_the_replica_and_the_writer_reads_its_own_writes(
    replica_db, org, users, settings
):
    settings.REPLICA_PIN_SECONDS = 30
    decision = make_decision(org["city"], number=41)
    lan = make_award(decision, "Ma Thị Lan", org["ward_a"], person=org["person_a"])
    replica.wait_for_replay(CFG)

    # The lag-tolerant pages read only the replica (anonymous and logged-in users alike).
    anonymous = Client()
    standing = Client()
    standing.force_login(users["standing"])
    paths = [
        (anonymous, reverse("registry:verify", args=[lan.verification_code]), "Ma Thị Lan"),
        (anonymous, reverse("registry:search") + "?q=ma+thi+lan", "Ma Thị Lan"),
        (anonymous, reverse("portal:home"), ""),
        (anonymous, reverse("campaigns:public_list"), ""),
        (standing, reverse("reports:index"), ""),
        (standing, reverse("registrations:dashboard"), ""),
    ]
    for client, url, expected in paths:
        response, on_primary, on_replica = _get(client, url)
        assert response.status_code == 200, url
        assert expected in response.content.decode()
        assert len(on_replica.captured_queries) > 0, url
        assert _app_queries(on_primary) == [], url

    # A page that is not lag-tolerant (the officer's own work) reads the primary.
    response, on_primary, on_replica = _get(standing, reverse("registry:printing"))
    assert response.status_code == 200
    assert on_replica.captured_queries == [] and on_primary.captured_queries

    # Replay paused: the replica lags. The writer posts (a write through a view), then
    # reads: the primary, so they see the award written after the pause; a reader who
    # wrote nothing reads the lagging replica and does not see it yet.
    _replay(resume=False)
    hung = make_award(decision, "Bế Văn Hùng", org["ward_b"], person=org["person_b"])
    writer = Client()
    writer.force_login(users["standing"])
    response = writer.post(reverse("notifications_read"))
    assert response.status_code == 302 and dbrouter.PIN_COOKIE in response.cookies
    url = reverse("registry:verify", args=[hung.verification_code])
    response, on_primary, on_replica = _get(writer, url)
    assert response.status_code == 200 and "Bế Văn Hùng" in response.content.decode()
    assert on_replica.captured_queries == []
    response, _, on_replica = _get(anonymous, url)
    assert response.status_code == 404 and on_replica.captured_queries
    # Once the pin expires the writer reads the replica again.
    writer.cookies[dbrouter.PIN_COOKIE] = "0"
    response, _, on_replica = _get(writer, url)
    assert response.status_code == 404 and on_replica.captured_queries

    # Replay resumed: the replica catches up and everybody sees the award.
    _replay(resume=True)
    replica.wait_for_replay(CFG)
    response, _, on_replica = _get(anonymous, url)
    assert response.status_code == 200 and on_replica.captured_queries
