"""The council and awards demos: idempotent, skip gracefully without upstream data."""

import io
from datetime import date

import pytest

from tests.conftest import make_user
from thidua.awards import demo as awards_demo
from thidua.awards.models import Award, Decision, DecisionStatus
from thidua.campaigns.models import Campaign
from thidua.core.roles import Role
from thidua.council import demo as council_demo
from thidua.council.models import CouncilSession
from thidua.dossiers.models import Dossier, Nominee
from thidua.org.enums import CouncilRole, UnitKind
from thidua.org.models import CouncilMember, Person, RoleAssignment, Unit


def _demo_org():
    """The part of the demo organisation the council and awards demos rely on."""
    city = Unit.objects.create(
        code="TP_BK",
        name="Thành phố Bắc Kạn",
        kind=UnitKind.CITY,
        is_authority=True,
        doc_abbreviation="UBND",
        place_name="TP. Bắc Kạn",
    )
    Unit.objects.create(
        code="PNV", name="Phòng Nội vụ", kind=UnitKind.DEPARTMENT, parent=city, tags=["noi_vu"]
    )
    ward = Unit.objects.create(code="P_DX", name="Phường Đức Xuân", kind=UnitKind.WARD, parent=city)
    for username, role in (
        ("noivu", Role.STANDING_BODY),
        ("chutich", Role.CHAIRMAN),
        ("hoidong", Role.COUNCIL_MEMBER),
    ):
        make_user(username, role, city)
    names = [
        ("Nông Văn Cường", CouncilRole.CHAIR),
        ("Hà Thị Liên", CouncilRole.DEPUTY),
        ("Lường Thị Hà", CouncilRole.STANDING),
        ("Triệu Đức Long", CouncilRole.MEMBER),
        ("Hứa Thị Nga", CouncilRole.MEMBER),
        ("Ma Văn Tuấn", CouncilRole.MEMBER),
        ("Lục Thị Yến", CouncilRole.MEMBER),
        ("Vi Văn Thắng", CouncilRole.MEMBER),
        ("Đặng Văn Hùng", CouncilRole.MEMBER),
    ]
    for name, role in names:
        CouncilMember.objects.create(authority=city, full_name=name, role=role)
    for i, name in enumerate(["Bùi Thị Chi", "Phạm Thị Hằng", "Lê Ngọc Hiếu"]):
        Person.objects.create(
            full_name=name,
            gender="nu",
            category="cong_chuc",
            unit=ward,
            citizen_id=f"00600000010{i}",
        )
    assert RoleAssignment.objects.count() == 3
    return city, ward


@pytest.mark.django_db
def test_demos_skip_without_the_seed_campaign():
    out = io.StringIO()
    council_demo.load(out)
    awards_demo.load(out)
    assert "Bỏ qua phiên họp" in out.getvalue() and "Bỏ qua quyết định" in out.getvalue()
    assert not CouncilSession.objects.exists() and not Decision.objects.exists()


@pytest.mark.django_db
def test_demos_carry_seed000_dossiers_to_a_signed_paid_decision_once():
    city, ward = _demo_org()
    campaign = Campaign.objects.create(
        issuer=city,
        title="Phát động Đợt thi đua đặc biệt",
        seed_code="000",
        start_date=date(2024, 10, 15),
        end_date=date(2025, 1, 15),
    )
    dossier = Dossier.objects.create(
        campaign=campaign,
        form_code="giay_khen_chu_tich_huyen",
        proposer=ward,
        authority=city,
        title="Đề nghị",
        status="disclosed",
    )
    for i, p in enumerate(Person.objects.filter(unit=ward)[:3], start=1):
        Nominee.objects.create(
            dossier=dossier,
            subject_kind="individual",
            person=p,
            name=p.full_name,
            order=i,
            result="eligible",
        )
    for _ in range(2):
        council_demo.load(None)
        awards_demo.load(None)
    session = CouncilSession.objects.get()
    assert session.status == "closed" and session.items.filter(result="approved").count() == 3
    decision = Decision.objects.get()
    assert decision.status == DecisionStatus.SIGNED and decision.doc_date == date(2025, 1, 24)
    assert list(Award.objects.values_list("amount", flat=True)) == [710_000] * 3
    assert Award.objects.filter(paid_at=date(2025, 2, 5)).count() == 1
