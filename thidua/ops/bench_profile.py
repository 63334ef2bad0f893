"""`thidua bench load --profile[=N]`: where the CPU of each request of the load scenario
goes, without the load.

The province and the campaign are prepared as for the load (`bench_load.prepare`); then N
requests of each request type of the scenario (the names of `locustfile.py`) go through
Django's WSGI handler in this process, one after another, and each request type gets its
mean app CPU (`time.process_time`: Python, templates and the database driver), its time
in database calls (wall time around each execute) and its query count. DEBUG off, as in
production. Runs on SQLite too (for the test); measure on PostgreSQL.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from contextlib import contextmanager

PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"


class _Meter:
    def __init__(self):
        self.rows: dict[str, list[tuple[float, float, float, int, int]]] = defaultdict(list)
        self.db = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.db += time.perf_counter() - start
            self.queries += 1

    @contextmanager
    def measure(self, name: str, holder: list):
        from django.db import connection

        self.db, self.queries = 0.0, 0
        wall0, cpu0 = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(self):
            yield
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        status = holder[0].status_code if holder else 0
        self.rows[name].append((cpu, self.db, wall, self.queries, status))


def _client(session: str = ""):
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    # Loaded here, not in the first measured request: a gunicorn worker loads its
    # middleware once at start (WhiteNoise's file scan alone is tens of milliseconds).
    client.handler.load_middleware()
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


def profile(stdout, data: dict, n: int) -> dict[str, dict]:
    """N requests of each request type; returns {name: {cpu_ms, db_ms, wall_ms, queries}}."""
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    meter = _Meter()
    campaign = data["campaign"].pk
    dossier_url = re.compile(r"/ho-so/(\d+)/")
    officers = itertools.cycle(
        [
            (username, unit, people.split(), session)
            for username, unit, people, session in (row.split(",") for row in data["officers"])
        ]
    )
    standing_session = data["standing"].split(",")[1]
    names = data["names"] or ["nguyen"]

    def run(name, method, url, **kw):
        holder: list = []
        client = kw.pop("client")
        with meter.measure(name, holder):
            holder.append(getattr(client, method)(url, **kw))
        return holder[0]

    for i in range(n):
        username, unit, people, session = next(officers)
        officer = _client(session)
        run("officer: home", "get", "/", client=officer)
        run("officer: campaign", "get", f"/phong-trao/{campaign}/", client=officer)
        run("officer: new dossier form", "get", f"/ho-so/lap/?campaign={campaign}", client=officer)
        created = run(
            "officer: create dossier",
            "post",
            "/ho-so/lap/",
            data={
                "proposer": unit,
                "campaign": campaign,
                "kind": "phong_trao",
                "form_code": "bang_khen_chu_tich_tinh",
            },
            client=officer,
        )
        found = dossier_url.search(created.get("Location", ""))
        if found:
            dossier = found.group(1)
            run("officer: dossier", "get", f"/ho-so/{dossier}/", client=officer)
            run(
                "officer: meeting",
                "post",
                f"/ho-so/{dossier}/hop-xet/",
                data={
                    "title": "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
                    "meeting_date": "01/12/2026",
                    "meeting_attendees": "9",
                    "meeting_total": "11",
                },
                client=officer,
            )
            for person in people[:2]:
                run(
                    "officer: add nominee",
                    "post",
                    f"/ho-so/{dossier}/doi-tuong/",
                    data={
                        "subject_kind": "individual",
                        "person": person,
                        "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2026.",
                        "votes_for": "9",
                    },
                    client=officer,
                )
            for doc_type in ("to_trinh", "bien_ban"):
                run(
                    "officer: upload",
                    "post",
                    f"/ho-so/{dossier}/tai-lieu/",
                    data={
                        "doc_type": doc_type,
                        "file": SimpleUploadedFile(f"{doc_type}.pdf", PDF, "application/pdf"),
                    },
                    client=officer,
                )
            run("officer: submit", "post", f"/ho-so/{dossier}/nop/", client=officer)
        run("officer: dossier list", "get", "/ho-so/", client=officer)

        standing = _client(standing_session)
        queue = run("standing: queue", "get", "/ho-so/tham-dinh/", client=standing)
        ids = dossier_url.findall(queue.content.decode("utf-8", "replace"))
        if ids:
            run("standing: dossier", "get", f"/ho-so/{ids[i % len(ids)]}/", client=standing)
        run("standing: campaign", "get", f"/phong-trao/{campaign}/", client=standing)

        public = _client()
        words = names[i % len(names)].split()
        run(
            "public: search",
            "get",
            "/so-khen-thuong/tra-cuu/",
            data={"q": " ".join(words[-2:])},
            client=public,
        )
        run("public: portal", "get", "/cong-khai/", client=public)
        run("public: campaigns", "get", "/phong-trao/cong-khai/", client=public)

        visitor = _client()
        run("login page", "get", "/dang-nhap/", client=visitor)
        run(
            "login",
            "post",
            "/dang-nhap/",
            data={"username": username, "password": data["password"]},
            client=visitor,
        )

    result = {}
    stdout.write(
        f"{'request':<38}{'n':>4}{'cpu_ms':>9}{'db_ms':>8}{'queries':>9}{'wall_ms':>9}  status\n"
    )
    total_cpu = total_n = 0
    for name, rows in meter.rows.items():
        count = len(rows)
        cpu = sum(r[0] for r in rows) * 1000 / count
        db = sum(r[1] for r in rows) * 1000 / count
        wall = sum(r[2] for r in rows) * 1000 / count
        queries = sum(r[3] for r in rows) / count
        statuses = ",".join(sorted({str(r[4]) for r in rows}))
        result[name] = {"cpu_ms": cpu, "db_ms": db, "wall_ms": wall, "queries": queries}
        total_cpu += cpu * count
        total_n += count
        stdout.write(
            f"profile {name:<30}{count:>4}{cpu:>9.1f}{db:>8.1f}{queries:>9.1f}{wall:>9.1f}  {statuses}\n"
        )
    stdout.write(f"profile_cpu_ms_mean={total_cpu / (total_n or 1):.1f}\n")
    return result
