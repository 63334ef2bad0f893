"""Council session transitions: create → agenda → attendance → open → ballots → close.

Each function guards (raising `CouncilError` with a Vietnamese message), changes inside
`transaction.atomic`, writes the audit event and notifies. Vote arithmetic is delegated to
the pure rules of `voting.py`; thresholds and quorum come from the editable, dated legal
tables in force on the SESSION date.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from thidua.core import audit
from thidua.core.documents import award_display_name
from thidua.core.notify import notify
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.core.states import transition
from thidua.dossiers.enums import DossierStatus, LineResult
from thidua.dossiers.models import Nominee
from thidua.dossiers.services import mark_in_council, record_council_result
from thidua.legal import read as legal
from thidua.org.enums import CouncilRole
from thidua.org.models import CouncilMember

from . import voting
from .enums import AttendanceStatus, Choice, ItemResult, SessionKind, SessionStatus
from .models import AgendaItem, Attendance, BallotReceipt, CouncilSession, Recusal
from .states import SESSION

AGENDA_DOSSIER_STATUSES = (DossierStatus.APPRAISED, DossierStatus.DISCLOSED)


class CouncilError(ValidationError):
    """A council action is not allowed; the message is Vietnamese, for the user."""

    @property
    def message_text(self) -> str:
        return " ".join(self.messages)


# ---- reads -------------------------------------------------------------------------------


def members_on(authority, on: date):
    return (
        CouncilMember.objects.filter(authority=authority)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("role", "full_name")
    )


def member_for_user(session: CouncilSession, user) -> CouncilMember | None:
    if not user.is_authenticated:
        return None
    return members_on(session.authority, session.date).filter(user=user).first()


def threshold_on(form_code: str, on: date) -> tuple[Fraction | None, str]:
    """(share of total membership, citation) from the editable VotingThreshold table; None
    with the simple-majority setting's citation when the form has no threshold of its own."""
    share, citation = legal.voting_threshold(form_code, on)
    if share is None:
        citation = legal.simple_majority(on).citation
    return share, citation


def quorum_share_on(on: date) -> Fraction:
    return legal.quorum_share(on)


def eligible_lines(authority, campaign=None):
    """Eligible nominee lines of appraised / disclosed dossiers not yet on any agenda."""
    qs = Nominee.objects.filter(
        dossier__authority=authority,
        dossier__status__in=AGENDA_DOSSIER_STATUSES,
        result=LineResult.ELIGIBLE,
        agenda_items__isnull=True,
    )
    if campaign is not None:
        qs = qs.filter(dossier__campaign=campaign)
    return qs.select_related("dossier", "person", "unit", "household").order_by(
        "dossier__form_code", "dossier_id", "order", "pk"
    )


def nominee_unit_id(nominee) -> int | None:
    if nominee.unit_id:
        return nominee.unit_id
    if nominee.person_id:
        return nominee.person.unit_id
    if nominee.household_id:
        return nominee.household.unit_id
    return nominee.dossier.proposer_id


def conflict_reason(member: CouncilMember, nominee) -> str:
    """Why `member` must not vote on `nominee` ('' when there is no conflict)."""
    if member.person_id and member.person_id == nominee.person_id:
        return "Thành viên Hội đồng là người được đề nghị khen thưởng"
    if member.heads_unit_id and member.heads_unit_id == nominee_unit_id(nominee):
        return "Thành viên Hội đồng là người đứng đầu đơn vị của đối tượng được đề nghị"
    return ""


# ---- guards ------------------------------------------------------------------------------


def _require_secretariat(session_or_authority, actor):
    """Standing body (or admin) of the authority: prepares and runs sessions."""
    if isinstance(session_or_authority, CouncilSession):
        authority = session_or_authority.authority
    else:
        authority = session_or_authority
    scope = scope_for(actor)
    if scope.is_global:
        return
    if not scope.has_role(Role.STANDING_BODY) or not scope.covers_path(authority.path, "change"):
        raise CouncilError("Chỉ cơ quan thường trực Hội đồng được chuẩn bị và điều hành phiên họp.")


def _require_status(session: CouncilSession, *statuses: str, action: str):
    if session.status not in statuses:
        raise CouncilError(
            f"Không thể {action}: phiên họp đang ở trạng thái “{session.get_status_display()}”."
        )


# ---- transitions -------------------------------------------------------------------------


def create_session(
    authority,
    actor,
    *,
    title: str,
    on: date,
    place: str = "",
    kind: str = SessionKind.AWARD,
    campaign=None,
) -> CouncilSession:
    _require_secretariat(authority, actor)
    title = (title or "").strip()
    if not title:
        raise CouncilError("Xin nhập tên phiên họp.")
    if not authority.is_active(on):
        ended = authority.valid_to and on > authority.valid_to
        raise CouncilError(
            f"{authority.name} "
            + (
                f"đã chấm dứt hoạt động sau ngày {authority.valid_to:%d/%m/%Y}"
                if ended
                else f"hoạt động từ ngày {authority.valid_from:%d/%m/%Y}"
            )
            + f": không họp Hội đồng được vào ngày {on:%d/%m/%Y}."
        )
    members = list(members_on(authority, on))
    if not members:
        raise CouncilError(
            f"{authority.name} chưa có thành viên Hội đồng TĐKT vào ngày {on:%d/%m/%Y}."
        )
    chair = next((m for m in members if m.role == CouncilRole.CHAIR), None)
    secretary = next((m for m in members if m.role == CouncilRole.STANDING), None)
    with transaction.atomic():
        session = CouncilSession.objects.create(
            authority=authority,
            campaign=campaign,
            title=title,
            date=on,
            place=place.strip(),
            kind=kind,
            chair=chair,
            secretary=secretary,
            total_members=len(members),
            created_by=actor,
        )
        Attendance.objects.bulk_create(Attendance(session=session, member=m) for m in members)
        audit.record(
            session,
            "council.session.created",
            actor,
            unit=authority,
            to_state=session.status,
            data={"total_members": len(members)},
        )
    return session


def build_agenda(session: CouncilSession, actor, nominee_ids: list[int] | None = None) -> int:
    """Put eligible lines on the agenda, with thresholds and recusals; returns items added."""
    _require_secretariat(session, actor)
    _require_status(session, SessionStatus.PLANNED, action="lập chương trình")
    lines = eligible_lines(session.authority, session.campaign)
    if nominee_ids is not None:
        lines = lines.filter(pk__in=nominee_ids)
    lines = list(lines)
    if not lines:
        raise CouncilError(
            "Không có hồ sơ đã thẩm định nào có đối tượng đủ điều kiện để đưa ra Hội đồng."
        )
    members = [a.member for a in session.attendance.select_related("member")]
    with transaction.atomic():
        CouncilSession.objects.select_for_update().get(pk=session.pk)
        start = session.items.count()
        dossiers = {}
        for i, line in enumerate(lines, start=start + 1):
            code = line.dossier.form_code
            form = legal.award_form_or_none(code, session.date)
            form_name = award_display_name(
                code,
                form.name if form is not None else legal.award_form_name(code),
                session.authority,
            )
            share, citation = threshold_on(code, session.date)
            item = AgendaItem.objects.create(
                session=session,
                nominee=line,
                form_code=code,
                form_name=form_name,
                order=i,
                threshold_numerator=share.numerator if share else None,
                threshold_denominator=share.denominator if share else None,
                threshold_citation=citation,
            )
            for m in members:
                reason = conflict_reason(m, line)
                if reason:
                    Recusal.objects.create(item=item, member=m, reason=reason)
            dossiers[line.dossier_id] = line.dossier
        for dossier in dossiers.values():
            if dossier.status in AGENDA_DOSSIER_STATUSES:
                mark_in_council(dossier, actor)
        audit.record(
            session,
            "council.session.agenda_built",
            actor,
            unit=session.authority,
            data={"added": len(lines), "nominees": [x.pk for x in lines]},
        )
    return len(lines)


def set_attendance(session: CouncilSession, actor, statuses: dict[int, str]) -> None:
    _require_secretariat(session, actor)
    _require_status(session, SessionStatus.PLANNED, action="điểm danh")
    valid = set(AttendanceStatus.values)
    bad = [s for s in statuses.values() if s not in valid]
    if bad:
        raise CouncilError("Trạng thái tham dự không hợp lệ.")
    with transaction.atomic():
        rows = {a.member_id: a for a in session.attendance.select_for_update()}
        unknown = set(statuses) - set(rows)
        if unknown:
            raise CouncilError("Có người không phải thành viên Hội đồng của phiên họp này.")
        for member_id, status in statuses.items():
            row = rows[member_id]
            if row.status != status:
                row.status = status
                row.save(update_fields=["status"])
        audit.record(
            session,
            "council.session.attendance",
            actor,
            unit=session.authority,
            data={
                "present": attendance_counts(session)[0],
                "written": attendance_counts(session)[1],
            },
        )


def attendance_counts(session: CouncilSession) -> tuple[int, int, int]:
    """(present, absent with written vote, absent without opinion)."""
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    for status in session.attendance.values_list("status", flat=True):
        counts[status] += 1
    return (
        counts[AttendanceStatus.PRESENT],
        counts[AttendanceStatus.WRITTEN],
        counts[AttendanceStatus.ABSENT],
    )


def quorum_ok(session: CouncilSession) -> bool:
    present, written, _ = attendance_counts(session)
    return voting.quorum_ok(
        session.total_members, present, written, share=quorum_share_on(session.date)
    )


def open_session(session: CouncilSession, actor) -> None:
    _require_secretariat(session, actor)
    SESSION.check(session, "opened")
    if not session.items.exists():
        raise CouncilError("Phiên họp chưa có nội dung biểu quyết: xin lập chương trình trước.")
    present, written, _ = attendance_counts(session)
    if not quorum_ok(session):
        share = quorum_share_on(session.date)
        need = -(-share.numerator * session.total_members // share.denominator)
        raise CouncilError(
            f"Không đủ số thành viên dự họp: có mặt {present}/{session.total_members}, cần ít nhất "
            f"{need} thành viên có mặt (ý kiến bằng văn bản không thay cho có mặt)."
        )
    with transaction.atomic():
        session.opened_at = timezone.now()
        transition(
            SESSION,
            session,
            "opened",
            actor,
            unit=session.authority,
            data={"present": present, "written": written},
            update_fields=["opened_at"],
        )
    voters = [
        a.member.user
        for a in session.attendance.select_related("member__user")
        if a.status == AttendanceStatus.PRESENT and a.member.user_id
    ]
    notify(
        voters,
        f"Phiên họp “{session.title}” đã khai mạc: mời đồng chí bỏ phiếu kín.",
        f"/hoi-dong/{session.pk}/bo-phieu/",
    )


def votable_items(session: CouncilSession, member: CouncilMember):
    """Items the member may still vote on: not recused, no receipt yet."""
    return (
        session.items.exclude(recusals__member=member)
        .exclude(receipts__member=member)
        .select_related("nominee")
    )


def cast_ballot(session: CouncilSession, actor, choices: dict[int, str]) -> int:
    """A present member's secret ballot for one or more items. All or nothing.

    Only the totals of each item change; a `BallotReceipt` records that the member voted.
    """
    if not choices:
        raise CouncilError("Phiếu bầu trống: xin chọn ý kiến cho ít nhất một đối tượng.")
    if any(c not in Choice.values for c in choices.values()):
        raise CouncilError(
            "Ý kiến biểu quyết không hợp lệ (Đồng ý / Không đồng ý / Không biểu quyết)."
        )
    member = member_for_user(session, actor)
    if member is None:
        raise CouncilError("Đồng chí không phải thành viên Hội đồng của phiên họp này.")
    with transaction.atomic():
        locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if locked.status != SessionStatus.OPEN:
            raise CouncilError("Chỉ bỏ phiếu khi phiên họp đang diễn ra.")
        attendance = Attendance.objects.filter(session=session, member=member).first()
        if attendance is None or attendance.status != AttendanceStatus.PRESENT:
            raise CouncilError(
                "Chỉ thành viên có mặt bỏ phiếu tại phiên họp; phiếu bằng văn bản do thư ký nhập."
            )
        items = {
            i.pk: i
            for i in AgendaItem.objects.select_for_update().filter(session=session, pk__in=choices)
        }
        if set(items) != set(choices):
            raise CouncilError("Có nội dung biểu quyết không thuộc phiên họp này.")
        recused = set(
            Recusal.objects.filter(item__in=items.values(), member=member).values_list(
                "item_id", flat=True
            )
        )
        if recused:
            names = ", ".join(items[i].nominee.name for i in recused)
            raise CouncilError(
                f"Đồng chí không tham gia biểu quyết (xung đột lợi ích) đối với: {names}."
            )
        for item_id, choice in sorted(choices.items()):
            try:
                with transaction.atomic():
                    BallotReceipt.objects.create(session=session, member=member, item_id=item_id)
            except IntegrityError as exc:
                raise CouncilError(
                    f"Đồng chí đã bỏ phiếu cho “{items[item_id].nominee.name}”; mỗi thành viên chỉ bỏ một phiếu."
                ) from exc
            AgendaItem.objects.filter(pk=item_id).update(**{choice: F(choice) + 1})
        # The audit event says THAT the member voted, never how.
        audit.record(
            session,
            "council.ballot.cast",
            actor,
            unit=session.authority,
            data={"items": sorted(choices)},
        )
    return len(choices)


def record_written_votes(item: AgendaItem, actor, *, yes: int, no: int, abstain: int) -> None:
    """The secretary enters the absent members' written votes for one line, as counts."""
    session = item.session
    _require_secretariat(session, actor)
    _require_status(session, SessionStatus.OPEN, action="nhập phiếu bằng văn bản")
    counts = {"yes": yes, "no": no, "abstain": abstain}
    if any(not isinstance(v, int) or v < 0 for v in counts.values()):
        raise CouncilError("Số phiếu phải là số nguyên không âm.")
    written_members = set(
        session.attendance.filter(status=AttendanceStatus.WRITTEN).values_list(
            "member_id", flat=True
        )
    )
    recused = set(item.recusals.values_list("member_id", flat=True))
    allowed = len(written_members - recused)
    if yes + no + abstain > allowed:
        raise CouncilError(
            f"Tổng số phiếu bằng văn bản ({yes + no + abstain}) vượt số thành viên vắng mặt có phiếu "
            f"bằng văn bản được biểu quyết đối với “{item.nominee.name}” ({allowed})."
        )
    with transaction.atomic():
        AgendaItem.objects.filter(pk=item.pk).update(
            written_yes=yes, written_no=no, written_abstain=abstain
        )
        audit.record(
            session,
            "council.written_votes",
            actor,
            unit=session.authority,
            data={"item": item.pk, **counts},
        )
    item.refresh_from_db()


@transaction.atomic
def record_written_grid(session: CouncilSession, actor, rows: dict[int, dict[str, str]]) -> int:
    """The written ballots of every line at once, as the grid on the session page sends
    them (``{item_id: {"yes": "3", "no": "", "abstain": ""}}``): a row left wholly blank is
    not touched; one wrong row refuses the whole grid with its line named."""
    items = {i.pk: i for i in session.items.select_related("nominee")}
    errors, done = [], 0
    parsed: list[tuple[AgendaItem, dict[str, int]]] = []
    for item_id, raw in rows.items():
        item = items.get(item_id)
        if item is None:
            raise CouncilError("Có nội dung biểu quyết không thuộc phiên họp này.")
        if not any((v or "").strip() for v in raw.values()):
            continue
        values = {k: (raw.get(k) or "0").strip() or "0" for k in ("yes", "no", "abstain")}
        if not all(v.isdigit() for v in values.values()):
            errors.append(f"“{item.nominee.name}”: số phiếu phải là số nguyên không âm.")
            continue
        parsed.append((item, {k: int(v) for k, v in values.items()}))
    if errors:
        raise CouncilError(errors)
    if not parsed:
        raise CouncilError("Chưa nhập số phiếu bằng văn bản nào.")
    for item, counts in parsed:
        record_written_votes(item, actor, **counts)
        done += 1
    return done


def expected_ballots(item: AgendaItem, session: CouncilSession | None = None) -> int:
    """Members who took part in the vote on `item`: present or written, less recused."""
    session = session or item.session
    taking_part = {
        member_id
        for member_id, status in session.attendance.values_list("member_id", "status")
        if status in (AttendanceStatus.PRESENT, AttendanceStatus.WRITTEN)
    }
    recused = {r.member_id for r in item.recusals.all()}
    return len(taking_part - recused)


def tally_item(
    item: AgendaItem,
    total_members: int,
    expected: int | None = None,
    majority: Fraction | None = None,
) -> voting.VoteResult:
    """The result of one line; with `expected` (ballots that must have been counted) a
    missing or extra ballot raises `voting.VoteError`."""
    share = (
        Fraction(item.threshold_numerator, item.threshold_denominator)
        if item.threshold_numerator
        else None
    )
    return voting.tally(
        total_members,
        item.total_yes,
        item.total_no,
        item.total_abstain,
        len(item.recusals.all()),
        share,
        expected_ballots=expected,
        majority=majority
        if majority is not None
        else legal.simple_majority(item.session.date).share,
    )


def close_session(session: CouncilSession, actor, notes: str = "") -> dict[str, int]:
    """Count every line, store the results and hand them to the dossiers."""
    _require_secretariat(session, actor)
    SESSION.check(session, "closed")
    result = {"approved": 0, "not_approved": 0}
    given = session
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        SESSION.check(session, "closed")
        items = list(
            session.items.select_related("nominee__dossier", "session").prefetch_related("recusals")
        )
        # Every line's ballots must match its attendance before any result is recorded.
        votes, problems = {}, []
        majority = legal.simple_majority(session.date).share
        taking_part = {
            member_id
            for member_id, status in session.attendance.values_list("member_id", "status")
            if status in (AttendanceStatus.PRESENT, AttendanceStatus.WRITTEN)
        }
        for item in items:
            expected = len(taking_part - {r.member_id for r in item.recusals.all()})
            try:
                votes[item.pk] = tally_item(item, session.total_members, expected, majority)
            except voting.VoteError as exc:
                problems.append(f"{item.nominee.name}: {exc}")
        if problems:
            raise CouncilError(
                ["Chưa ghi nhận được kết quả: số phiếu không khớp số thành viên biểu quyết."]
                + problems
            )
        for item in items:
            vote = votes[item.pk]
            item.result = ItemResult.APPROVED if vote.approved else ItemResult.NOT_APPROVED
            item.required_yes = vote.required
            item.result_message = vote.message[:300]
            item.save(update_fields=["result", "required_yes", "result_message"])
            result["approved" if vote.approved else "not_approved"] += 1
        session.closed_at = timezone.now()
        if notes:
            session.notes = notes.strip()
        transition(
            SESSION,
            session,
            "closed",
            actor,
            unit=session.authority,
            data=result,
            update_fields=["closed_at", "notes"],
        )
        for item in items:
            record_council_result(item.nominee, item.result == ItemResult.APPROVED, actor)
    _notify_proposers(session, items)
    given.refresh_from_db()
    return result


def _notify_proposers(session, items):
    from thidua.org.models import RoleAssignment

    units = {i.nominee.dossier.proposer_id for i in items}
    users = {
        ra.user
        for ra in RoleAssignment.objects.filter(
            unit_id__in=units, role__in=[Role.UNIT_OFFICER, Role.UNIT_HEAD]
        ).select_related("user")
    }
    notify(
        list(users),
        f"Hội đồng TĐKT đã có kết quả biểu quyết tại “{session.title}”.",
        f"/hoi-dong/{session.pk}/",
    )
