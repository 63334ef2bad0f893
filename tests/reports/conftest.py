"""Fixtures of the reports tests: a campaign of the city with deadlines, and builders for
dossiers and awards (built directly, as other apps' services are not under test here)."""

import itertools
from datetime import date

import pytest

from thidua.awards.models import Award
from thidua.campaigns.enums import CampaignStatus
from thidua.campaigns.models import Campaign, CampaignDeadline
from thidua.dossiers.models import Dossier, Nominee
from thidua.org.models import Person

_codes = itertools.count(1)


@pytest.fixture
def campaign(org):
    c = Campaign.objects.create(
        issuer=org["city"],
        title="Thi đua đặc biệt chào mừng 10 năm thành lập thành phố",
        number="125/KH-UBND",
        start_date=date(2024, 10, 15),
        end_date=date(2025, 1, 15),
        status=CampaignStatus.CLOSED,
        seed_code="000",
    )
    CampaignDeadline.objects.create(
        campaign=c, kind="dossier", label="Hồ sơ", date=date(2025, 1, 22)
    )
    CampaignDeadline.objects.create(
        campaign=c, kind="report", label="Báo cáo", date=date(2025, 1, 25)
    )
    return c


def make_dossier(
    campaign, proposer, status="submitted", submitted_at=None, form_code="giay_khen_chu_tich_huyen"
):
    return Dossier.objects.create(
        campaign=campaign,
        proposer=proposer,
        authority=campaign.issuer if campaign else proposer,
        form_code=form_code,
        title=f"Hồ sơ {proposer.name}",
        status=status,
        submitted_at=submitted_at,
    )


def make_person(
    unit, *, gender="nam", ethnicity="Kinh", direct=False, category="cong_chuc", name=None
):
    n = next(_codes)
    return Person.objects.create(
        full_name=name or f"Người Thứ {n}",
        gender=gender,
        ethnicity=ethnicity,
        category=category,
        is_direct_worker=direct,
        unit=unit,
    )


def make_award(
    campaign,
    *,
    person=None,
    unit=None,
    awardee_unit=None,
    subject_kind="individual",
    form_code="giay_khen_chu_tich_huyen",
    form_name="Giấy khen của Chủ tịch UBND thành phố",
    amount=0,
    year=2025,
    award_date=date(2025, 3, 1),
    revoked=False,
    paid=False,
    nominee=None,
):
    if subject_kind == "household":
        subject_kind = "household"
    return Award.objects.create(
        campaign=campaign,
        person=person,
        unit=unit,
        subject_kind=subject_kind,
        form_code=form_code,
        form_name=form_name,
        awardee_unit=awardee_unit or (person.unit if person else unit),
        awardee_name=person.full_name if person else unit.name,
        award_date=award_date,
        year=year,
        amount=amount,
        verification_code=f"V{next(_codes):08d}",
        revoked=revoked,
        paid_at=award_date if paid else None,
        nominee=nominee,
    )


@pytest.fixture
def nominee_for():
    def _make(dossier, person=None, unit=None, subject_kind="individual"):
        return Nominee.objects.create(
            dossier=dossier,
            person=person,
            unit=unit,
            subject_kind=subject_kind,
            name=person.full_name if person else unit.name,
        )

    return _make
