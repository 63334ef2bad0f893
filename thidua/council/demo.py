"""Demo council session for the seed 000 campaign (idempotent).

When the dossier demo has produced appraised or disclosed dossiers, the city's council
meets on 23/01/2025: eight members present, one written vote, secret ballot in the app,
results handed back to the dossiers. Every present member votes (the ballots counted must
equal the members present plus the written opinions), so every member
has a login (``council_accounts``: ``hd_lien`` …, demo password). Skipped when the upstream data is missing."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from thidua.campaigns.models import Campaign
from thidua.core.roles import Role
from thidua.org.models import CouncilMember, RoleAssignment, Unit

from . import services
from .enums import AttendanceStatus, Choice
from .models import CouncilSession

SESSION_DAY = date(2025, 1, 23)
SEATS = {"chutich": "Nông Văn Cường", "noivu": "Lường Thị Hà", "hoidong": "Triệu Đức Long"}
#: The other six members of the city's council get their own login (README lists them).
MEMBER_ACCOUNTS = {
    "hd_lien": "Hà Thị Liên",
    "hd_nga": "Hứa Thị Nga",
    "hd_tuan": "Ma Văn Tuấn",
    "hd_yen": "Lục Thị Yến",
    "hd_thang": "Vi Văn Thắng",
    "hd_hung": "Đặng Văn Hùng",
}


def council_accounts(city) -> int:
    """Every member of the city's council can log in (idempotent): the three seats of the
    role demo users, and one council-member account for each of the six others."""
    from thidua.org.demo import DEMO_PASSWORD

    User = get_user_model()
    linked = 0
    for username, full_name in {**SEATS, **MEMBER_ACCOUNTS}.items():
        member = CouncilMember.objects.filter(authority=city, full_name=full_name).first()
        if member is None:
            continue
        user = User.objects.filter(username=username).first()
        if user is None:
            if username in SEATS:
                continue
            first, _, last = full_name.rpartition(" ")
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@thidua.local",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        if username in MEMBER_ACCOUNTS:
            RoleAssignment.objects.get_or_create(user=user, unit=city, role=Role.COUNCIL_MEMBER)
        if member.user_id is None:
            member.user = user
            member.save(update_fields=["user"])
        linked += 1
    return linked


def _say(stdout, text):
    if stdout:
        stdout.write(text)


def load(stdout=None) -> None:
    campaign = Campaign.objects.filter(seed_code="000").first()
    city = Unit.objects.filter(code="TP_BK").first()
    User = get_user_model()
    standing = User.objects.filter(username="noivu").first()
    if city is not None:
        council_accounts(city)
    if campaign is None or city is None or standing is None:
        _say(
            stdout, "Bỏ qua phiên họp Hội đồng mẫu: chưa có phong trào seed 000 hoặc tổ chức demo."
        )
        return
    if CouncilSession.objects.filter(campaign=campaign).exists():
        return
    if not services.eligible_lines(city, campaign).exists():
        _say(
            stdout,
            "Bỏ qua phiên họp Hội đồng mẫu: chưa có hồ sơ đã thẩm định của phong trào seed 000.",
        )
        return
    with transaction.atomic():
        for username, full_name in SEATS.items():
            user = User.objects.filter(username=username).first()
            CouncilMember.objects.filter(
                authority=city, full_name=full_name, user__isnull=True
            ).update(user=user)
        council_accounts(city)
        session = services.create_session(
            city,
            standing,
            title="Phiên họp xét khen thưởng đợt thi đua đặc biệt chào mừng 10 năm thành lập thành phố",
            on=SESSION_DAY,
            place="Hội trường UBND thành phố Bắc Kạn",
            campaign=campaign,
        )
        services.build_agenda(session, standing)
        absent = session.attendance.filter(member__full_name="Đặng Văn Hùng").first()
        if absent:
            services.set_attendance(session, standing, {absent.member_id: AttendanceStatus.WRITTEN})
        services.open_session(session, standing)
        for attendance in session.attendance.select_related("member__user"):
            member, user = attendance.member, attendance.member.user
            if attendance.status != AttendanceStatus.PRESENT or user is None:
                continue
            ballot = {i.pk: Choice.YES for i in services.votable_items(session, member)}
            if ballot:
                services.cast_ballot(session, user, ballot)
        if absent:
            for item in session.items.all():
                services.record_written_votes(item, standing, yes=1, no=0, abstain=0)
        result = services.close_session(
            session,
            standing,
            "Hội đồng thống nhất đề nghị Chủ tịch UBND thành phố tặng Giấy khen cho các "
            "tập thể, cá nhân đạt tỷ lệ biểu quyết theo quy định.",
        )
    _say(
        stdout,
        f"Phiên họp Hội đồng mẫu: {result['approved']} đối tượng đạt, {result['not_approved']} không đạt.",
    )
