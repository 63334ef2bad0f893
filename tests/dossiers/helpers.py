"""Building dossiers quickly through the services (never by writing rows by hand)."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.campaigns.models import Campaign, CampaignAwardForm, CampaignDeadline
from thidua.demo_data.seed_rules import SEED_RULES
from thidua.dossiers import files, services
from thidua.dossiers.enums import DocumentType
from thidua.org.models import Person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GIAY_KHEN_HUYEN = "giay_khen_chu_tich_huyen"
BANG_KHEN_TINH = "bang_khen_chu_tich_tinh"
#: A total quota of two Bằng khen tỉnh for the whole campaign.
TOTAL_BK_TINH = {
    "id": "tong_bk_tinh",
    "kind": "quota",
    "scope": "total",
    "match": {"forms": [BANG_KHEN_TINH]},
    "max": 2,
    "label": "Bằng khen tỉnh",
}


def make_campaign(
    org, seed="000", *, deadline=None, forms=(GIAY_KHEN_HUYEN, "bang_khen_chu_tich_tinh")
):
    c = Campaign.objects.create(
        issuer=org["city"],
        title=f"Đợt thi đua {seed}",
        seed_code=seed,
        status="running",
        start_date=date(2024, 10, 15),
        end_date=date(2025, 1, 15),
        rules=SEED_RULES.get(seed, []),
    )
    for i, code in enumerate(forms):
        CampaignAwardForm.objects.create(
            campaign=c,
            form_code=code,
            label=code,
            order=i,
            required_documents=["Tờ trình", "Biên bản họp xét"],
            upward=code != GIAY_KHEN_HUYEN,
        )
    due = deadline or (timezone.localdate() + timedelta(days=30))
    CampaignDeadline.objects.create(campaign=c, kind="dossier", label="Nộp hồ sơ", date=due)
    return c


def pdf_file(name="to_trinh.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def set_rules(campaign, rules) -> None:
    """Give `campaign` these rules (saved without the services' checks) and reload it."""
    type(campaign).objects.filter(pk=campaign.pk).update(rules=rules)
    campaign.refresh_from_db()


def teachers(unit, n, start=0, cid_prefix="0070001"):
    """`n` teachers ("Giáo viên {i}") of `unit`, citizen ids `cid_prefix` + 5 digits."""
    return [
        person(unit, f"Giáo viên {start + i}", f"{cid_prefix}{start + i:05d}", category="giao_vien")
        for i in range(n)
    ]


def person(unit, name, cid, **kw):
    return Person.objects.create(
        full_name=name,
        gender=kw.pop("gender", "nam"),
        category=kw.pop("category", "cong_chuc"),
        unit=unit,
        citizen_id=cid,
        **kw,
    )


def ready_dossier(
    actor, proposer, campaign, people=(), *, form=GIAY_KHEN_HUYEN, units=(), category=""
):
    d = services.create_dossier(actor, proposer, form, campaign=campaign)
    for p in people:
        services.add_nominee(
            d,
            actor,
            subject_kind="individual",
            person=p,
            category=category,
            achievements=f"Hoàn thành xuất sắc nhiệm vụ — {p.full_name}",
        )
    for u in units:
        services.add_nominee(
            d, actor, subject_kind="collective", unit=u, achievements=f"Tiêu biểu — {u.name}"
        )
    services.update_meeting(
        d, actor, meeting_date=campaign.end_date if campaign else None, attendees=9, total=11
    )
    files.upload(d, actor, DocumentType.PROPOSAL, pdf_file())
    files.upload(d, actor, DocumentType.MINUTES, pdf_file("bien_ban.pdf"))
    d.refresh_from_db()
    return d


def make_user(username, role=None, unit=None, **extra):
    from django.contrib.auth import get_user_model

    from thidua.org.models import RoleAssignment

    user = get_user_model().objects.create_user(
        username=username, password="Thidua@2024", email=f"{username}@x.vn", **extra
    )
    if role:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user
