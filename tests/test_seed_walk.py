"""Every seed's campaign walked from launch to a signed decision on the seed's own dates,
through the services production uses (issue #15 item 1).

Seed 004 (Thành phố Lào Cai, 01/10/2020 – 30/06/2021) used to stop at the first dossier:
the catalogue began on 01/01/2024. Its walk now runs under the law of its time — Luật Thi
đua, khen thưởng 2003 (amended 2005, 2013), NĐ 91/2017/NĐ-CP, base salary 1,490,000 đ —
and every seed's decision cites and pays by the law of its own date.

The plans are imported through the importer (`demo_data.campaigns.import_seed`), the
organisation is the demo's; only what the demo lacks for a seed's issuer (a council, a
chairman, a unit officer) is added here."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_user
from thidua.awards import services as awards
from thidua.awards.models import Award, DecisionStatus
from thidua.campaigns import services as campaigns
from thidua.campaigns.enums import CampaignStatus
from thidua.core.roles import Role
from thidua.council import services as council
from thidua.council.enums import Choice
from thidua.demo_data.campaigns import import_seed
from thidua.dossiers import checks, files
from thidua.dossiers import services as dossiers
from thidua.dossiers.enums import DossierStatus, LineResult
from thidua.legal.services import sync_from_tables
from thidua.org import demo as org_demo
from thidua.org.enums import CouncilRole
from thidua.org.models import CouncilMember, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True)
class Walk:
    seed: str
    issuer: str  # unit code of the campaign's issuer
    proposer: str  # unit code of the proposing unit
    form: str
    meeting: date  # the proposing unit's meeting
    submitted: date
    session: date  # the council's session
    decided: date  # the decision, signed that day
    base_salary: int
    amount: int  # for the one individual line
    grounds: tuple[str, ...]  # numbers the căn cứ lines must cite
    not_cited: tuple[str, ...] = ()


WALKS = [
    Walk(
        "000",
        "TP_BK",
        "P_DX",
        "giay_khen_chu_tich_huyen",
        date(2025, 1, 10),
        date(2025, 1, 20),
        date(2025, 1, 23),
        date(2025, 1, 24),
        2_340_000,
        710_000,  # 0.3 × 2,340,000
        ("77/2015/QH13", "06/2022/QH15", "98/2023/NĐ-CP"),
        ("152/2025/NĐ-CP", "91/2017/NĐ-CP"),
    ),
    Walk(
        "001",
        "TP_BK",
        "P_SC",
        "giay_khen_chu_tich_huyen",
        date(2024, 8, 2),
        date(2024, 8, 7),
        date(2024, 8, 12),
        date(2024, 8, 14),
        2_340_000,
        710_000,
        ("77/2015/QH13", "06/2022/QH15", "98/2023/NĐ-CP"),
    ),
    # Seed 002: the province's 2021–2025 programme, reviewed mid-term in 2023 (law of 2003).
    Walk(
        "002",
        "T_BK",
        "TP_BK",
        "bang_khen_chu_tich_tinh",
        date(2023, 9, 20),
        date(2023, 9, 28),
        date(2023, 10, 10),
        date(2023, 10, 16),
        1_800_000,  # NĐ 24/2023, from 01/07/2023
        1_800_000,  # 1.0 × 1,800,000 (NĐ 91/2017's individual Bằng khen, unconfirmed)
        ("15/2003/QH11", "39/2013/QH13", "91/2017/NĐ-CP"),
        ("06/2022/QH15",),
    ),
    # Seed 003: the province's 2025 work, rewarded before the province merged (30/06/2025);
    # from 01/03/2025 the decision cites the 2025 law on local government.
    Walk(
        "003",
        "T_BK",
        "TP_BK",
        "bang_khen_chu_tich_tinh",
        date(2025, 5, 20),
        date(2025, 5, 26),
        date(2025, 6, 5),
        date(2025, 6, 10),
        2_340_000,
        2_340_000,  # 1.0 before NĐ 152/2025 (its 1.5 only from 01/07/2025)
        ("65/2025/QH15", "06/2022/QH15", "98/2023/NĐ-CP"),
        ("77/2015/QH13",),
    ),
    Walk(
        "004",
        "TP_LC",
        "LC_P_KT",
        "giay_khen_chu_tich_huyen",
        date(2021, 6, 25),
        date(2021, 7, 2),
        date(2021, 7, 12),
        date(2021, 7, 15),
        1_490_000,
        450_000,  # 0.3 × 1,490,000 = 447,000 → 450,000
        ("77/2015/QH13", "15/2003/QH11", "47/2005/QH11", "39/2013/QH13", "91/2017/NĐ-CP"),
        ("06/2022/QH15", "98/2023/NĐ-CP"),
    ),
]


@pytest.fixture
def demo_org(db):
    sync_from_tables()
    org_demo.load()
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin")


def _people_of(issuer: Unit, proposer: Unit, seed: str) -> dict:
    """The standing body, chairman and council of `issuer` and an officer of `proposer`:
    the demo's where it has them, else made here."""
    standing = make_user(f"noivu_{seed}", Role.STANDING_BODY, issuer)
    chairman = make_user(f"chutich_{seed}", Role.CHAIRMAN, issuer)
    officer = make_user(f"canbo_{seed}", Role.UNIT_OFFICER, proposer)
    head = make_user(f"thutruong_{seed}", Role.UNIT_HEAD, proposer)
    members = list(CouncilMember.objects.filter(authority=issuer))
    if not members:
        roles = [CouncilRole.CHAIR, CouncilRole.STANDING, CouncilRole.MEMBER]
        members = [
            CouncilMember.objects.create(
                authority=issuer, full_name=f"Thành viên {i}", title="Ủy viên", role=role
            )
            for i, role in enumerate(roles, start=1)
        ]
    voters = []
    for i, member in enumerate(members):
        if member.user_id is None:
            member.user = make_user(f"hd_{seed}_{i}", Role.COUNCIL_MEMBER, issuer)
            member.save(update_fields=["user"])
        voters.append(member.user)
    return {
        "standing": standing,
        "chairman": chairman,
        "officer": officer,
        "head": head,
        "voters": voters,
    }


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=VN)


@pytest.mark.slow
@pytest.mark.parametrize("walk", WALKS, ids=lambda w: f"seed{w.seed}")
def test_seed_campaign_walks_from_launch_to_a_signed_decision(demo_org, walk):
    admin = demo_org
    issuer = Unit.objects.get(code=walk.issuer)
    proposer = Unit.objects.get(code=walk.proposer)
    people = _people_of(issuer, proposer, walk.seed)

    # 1. The plan, read through the importer, launched.
    campaign, _note = import_seed(walk.seed, issuer, admin)
    campaign = campaigns.transition(campaign, CampaignStatus.LAUNCHED, admin)
    assert campaign.status == CampaignStatus.LAUNCHED

    # 2. The proposing unit's dossier: meeting, one nominee, signed scans, submitted on time.
    officer = people["officer"]
    dossier = dossiers.create_dossier(officer, proposer, walk.form, campaign=campaign)
    dossier = dossiers.update_meeting(
        dossier, officer, meeting_date=walk.meeting, attendees=9, total=9
    )
    nominee = dossiers.add_nominee(
        dossier,
        officer,
        subject_kind="individual",
        new_person={
            "full_name": "Hoàng Thị Mai",
            "gender": "nu",
            "category": "cong_chuc",
            "ethnicity": "Tày",
            "citizen_id": f"0{walk.seed}00000777",
            "position": "Công chức văn phòng",
        },
        achievements="Hoàn thành xuất sắc nhiệm vụ trong đợt thi đua, vận động 40 hộ tham gia.",
        votes_for=8,
    )
    for doc_type, _label in checks.required_types(dossier):
        files.upload(dossier, officer, doc_type, SimpleUploadedFile(f"{doc_type}.pdf", PDF))
    assert checks.check_submission(dossier, _at(walk.submitted)) == []
    dossier = dossiers.submit(dossier, officer, now=_at(walk.submitted))
    assert dossier.status == DossierStatus.SUBMITTED

    # 3. Appraisal by the standing body.
    standing = people["standing"]
    dossiers.appraise_line(nominee, standing, LineResult.ELIGIBLE)
    dossier = dossiers.finish_appraisal(dossier, standing, now=_at(walk.session))
    assert dossier.status == DossierStatus.APPRAISED

    # 4. The council: every member present votes; a simple majority of all members passes.
    session = council.create_session(
        issuer, standing, title="Phiên họp xét khen thưởng", on=walk.session, campaign=campaign
    )
    assert council.build_agenda(session, standing) == 1
    council.open_session(session, standing)
    for user in people["voters"]:
        member = council.member_for_user(session, user)
        ballot = {i.pk: Choice.YES for i in council.votable_items(session, member)}
        if ballot:
            council.cast_ballot(session, user, ballot)
    assert council.close_session(session, standing) == {"approved": 1, "not_approved": 0}

    # 5. The decision, drafted on the session's date by default, signed on the seed's date.
    draft = awards.draft_from_session(session, standing)
    assert draft.doc_date == walk.session
    decision = awards.update_draft(draft, standing, on=walk.decided)
    awards.sign(decision, people["chairman"])
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED
    assert decision.doc_date == walk.decided and decision.year == walk.decided.year
    assert decision.number_display == "01/QĐ-UBND"
    assert decision.base_salary == walk.base_salary
    [award] = Award.objects.filter(decision=decision)
    assert (award.awardee_name, award.amount) == ("Hoàng Thị Mai", walk.amount)
    for number in walk.grounds:
        assert number in decision.legal_grounds, number
    for number in walk.not_cited:
        assert number not in decision.legal_grounds, number
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED


def test_seed_004_errors_name_forms_not_codes(demo_org):
    """Before the catalogue reached back to 2020 every seed 004 submission said no form
    “co_thi_dua_tinh” is in force on 30/06/2021; no message shows an internal code now."""
    from thidua.legal import read as legal

    assert legal.award_form("co_thi_dua_tinh", date(2021, 6, 30)).name == (
        "Cờ thi đua của Ủy ban nhân dân tỉnh"
    )
    with pytest.raises(legal.AwardFormMissing) as exc:
        legal.award_form("co_thi_dua_tinh", date(2016, 6, 30))
    assert str(exc.value.args[0]) == (
        "Không có hình thức khen thưởng “Cờ thi đua của Ủy ban nhân dân tỉnh” có hiệu lực "
        "ngày 30/06/2016."
    )
    assert "_" not in legal.award_form_name("khong_co_ma_nay")
