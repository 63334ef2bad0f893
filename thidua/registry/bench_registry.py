"""`thidua bench registry`: diacritic-insensitive name search over 1,000,000 awards.

Runs on PostgreSQL: `DATABASE_URL` if it points to PostgreSQL, otherwise
postgres://postgres@127.0.0.1:5432/thidua_bench (created and migrated in a subprocess).
The awards are inserted once with one INSERT … SELECT over generate_series, Vietnamese
names built in SQL from arrays (with their folded forms for `search_text`), and reused on
later runs. Then 200 realistic queries ("nguyen van hung", "thi lan", "hoang duc") go
through the same ORM query as the public search (`search_awards(q)[:50]`).
Options: `--n=1000000`, `--queries=200`, `--rebuild`.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thidua_bench"
SOURCE = "bench"

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


def _target_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_URL


def run(stdout, args) -> None:
    from django.db import connection

    opts = dict(a.lstrip("-").split("=", 1) if "=" in a else (a.lstrip("-"), "1") for a in args)
    if connection.vendor != "postgresql":
        _reexec_on_postgres(stdout, args)
        return
    n = int(opts.get("n", 1_000_000))
    queries = int(opts.get("queries", 200))
    t0 = time.perf_counter()
    present = _load(n, rebuild="rebuild" in opts, stdout=stdout)
    stdout.write(f"awards in table: {present:,} (load/reuse {time.perf_counter() - t0:.1f} s)\n")
    _measure(stdout, queries)


def _reexec_on_postgres(stdout, args) -> None:
    import psycopg

    url = _target_url()
    dbname = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            if not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [dbname]
            ).fetchone():
                conn.execute(f'CREATE DATABASE "{dbname}"')
    except psycopg.OperationalError as exc:
        stdout.write(f"Không kết nối được PostgreSQL ({url}): {exc}\n")
        sys.exit(2)
    env = {**os.environ, "DATABASE_URL": url}
    stdout.write(f"PostgreSQL: {url} (migrating…)\n")
    subprocess.run(
        [sys.executable, "-m", "thidua", "migrate", "--noinput", "-v", "0"], env=env, check=True
    )
    result = subprocess.run(
        [sys.executable, "-m", "thidua", "bench", "registry", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    stdout.write(result.stdout)
    if result.returncode:
        stdout.write(result.stderr[-3000:])
        sys.exit(result.returncode)


def _bench_fixtures():
    """A bench authority with unit rows, and 100 signed decisions to hang the awards on."""
    from datetime import date

    from thidua.awards.models import Decision, DecisionStatus
    from thidua.org.enums import UnitKind
    from thidua.org.models import Unit

    root, _ = Unit.objects.get_or_create(
        code="BENCH_REG",
        defaults={"name": "Thành phố Đo Hiệu Năng", "kind": UnitKind.CITY, "is_authority": True},
    )
    units = []
    for i, name in enumerate(UNITS):
        u, _ = Unit.objects.get_or_create(
            code=f"BENCH_REG_{i}", defaults={"name": name, "kind": UnitKind.WARD, "parent": root}
        )
        units.append(u)
    decisions = []
    for i in range(100):
        year = 2015 + i % 10
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


def _load(n: int, rebuild: bool, stdout) -> int:
    from django.db import connection

    from thidua.core.text import fold

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM awards_award WHERE source = %s", [SOURCE])
        present = cur.fetchone()[0]
    if present >= n and not rebuild:
        _build_keys(stdout)
        return present
    root, units, decisions = _bench_fixtures()
    families = [f for f, w in FAMILIES for _ in range(w)]
    unit_names = [u.name for u in units]
    # Columns other apps added later: give NOT NULL columns without a default a neutral value.
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
    with connection.cursor() as cur:
        cur.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'awards_award' "
            "AND is_nullable = 'NO' AND column_default IS NULL"
        )
        extra = [(c, t) for c, t in cur.fetchall() if c not in provided]
    neutral = {
        "boolean": "false",
        "integer": "0",
        "bigint": "0",
        "smallint": "0",
        "date": "CURRENT_DATE",
    }
    extra_cols = "".join(f", {c}" for c, _ in extra)
    extra_vals = "".join(f", {neutral.get(t, chr(39) * 2)}" for _, t in extra)
    decision_ids = [d.pk for d in decisions]
    stdout.write(f"inserting {n:,} awards…\n")
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "DELETE FROM registry_awardsearchkey WHERE award_id IN (SELECT id FROM awards_award WHERE source = %s)",
            [SOURCE],
        )
        cur.execute("DELETE FROM awards_award WHERE source = %s", [SOURCE])
        cur.execute("DROP INDEX IF EXISTS awards_award_search_trgm")
        cur.execute("SELECT setseed(0.42)")
        # Built only from this module's constants.
        cur.execute(
            f"""
            INSERT INTO awards_award (decision_id, form_code, form_name, subject_kind, awardee_unit_id,
                awardee_name, awardee_unit_name, wording, award_date, year, period_key, amount,
                verification_code, search_text, source, revoked, created_at{extra_cols})
            SELECT dec[1 + mod(g, {len(decision_ids)})], fc[fi], fn[fi], 'individual', uid[ui],
                fam[a] || ' ' || (CASE WHEN female THEN midf[b] ELSE midm[b] END) || ' '
                    || (CASE WHEN female THEN givf[c] ELSE givm[c] END),
                un[ui], 'Đã có thành tích xuất sắc trong phong trào thi đua', day, extract(year from day)::int, '',
                0, 'B' || lpad(upper(to_hex(g)), 9, '0'),
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
                    ARRAY[{",".join(map(str, decision_ids))}]::bigint[] AS dec,
                    {_sql_array([c for c, _ in FORMS])} AS fc, {_sql_array([nm for _, nm in FORMS])} AS fn) AS v
        """,  # noqa: S608
            [SOURCE, n],
        )
        stdout.write(
            f"  inserted in {time.perf_counter() - t0:.1f} s; building the trigram index…\n"
        )
        t1 = time.perf_counter()
        cur.execute(
            "CREATE INDEX IF NOT EXISTS awards_award_search_trgm ON awards_award USING gin (search_text gin_trgm_ops)"
        )
        cur.execute("ANALYZE awards_award")
        stdout.write(f"  index + ANALYZE in {time.perf_counter() - t1:.1f} s\n")
    _build_keys(stdout)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM awards_award WHERE source = %s", [SOURCE])
        return cur.fetchone()[0]


def _build_keys(stdout) -> None:
    """The registry's word-start search keys for the synthetic awards (what the post_save
    signal writes for real awards), built in SQL when missing."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT EXISTS (SELECT 1 FROM registry_awardsearchkey k JOIN awards_award a ON a.id = k.award_id "
            "WHERE a.source = %s)",
            [SOURCE],
        )
        if cur.fetchone()[0]:
            return
        t0 = time.perf_counter()
        cur.execute(
            "INSERT INTO registry_awardsearchkey (award_id, key) "
            "SELECT a.id, left(array_to_string(a.w[i:], ' '), 120) "
            "FROM (SELECT id, string_to_array(search_text, ' ') AS w FROM awards_award WHERE source = %s) a, "
            "generate_series(1, array_length(a.w, 1)) AS i",
            [SOURCE],
        )
        cur.execute("VACUUM ANALYZE registry_awardsearchkey")  # visibility map for index-only scans
        stdout.write(f"  search keys built in {time.perf_counter() - t0:.1f} s\n")


def realistic_queries(count: int, seed: int = 2024) -> list[str]:
    from thidua.core.text import fold

    rnd = random.Random(seed)
    families = [f for f, w in FAMILIES for _ in range(w)]
    out = []
    for _ in range(count):
        female = rnd.random() < 0.5
        fam = rnd.choice(families)
        mid = rnd.choice(MIDDLE_F if female else MIDDLE_M)
        giv = rnd.choice(GIVEN_F if female else GIVEN_M)
        shape = rnd.random()
        if shape < 0.5:
            q = f"{fam} {mid} {giv}"
        elif shape < 0.8:
            q = f"{mid} {giv}"
        else:
            q = f"{fam} {mid}"
        out.append(fold(q))
    return out


def _measure(stdout, count: int) -> None:
    from django.db import reset_queries

    from thidua.registry.services import search_awards

    queries = realistic_queries(count)
    for q in queries[:20]:  # warm the caches as a running server has them
        list(search_awards(q)[:50])
    timings, hits = [], []
    for q in queries:
        t = time.perf_counter()
        rows = list(search_awards(q)[:50])
        timings.append((time.perf_counter() - t) * 1000)
        hits.append(len(rows))
        reset_queries()
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(0.95 * len(timings)) - 1]
    plan = "\n".join(
        "    " + line for line in search_awards(queries[0])[:50].explain().splitlines()[:6]
    )
    stdout.write(
        f"queries: {len(queries)} (e.g. {', '.join(repr(q) for q in queries[:4])}), "
        f"mean hits {statistics.mean(hits):.0f}/50\n"
    )
    stdout.write(f"plan of the first query:\n{plan}\n")
    stdout.write(f"search p50 = {p50:.2f} ms, p95 = {p95:.2f} ms, max = {timings[-1]:.2f} ms\n")
    stdout.write(f"registry_p95_ms={p95:.2f}\n")
