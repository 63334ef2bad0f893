"""Demo dossiers for seed 000 (City of Bắc Kạn, 10th anniversary): wards and departments
in various states. Idempotent: skipped when the campaign already has demo dossiers."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from thidua.campaigns.models import Campaign
from thidua.org.models import Person, Unit

from . import checks, disclosure, files, services
from .enums import DocumentType, LineResult
from .models import Dossier

GIAY_KHEN_HUYEN = "giay_khen_chu_tich_huyen"
SCAN = b"%PDF-1.4\n% ban scan co chu ky (demo)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

PLAN = [
    # (unit code, officer, n nominees, target state)
    ("P_DX", "canbo_ducxuan", 3, "disclosed"),
    ("P_SC", "canbo_songcau", 2, "returned"),
    ("PGDDT", "canbo_giaoduc", 2, "submitted"),
    ("P_NTMK", None, 2, "draft"),
]
ACHIEVEMENTS = [
    "Vận động Nhân dân hiến đất, góp công làm đường giao thông nông thôn, chỉnh trang đô thị.",
    "Hoàn thành xuất sắc nhiệm vụ, tích cực tham gia các hoạt động kỷ niệm 10 năm thành lập thành phố.",
    "Có nhiều đóng góp trong xây dựng tổ dân phố văn minh, giữ gìn vệ sinh môi trường.",
]


def _scan(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SCAN, content_type="application/pdf")


def load(stdout=None) -> None:
    campaign = Campaign.objects.filter(seed_code="000").first()
    if campaign is None:
        if stdout:
            stdout.write("Bỏ qua hồ sơ mẫu: chưa có phong trào seed 000.")
        return
    if Dossier.objects.filter(campaign=campaign).exists():
        return
    User = get_user_model()
    standing = User.objects.filter(username="noivu").first()
    admin = User.objects.filter(username="admin").first()
    made = 0
    with transaction.atomic():
        if campaign.deadline("dossier") and campaign.deadline("dossier") < timezone.localdate():
            until = timezone.localdate() + timedelta(days=30)
            for code, *_ in PLAN:
                unit = Unit.objects.filter(code=code).first()
                if unit:
                    services.open_deadline_exception(
                        campaign,
                        unit,
                        until,
                        "Dữ liệu trình diễn: cho phép nộp sau hạn.",
                        standing or admin,
                    )
        for code, username, n, target in PLAN:
            unit = Unit.objects.filter(code=code).first()
            actor = User.objects.filter(username=username).first() if username else admin
            if unit is None or actor is None:
                continue
            people = list(Person.objects.filter(unit=unit).order_by("pk")[:n])
            if len(people) < n:
                continue
            d = services.create_dossier(actor, unit, GIAY_KHEN_HUYEN, campaign=campaign)
            services.update_meeting(d, actor, meeting_date=campaign.end_date, attendees=9, total=11)
            category = "giao_vien" if code == "PGDDT" else ""
            for i, p in enumerate(people):
                services.add_nominee(
                    d,
                    actor,
                    subject_kind="individual",
                    person=p,
                    category=category,
                    achievements=ACHIEVEMENTS[i % len(ACHIEVEMENTS)],
                    votes_for=9 - i,
                )
            wanted = {DocumentType.PROPOSAL, DocumentType.MINUTES} | {
                t for t, _ in checks.required_types(d)
            }
            for doc_type in sorted(wanted):
                files.upload(d, actor, doc_type, _scan(f"{doc_type}_da_ky.pdf"))
            made += 1
            if target == "draft":
                continue
            try:
                services.submit(d, actor)
            except services.DossierError as exc:
                if stdout:
                    stdout.write(
                        f"Hồ sơ mẫu của {unit.name} để ở dự thảo: {'; '.join(exc.messages)}"
                    )
                continue
            if target == "returned" and standing:
                services.return_dossier(
                    d, standing, [(people[0].full_name, "Bổ sung số liệu cụ thể về thành tích.")]
                )
            elif target == "disclosed" and standing:
                services.assign(d, standing, standing)
                for line in d.nominees.all():
                    services.appraise_line(
                        line,
                        standing,
                        LineResult.ELIGIBLE,
                        wording="Đã có thành tích xuất sắc trong đợt thi đua đặc biệt chào mừng "
                        "kỷ niệm 10 năm thành lập thành phố Bắc Kạn",
                    )
                services.finish_appraisal(d, standing)
                disclosure.publish_disclosure(campaign, standing, days=5)
    if stdout:
        stdout.write(f"Hồ sơ khen thưởng mẫu (seed 000): {made} hồ sơ.")
