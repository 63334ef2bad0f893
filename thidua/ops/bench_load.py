"""`thidua bench load`: deadline day through the real pages, with locust.

One command: prepares a synthetic province in the PostgreSQL of DATABASE_URL (units,
persons, one officer per unit for the first `--officers` units, a standing body, a
running campaign with quotas per unit and in total), runs gunicorn with production
settings on 127.0.0.1 (plain HTTP: TLS would end at nginx), then runs locust headless
once through the stages of users (default 50 → 100 → 200 → 400): each stage keeps the
users of the stage before and adds its own, who arrive evenly over the first half of the
stage (`--arrival=0.5`), each user thinking 5–20 s between actions:

- officers (8 of 12 users) log in, open the campaign, open their dossier list, create a
  dossier, fill in the meeting data, add one to three nominees, upload the proposal and
  the minutes (PDF), submit, open it again (a quota refusal is a normal outcome);
- the standing body (1 of 12) opens the queue, a submitted dossier and the campaign page;
- the public (3 of 12) search the registry, open the portal and the public campaigns.

Per stage it prints, per request type, the count, errors, p50/p95/p99 (ms) and requests/s
(from every request's own time, written by the locustfile), the p95 while its users
arrive and once they are all in, the app's CPU per request, then a quota check (counted nominees per unit and in total never above their quota, and
the total equal to what the quotas allowed), ending with `load_p95_ms=` (p95 over every
request at the last stage). `--peak` finds instead the peak requests/s per core with
p95 ≤ 500 ms: users without think time, doubled until p95 passes 500 ms.

Options: --stages=50,100,200,400 --stage-seconds=120 --think=5,20 --units=2000
--persons=50000 --officers=1000 --workers=5 --threads=1 --port=8765 --peak
--arrival=0.5 (share of a stage over which its new users arrive; 0.1 with --peak)
--access-log (gunicorn's access log: its own time per request, apart from the wait for a worker)
--login-share=0.05 (share of users that log in through the form; the
others start with a session, as officers logged in earlier that day) --keep-server --redis (REDIS_URL=redis://127.0.0.1:6379/15).
--profile[=N] (default 10): no load, no gunicorn; N requests of each request type through
the WSGI handler in this process, printing per request type the app CPU ms, the database
ms and the query count (`bench_profile.py`); works on SQLite too.
"""

from __future__ import annotations

import math
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

FORM = "bang_khen_chu_tich_tinh"
PER_UNIT = 2
LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def _opts(args) -> dict:
    return dict(a.lstrip("-").split("=", 1) if "=" in a else (a.lstrip("-"), "1") for a in args)


def prepare(units: int, persons: int, officers: int, secret: str, seed: int = 42) -> dict:
    """The synthetic province, its officers and the campaign (idempotent)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from thidua.campaigns.models import Campaign, CampaignAwardForm, CampaignDeadline
    from thidua.core.roles import Role
    from thidua.legal.services import sync_from_tables
    from thidua.org import synth
    from thidua.org.models import Person, RoleAssignment, Unit

    sync_from_tables()
    info = synth.generate(units, persons, seed=seed)
    root = Unit.objects.get(pk=info["root"])
    members = list(Unit.objects.filter(parent=root).order_by("pk")[:officers])
    User = get_user_model()
    prefix = f"load{root.pk}_"
    password = secrets.token_urlsafe(12)  # a new one each run, for every bench user
    hashed = make_password(password)
    if not User.objects.filter(username=f"{prefix}sb").exists():
        User.objects.bulk_create(
            [
                User(username=f"{prefix}{u.pk}", password=hashed, first_name=f"Cán bộ {u.name}")
                for u in members
            ]
            + [User(username=f"{prefix}sb", password=hashed, first_name="Sở Nội vụ")]
        )
        by_name = {u.username: u for u in User.objects.filter(username__startswith=prefix)}
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=by_name[f"{prefix}{u.pk}"], unit=u, role=Role.UNIT_OFFICER)
                for u in members
            ]
            + [RoleAssignment(user=by_name[f"{prefix}sb"], unit=root, role=Role.STANDING_BODY)]
        )
    User.objects.filter(username__startswith=prefix).update(password=hashed)
    total = max(20, officers // 5)
    campaign = Campaign.objects.filter(issuer=root, title__startswith="Đợt thi đua tải").first()
    if campaign is not None:
        # Every run starts from the same state: the dossiers of earlier runs (drafts and
        # submitted ones, with their nominees and files) are removed, the quotas are free.
        from thidua.dossiers.models import Dossier

        with transaction.atomic():
            Dossier.objects.filter(campaign=campaign).delete()
    else:
        today = timezone.localdate()
        campaign = Campaign.objects.create(
            issuer=root,
            title="Đợt thi đua tải — ngày hết hạn nộp hồ sơ",
            status="running",
            start_date=today - timedelta(days=60),
            end_date=today + timedelta(days=30),
            rules=[
                {
                    "id": "load_per_unit",
                    "kind": "quota",
                    "scope": "per_proposer",
                    "max": PER_UNIT,
                    "match": {"forms": [FORM]},
                    "label": "cá nhân",
                },
                {
                    "id": "load_total",
                    "kind": "quota",
                    "scope": "total",
                    "max": total,
                    "match": {"forms": [FORM]},
                    "label": "cá nhân",
                },
            ],
        )
        CampaignAwardForm.objects.create(
            campaign=campaign,
            form_code=FORM,
            label="Bằng khen của Chủ tịch UBND tỉnh",
            order=0,
            required_documents=["Tờ trình", "Biên bản họp xét"],
            upward=False,
        )
        CampaignDeadline.objects.create(
            campaign=campaign, kind="dossier", label="Nộp hồ sơ", date=today + timedelta(days=1)
        )
    from django.test.utils import override_settings

    # Sessions are signed and carry a hash of the password made with the server's key.
    with override_settings(SECRET_KEY=secret):
        sessions = _sessions(
            User.objects.filter(username__startswith=prefix).order_by("pk"), prefix
        )
    people: dict[int, list[int]] = {}
    for pk, unit_id in Person.objects.filter(unit__in=members).values_list("pk", "unit_id"):
        people.setdefault(unit_id, []).append(pk)
    officer_rows = [
        f"{prefix}{u.pk},{u.pk},{' '.join(map(str, people.get(u.pk, [])[:6]))},"
        f"{sessions[f'{prefix}{u.pk}']}"
        for u in members
    ]
    names = list(
        Person.objects.filter(unit__in=members[:50]).values_list("full_name", flat=True)[:200]
    )
    return {
        "root": root,
        "campaign": campaign,
        "password": password,
        "officers": officer_rows,
        "standing": f"{prefix}sb,{sessions[f'{prefix}sb']}",
        "names": names,
        "total": total,
    }


def _sessions(users, prefix: str) -> dict[str, str]:
    """A logged-in session per user, as in the morning of deadline day: officers logged in
    once (a password check costs ~0.3 s of CPU by design); the scenario still logs a share
    of the users in through the login form (`--login-share`)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    out = {}
    backend = settings.AUTHENTICATION_BACKENDS[-1]
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.set_expiry(24 * 3600)
        store.create()
        out[user.username] = store.session_key
    return out


def quota_check(campaign) -> tuple[bool, list[str]]:
    """Counted nominees per unit and in total against the campaign's quotas."""
    from django.db.models import Count

    from thidua.dossiers.models import Nominee
    from thidua.dossiers.services import COUNTING_STATUSES

    counted = Nominee.objects.filter(
        dossier__campaign=campaign, dossier__status__in=COUNTING_STATUSES, dossier__form_code=FORM
    )
    per_unit = dict(
        counted.values_list("dossier__proposer")
        .annotate(n=Count("id"))
        .values_list("dossier__proposer", "n")
    )
    rules = {r["id"]: r for r in campaign.rules}
    total_max = rules["load_total"]["max"]
    total = sum(per_unit.values())
    over = {u: n for u, n in per_unit.items() if n > PER_UNIT}
    lines = [
        f"quota per unit (max {PER_UNIT}): {len(per_unit)} units with counted nominees, "
        f"largest {max(per_unit.values(), default=0)}, over quota: {len(over)}",
        f"quota in total (max {total_max}): {total} counted",
    ]
    return (not over and total <= total_max), lines


def _nearest_rank(sorted_ms: list[float], q: float) -> float:
    """The q-quantile of sorted values (nearest rank: a value that was measured)."""
    if not sorted_ms:
        return 0.0
    return sorted_ms[min(len(sorted_ms), max(1, math.ceil(q * len(sorted_ms)))) - 1]


def read_log(log: Path) -> list[tuple[float, str, float, str]]:
    """The requests written by the locustfile: (start time, name, ms, error or "")."""
    rows = []
    if not log.exists():
        return rows
    for line in log.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            rows.append((float(parts[0]), parts[1], float(parts[2]), parts[3]))
    return rows


def read_access_log(log: Path) -> list[tuple[float, int]]:
    """gunicorn's access log of `--access-log`: (epoch time of the response, µs taken)."""
    rows = []
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2:
                rows.append((float(parts[0]), int(parts[1])))
    return rows


def stage_table(rows, seconds: float) -> tuple[list[str], dict]:
    """Per request type and in total: count, errors, p50/p95/p99 (ms), requests/s."""
    by_name: dict[str, list] = {}
    for _, name, ms, error in rows:
        by_name.setdefault(name, []).append((ms, error))
    lines = [f"{'request':<34}{'count':>7}{'errors':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'req/s':>8}"]

    def line(label, items):
        ms = sorted(m for m, _ in items)
        errors = sum(1 for _, e in items if e)
        p = [_nearest_rank(ms, q) for q in (0.5, 0.95, 0.99)]
        lines.append(
            f"{label[:33]:<34}{len(ms):>7}{errors:>7}{p[0]:>7.0f}{p[1]:>7.0f}{p[2]:>7.0f}"
            f"{len(ms) / seconds:>8.1f}"
        )
        return {"count": len(ms), "errors": errors, "p50": p[0], "p95": p[1], "p99": p[2]}

    for name in sorted(by_name):
        line(name, by_name[name])
    total = line("ALL", [item for items in by_name.values() for item in items])
    total["rps"] = total["count"] / seconds
    return lines, total


def _start_server(
    env: dict, port: int, workers: int, threads: int, log: Path, access_log: Path | None = None
) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:thidua.ops.gunicorn_conf",  # as deployed (README): preloaded and warmed up
        "thidua.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "--timeout",
        "120",
        "--max-requests",
        "0",
    ]
    if access_log is not None:
        # Each HTTP request (a redirect followed by locust is two): when it ended and how
        # long gunicorn's worker took, from the parsed request to the response written.
        cmd += ["--access-logfile", str(access_log), "--access-logformat", "%(t)s %(D)s"]
        cmd += ["--logger-class", "thidua.ops.gunicorn_clock.EpochLogger"]
    if threads > 1:
        cmd += ["--worker-class", "gthread", "--threads", str(threads)]
    proc = subprocess.Popen(cmd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    import urllib.request

    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.5)
        if proc.poll() is not None:
            break
    proc.terminate()
    raise RuntimeError(f"gunicorn did not start; see {log}")


def _cpu_seconds(server: subprocess.Popen) -> float:
    """User + system CPU time of gunicorn's workers (and master), from /proc."""
    pids = [server.pid]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _locust(env: dict, port: int, out: Path) -> subprocess.Popen:
    """Locust headless, its users and stages set by the locustfile's `Ramp` (LOAD_STAGES,
    LOAD_STAGE_SECONDS, LOAD_ARRIVAL in `env`); every request goes to LOAD_LOG."""
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        f"http://127.0.0.1:{port}",
        "--stop-timeout",
        "30",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    return subprocess.Popen(cmd, env=env, stdout=out.open("wb"), stderr=subprocess.STDOUT)


def _run_stages(env: dict, port: int, stages: list[int], seconds: int, log: Path, server):
    """One locust run through `stages`; yields (users, rows of the stage, app CPU s, load
    average) at the end of each stage, sampled at the stage boundaries."""
    env = {**env, "LOAD_STAGES": ",".join(map(str, stages)), "LOAD_STAGE_SECONDS": str(seconds)}
    env["LOAD_LOG"] = str(log)
    started = log.with_name(log.name + ".started")
    started.unlink(missing_ok=True)
    proc = _locust(env, port, log.with_suffix(".out"))
    try:
        for _ in range(600):
            if started.exists() and started.read_text(encoding="utf-8"):
                break
            if proc.poll() is not None:
                raise RuntimeError(f"locust stopped: see {log.with_suffix('.out')}")
            time.sleep(0.1)
        t0 = float(started.read_text(encoding="utf-8"))
        cpu = [_cpu_seconds(server)]
        load = []
        for k in range(len(stages)):
            time.sleep(max(0.0, t0 + (k + 1) * seconds - time.time()))
            cpu.append(_cpu_seconds(server))
            load.append(os.getloadavg()[0])
        proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    rows = read_log(log)
    for k, users in enumerate(stages):
        lo, hi = t0 + k * seconds, t0 + (k + 1) * seconds
        yield users, [r for r in rows if lo <= r[0] < hi], cpu[k + 1] - cpu[k], load[k], lo


def _redis_url(opts: dict) -> str:
    """`--redis` (redis://127.0.0.1:6379/15) or `--redis=URL`."""
    return opts["redis"] if opts["redis"] != "1" else "redis://127.0.0.1:6379/15"


def _profile(stdout, opts: dict, n: int) -> None:
    """`--profile[=N]`: N requests of each request type in this process (bench_profile)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from .bench_profile import profile

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    data = prepare(
        int(opts.get("units", 2000)),
        int(opts.get("persons", 50000)),
        int(opts.get("officers", 1000)),
        settings.SECRET_KEY,
    )
    stdout.write(
        f"province ready in {time.perf_counter() - t0:.1f} s; profile: {n} request(s) of each "
        f"type in-process, DEBUG off, {connection.vendor} {settings.DATABASES['default']['NAME']}"
        f"{', Redis cache' if os.environ.get('REDIS_URL') else ''}\n"
    )
    with (
        tempfile.TemporaryDirectory(prefix="thidua-profile-") as media,
        override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=["127.0.0.1"],
            MEDIA_ROOT=media,
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            TASKS={"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}},
        ),
    ):
        profile(stdout, data, n)


def run(stdout, args) -> None:
    import django
    from django.conf import settings
    from django.db import connection

    opts = _opts(args)
    if "profile" in opts and "redis" in opts and not os.environ.get("REDIS_URL"):
        # The cache, the sessions and the legal tables' version come from REDIS_URL when
        # the settings load: profile them as gunicorn serves them, in a process started so.
        env = {**os.environ, "REDIS_URL": _redis_url(opts)}
        result = subprocess.run([sys.executable, "-m", "thidua", "bench", "load", *args], env=env)
        sys.exit(result.returncode)
    if connection.vendor == "postgresql":
        # The load and its in-process profile both create their database when missing.
        import psycopg

        from thidua.core.pgdb import ensure_database

        try:
            if ensure_database(os.environ["DATABASE_URL"]):
                stdout.write(f"created database {settings.DATABASES['default']['NAME']}\n")
        except psycopg.OperationalError as exc:
            stdout.write(f"Không kết nối được PostgreSQL: {exc}\n")
            sys.exit(2)
    if "profile" in opts:
        _profile(stdout, opts, 10 if "--profile" in args else int(opts["profile"]))
        return
    if connection.vendor != "postgresql":
        stdout.write("bench load cần PostgreSQL: đặt DATABASE_URL=postgres://…\n")
        sys.exit(2)
    from thidua.core.pgdb import machine_reference_ms

    stdout.write(
        f"machine: PBKDF2-SHA256 × 1.000.000 (a login's password check) in "
        f"{machine_reference_ms():.0f} ms\n"
    )
    stages = [int(x) for x in opts.get("stages", "50,100,200,400").split(",")]
    seconds = int(opts.get("stage-seconds", 120))
    think = opts.get("think", "5,20")
    port = int(opts.get("port", 8765))
    workers = int(opts.get("workers", 5))
    threads = int(opts.get("threads", 1))
    peak = "peak" in opts
    t0 = time.perf_counter()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    secret = secrets.token_urlsafe(64)
    data = prepare(
        int(opts.get("units", 2000)),
        int(opts.get("persons", 50000)),
        int(opts.get("officers", 1000)),
        secret,
    )
    stdout.write(
        f"province ready in {time.perf_counter() - t0:.1f} s: {len(data['officers'])} officers, "
        f"campaign {data['campaign'].pk} (per unit {PER_UNIT}, total {data['total']})\n"
    )
    work = Path(tempfile.mkdtemp(prefix="thidua-load-"))
    (work / "officers.csv").write_text("\n".join(data["officers"]), encoding="utf-8")
    (work / "names.txt").write_text("\n".join(data["names"]), encoding="utf-8")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "THIDUA_ENV": "production",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "THIDUA_VAR_DIR": str(work / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "LOAD_CAMPAIGN": str(data["campaign"].pk),
        "LOAD_PASSWORD": data["password"],
        "LOAD_STANDING": data["standing"],
        "LOAD_DIR": str(work),
        "LOAD_THINK": "0.2,0.5" if peak else think,
        "LOAD_LOGIN_SHARE": opts.get("login-share", "0.05"),
        "LOAD_ARRIVAL": opts.get("arrival", "0.1" if peak else "0.5"),
    }
    if "redis" in opts:
        env["REDIS_URL"] = _redis_url(opts)
    subprocess.run(
        [sys.executable, "-m", "thidua", "collectstatic", "--no-input", "-v0"], env=env, check=True
    )
    access_log = work / "access.log" if "access-log" in opts else None
    server = _start_server(env, port, workers, threads, work / "gunicorn.log", access_log)
    stdout.write(
        f"gunicorn: {workers} {'gthread×' + str(threads) if threads > 1 else 'sync'} workers on "
        f"127.0.0.1:{port}, production settings, PostgreSQL {settings.DATABASES['default']['NAME']}"
        f"{', Redis cache' if 'REDIS_URL' in env else ''}; think time {env['LOAD_THINK']} s\n"
    )
    last_p95 = 0.0
    best = (0.0, 0)
    arrival = float(env["LOAD_ARRIVAL"])
    try:
        if peak:
            levels = [int(x) for x in opts.get("stages", "2,4,8,16,32,64,128,256").split(",")]
            runs = ([users] for users in levels)
        else:
            runs = iter([stages])
        previous = 0
        for run_stages in runs:
            log = work / f"requests-{run_stages[0]}.tsv"
            for users, rows, cpu, load, t0 in _run_stages(
                env, port, run_stages, seconds, log, server
            ):
                arriving = users - (0 if peak else previous)
                previous = users
                stdout.write(
                    f"\n== {users} users ({arriving} arriving over the first "
                    f"{arrival * seconds:.0f} s), {seconds} s ==\n"
                )
                lines, total = stage_table(rows, seconds)
                stdout.write("\n".join(lines) + "\n")
                cut = t0 + arrival * seconds
                early = sorted(ms for start, _, ms, _ in rows if start < cut)
                late = sorted(ms for start, _, ms, _ in rows if start >= cut)
                stdout.write(
                    f"ALL while users arrive: {len(early)} requests, p95 "
                    f"{_nearest_rank(early, 0.95):.0f}; once all {users} are in: {len(late)} "
                    f"requests, p95 {_nearest_rank(late, 0.95):.0f}\n"
                )
                count = total["count"] or 1
                stdout.write(
                    f"app CPU (gunicorn workers): {cpu:.1f} s = {cpu * 1000 / count:.0f} ms per "
                    f"request -> at most {count / cpu if cpu else 0:.0f} requests/s per core "
                    f"for the app alone; machine load average {load:.1f} "
                    f"on {os.cpu_count()} cores\n"
                )
                if access_log is not None:
                    server_ms = sorted(
                        us / 1000
                        for end, us in read_access_log(access_log)
                        if t0 <= end - us / 1e6 < t0 + seconds
                    )
                    stdout.write(
                        f"gunicorn's own time per HTTP request (a followed redirect is two): "
                        f"{len(server_ms)} requests, p50 {_nearest_rank(server_ms, 0.5):.0f}, "
                        f"p95 {_nearest_rank(server_ms, 0.95):.0f}, p99 "
                        f"{_nearest_rank(server_ms, 0.99):.0f}; the rest of a user's time is "
                        "spent waiting for a free worker\n"
                    )
                errors: dict[str, int] = {}
                for _, name, _, error in rows:
                    if error:
                        errors[f"{name}: {error}"] = errors.get(f"{name}: {error}", 0) + 1
                for text, n in sorted(errors.items(), key=lambda x: -x[1])[:5]:
                    stdout.write(f"  error: {text[:150]} ×{n}\n")
                last_p95 = total["p95"]
                if total["p95"] <= 500 and total["rps"] > best[0]:
                    best = (total["rps"], users)
            if peak and last_p95 > 500:
                break
    finally:
        if "keep-server" not in opts:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    data["campaign"].refresh_from_db()
    ok, lines = quota_check(data["campaign"])
    stdout.write("\n" + "\n".join(lines) + f"\nquotas_exact={'yes' if ok else 'NO'}\n")
    stdout.write(f"files in {work}\n")
    if peak:
        cores = os.cpu_count() or 1
        stdout.write(
            f"peak with p95 ≤ 500 ms: {best[0]:.1f} requests/s at {best[1]} users "
            f"= {best[0] / cores:.1f} requests/s per core ({cores} cores, shared with "
            "PostgreSQL and locust)\n"
        )
        stdout.write(f"peak_rps_per_core={best[0] / cores:.1f}\n")
    stdout.write(f"load_p95_ms={last_p95:.0f}\n")
    del django
