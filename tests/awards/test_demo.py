"""The council and awards demos: idempotent, skip gracefully without upstream data."""

import io
from datetime import date

import pytest

from thidua.awards import demo as awards_demo
from thidua.awards.models import Award, Decision, DecisionStatus
from thidua.campaigns.models import Campaign
from thidua.council import demo as council_demo
from thidua.council.models import CouncilSession
from thidua.dossiers.models import Dossier, Nominee
from thidua.org import demo as org_demo
from thidua.org.models import Person, Unit


@pytest.mark.django_db
def test_demos_skip_without_the_seed_campaign():
    out = io.StringIO()
    council_demo.load(out)
    awards_demo.load(out)
    assert "Bỏ qua phiên họp" in out.getvalue() and "Bỏ qua quyết định" in out.getvalue()
    assert not CouncilSession.objects.exists() and not Decision.objects.exists()


@pytest.mark.django_db
def test_demos_carry_seed000_dossiers_to_a_signed_paid_decision_once():
    org_demo.load(None)
    city = Unit.objects.get(code="TP_BK")
    campaign = Campaign.objects.create(issuer=city, title="Phát động Đợt thi đua đặc biệt", seed_code="000",
                                       start_date=date(2024, 10, 15), end_date=date(2025, 1, 15))  # fmt: skip
    ward = Unit.objects.get(code="P_DX")
    dossier = Dossier.objects.create(campaign=campaign, form_code="giay_khen_chu_tich_huyen", proposer=ward,
                                     authority=city, title="Đề nghị", status="disclosed")  # fmt: skip
    for i, p in enumerate(Person.objects.filter(unit=ward)[:3], start=1):
        n = Nominee.objects.create(dossier=dossier, subject_kind="individual", person=p, name=p.full_name,
                                   order=i, result="eligible")  # fmt: skip
        from thidua.dossiers.services import facts_of

        facts_of(n)
    for _ in range(2):
        council_demo.load(None)
        awards_demo.load(None)
    session = CouncilSession.objects.get()
    assert session.status == "closed" and session.items.filter(result="approved").count() == 3
    decision = Decision.objects.get()
    assert decision.status == DecisionStatus.SIGNED and decision.doc_date == date(2025, 1, 24)
    assert list(Award.objects.values_list("amount", flat=True)) == [710_000] * 3
    assert Award.objects.filter(paid_at=date(2025, 2, 5)).count() == 1
