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
    from thidua.dossiers.models import Dossier

    Dossier.objects.create(
        campaign=data["campaign"],
        proposer_id=int(unit),
        authority=data["campaign"].issuer,
        form_code=bench_load.FORM,
    )
    # Idempotent: the same province again, with new sessions and a new password, and the
    # campaign as it was before any run (the earlier run's dossiers removed).
    again = bench_load.prepare(units=12, persons=60, officers=6, secret="t" * 64)
    assert again["campaign"].pk == data["campaign"].pk and again["password"] != data["password"]
    assert not Dossier.objects.filter(campaign=data["campaign"]).exists()


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


def test_each_stage_is_read_from_the_request_log_with_exact_percentiles(tmp_path):
    """The figures come from every request's own time (nearest rank), errors included."""
    log = tmp_path / "requests.tsv"
    lines = [f"{1000 + i:.3f}\tpublic: search\t{i + 1}.0\t" for i in range(100)]
    lines += ["1200.000\tofficer: submit\t900.0\tHTTPError('500 Server Error')"]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = bench_load.read_log(log)
    assert len(rows) == 101 and rows[-1][3] == "HTTPError('500 Server Error')"
    table, total = bench_load.stage_table(rows, seconds=50)
    search = next(line for line in table if line.startswith("public: search")).split()
    assert search[2:] == ["100", "0", "50", "95", "99", "2.0"]
    submit = next(line for line in table if line.startswith("officer: submit")).split()
    assert submit[2:4] == ["1", "1"]
    assert total["count"] == 101 and total["errors"] == 1
    assert (total["p50"], total["p95"], total["p99"]) == (51.0, 96.0, 100.0)
    assert total["rps"] == 101 / 50


def test_the_ramp_keeps_each_stages_users_and_spreads_the_new_ones_over_the_arrival():
    """Run in a child: importing locust patches the standard library with gevent."""
    import os
    import subprocess
    import sys

    script = """
from thidua.ops import locustfile as lf
ramp = lf.Ramp()
at = lambda t: (setattr(ramp, "get_run_time", lambda: t), ramp.tick())[1]
print(at(0), at(59.9), at(60), at(150), at(180))
"""
    env = {
        **os.environ,
        "LOAD_STAGES": "50,100,400",
        "LOAD_STAGE_SECONDS": "60",
        "LOAD_ARRIVAL": "0.5",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert out.returncode == 0, out.stderr
    # 50 users over 30 s, then 50 more over 30 s, then 300 more over 30 s, then the end.
    assert out.stdout.split("\n")[0] == (
        "(50, 1.6666666666666667) (50, 1.6666666666666667) (100, 1.6666666666666667) "
        "(400, 10.0) None"
    )


def test_gunicorns_access_log_gives_each_requests_end_and_its_own_time(tmp_path):
    """`--access-log`: gunicorn writes `%(t)s %(D)s` with the epoch clock of
    `gunicorn_clock.EpochLogger`; the bench reads them back (stray lines ignored)."""
    from thidua.ops.gunicorn_clock import EpochLogger

    stamp = float(EpochLogger.now(None))
    log = tmp_path / "access.log"
    log.write_text(f"{stamp:.3f} 12500\n{stamp + 1:.3f} 900\nnot a request line\n", "utf-8")
    rows = bench_load.read_access_log(log)
    assert rows == [(round(stamp, 3), 12500), (round(stamp + 1, 3), 900)]
    assert bench_load.read_access_log(tmp_path / "missing.log") == []
