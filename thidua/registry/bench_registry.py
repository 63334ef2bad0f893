"""`thidua bench registry`: the public registry search, through its page, on 1,000,000
awards (`--awards=10000000` for ten million).

Runs on PostgreSQL, with DEBUG off as pages are served (re-executed with DEBUG=0 when it is
on): `DATABASE_URL` if it points to PostgreSQL, otherwise
postgres://postgres@127.0.0.1:5432/thidua_bench_reg_<awards> (created and migrated in a
subprocess). The awards and their search keys are generated in SQL (INSERT … SELECT over
generate_series, Vietnamese names from arrays, folded forms for the search) with the
secondary indexes dropped and rebuilt after the load, and reused on later runs.

Then a realistic mix of searches goes through the public search view (Django's test
client on the real URL and query string): full names with and without diacritics, partial
given names, a family name alone, names that do not exist, each filter alone (unit,
including units merged away; form; year) and combined, page 2 and deep pages (following
the keyset cursor of each page). It prints p50/p95/max per query shape, the EXPLAIN
ANALYZE of the slowest shape's query, and `registry_p95_ms=` (the worst shape's p95).
Options: `--awards=1000000`, `--per-shape=30`, `--rebuild`.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from urllib.parse import urlencode

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thidua_bench_reg_{n}"
SOURCE = "bench"
SEARCH_URL = "/so-khen-thuong/tra-cuu/"

# (name, weight): a mild version of the real skew of Vietnamese family names.
FAMILIES = [
    ("Nguyễn", 8),
    ("Trần", 4),
    ("Lê", 4),
    ("Phạm", 3),
    ("Hoàng", 3),
    ("Huỳnh", 2),
    ("Phan", 2),
    ("Vũ", 2),
    ("Võ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Hà", 2),
    ("Bế", 1),
    ("Ma", 1),
    ("Nông", 2),
    ("Lục", 1),
    ("Triệu", 1),
    ("Hoàng Thị", 0),
    ("Lương", 1),
    ("Đinh", 1),
    ("Lò", 1),
    ("Đào", 1),
    ("Mạc", 1),
    ("Chu", 1),
    ("Tạ", 1),
]
MIDDLE_M = [
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Xuân",
    "Hữu",
    "Công",
    "Thành",
    "Trọng",
    "Ngọc",
    "Mạnh",
    "Tiến",
]
MIDDLE_F = [
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Hồng",
    "Mai",
    "Thúy",
    "Kim",
    "Phương",
    "Minh",
    "Bích",
    "Diệu",
]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Đức",
    "Long",
    "Sơn",
    "Thắng",
    "Cường",
    "Hải",
    "Nam",
    "Bình",
    "Khánh",
    "Trung",
    "Hiếu",
    "Phong",
    "Quân",
    "Tâm",
    "Vinh",
    "Hưng",
    "Toàn",
]
GIVEN_F = [
    "Lan",
    "Hoa",
    "Hương",
    "Thảo",
    "Nhung",
    "Huyền",
    "Trang",
    "Yến",
    "Hạnh",
    "Linh",
    "Ngân",
    "Phượng",
    "Dung",
    "Hằng",
    "Loan",
    "Mai",
    "Nga",
    "Oanh",
    "Thủy",
    "Vân",
]
UNITS = [
    "Phường Đức Xuân",
    "Phường Sông Cầu",
    "Phường Nguyễn Thị Minh Khai",
    "Phường Phùng Chí Kiên",
    "Phường Huyền Tụng",
    "Phường Xuất Hóa",
    "Xã Dương Quang",
    "Xã Nông Thượng",
    "Phòng Giáo dục và Đào tạo",
    "Công an thành phố",
    "Trung tâm Y tế thành phố",
    "Trường THCS Bắc Kạn",
    "Trường Tiểu học Đức Xuân",
    "HTX Nông nghiệp Dương Quang",
    "Ban Chỉ huy quân sự thành phố",
    "Phòng Tài chính - Kế hoạch",
]
FORMS = [
    ("giay_khen_chu_tich_huyen", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện"),
    ("bang_khen_chu_tich_tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ("lao_dong_tien_tien", "Lao động tiên tiến"),
    ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở"),
]


# Units merged away in 2025 into one new ward: the unit search "bac kan" (the successor's
# name) finds their awards, labelled with the old names.
MERGED = ["Phường Đức Xuân", "Phường Sông Cầu", "Phường Nguyễn Thị Minh Khai"]
SUCCESSOR = "Phường Bắc Kạn"


def _target_url(n: int) -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_URL.format(n=n)


def _options(args) -> dict:
    return dict(a.lstrip("-").split("=", 1) if "=" in a else (a.lstrip("-"), "1") for a in args)


def run(stdout, args) -> None:
    from django.conf import settings
    from django.db import connection

    opts = _options(args)
    n = int(opts.get("awards", opts.get("n", 1_000_000)))
    if connection.vendor != "postgresql" or not _reachable(connection):
        # SQLite, or a PostgreSQL database that does not exist yet: create it, migrate it
        # and run again there.
        _reexec_on_postgres(stdout, args, n)
        return
    if settings.DEBUG:
        # Pages are served with DEBUG off (templates without debug information, no query
        # log): measure them so.
        stdout.write("DEBUG=0 (as pages are served)…\n")
        stdout.flush()
        env = {**os.environ, "DEBUG": "0"}
        result = subprocess.run(
            [sys.executable, "-m", "thidua", "bench", "registry", *args], env=env
        )
        if result.returncode:
            sys.exit(result.returncode)
        return
    per_shape = int(opts.get("per-shape", 30))
    t0 = time.perf_counter()
    present = _load(n, rebuild="rebuild" in opts, stdout=stdout)
    stdout.write(f"awards in table: {present:,} (load/reuse {time.perf_counter() - t0:.1f} s)\n")
    try:
        _measure(stdout, per_shape)
    finally:
        _rebuild_deferred(stdout)


def _reachable(connection) -> bool:
    from django.db import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError:
        return False
    return True


def _reexec_on_postgres(stdout, args, n: int) -> None:
    import psycopg

    from thidua.core.pgdb import ensure_database

    url = _target_url(n)
    try:
        ensure_database(url)
    except psycopg.OperationalError as exc:
        stdout.write(f"Không kết nối được PostgreSQL ({url}): {exc}\n")
        sys.exit(2)
    env = {**os.environ, "DATABASE_URL": url}
    stdout.write(f"PostgreSQL: {url} (migrating…)\n")
    stdout.flush()
    subprocess.run(
        [sys.executable, "-m", "thidua", "migrate", "--noinput", "-v", "0"], env=env, check=True
    )
    result = subprocess.run([sys.executable, "-m", "thidua", "bench", "registry", *args], env=env)
    if result.returncode:
        sys.exit(result.returncode)


def _bench_fixtures():
    """A bench authority with its units (three merged away into a new ward), and 160
    signed decisions (2010–2025) to hang the awards on."""
    from thidua.awards.models import Decision, DecisionStatus
    from thidua.org.enums import UnitKind
    from thidua.org.models import Unit

    root, _ = Unit.objects.get_or_create(
        code="BENCH_REG",
        defaults={"name": "Thành phố Đo Hiệu Năng", "kind": UnitKind.CITY, "is_authority": True},
    )
    successor, _ = Unit.objects.get_or_create(
        code="BENCH_REG_NEW",
        defaults={
            "name": SUCCESSOR,
            "kind": UnitKind.WARD,
            "parent": root,
            "valid_from": date(2025, 7, 1),
        },
    )
    units = []
    for i, name in enumerate(UNITS):
        merged = name in MERGED
        u, _ = Unit.objects.get_or_create(
            code=f"BENCH_REG_{i}",
            defaults={
                "name": name,
                "kind": UnitKind.WARD,
                "parent": root,
                "valid_to": date(2025, 6, 30) if merged else None,
                "successor": successor if merged else None,
            },
        )
        units.append(u)
    decisions = []
    for i in range(160):
        year = 2010 + i % 16
        d, _ = Decision.objects.get_or_create(
            issuer=root,
            year=year,
            number=i + 1,
            symbol="QĐ-UBND",
            defaults={
                "title": "Quyết định khen thưởng (dữ liệu đo hiệu năng)",
                "status": DecisionStatus.SIGNED,
                "doc_date": date(year, 1 + i % 12, 1 + i % 28),
            },
        )
        decisions.append(d)
    return root, units, decisions


def _sql_array(values) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _secondary_indexes(cur, table: str) -> list[tuple[str, str]]:
    """(name, definition) of the indexes of `table` that back no constraint."""
    cur.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "JOIN pg_class t ON t.oid = x.indrelid WHERE t.relname = %s AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)",
        [table],
    )
    return cur.fetchall()


DEFERRED_INDEXES: list[str] = []


def _rebuild_deferred(stdout) -> None:
    from django.db import connection

    if not DEFERRED_INDEXES:
        return
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '1GB'")
        for definition in DEFERRED_INDEXES:
            cur.execute(definition)
    stdout.write(
        f"{len(DEFERRED_INDEXES)} other indexes rebuilt after the measurement in "
        f"{time.perf_counter() - t:.0f} s\n"
    )


def _load(n: int, rebuild: bool, stdout) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM awards_award WHERE source = %s", [SOURCE])
        present = cur.fetchone()[0]
    if present == n and not rebuild:
        return present
    root, units, decisions = _bench_fixtures()
    stdout.write(f"generating {n:,} awards and their search keys…\n")
    stdout.flush()
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM awards_award WHERE source <> %s", [SOURCE])
        if cur.fetchone()[0]:
            cur.execute(
                "DELETE FROM registry_awardsearchkey WHERE award_id IN "
                "(SELECT id FROM awards_award WHERE source = %s)",
                [SOURCE],
            )
            cur.execute("DELETE FROM awards_award WHERE source = %s", [SOURCE])
        else:  # a database of bench data only
            cur.execute("TRUNCATE registry_awardsearchkey, awards_award CASCADE")
        dropped = []
        for table in ("awards_award", "registry_awardsearchkey"):
            for name, definition in _secondary_indexes(cur, table):
                cur.execute(f'DROP INDEX "{name}"')
                dropped.append((name, definition))
        # Bulk load: the rows are valid by construction; skip the per-row FK triggers.
        cur.execute("SET session_replication_role = replica")
        cur.execute("SELECT setseed(0.42)")
        _insert_awards(cur, n, units, decisions)
        t1 = time.perf_counter()
        stdout.write(f"  {n:,} awards in {t1 - t0:.0f} s\n")
        stdout.flush()
        cur.execute(
            "INSERT INTO registry_awardsearchkey (award_id, key, award_date, year, form_code, unit_id, decision_id) "
            "SELECT a.id, left(array_to_string(a.w[i:], ' '), 120), a.award_date, a.year, a.form_code, "
            "a.awardee_unit_id, a.decision_id "
            "FROM (SELECT id, string_to_array(search_text, ' ') AS w, award_date, year, form_code, "
            "awardee_unit_id, decision_id FROM awards_award WHERE source = %s) a, "
            "generate_series(1, array_length(a.w, 1)) AS i",
            [SOURCE],
        )
        keys = cur.rowcount
        t2 = time.perf_counter()
        stdout.write(f"  {keys:,} search keys in {t2 - t1:.0f} s\n")
        stdout.flush()
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("SET maintenance_work_mem = '1GB'")
        cur.execute("SET max_parallel_maintenance_workers = 2")
        # The search's own indexes now; the others (foreign keys the search never reads)
        # after the measurement, so a 10M load spends its time on what is measured.
        searched = [(n, d) for n, d in dropped if n.startswith("registry_")]
        for _name, definition in searched:
            cur.execute(definition)
        DEFERRED_INDEXES[:] = [d for n, d in dropped if not n.startswith("registry_")]
        t3 = time.perf_counter()
        stdout.write(f"  {len(searched)} search indexes rebuilt in {t3 - t2:.0f} s\n")
        stdout.flush()
    connection.commit() if not connection.get_autocommit() else None
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE awards_award")  # visibility map: index-only scans
        cur.execute("VACUUM ANALYZE registry_awardsearchkey")
        stdout.write(f"  VACUUM ANALYZE in {time.perf_counter() - t3:.0f} s\n")
        cur.execute("SELECT count(*) FROM awards_award WHERE source = %s", [SOURCE])
        return cur.fetchone()[0]


def _insert_awards(cur, n: int, units, decisions) -> None:
    from thidua.core.text import fold

    families = [f for f, w in FAMILIES for _ in range(w)]
    unit_names = [u.name for u in units]
    provided = {
        "decision_id",
        "form_code",
        "form_name",
        "subject_kind",
        "awardee_unit_id",
        "awardee_name",
        "awardee_unit_name",
        "wording",
        "award_date",
        "year",
        "period_key",
        "amount",
        "verification_code",
        "search_text",
        "source",
        "revoked",
        "created_at",
        "id",
    }
    # Columns other apps added later: give NOT NULL columns without a default a neutral value.
    cur.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'awards_award' "
        "AND is_nullable = 'NO' AND column_default IS NULL"
    )
    extra = [(c, t) for c, t in cur.fetchall() if c not in provided]
    neutral = {"boolean": "false", "integer": "0", "bigint": "0", "smallint": "0"}
    extra_cols = "".join(f", {c}" for c, _ in extra)
    extra_vals = "".join(f", {neutral.get(t, chr(39) * 2)}" for _, t in extra)
    # Each decision's year is 2010 + index % 16; an award takes a decision of its year.
    by_year = {}
    for d in decisions:
        by_year.setdefault(d.year, []).append(d.pk)
    per_year = min(len(v) for v in by_year.values())
    dec_matrix = ",".join(
        "ARRAY[" + ",".join(map(str, by_year[y][:per_year])) + "]" for y in sorted(by_year)
    )
    first_year = min(by_year)
    # Built only from this module's constants.
    cur.execute(
        f"""
        INSERT INTO awards_award (decision_id, form_code, form_name, subject_kind, awardee_unit_id,
            awardee_name, awardee_unit_name, wording, award_date, year, period_key, amount,
            verification_code, search_text, source, revoked, created_at{extra_cols})
        SELECT dec[extract(year from day)::int - {first_year} + 1][1 + mod(g, {per_year})],
            fc[fi], fn[fi], 'individual', uid[ui],
            fam[a] || ' ' || (CASE WHEN female THEN midf[b] ELSE midm[b] END) || ' '
                || (CASE WHEN female THEN givf[c] ELSE givm[c] END),
            un[ui], 'Đã có thành tích xuất sắc trong phong trào thi đua', day,
            extract(year from day)::int, '', 0, 'B' || lpad(upper(to_hex(g)), 9, '0'),
            ffam[a] || ' ' || (CASE WHEN female THEN fmidf[b] ELSE fmidm[b] END) || ' '
                || (CASE WHEN female THEN fgivf[c] ELSE fgivm[c] END) || ' ' || fun[ui],
            %s, false, now(){extra_vals}
        FROM (
            SELECT g, random() < 0.5 AS female,
                1 + floor(random() * {len(families)})::int AS a,
                1 + floor(random() * {len(MIDDLE_M)})::int AS b,
                1 + floor(random() * {len(GIVEN_M)})::int AS c,
                1 + floor(random() * {len(units)})::int AS ui,
                1 + floor(random() * {len(FORMS)})::int AS fi,
                DATE '2010-01-01' + floor(random() * 5800)::int AS day
            FROM generate_series(1, %s) AS g
        ) AS r,
        (SELECT {_sql_array(families)} AS fam, {_sql_array([fold(f) for f in families])} AS ffam,
                {_sql_array(MIDDLE_M)} AS midm, {_sql_array([fold(x) for x in MIDDLE_M])} AS fmidm,
                {_sql_array(MIDDLE_F)} AS midf, {_sql_array([fold(x) for x in MIDDLE_F])} AS fmidf,
                {_sql_array(GIVEN_M)} AS givm, {_sql_array([fold(x) for x in GIVEN_M])} AS fgivm,
                {_sql_array(GIVEN_F)} AS givf, {_sql_array([fold(x) for x in GIVEN_F])} AS fgivf,
                {_sql_array(unit_names)} AS un, {_sql_array([fold(x) for x in unit_names])} AS fun,
                ARRAY[{",".join(str(u.pk) for u in units)}]::bigint[] AS uid,
                ARRAY[{dec_matrix}]::bigint[] AS dec,
                {_sql_array([c for c, _ in FORMS])} AS fc, {_sql_array([nm for _, nm in FORMS])} AS fn) AS v
        """,  # noqa: S608
        [SOURCE, n],
    )


# ---- the query mix ---------------------------------------------------------------------


def _person(rnd: random.Random) -> tuple[str, str, str]:
    families = [f for f, w in FAMILIES for _ in range(w) if w]
    female = rnd.random() < 0.5
    return (
        rnd.choice(families),
        rnd.choice(MIDDLE_F if female else MIDDLE_M),
        rnd.choice(GIVEN_F if female else GIVEN_M),
    )


def _typed(rnd: random.Random, text: str) -> str:
    """As people type: half with diacritics, half without (lower case)."""
    from thidua.core.text import fold

    return text if rnd.random() < 0.5 else fold(text)


def query_mix(per_shape: int, seed: int = 2026) -> dict[str, list[dict]]:
    """Shape → list of GET parameter dicts."""
    rnd = random.Random(seed)
    form_codes = [c for c, _ in FORMS]
    unit_words = ["duc xuan", "Sông Cầu", "xuat hoa", "Dương Quang", "y te", "bac kan"]
    years = list(range(2010, 2026))
    missing = ["Nguyễn Văn Xuyến Chi", "zorro", "tran thi qwe", "Hoàng Khải Định", "kkk"]

    def full():
        return _typed(rnd, " ".join(_person(rnd)))

    def partial():  # middle + start of the given name ("thi la"), or the given name
        fam, mid, giv = _person(rnd)
        cut = max(2, len(giv) - 1)
        return _typed(rnd, rnd.choice([f"{mid} {giv[:cut]}", giv, f"{mid} {giv}"]))

    shapes = {
        "name full": lambda: {"q": full()},
        "name partial given": lambda: {"q": partial()},
        "name family only": lambda: {"q": _typed(rnd, _person(rnd)[0])},
        "name missing": lambda: {"q": _typed(rnd, rnd.choice(missing))},
        "unit only": lambda: {"don_vi": rnd.choice(unit_words)},
        "form only": lambda: {"hinh_thuc": rnd.choice(form_codes)},
        "year only": lambda: {"nam": rnd.choice(years)},
        "name + unit": lambda: {"q": partial(), "don_vi": rnd.choice(unit_words)},
        "name + year": lambda: {"q": _typed(rnd, _person(rnd)[0]), "nam": rnd.choice(years)},
        "name + unit + year": lambda: {
            "q": full(),
            "don_vi": rnd.choice(unit_words),
            "nam": rnd.choice(years),
        },
        "unit + year": lambda: {"don_vi": rnd.choice(unit_words), "nam": rnd.choice(years)},
        "form + year": lambda: {"hinh_thuc": rnd.choice(form_codes), "nam": rnd.choice(years)},
        "all four": lambda: {
            "q": partial(),
            "don_vi": rnd.choice(unit_words),
            "hinh_thuc": rnd.choice(form_codes),
            "nam": rnd.choice(years),
        },
    }
    return {name: [make() for _ in range(per_shape)] for name, make in shapes.items()}


NEXT = re.compile(r'rel="next" href="\?([^"]+)"')
COUNT = re.compile(r'class="muted result-count"[^>]*>([^<]*)<')


DB_MS: list[float] = []
WAIT_MS: list[float] = []


def _get(client, params: dict | str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = params if isinstance(params, str) else urlencode(params)
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        resp = client.get(f"{SEARCH_URL}?{query}", HTTP_HOST="localhost")
        ms = (time.perf_counter() - t) * 1000
    # What the request itself waited for its queries (first run: cold pages read from disk
    # count here), then the same SQL run again under EXPLAIN ANALYZE (server time, warm).
    WAIT_MS.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    DB_MS.append(sum(_server_ms(q["sql"]) for q in ctx.captured_queries))
    if resp.status_code != 200:
        raise SystemExit(f"{SEARCH_URL}?{query} → HTTP {resp.status_code}")
    body = resp.content.decode()
    nxt = NEXT.search(body)
    return ms, (nxt.group(1).replace("&amp;", "&") if nxt else None), body


def _measure(stdout, per_shape: int) -> None:
    from django.test import Client

    client = Client()
    mix = query_mix(per_shape)
    for params in [p for shape in mix.values() for p in shape[:2]]:  # warm the caches
        _get(client, params)
    timings: dict[str, list[float]] = {}
    examples: dict[str, tuple[float, dict | str]] = {}

    db_timings: dict[str, list[float]] = {}
    wait_timings: dict[str, list[float]] = {}

    def record(shape, ms, params):
        timings.setdefault(shape, []).append(ms)
        db_timings.setdefault(shape, []).append(DB_MS[-1])
        wait_timings.setdefault(shape, []).append(WAIT_MS[-1])
        if ms > examples.get(shape, (-1, None))[0]:
            examples[shape] = (ms, params)

    sample_counts = []
    for shape, params_list in mix.items():
        for params in params_list:
            ms, nxt, body = _get(client, params)
            record(shape, ms, params)
            count = COUNT.search(body)
            if len(sample_counts) < 40 and count:
                sample_counts.append(f"{shape}: {params} → {count.group(1).strip()}")
    # Page 2 and deep pages: follow the keyset cursor from the first page.
    rnd = random.Random(7)
    deep_sources = [
        p
        for shape in ("name family only", "year only", "name + year", "unit only")
        for p in mix[shape]
    ]
    for params in rnd.sample(deep_sources, min(per_shape, len(deep_sources))):
        _, nxt, _ = _get(client, params)
        if nxt:
            ms, nxt, _ = _get(client, nxt)
            record("page 2", ms, nxt)
    for params in rnd.sample(deep_sources, min(max(3, per_shape // 6), len(deep_sources))):
        _, nxt, _ = _get(client, params)
        for page in range(2, 41):
            if not nxt:
                break
            ms, follow, _ = _get(client, nxt)
            if page >= 10:
                record("deep page (10–40)", ms, nxt)
            nxt = follow
    stdout.write("\nsample counts shown by the page:\n")
    for line in sample_counts[:: max(1, len(sample_counts) // 12)]:
        stdout.write(f"  {line}\n")
    load = os.getloadavg()[0]
    stdout.write(
        f"\nthrough the view (whole request); the request's own wait for its queries (wait); "
        f"its SQL run again inside PostgreSQL (planning + execution, EXPLAIN ANALYZE, warm); "
        f"load average {load:.1f} on {os.cpu_count()} CPUs:\n"
        f"{'shape':<26}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'wait p95':>10}"
        f"{'SQL p50':>10}{'SQL p95':>9}{'SQL max':>9}\n"
    )
    worst_shape, worst_p95 = "", 0.0
    for shape, values in timings.items():
        values.sort()
        p95 = _p95(values)
        db = sorted(db_timings[shape])
        wait = sorted(wait_timings[shape])
        stdout.write(
            f"{shape:<26}{len(values):>5}{statistics.median(values):>9.1f}{p95:>9.1f}"
            f"{values[-1]:>9.1f}{_p95(wait):>10.1f}"
            f"{statistics.median(db):>10.1f}{_p95(db):>9.1f}{db[-1]:>9.1f}\n"
        )
        if p95 > worst_p95:
            worst_shape, worst_p95 = shape, p95
    stdout.write(
        f"\nslowest shape by p95: {worst_shape}; its slowest request: {examples[worst_shape][1]}\n"
    )
    _explain(stdout, examples[worst_shape][1])
    stdout.write(f"registry_p95_ms={worst_p95:.1f}\n")


def _server_ms(sql: str) -> float:
    """The query's planning + execution time inside PostgreSQL (EXPLAIN ANALYZE, run again):
    what the database spends, without the waits of a loaded machine's client side."""
    from django.db import connection

    if not sql.startswith(("SELECT", "WITH", "EXPLAIN")):
        return 0.0  # BEGIN, COMMIT, SAVEPOINT (logged by Django since 4.2): waits, no plan
    if sql.startswith("EXPLAIN "):  # the page's own look at the planner's estimate
        sql = sql.split(")", 1)[1]
        explain = "EXPLAIN (SUMMARY ON, FORMAT JSON) "
    else:
        explain = "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) "
    with connection.cursor() as cur:
        cur.execute(explain + sql)
        plan = cur.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else plan
    return float(plan.get("Planning Time", 0)) + float(plan.get("Execution Time", 0))


def _p95(values: list[float]) -> float:
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def _explain(stdout, params) -> None:
    """EXPLAIN ANALYZE of the queries the page runs for `params` (captured from the view)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    query = params if isinstance(params, str) else urlencode(params)
    with CaptureQueriesContext(connection) as ctx:
        Client().get(f"{SEARCH_URL}?{query}", HTTP_HOST="localhost")
    queries = [q for q in ctx.captured_queries if q["sql"].startswith(("SELECT", "WITH"))]
    slowest = max(queries, key=lambda q: float(q["time"]))
    stdout.write(
        f"its slowest SQL ({float(slowest['time']) * 1000:.1f} ms):\n  {slowest['sql'][:1500]}\n"
    )
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        plan = "\n".join("    " + r[0] for r in cur.fetchall())
    stdout.write(f"plan:\n{plan}\n")
