"""Builders shared by the council and awards tests: a city council, the seed 000 campaign
and appraised dossiers with eligible nominee lines, created directly with the models."""

from datetime import date

from thidua.campaigns.models import Campaign
from thidua.dossiers.enums import DossierStatus, LineResult
from thidua.dossiers.models import Dossier, Nominee
from thidua.org.enums import CouncilRole
from thidua.org.models import CouncilMember, Household, Person, Unit

GIAY_KHEN_HUYEN = "giay_khen_chu_tich_huyen"
CSTDCS = "chien_si_thi_dua_co_so"


#: Every council member has a login: the ballots counted must equal the members present
#: plus written opinions (issue #14 item 1), so a present member must be able to vote.
VOTERS = ("chairman", "deputy", "standing", "council", "dung")


def make_council(org, users) -> list[CouncilMember]:
    """Five members: chair (the chairman user), deputy ('deputy'), standing (heads Phòng
    Nội vụ), a member who is the 'council' user, and a member who heads ward A ('dung')."""
    from tests.conftest import make_user
    from thidua.core.roles import Role

    city = org["city"]
    for name in ("deputy", "dung"):
        if name not in users:
            users[name] = make_user(name, Role.COUNCIL_MEMBER, city)
    specs = [
        ("Nông Văn Cường", "Chủ tịch UBND thành phố", CouncilRole.CHAIR, None, users["chairman"]),
        ("Hà Thị Liên", "Phó Chủ tịch UBND thành phố", CouncilRole.DEPUTY, None, users["deputy"]),
        (
            "Lường Thị Hà",
            "Trưởng phòng Nội vụ",
            CouncilRole.STANDING,
            org["noivu"],
            users["standing"],
        ),
        ("Triệu Đức Long", "Trưởng phòng Tài chính", CouncilRole.MEMBER, None, users["council"]),
        (
            "Hoàng Văn Dũng",
            "Chủ tịch UBND phường Đức Xuân",
            CouncilRole.MEMBER,
            org["ward_a"],
            users["dung"],
        ),
    ]
    return [
        CouncilMember.objects.create(
            authority=city, full_name=n, title=t, role=r, heads_unit=h, user=u
        )
        for n, t, r, h, u in specs
    ]


def seed000_campaign(org) -> Campaign:
    return Campaign.objects.create(
        issuer=org["city"],
        number="215/KH-UBND",
        doc_date=date(2024, 10, 10),
        seed_code="000",
        title="phong trào thi đua đặc biệt chào mừng kỷ niệm 10 năm thành lập thành phố Bắc Kạn",
        start_date=date(2024, 10, 15),
        end_date=date(2025, 1, 15),
        status="running",
    )


def appraised_dossier(
    org, campaign, proposer, form_code, lines, status=DossierStatus.APPRAISED
) -> Dossier:
    """`lines`: (subject_kind, object or None, name) tuples, all appraised eligible."""
    dossier = Dossier.objects.create(
        campaign=campaign,
        form_code=form_code,
        proposer=proposer,
        authority=org["city"],
        title=f"Đề nghị khen thưởng của {proposer.name}",
        status=status,
    )
    for i, (kind, obj, name) in enumerate(lines, start=1):
        kw = {}
        if isinstance(obj, Person):
            kw["person"] = obj
        elif isinstance(obj, Household):
            kw["household"] = obj
        elif isinstance(obj, Unit):
            kw["unit"] = obj
        Nominee.objects.create(
            dossier=dossier,
            subject_kind=kind,
            name=name,
            order=i,
            result=LineResult.ELIGIBLE,
            achievements="Thành tích xuất sắc",
            **kw,
        )
    return dossier


def seed000_dossiers(org, campaign) -> list[Dossier]:
    """Ward A proposes itself-level collective + one person + one household for the city's
    Giấy khen; ward B proposes one person."""
    household = Household.objects.create(
        head_name="Lý Văn Páo", unit=org["village_a"], category="thoat_ngheo"
    )
    d1 = appraised_dossier(
        org,
        campaign,
        org["ward_a"],
        GIAY_KHEN_HUYEN,
        [
            ("collective", org["village_a"], org["village_a"].name),
            ("individual", org["person_a"], org["person_a"].full_name),
            ("household", household, "Hộ ông Lý Văn Páo"),
        ],
    )
    d2 = appraised_dossier(
        org,
        campaign,
        org["ward_b"],
        GIAY_KHEN_HUYEN,
        [
            ("individual", org["person_b"], org["person_b"].full_name),
        ],
    )
    return [d1, d2]


def approve_all(org, users, on, campaign=None):
    """Run a council session on `on` where every member votes yes on every line they may
    vote on; returns the closed session."""
    from thidua.council import services as council_services
    from thidua.council.enums import Choice

    session = council_services.create_session(
        org["city"],
        users["standing"],
        title="Phiên họp xét khen thưởng",
        on=on,
        place="Hội trường UBND thành phố",
        campaign=campaign,
    )
    council_services.build_agenda(session, users["standing"])
    council_services.open_session(session, users["standing"])
    for name in VOTERS:
        member = council_services.member_for_user(session, users[name])
        ballot = {i.pk: Choice.YES for i in council_services.votable_items(session, member)}
        if ballot:
            council_services.cast_ballot(session, users[name], ballot)
    council_services.close_session(session, users["standing"])
    session.refresh_from_db()
    return session


def fill_ballots(session, users, choice="abstain"):
    """Every present member with a login who has not voted on a line votes `choice` on it,
    and the written opinions not yet entered are entered as `choice`: afterwards the
    ballots of every line equal the members taking part, so the session can close."""
    from thidua.council import services as council_services
    from thidua.council.enums import AttendanceStatus

    for name in VOTERS:
        member = council_services.member_for_user(session, users[name])
        present = session.attendance.filter(member=member, status=AttendanceStatus.PRESENT)
        if member is None or not present.exists():
            continue
        ballot = {i.pk: choice for i in council_services.votable_items(session, member)}
        if ballot:
            council_services.cast_ballot(session, users[name], ballot)
    written = set(
        session.attendance.filter(status=AttendanceStatus.WRITTEN).values_list(
            "member_id", flat=True
        )
    )
    for item in session.items.all():
        allowed = len(written - set(item.recusals.values_list("member_id", flat=True)))
        entered = item.written_yes + item.written_no + item.written_abstain
        if entered < allowed:
            counts = {
                "yes": item.written_yes,
                "no": item.written_no,
                "abstain": item.written_abstain,
            }
            counts[choice] += allowed - entered
            council_services.record_written_votes(item, users["standing"], **counts)
