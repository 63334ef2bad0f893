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


def test_the_users_are_fast_http_users_whose_cookies_reach_the_server(tmp_path):
    """Run in a child: importing locust patches the standard library with gevent."""
    import subprocess
    import sys

    script = """
import urllib.request
from locust.contrib.fasthttp import FastHttpUser
from thidua.ops import locustfile as lf
users = (lf.Officer, lf.StandingBody, lf.Public)
assert all(issubclass(u, FastHttpUser) for u in users)
from http.cookiejar import CookieJar
jar = CookieJar()
jar.set_cookie(lf._cookie("sessionid", "abc", "127.0.0.1"))
jar.set_cookie(lf._cookie("csrftoken", lf.CSRF, "127.0.0.1"))
request = urllib.request.Request("http://127.0.0.1:8123/ho-so/")
jar.add_cookie_header(request)
print(request.get_header("Cookie"))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert "sessionid=abc" in out and "csrftoken=loadbenchcsrftoken" in out


def _scenario_names() -> set[str]:
    """The request types of the locust scenario, as named in locustfile.py."""
    import re

    text = bench_load.LOCUSTFILE.read_text(encoding="utf-8")
    return set(re.findall(r'"((?:officer|standing|public): [a-z ]+|login(?: page)?)"', text))


@pytest.mark.django_db
def test_profile_prints_cpu_database_time_and_queries_per_request_type():
    import io

    names = _scenario_names()
    assert len(names) == 18
    out = io.StringIO()
    bench_load.run(out, ["--profile=1", "--units=12", "--persons=60", "--officers=6"])
    lines = {
        line[len("profile ") :].rsplit(None, 6)[0]: line.split()[-6:]
        for line in out.getvalue().splitlines()
        if line.startswith("profile ")
    }
    assert set(lines) == names, out.getvalue()
    for name, (n, cpu, db, queries, wall, status) in lines.items():
        assert float(queries) >= 0, name
        assert int(n) >= 1 and float(cpu) > 0 and float(wall) >= float(db) >= 0, name
        assert set(status.split(",")) <= {"200", "302"}, (name, status)
    assert float(lines["officer: submit"][3]) > 0  # the database calls are counted
    assert "profile_cpu_ms_mean=" in out.getvalue()
