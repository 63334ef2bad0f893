"""Would partitioning the awards table by year make the registry search faster?

An experiment on a `thidua bench registry` database (PostgreSQL), not part of the product:

    DATABASE_URL=postgres://…/thidua_bench_reg_10000000 python scripts/partition_experiment.py build
    DATABASE_URL=… python scripts/partition_experiment.py measure [--repeat=7]
    DATABASE_URL=… python scripts/partition_experiment.py drop

`build` copies `awards_award` into `part_award`, PARTITION BY RANGE (year), one partition per
year 2010–2025 and a default one, with the same partial covering indexes as the real table
(registry migration 0008, read from pg_indexes), then ANALYZE. `measure` sends the bench's
query mix (one request per shape, page 2 and a deep page) through the public search view,
captures every SQL statement the page runs, and times each statement that reads
`awards_award` as it is and again on `part_award` (EXPLAIN ANALYZE, planning + execution,
median of `--repeat` runs after one warm-up, without parallel workers as the page plans). It prints the sum per shape for both tables.
`drop` removes the copy.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from thidua.registry import bench_registry  # noqa: E402

YEARS = range(2010, 2026)


def build() -> None:
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS part_award")
        cur.execute(
            "CREATE TABLE part_award (LIKE awards_award INCLUDING DEFAULTS) "
            "PARTITION BY RANGE (year)"
        )
        for year in YEARS:
            cur.execute(
                f"CREATE TABLE part_award_{year} PARTITION OF part_award "
                f"FOR VALUES FROM ({year}) TO ({year + 1})"
            )
        cur.execute("CREATE TABLE part_award_other PARTITION OF part_award DEFAULT")
        cur.execute("INSERT INTO part_award SELECT * FROM awards_award")
        cur.execute("CREATE INDEX part_award_id ON part_award (id)")
        # The real table's search indexes (registry migration 0008), as the database has them.
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'awards_award' "
            "AND indexname LIKE 'registry_award_%'"
        )
        for name, definition in cur.fetchall():
            on_copy = definition.replace(
                f"INDEX {name} ON public.awards_award", f"INDEX part_{name} ON part_award"
            )
            cur.execute(on_copy)
            print(f"  {on_copy}")
        cur.execute("VACUUM ANALYZE part_award")
        cur.execute("SELECT count(*) FROM part_award")
        print(f"part_award: {cur.fetchone()[0]:,} rows in {len(YEARS) + 1} partitions")


def drop() -> None:
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS part_award")
    print("part_award dropped")


def _server_ms(sql: str, repeat: int) -> float:
    runs = []
    with connection.cursor() as cur:
        for i in range(repeat + 1):
            cur.execute("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) " + sql)
            plan = cur.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else plan
            if i:  # the first run warms the cache
                runs.append(float(plan["Planning Time"]) + float(plan["Execution Time"]))
    return statistics.median(runs)


def _requests() -> list[tuple[str, str]]:
    """(shape, query string): one request per shape of the bench's mix, page 2 and page 10."""
    client = Client()
    out = []
    for shape, params in bench_registry.query_mix(1).items():
        query = urlencode(params[0])
        out.append((shape, query))
        if shape in ("name family only", "year only", "unit only"):
            for page in range(2, 11):
                body = client.get(f"{bench_registry.SEARCH_URL}?{query}").content.decode()
                nxt = bench_registry.NEXT.search(body)
                if not nxt:
                    break
                query = nxt.group(1).replace("&amp;", "&").lstrip("?")
                if page in (2, 10):
                    out.append((f"{shape} p{page}", query))
    return out


def measure(repeat: int) -> None:
    client = Client()
    with connection.cursor() as cur:  # as the page plans (registry.services.search_page)
        cur.execute("SET max_parallel_workers_per_gather = 0")
    print(f"{'shape':<28}{'awards_award ms':>17}{'part_award ms':>15}  statements")
    totals = [0.0, 0.0]
    for shape, query in _requests():
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"{bench_registry.SEARCH_URL}?{query}")
        plain = part = 0.0
        n = 0
        for q in ctx.captured_queries:
            if '"awards_award"' not in q["sql"] or not q["sql"].startswith(("SELECT", "WITH")):
                continue
            n += 1
            plain += _server_ms(q["sql"], repeat)
            part += _server_ms(q["sql"].replace('"awards_award"', '"part_award"'), repeat)
        totals[0] += plain
        totals[1] += part
        print(f"{shape:<28}{plain:>17.1f}{part:>15.1f}  {n}")
    print(f"{'all shapes':<28}{totals[0]:>17.1f}{totals[1]:>15.1f}")


def main(argv: list[str]) -> None:
    if connection.vendor != "postgresql":
        sys.exit("Cần DATABASE_URL trỏ tới cơ sở dữ liệu PostgreSQL của `thidua bench registry`.")
    command = argv[0] if argv else "measure"
    if command == "build":
        build()
    elif command == "drop":
        drop()
    elif command == "measure":
        repeat = 7
        for arg in argv[1:]:
            if arg.startswith("--repeat="):
                repeat = int(arg.split("=", 1)[1])
        measure(repeat)
    else:
        sys.exit("build | measure [--repeat=7] | drop")


if __name__ == "__main__":
    main(sys.argv[1:])
