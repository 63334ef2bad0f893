"""`thidua bench load` prepares its own province: officers with sessions, a campaign with
quotas; the quota check reads what was counted (#13.3). No timing is asserted here."""

import py_compile

import pytest
from django.contrib.sessions.models import Session

from thidua.ops import bench_load


@pytest.mark.django_db
def test_prepare_creates_officers_with_sessions_and_a_campaign_with_quotas(tmp_path):
    data = bench_load.prepare(units=12, persons=60, officers=6, secret="s" * 64)
    assert len(data["officers"]) == 6
    username, unit, people, session = data["officers"][0].split(",")
    assert username.startswith("load") and people.split() and session
    assert Session.objects.filter(session_key=session).exists()
    rules = {r["id"]: r for r in data["campaign"].rules}
    assert rules["load_per_unit"]["max"] == bench_load.PER_UNIT
    assert rules["load_total"]["max"] == data["total"]
    ok, lines = bench_load.quota_check(data["campaign"])
    assert ok and "0 counted" in lines[1]
    # Idempotent: the same province again, with new sessions and a new password.
    again = bench_load.prepare(units=12, persons=60, officers=6, secret="t" * 64)
    assert again["campaign"].pk == data["campaign"].pk and again["password"] != data["password"]


def test_the_locustfile_compiles():
    py_compile.compile(str(bench_load.LOCUSTFILE), doraise=True)
