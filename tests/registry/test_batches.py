"""Bulk certificates for a decision: one merged PDF; a run killed half-way resumes cleanly."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from thidua.registry import services
from thidua.registry.models import BatchStatus, Certificate, CertificateBatch

from .conftest import make_award, make_decision

GIVEN = ["Lan", "Hoa", "Hùng", "Dũng", "Thảo", "Đức", "Sơn", "Nhung", "Trang", "Cường", "Yến"]


@pytest.fixture
def decision_of_eleven(org):
    d = make_decision(org["city"], number=21)
    for i, given in enumerate(GIVEN):
        make_award(d, f"Hoàng Thị {given}", org["ward_a"] if i % 2 else org["ward_b"])
    return d


def _codes_per_page(path: Path) -> list[str]:
    return [
        re.search(r"Mã xác thực: (\S+)", p.extract_text()).group(1).replace("-", "")
        for p in PdfReader(path).pages
    ]


def test_batch_killed_half_way_resumes_without_duplicates_or_broken_files(
    decision_of_eleven, users, monkeypatch
):
    batch = CertificateBatch.objects.create(
        decision=decision_of_eleven, total=11, part_size=3, created_by=users["standing"]
    )
    real = services.render_awards
    calls = []

    def dies_on_third_part(decision, awards, use_blank=False):
        calls.append(len(awards))
        if len(calls) == 3:
            raise OSError("Máy chủ bị tắt giữa chừng")
        return real(decision, awards, use_blank)

    monkeypatch.setattr(services, "render_awards", dies_on_third_part)
    with pytest.raises(OSError):
        services.run_batch(batch.pk)
    batch.refresh_from_db()
    folder = services.batch_dir(batch)
    assert batch.status == BatchStatus.FAILED and "tắt giữa chừng" in batch.error
    assert batch.done == 6 and batch.parts_done == [0, 1]
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["part-00000.pdf", "part-00001.pdf"]
    # What a hard kill can leave behind: a stray temp file and a truncated part.
    (folder / "part-00002.pdf.999.tmp").write_bytes(b"%PDF-1.7 half")
    (folder / "part-00002.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")

    calls.clear()
    monkeypatch.setattr(
        services,
        "render_awards",
        lambda d, a, use_blank=False: calls.append(len(a)) or real(d, a, use_blank),
    )
    services.run_batch(batch.pk)
    batch.refresh_from_db()
    assert calls == [3, 2]  # parts 0 and 1 were verified and kept, parts 2 and 3 generated
    assert batch.status == BatchStatus.DONE and batch.done == 11 and batch.page_count == 11
    final = Path(settings.MEDIA_ROOT) / batch.file
    codes = _codes_per_page(final)
    expected = sorted(a.verification_code for a in decision_of_eleven.awards.all())
    assert len(codes) == 11 and sorted(codes) == expected
    serials = list(
        Certificate.objects.filter(award__decision=decision_of_eleven).values_list(
            "serial", flat=True
        )
    )
    assert sorted(serials) == list(range(1, 12))


def test_finished_batch_is_not_regenerated(decision_of_eleven, users, monkeypatch):
    batch = CertificateBatch.objects.create(
        decision=decision_of_eleven, total=11, created_by=users["standing"]
    )
    services.run_batch(batch.pk)
    monkeypatch.setattr(services, "render_awards", lambda *a, **k: pytest.fail("rendered again"))
    assert services.run_batch(batch.pk).status == BatchStatus.DONE


def test_start_batch_runs_the_task_and_produces_one_merged_pdf(
    decision_of_eleven, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.start_batch(decision_of_eleven, users["standing"])
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    reader = PdfReader(Path(settings.MEDIA_ROOT) / batch.file)
    assert len(reader.pages) == 11
    assert "Hoàng Thị Lan" in reader.pages[0].extract_text()


def test_start_batch_refuses_a_unit_officer(decision_of_eleven, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.start_batch(decision_of_eleven, users["officer_a"])
    assert not CertificateBatch.objects.exists()


def test_start_batch_refuses_a_decision_without_awards(org, users):
    empty = make_decision(org["city"], number=99)
    with pytest.raises(services.RegistryError, match="chưa có người"):
        services.start_batch(empty, users["standing"])
