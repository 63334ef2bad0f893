"""`thidua bench ranking`: the registrations bench (`registrations/bench.py`: stored rankings
read by the dashboard and the block page, refresh after one progress report) followed by a
dossier submission through the view while 8,000 lines are already counted against the
campaign's quotas — dossiers sit above registrations, so that part lives here, at the top.
Each dossier gets what submitting requires (lines, signed files, the unit's meeting) and is
checked submittable before the clock starts; a submission the view refuses stops the bench
with its reasons, so `submit_ms` only ever times real submissions.
The last lines are ``dashboard_ms=``, ``submit_ms=``, ``refresh_ms=``."""

from __future__ import annotations

import statistics
import time

from django.db import transaction
from django.test import Client

from thidua.registrations import bench as ranking_bench
from thidua.registrations.bench import _user

COUNTED_LINES = 8_000  # nominee lines already counted in the campaign when one submits
BENCH_FORM = "bang_khen_chu_tich_tinh"


def _counted_dossiers(campaign, stdout) -> None:
    """~8,000 counted nominee lines (submitted dossiers of 2,000 units), bulk-inserted once."""
    from thidua.dossiers.models import Dossier, Nominee

    if Nominee.objects.filter(dossier__campaign=campaign).count() >= COUNTED_LINES:
        return
    units = list(
        campaign.registrations.order_by("unit_id").values_list("unit_id", flat=True)[:2000]
    )
    with transaction.atomic():
        dossiers = Dossier.objects.bulk_create(
            Dossier(
                campaign=campaign,
                kind="campaign",
                form_code=BENCH_FORM,
                proposer_id=u,
                authority=campaign.issuer,
                title=f"Hồ sơ đo hiệu năng {u}",
                status="submitted",
            )
            for u in units
        )
        Nominee.objects.bulk_create(
            (
                Nominee(
                    dossier=d,
                    subject_kind="collective",
                    name=f"Tập thể {i} của đơn vị {d.proposer_id}",
                    category="",
                    achievements="Hoàn thành xuất sắc nhiệm vụ",
                )
                for d in dossiers
                for i in range(COUNTED_LINES // len(units))
            ),
            batch_size=5000,
        )
    stdout.write(f"  đã tạo {COUNTED_LINES} dòng đề nghị đã tính hạn mức")


def _submit_setup(campaign, stdout):
    """Rules, award form and deadline of the campaign; returns the ready dossiers to submit."""
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from thidua.campaigns.models import CampaignAwardForm, CampaignDeadline
    from thidua.core.roles import Role
    from thidua.dossiers import checks, files
    from thidua.dossiers import services as dossier_services
    from thidua.dossiers.models import Dossier
    from thidua.org.models import Unit

    rules = [
        {
            "id": "bench_moi_don_vi",
            "kind": "quota",
            "scope": "per_proposer",
            "match": {"forms": [BENCH_FORM]},
            "max": 5,
            "label": "tập thể, cá nhân",
        },
        {
            "id": "bench_theo_loai",
            "kind": "quota",
            "scope": "per_nominee_kind",
            "match": {"forms": [BENCH_FORM], "subject_kinds": ["collective"]},
            "max_by_kind": {"commune": 5000, "ward": 5000},
            "label": "tập thể",
        },
    ]
    type(campaign).objects.filter(pk=campaign.pk).update(rules=rules)
    campaign.rules = rules
    CampaignAwardForm.objects.get_or_create(
        campaign=campaign,
        form_code=BENCH_FORM,
        defaults={"label": "Bằng khen", "required_documents": ["Tờ trình", "Biên bản họp xét"]},
    )
    CampaignDeadline.objects.update_or_create(
        campaign=campaign,
        kind="dossier",
        defaults={"label": "Nộp hồ sơ", "date": timezone.localdate() + timedelta(days=30)},
    )
    _counted_dossiers(campaign, stdout)
    used = Dossier.objects.filter(campaign=campaign).values("proposer_id")
    units = list(
        Unit.objects.filter(registrations__campaign=campaign)
        .exclude(pk__in=used)
        .order_by("pk")[:5]
    )
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    ready = []
    for u in units:
        officer = _user(f"bench_canbo_{u.pk}", Role.UNIT_OFFICER, u)
        d = dossier_services.create_dossier(officer, u, BENCH_FORM, campaign=campaign)
        dossier_services.add_nominee(
            d, officer, subject_kind="collective", unit=u, achievements="Tiêu biểu xuất sắc"
        )
        for doc_type, name in (("to_trinh", "to_trinh.pdf"), ("bien_ban", "bien_ban.pdf")):
            files.upload(d, officer, doc_type, SimpleUploadedFile(name, pdf, "application/pdf"))
        # What submitting requires besides lines and files: the unit's meeting (họp xét).
        d = dossier_services.update_meeting(
            d,
            officer,
            meeting_date=timezone.localdate(),
            attendees=9,
            total=9,
            chair="Nguyễn Văn Chủ Trì",
            secretary="Trần Thị Thư Ký",
        )
        refused = checks.check_submission(d)
        if refused:
            raise RuntimeError("Hồ sơ đo hiệu năng chưa nộp được: " + " ".join(refused))
        ready.append((officer, d))
    return ready


def measure(stdout):
    from django.db import connection

    campaign = ranking_bench.measure(stdout)
    # Dossier submission through the view, with 8,000 lines already counted.
    ready = _submit_setup(campaign, stdout)
    times = []
    for officer, d in ready:
        c = Client()
        c.force_login(officer)
        t = time.perf_counter()
        resp = c.post(f"/ho-so/{d.pk}/nop/")
        times.append((time.perf_counter() - t) * 1000)
        d.refresh_from_db()
        if resp.status_code != 302 or d.status != "submitted":
            # A refused submission is not a submission: never report its time.
            from django.contrib.messages import get_messages

            from thidua.dossiers import checks

            said = [str(m) for m in get_messages(resp.wsgi_request)]
            raise RuntimeError(
                f"Nộp hồ sơ {d.pk} không thành công (HTTP {resp.status_code}, trạng thái "
                f"“{d.status}”): " + " ".join(said or checks.check_submission(d))
            )
    submit_ms = statistics.median(times)
    stdout.write(
        f"[{connection.vendor}] nộp hồ sơ (8.000 dòng đã tính hạn mức): "
        + ", ".join(f"{x:.0f}" for x in times)
        + f" ms; trung vị {submit_ms:.0f} ms"
    )
    stdout.write(f"submit_ms={submit_ms:.0f}")
    return campaign


def run(stdout, args):
    from django.test.utils import override_settings

    # The submissions notify the standing body by mail: kept in memory, not printed among
    # the figures (the development settings' console backend would).
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        ranking_bench.run(stdout, args, measure=measure)
