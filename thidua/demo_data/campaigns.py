"""Demo campaigns: the five seed plans, read THROUGH the importer (extract → campaign).

Idempotent by `seed_code`. The campaign's rules are the ones mapped from the plan's own
sentences, with no fallback: if they miss a rule of ``demo_data.seed_rules`` (what an
officer reads in the plan), the demo stops with :class:`SeedRulesMissing`."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from thidua.campaigns import rulemap, services
from thidua.campaigns.enums import CampaignStatus
from thidua.campaigns.models import Campaign
from thidua.org.models import Unit
from thidua.planimport.extract import extract_plan
from thidua.planimport.readers import read_text

from .seed_rules import SEED_RULES, SeedRulesMissing

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
#: seed → (issuer unit code, target status)
PLAN = {
    "000": ("TP_BK", CampaignStatus.LAUNCHED),
    "001": ("TP_BK", CampaignStatus.CLOSED),
    "002": ("T_BK", CampaignStatus.RUNNING),
    "003": ("T_BK", CampaignStatus.LAUNCHED),
    "004": ("TP_LC", CampaignStatus.CLOSED),
}
#: What the officer corrects on the import review page of a scanned plan (seed 002 is OCR
#: output without Vietnamese diacritics): the fields read from the scan, retyped from the
#: paper. Only what the scan shows for certain; its number and day stay as imported.
REVIEW_CORRECTIONS = {
    "002": {
        "title": (
            "Chương trình hành động thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ "
            "tướng Chính phủ về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển "
            "kinh tế - xã hội hằng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội "
            "đại biểu toàn quốc lần thứ XIII của Đảng"
        ),
        "slogan": "Đoàn kết - Dân chủ - Kỷ cương - Sáng tạo - Phát triển",
        "parent_document": (
            "Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động "
            "thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hằng năm và Kế "
            "hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII "
            "của Đảng"
        ),
        "content_areas": [
            "Tăng cường công tác tuyên truyền, phổ biến các quy định về công tác thi đua, "
            "khen thưởng",
            "Đẩy mạnh công tác lãnh đạo, chỉ đạo; xây dựng, ban hành văn bản quy định, hướng "
            "dẫn công tác thi đua, khen thưởng",
            "Tổ chức các phong trào thi đua yêu nước",
            "Đẩy mạnh tuyên truyền các phong trào thi đua, các điển hình tiên tiến",
            "Nâng cao chất lượng công tác khen thưởng",
            "Kiện toàn, nâng cao chất lượng hoạt động của Hội đồng Thi đua - Khen thưởng và "
            "cán bộ, công chức làm công tác thi đua, khen thưởng các cấp",
            "Tổ chức kiểm tra việc thực hiện chính sách, pháp luật về thi đua, khen thưởng",
        ],
    },
}
PATH_TO = {
    CampaignStatus.DRAFT: [],
    CampaignStatus.LAUNCHED: [CampaignStatus.LAUNCHED],
    CampaignStatus.RUNNING: [CampaignStatus.LAUNCHED, CampaignStatus.RUNNING],
    CampaignStatus.CLOSED: [CampaignStatus.LAUNCHED, CampaignStatus.CLOSED],
}


def seed_file(seed: str) -> Path:
    return next(SEEDS_DIR.glob(f"{seed}_*.txt"))


def seed_rules(seed: str, issuer) -> tuple[dict, list[dict], str]:
    """Extraction and rules of a seed plan; raises ``SeedRulesMissing`` if a rule is missing."""
    path = seed_file(seed)
    text = read_text(path.name, path.read_bytes())
    extraction = extract_plan(text)
    names = {f.get("form_code"): f.get("form") for f in extraction["award_forms"]}
    mapped = rulemap.rules_from_extraction(extraction, names, (issuer.name,))
    reference = SEED_RULES.get(seed, [])
    lost = rulemap.missing(mapped, reference)
    if lost:
        raise SeedRulesMissing(seed, lost)
    note = f"quy tắc từ kế hoạch: {len(mapped)}"
    if reference:
        note += f" (đủ {len(reference)}/{len(reference)} quy tắc mẫu)"
    return extraction, mapped, note


def import_seed(seed: str, issuer, actor) -> tuple[Campaign, str]:
    path = seed_file(seed)
    text = read_text(path.name, path.read_bytes())
    extraction, rules, note = seed_rules(seed, issuer)
    campaign = services.campaign_from_extraction(
        extraction, issuer, actor, text, rules=rules, seed_code=seed
    )
    return campaign, note


@transaction.atomic
def load(stdout=None) -> None:
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        if stdout:
            stdout.write(
                "Bỏ qua phong trào mẫu: chưa có tài khoản admin (chạy demo tổ chức trước)."
            )
        return
    made = {}
    for seed, (code, target) in PLAN.items():
        existing = Campaign.objects.filter(seed_code=seed).first()
        if existing:
            made[seed] = existing
            continue
        issuer = Unit.objects.get(code=code)
        campaign, note = import_seed(seed, issuer, admin)
        if seed in REVIEW_CORRECTIONS:
            # as saved from the review page (through the same service, logged)
            campaign = services.update_campaign(campaign, admin, **REVIEW_CORRECTIONS[seed])
        made[seed] = campaign
        for step in PATH_TO[target]:
            campaign = services.transition(campaign, step, admin)
        if stdout:
            stdout.write(
                f"Phong trào {seed}: {campaign.title[:70]}… — {campaign.get_status_display()}; {note}"
            )
    child, parent = made.get("001"), None
    if child and not child.parent_id and child.parent_document:
        parent = Campaign.objects.filter(issuer__code="T_BK", number__startswith="327/").first()
        if parent:
            Campaign.objects.filter(pk=child.pk).update(parent=parent)
