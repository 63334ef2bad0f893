"""A certificate batch whose worker process dies (SIGKILL at 25 %) is detected as stalled
once its lease expires and resumed automatically, from the parts already written, without
duplicates. Runs on SQLite (the test database copied into a file the worker processes can
open) and on PostgreSQL (the test database itself)."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.backends.database.models import DBTaskResult
from pypdf import PdfReader

from thidua.registry import services
from thidua.registry.models import BatchStatus, Certificate, CertificateBatch

from .conftest import make_award, make_decision

PART_SIZE, PARTS = 4, 12
TOTAL = PART_SIZE * PARTS
PARTS_BEFORE_KILL = PARTS // 4  # killed at 25 %
PATIENCE = 180  # seconds; a safety net against a hung test, not a timing assertion

#: The first worker: the production task, except that rendering blocks forever once it has
#: written a quarter of the parts, so the test kills it at exactly 25 %.
WORKER_KILLED_AT_A_QUARTER = textwrap.dedent(
    """
    import sys, time
    import django

    django.setup()
    from thidua.registry import services, tasks

    batch_id, parts_before_block = int(sys.argv[1]), int(sys.argv[2])
    render_awards, rendered = services.render_awards, []

    def render_then_block(decision, awards, use_blank=False):
        if len(rendered) == parts_before_block:
            while True:  # SIGKILL arrives here, in the middle of a part
                time.sleep(1)
        rendered.append(len(awards))
        return render_awards(decision, awards, use_blank)

    services.render_awards = render_then_block
    tasks.generate_certificates.call(batch_id)
    """
)


@pytest.fixture
def worker_env(db, tmp_path):
    """Environment for worker processes that see this test's database and media folder."""
    connection = connections["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "THIDUA_VAR_DIR": str(tmp_path),  # MEDIA_ROOT = tmp_path / "private", as in the test
        "THIDUA_ENV": "development",
    }
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        auth = quote(s["USER"] or "postgres") + (
            f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else ""
        )
        host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{auth}@{host}/{s['NAME']}"
        yield env
        return
    # SQLite: the test database is in memory, invisible to another process. Copy it
    # (migrated, still empty) into a file and point this connection at the file.
    path = tmp_path / "workers.sqlite3"
    connection.ensure_connection()
    in_memory = connection.connection
    target = sqlite3.connect(path)
    in_memory.backup(target)
    target.close()
    name = connection.settings_dict["NAME"]
    connection.connection = None  # keep the in-memory database alive, unused
    connection.settings_dict["NAME"] = str(path)
    env["DATABASE_URL"] = f"sqlite:///{path}"
    try:
        yield env
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


def _codes_per_page(path: Path) -> list[str]:
    return [
        re.search(r"Mã xác thực: (\S+)", page.extract_text()).group(1).replace("-", "")
        for page in PdfReader(path).pages
    ]


def _wait_for(condition, process: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if process is not None and process.poll() is not None:
            pytest.fail(f"Tiến trình tạo lô in đã thoát: {log.read_text() if log else ''}")
        if time.monotonic() > deadline:
            pytest.fail("Quá thời gian chờ")
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_batch_of_a_killed_worker_is_detected_as_stalled_and_resumed_without_duplicates(
    worker_env, org, users, client_for, settings, tmp_path
):
    decision = make_decision(org["city"], number=31)
    for i in range(TOTAL):
        make_award(decision, f"Lục Văn {i + 1}", org["ward_a"] if i % 2 else org["ward_b"])
    batch = CertificateBatch.objects.create(
        decision=decision, total=TOTAL, part_size=PART_SIZE, created_by=users["standing"]
    )
    page_url = reverse("registry:batch", args=[batch.pk])
    standing = client_for("standing")

    first_log = tmp_path / "worker-1.log"
    with open(first_log, "wb") as out:
        first = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER_KILLED_AT_A_QUARTER,
                str(batch.pk),
                str(PARTS_BEFORE_KILL),
            ],
            env=worker_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(
            lambda: CertificateBatch.objects.get(pk=batch.pk).done >= TOTAL // 4, first, first_log
        )
        # While its worker is alive the batch is "Đang tạo" and nobody else touches it.
        page = standing.get(page_url).content.decode()
        assert "Đang tạo" in page and "(25%)" in page and "Tiếp tục tạo" not in page
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
    assert first.returncode == -signal.SIGKILL

    batch.refresh_from_db()
    killed_worker = batch.lease_owner
    assert batch.status == BatchStatus.RUNNING and batch.done == TOTAL // 4 and killed_worker
    assert list(batch.parts.values_list("index", flat=True)) == [0, 1, 2]
    folder = services.batch_dir(batch)
    written_before = {p.name: p.stat().st_mtime_ns for p in folder.glob("part-*.pdf")}
    assert sorted(written_before) == ["part-00000.pdf", "part-00001.pdf", "part-00002.pdf"]
    assert not batch.is_stalled  # the lease (60 s) has not expired yet

    # A short lease: the dead worker's lease expires, the batch is detected as stalled.
    settings.REGISTRY_BATCH_LEASE_SECONDS = 1
    _wait_for(lambda: services.stalled_batches().filter(pk=batch.pk).exists())
    batch.refresh_from_db()
    assert batch.is_stalled and batch.status_label == "Bị gián đoạn"

    # A new `thidua db_worker` (database task backend) queues the stalled batch on start,
    # then runs it to the end; --batch makes it exit once the queue is empty.
    second_log = tmp_path / "worker-2.log"
    second_env = {**worker_env, "THIDUA_TASKS_QUEUE": "1", "THIDUA_BATCH_LEASE_SECONDS": "1"}
    with open(second_log, "wb") as out:
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "thidua",
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
            ],
            env=second_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=PATIENCE,
        )
    assert second.returncode == 0, second_log.read_text()
    assert "Đã xếp hàng tạo tiếp 1 lô in bị gián đoạn" in second_log.read_text()
    # The generation task ran once; other queued work (e.g. mail after the batch) is not counted.
    generation = DBTaskResult.objects.filter(task_path__endswith=".generate_certificates")
    assert list(generation.values_list("status", flat=True)) == ["SUCCEEDED"]
    assert not DBTaskResult.objects.exclude(status="SUCCEEDED").exists()

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and not batch.is_stalled and batch.lease_owner == ""
    assert batch.done == TOTAL and batch.page_count == TOTAL
    parts = list(batch.parts.order_by("index").values_list("index", "pages", "written_by"))
    assert [index for index, _, _ in parts] == list(range(PARTS))
    assert all(pages == PART_SIZE for _, pages, _ in parts)
    assert {by for _, _, by in parts[:3]} == {killed_worker}
    assert killed_worker not in {by for _, _, by in parts[3:]}
    # The parts written before the kill were kept, not generated again.
    assert {name: (folder / name).stat().st_mtime_ns for name in written_before} == written_before
    assert sorted(p.name for p in folder.glob("part-*")) == [
        f"part-{i:05d}.pdf" for i in range(PARTS)
    ]

    codes = _codes_per_page(Path(settings.MEDIA_ROOT) / batch.file)
    assert len(codes) == TOTAL
    assert sorted(codes) == sorted(decision.awards.values_list("verification_code", flat=True))
    serials = Certificate.objects.filter(award__decision=decision).values_list("serial", flat=True)
    assert sorted(serials) == list(range(1, TOTAL + 1))
    page = standing.get(page_url).content.decode()
    assert "Hoàn thành" in page and "Bị gián đoạn" not in page


# ---- the lease ---------------------------------------------------------------------------


@pytest.fixture
def decision_of_six(org):
    d = make_decision(org["city"], number=32)
    for i in range(6):
        make_award(d, f"Hà Thị {i + 1}", org["ward_a"])
    return d


def _age(batch, seconds=600):
    CertificateBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_two_workers_cannot_hold_the_lease_at_once(decision_of_six, users):
    batch = CertificateBatch.objects.create(decision=decision_of_six, total=6)
    assert services.take_lease(batch.pk, "worker-a")
    assert not services.take_lease(batch.pk, "worker-b")
    services.renew_lease(batch.pk, "worker-a", done=2)
    with pytest.raises(services.LeaseLost):
        services.renew_lease(batch.pk, "worker-b", done=4)
    batch.refresh_from_db()
    assert batch.lease_owner == "worker-a" and batch.done == 2

    _age(batch)  # worker-a died: its lease expired; exactly one of two rescuers gets it
    assert services.take_lease(batch.pk, "worker-b")
    assert not services.take_lease(batch.pk, "worker-c")
    with pytest.raises(services.LeaseLost):  # worker-a was only slow: it must stop writing
        services.renew_lease(batch.pk, "worker-a", done=4)
    batch.refresh_from_db()
    assert batch.lease_owner == "worker-b" and batch.done == 2


def test_a_worker_that_lost_its_lease_stops_without_writing(decision_of_six, monkeypatch):
    batch = CertificateBatch.objects.create(decision=decision_of_six, total=6, part_size=2)
    real = services.render_awards
    rendered = []

    def taken_over_after_first_part(decision, awards, use_blank=False):
        if len(rendered) == 1:  # while it renders part 1, another worker takes over
            _age(batch)
            assert services.take_lease(batch.pk, "rescuer")
        rendered.append(len(awards))
        return real(decision, awards, use_blank)

    monkeypatch.setattr(services, "render_awards", taken_over_after_first_part)
    services.run_batch(batch.pk, owner="slow-worker")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING and batch.lease_owner == "rescuer"
    assert batch.done == 2 and list(batch.parts.values_list("index", flat=True)) == [0]

    # A worker whose lease is held by a live worker does nothing.
    monkeypatch.setattr(services, "render_awards", lambda *a, **k: pytest.fail("rendered"))
    assert services.run_batch(batch.pk, owner="third").lease_owner == "rescuer"


# ---- the page and the periodic command -----------------------------------------------------


@pytest.fixture
def queue(settings):
    """A task backend that only records what is queued (as the database queue would)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend.results
    default_task_backend.clear()


@pytest.fixture
def stalled_batch(decision_of_six, users):
    batch = CertificateBatch.objects.create(
        decision=decision_of_six,
        total=6,
        part_size=2,
        created_by=users["standing"],
        status=BatchStatus.RUNNING,
        done=2,
        lease_owner="dead-worker",
    )
    _age(batch)
    return batch


def test_stalled_batch_page_resumes_it_once_and_offers_the_resume_button(
    stalled_batch, client_for, queue, django_capture_on_commit_callbacks
):
    url = reverse("registry:batch", args=[stalled_batch.pk])
    c = client_for("standing")
    with django_capture_on_commit_callbacks(execute=True):
        page = c.get(url).content.decode()
    assert "Bị gián đoạn" in page and "(33%)" in page
    assert "Hệ thống đã tự động xếp hàng tạo tiếp" in page
    assert re.search(
        r'action="[^"]*/chay-tiep/">\s*<input type="hidden" name="csrfmiddlewaretoken"', page
    )
    assert "Tiếp tục tạo</button>" in page
    assert [r.args for r in queue] == [[stalled_batch.pk]]

    # Polling the page, the print desk and the periodic command do not queue it again.
    with django_capture_on_commit_callbacks(execute=True):
        c.get(url, HTTP_HX_REQUEST="true")
        printing = c.get(reverse("registry:printing")).content.decode()
        call_command("resume_stalled_batches")
    assert "Bị gián đoạn" in printing
    assert len(queue) == 1

    # The button queues it again on request.
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(reverse("registry:batch_resume", args=[stalled_batch.pk]))
    assert resp.status_code == 302 and len(queue) == 2


@pytest.mark.parametrize("who", ["officer_a", "council"])
def test_resume_button_is_refused_outside_the_standing_body(stalled_batch, client_for, queue, who):
    resp = client_for(who).post(reverse("registry:batch_resume", args=[stalled_batch.pk]))
    assert resp.status_code in (403, 404)
    assert queue == []


def test_resume_button_refuses_a_batch_whose_worker_is_alive(
    stalled_batch, client_for, queue, django_capture_on_commit_callbacks
):
    services.take_lease(stalled_batch.pk, "live-worker")  # heartbeat now
    c = client_for("standing")
    with django_capture_on_commit_callbacks(execute=True):
        page = c.post(
            reverse("registry:batch_resume", args=[stalled_batch.pk]), follow=True
        ).content.decode()
    assert "Lô in đang được tạo; xin chờ trong giây lát." in page
    assert "Đang tạo" in page and "Tiếp tục tạo" not in page
    assert queue == []


def test_periodic_command_queues_stalled_batches(
    stalled_batch, queue, capsys, django_capture_on_commit_callbacks
):
    fresh = CertificateBatch.objects.create(
        decision=stalled_batch.decision, total=6, status=BatchStatus.RUNNING, lease_owner="w"
    )
    services.renew_lease(fresh.pk, "w")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("resume_stalled_batches")
    assert (
        f"Đã xếp hàng tạo tiếp 1 lô in bị gián đoạn: {stalled_batch.pk}." in capsys.readouterr().out
    )
    assert [r.args for r in queue] == [[stalled_batch.pk]]
