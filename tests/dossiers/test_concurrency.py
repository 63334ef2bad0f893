"""Quotas under concurrency: 20 officers submit at the same instant for 3 places."""

import threading

import pytest
from django.db import connection, connections

from thidua.dossiers import services
from thidua.dossiers.enums import DossierStatus
from thidua.dossiers.models import Dossier

from .helpers import person, ready_dossier

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submissions_for_three_places_accept_exactly_three(
    users, org, campaign
):
    assert connection.vendor == "postgresql"
    officer, ward = users["officer_a"], org["ward_a"]
    dossiers = [
        ready_dossier(officer, ward, campaign, [person(ward, f"Người {i}", f"0060009{i:05d}")])
        for i in range(20)
    ]
    barrier = threading.Barrier(len(dossiers))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(d):
        try:
            barrier.wait()
            services.submit(d, officer)
            result = "ok"
        except services.DossierError:
            result = "quota"
        except Exception as exc:  # noqa: BLE001 — report anything else as a failure
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(d,)) for d in dossiers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["ok"] * 3 + ["quota"] * 17
    assert Dossier.objects.filter(status=DossierStatus.SUBMITTED, campaign=campaign).count() == 3
    assert (
        sum(d.nominees.count() for d in Dossier.objects.filter(status=DossierStatus.SUBMITTED)) == 3
    )
