"""Every write of the registrations app: guard → atomic change → audit → notify.

Who may do what:
- the unit officer (or a commune officer for the enterprises and co-ops under it)
  registers, adds targets and reports progress; the unit head submits;
- the block head (role at the block's head unit) accepts or returns, forwards the
  block's set, records the review meeting and the block scheme;
- a council member records quarterly checks of the blocks assigned to them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns.enums import PUBLIC_STATUSES, DeadlineKind
from thidua.core import audit
from thidua.core.deadlines import is_late, local_date
from thidua.core.notify import notify
from thidua.core.permissions import can, scope_for
from thidua.core.roles import Role
from thidua.formats.vi.numbers import NumberError, parse_decimal
from thidua.org.identity import ids_of_kind, nominee_key

from .completion import CompletionError, indicator_rate
from .enums import EDITABLE_STATUSES, RANKED_STATUSES, CommitmentKind, RegistrationStatus
from .evidence import store_evidence
from .models import (
    BlockReview,
    BlockScheme,
    BlockScore,
    Event,
    Indicator,
    PriorRating,
    ProgressReport,
    QuarterlyCheck,
    Registration,
    WorkItem,
)
from .states import REGISTRATION


class RegistrationError(ValidationError):
    """A rule forbids the action; the message is Vietnamese, for the user."""

    @property
    def text(self) -> str:
        return " ".join(self.messages)


# ---- helpers ------------------------------------------------------------------------------


def _users_with_role(unit_ids, *roles):
    return list(
        get_user_model()
        .objects.filter(
            role_assignments__unit_id__in=list(unit_ids),
            role_assignments__role__in=roles,
            is_active=True,
        )
        .distinct()
    )


def is_block_head(user, block) -> bool:
    scope = scope_for(user)
    return scope.is_global or (
        block is not None and block.head_id in scope.roles.get(Role.BLOCK_HEAD, set())
    )


def _require_change(user, unit, what: str = "đơn vị này") -> None:
    if not can(user, "change", unit):
        raise RegistrationError(f"Bạn không có quyền thay đổi dữ liệu của {what}.")


def _require_open(reg: Registration) -> None:
    """A closed campaign is read-only (issue 15.12): its published ranking stays the one
    recorded at closing unless the standing body reopens it (a logged state change)."""
    from .snapshots import CLOSED

    if reg.campaign.status in CLOSED:
        raise RegistrationError(
            f"Phong trào “{reg.campaign.title}” đã kết thúc: không ghi thêm kết quả thực hiện. "
            "Cơ quan thường trực có thể mở lại phong trào nếu cần bổ sung."
        )


def _require_editable(reg: Registration) -> None:
    """Checks the stored status (the caller's copy may be stale)."""
    reg.refresh_from_db(fields=["status"])
    if reg.status not in EDITABLE_STATUSES:
        raise RegistrationError(
            f"Đăng ký đang ở trạng thái “{reg.get_status_display()}”, không sửa được nữa."
        )


DECIMAL_LIMIT = Decimal(10) ** 16


def _decimal(value, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = parse_decimal(value)
    except (NumberError, InvalidOperation) as exc:
        raise RegistrationError(f"{label}: {exc}") from exc
    if number is None:
        return None
    # The columns are DecimalField(max_digits=20, decimal_places=4).
    if not number.is_finite() or abs(number) >= DECIMAL_LIMIT:
        raise RegistrationError(
            f"{label} “{value}” vượt quá giới hạn (tối đa 16 chữ số phần nguyên)."
        )
    return number


def _default(value, default):
    return default if value is None else value


def find_block(campaign, unit):
    """The block of the campaign's issuer the unit belongs to, for the campaign's year."""
    from thidua.org.models import Block

    year = (campaign.start_date or timezone.localdate()).year
    blocks = Block.objects.filter(members__unit=unit).filter(
        Q(authority=campaign.issuer) | Q(authority__in=campaign.issuer.ancestors())
    )
    return (
        blocks.filter(year=year).first()
        or blocks.filter(year__gt=year).order_by("year").first()
        or blocks.filter(year__lt=year).order_by("-year").first()
    )


def reg_url(reg) -> str:
    return reverse("registrations:detail", args=[reg.pk])


# ---- registration ------------------------------------------------------------------------


def register(campaign, unit, actor, *, note: str = "") -> Registration:
    """Open a draft registration of ``unit`` for ``campaign``.

    A commune officer may register the enterprises, co-ops and villages under it: the
    registration then records the commune as ``collected_by``."""
    _require_change(actor, unit, unit.name)
    if campaign.status not in PUBLIC_STATUSES:
        raise RegistrationError("Phong trào chưa được phát động, chưa thể đăng ký.")
    if not unit.path.startswith(campaign.issuer.path):
        raise RegistrationError(f"{unit.name} không thuộc phạm vi của {campaign.issuer.name}.")
    starts = campaign.start_date or timezone.localdate()
    if unit.successor_id and unit.valid_to and unit.valid_to < starts:
        raise RegistrationError(
            f"{unit.name} đã sáp nhập vào {unit.successor.name} (hoạt động đến hết "
            f"{unit.valid_to:%d/%m/%Y}): đăng ký phong trào này dưới tên {unit.successor.name}."
        )
    own = scope_for(actor).roles
    own_ids = set().union(*own.values()) if own else set()
    collected_by = None
    if unit.pk not in own_ids:
        # registered on the unit's behalf (a ward for its school, co-op, residential group):
        # the nearest unit of the officer's own collects it and sends it to the block head
        collected_by = unit.ancestors().filter(pk__in=own_ids).order_by("-depth").first()
    with transaction.atomic():
        if Registration.objects.filter(campaign=campaign, unit=unit).exists():
            raise RegistrationError(f"{unit.name} đã đăng ký thi đua trong phong trào này.")
        reg = Registration.objects.create(
            campaign=campaign,
            unit=unit,
            collected_by=collected_by,
            block=find_block(campaign, unit),
            note=note,
            created_by=actor,
        )
        audit.record(
            reg,
            "registrations.registration.create",
            actor,
            to_state=reg.status,
            data={"collected_by": collected_by.pk if collected_by else None},
        )
    return reg


def add_indicator(
    reg,
    actor,
    *,
    name,
    target,
    unit_of_measure="",
    baseline=None,
    weight=1,
    lower_is_better=False,
    cap=Decimal("1.2"),
    source_ref="",
) -> Indicator:
    _require_change(actor, reg.unit)
    _require_editable(reg)
    if not (name or "").strip():
        raise RegistrationError("Tên chỉ tiêu không được để trống.")
    target_d = _decimal(target, "Chỉ tiêu")
    if target_d is None:
        raise RegistrationError("Chưa nhập giá trị chỉ tiêu.")
    baseline_d = _decimal(baseline, "Giá trị ban đầu")
    weight_d = _default(_decimal(weight, "Trọng số"), Decimal(1))
    cap_d = _default(_decimal(cap, "Mức trần"), Decimal("1.2"))
    if weight_d <= 0:
        raise RegistrationError("Trọng số phải lớn hơn 0.")
    try:  # the formula itself says whether the target can be evaluated
        indicator_rate(target_d, target_d, baseline_d, lower_is_better, cap_d)
    except CompletionError as exc:
        raise RegistrationError(str(exc)) from exc
    with transaction.atomic():
        ind = Indicator.objects.create(
            registration=reg,
            name=name.strip(),
            unit_of_measure=unit_of_measure,
            target=target_d,
            baseline=baseline_d,
            weight=weight_d,
            lower_is_better=lower_is_better,
            cap=cap_d,
            source_ref=source_ref,
            order=reg.indicators.count() + 1,
        )
        audit.record(
            reg,
            "registrations.indicator.add",
            actor,
            unit=reg.unit,
            data={"indicator": ind.pk, "name": ind.name, "target": str(target_d)},
        )
    return ind


def add_commitment(reg, actor, kind: str, *, title: str, due_date: date | None = None, weight=1):
    _require_change(actor, reg.unit)
    _require_editable(reg)
    if not (title or "").strip():
        raise RegistrationError("Tên công trình, phần việc hoặc sự kiện không được để trống.")
    weight_d = _default(_decimal(weight, "Trọng số"), Decimal(1))
    if weight_d <= 0:
        raise RegistrationError("Trọng số phải lớn hơn 0.")
    model = WorkItem if kind == CommitmentKind.WORK_ITEM else Event
    with transaction.atomic():
        item = model.objects.create(
            registration=reg, title=title.strip(), due_date=due_date, weight=weight_d
        )
        audit.record(
            reg,
            f"registrations.{kind}.add",
            actor,
            unit=reg.unit,
            data={"id": item.pk, "title": item.title},
        )
    return item


def _may_submit(actor, reg) -> bool:
    scope = scope_for(actor)
    heads = scope.roles.get(Role.UNIT_HEAD, set())
    return scope.is_global or reg.unit_id in heads or (reg.collected_by_id in heads)


def who_can_submit(reg) -> str:
    """Who may send `reg` to the block head, in Vietnamese, for a user who may not."""
    from thidua.core.audit import person_name

    sender = reg.collected_by or reg.unit
    heads = _users_with_role([sender.pk], Role.UNIT_HEAD)
    if not heads:
        return (
            f"Chỉ thủ trưởng {sender.name} được gửi đăng ký thi đua, nhưng {sender.name} chưa "
            "có ai được giao vai trò thủ trưởng: đề nghị cơ quan thường trực giao vai trò."
        )
    names = ", ".join(sorted(person_name(u) for u in heads))
    return f"Chỉ thủ trưởng {sender.name} ({names}) được gửi đăng ký thi đua này tới trưởng khối."


def submit(reg, actor, now: datetime | None = None) -> Registration:
    """The unit head sends the registration to the block head; late if after the
    campaign's registration deadline (Vietnam time)."""
    now = now or timezone.now()
    if not _may_submit(actor, reg):
        raise RegistrationError(who_can_submit(reg))
    with transaction.atomic():
        reg = Registration.objects.select_for_update().get(pk=reg.pk)
        _require_editable(reg)
        if not (reg.indicators.exists() or reg.work_items.exists() or reg.events.exists()):
            raise RegistrationError("Đăng ký chưa có chỉ tiêu, công trình hay sự kiện nào.")
        if reg.block_id is None:
            raise RegistrationError(
                f"{reg.unit.name} chưa thuộc khối thi đua nào của {reg.campaign.issuer.name}."
            )
        deadline = reg.campaign.deadline(DeadlineKind.REGISTRATION)
        reg.submitted_at, reg.submitted_by = now, actor
        reg.is_late = bool(deadline and is_late(now, deadline))
        REGISTRATION.apply(
            reg,
            "submit",
            actor,
            data={"late": reg.is_late, "deadline": deadline.isoformat() if deadline else None},
            update_fields=["submitted_at", "submitted_by", "is_late"],
        )
        late = " (gửi muộn)" if reg.is_late else ""
        notify(
            _users_with_role([reg.block.head_id], Role.BLOCK_HEAD),
            f"{reg.unit.name} đã gửi đăng ký thi đua{late}.",
            reg_url(reg),
        )
    return reg


def accept(reg, actor) -> Registration:
    return _decide(reg, actor, RegistrationStatus.ACCEPTED, "")


@transaction.atomic
def accept_many(regs, actor) -> int:
    """The block head accepts a page of submitted registrations at once: each through the
    state table (one audit entry each), all or none; a refused one is named."""
    done = 0
    for reg in regs:
        try:
            accept(reg, actor)
        except (RegistrationError, ValidationError) as exc:
            raise RegistrationError(
                f"{reg.unit.name}: {' '.join(exc.messages)} Chưa nhận đăng ký nào."
            ) from exc
        done += 1
    if not done:
        raise RegistrationError("Chọn ít nhất một đăng ký đã gửi để nhận.")
    return done


def return_registration(reg, actor, reason: str) -> Registration:
    if not (reason or "").strip():
        raise RegistrationError("Phải nêu lý do trả lại đăng ký.")
    return _decide(reg, actor, RegistrationStatus.RETURNED, reason.strip())


def _decide(reg, actor, to: str, reason: str) -> Registration:
    if not is_block_head(actor, reg.block):
        raise RegistrationError("Chỉ trưởng khối mới được nhận hoặc trả lại đăng ký.")
    with transaction.atomic():
        reg = Registration.objects.select_for_update().get(pk=reg.pk)
        now = timezone.now()
        if to == RegistrationStatus.ACCEPTED:
            action = "accepted"
            REGISTRATION.check(reg, action, actor)
            reg.accepted_at, reg.accepted_by = now, actor
            fields = ["accepted_at", "accepted_by"]
            message = f"Trưởng khối đã nhận đăng ký thi đua của {reg.unit.name}."
        else:
            action = "returned"
            REGISTRATION.check(reg, action, actor)
            reg.returned_at, reg.returned_by, reg.return_reason = now, actor, reason
            reg.times_returned += 1
            fields = ["returned_at", "returned_by", "return_reason", "times_returned"]
            message = f"Đăng ký thi đua của {reg.unit.name} bị trả lại: {reason}"
        REGISTRATION.apply(reg, action, actor, reason=reason, update_fields=fields)
        notify(
            _users_with_role(
                [reg.unit_id, reg.collected_by_id or reg.unit_id], Role.UNIT_OFFICER, Role.UNIT_HEAD
            ),
            message,
            reg_url(reg),
        )
    return reg


def forward_block(block, campaign, actor, now: datetime | None = None) -> int:
    """The block head sends the accepted registrations of the block to the standing body."""
    now = now or timezone.now()
    if not is_block_head(actor, block):
        raise RegistrationError("Chỉ trưởng khối mới được gửi đăng ký của khối.")
    with transaction.atomic():
        regs = Registration.objects.select_for_update().filter(block=block, campaign=campaign)
        pending = [
            r.unit.name
            for r in regs.filter(status=RegistrationStatus.SUBMITTED).select_related("unit")
        ]
        if pending:
            raise RegistrationError(
                "Còn đăng ký chưa xử lý (nhận hoặc trả lại): " + ", ".join(pending) + "."
            )
        accepted = list(regs.filter(status=RegistrationStatus.ACCEPTED))
        if not accepted:
            raise RegistrationError("Khối chưa có đăng ký nào đã được nhận để gửi.")
        deadline = campaign.deadline(DeadlineKind.REGISTRATION_FORWARD)
        late = bool(deadline and is_late(now, deadline))
        ids = [registration.pk for registration in accepted]
        for registration in accepted:
            registration.forwarded_at, registration.forwarded_by = now, actor
            registration.forwarded_late = late
            REGISTRATION.apply(
                registration,
                "forward",
                actor,
                data={"block": block.pk, "late": late},
                update_fields=["forwarded_at", "forwarded_by", "forwarded_late"],
            )
        audit.record(
            block,
            "registrations.block.forward",
            actor,
            unit=block.authority,
            from_state=RegistrationStatus.ACCEPTED,
            to_state=RegistrationStatus.FORWARDED,
            data={"campaign": campaign.pk, "registrations": ids, "late": late},
        )
        notify(
            _users_with_role([campaign.issuer_id], Role.STANDING_BODY),
            f"{block.name} ({block.year}) đã gửi {len(ids)} đăng ký thi đua"
            f"{' (muộn)' if late else ''}.",
            reverse("registrations:dashboard"),
        )
    return len(ids)


# ---- progress ------------------------------------------------------------------------------


def report_progress(
    indicator,
    actor,
    *,
    report_date: date,
    actual,
    note: str = "",
    evidence_file=None,
    today: date | None = None,
) -> ProgressReport:
    reg = Registration.objects.select_related("unit", "campaign").get(pk=indicator.registration_id)
    _require_change(actor, reg.unit)
    _require_open(reg)
    if reg.status not in RANKED_STATUSES:
        raise RegistrationError("Chỉ báo cáo tiến độ khi đăng ký đã được gửi.")
    today = today or local_date(timezone.now())
    if report_date is None or report_date > today:
        raise RegistrationError("Ngày số liệu không được sau ngày hôm nay.")
    actual_d = _decimal(actual, "Kết quả")
    if actual_d is None:
        raise RegistrationError("Chưa nhập kết quả thực hiện.")
    try:
        indicator_rate(
            indicator.target, actual_d, indicator.baseline, indicator.lower_is_better, indicator.cap
        )
    except CompletionError as exc:
        raise RegistrationError(str(exc)) from exc
    with transaction.atomic():
        evidence = store_evidence(reg.unit, actor, evidence_file) if evidence_file else None
        rep = ProgressReport.objects.create(
            indicator=indicator,
            report_date=report_date,
            actual=actual_d,
            note=note,
            evidence=evidence,
            reported_by=actor,
        )
        audit.record(
            reg,
            "registrations.progress.report",
            actor,
            unit=reg.unit,
            data={
                "indicator": indicator.pk,
                "date": report_date.isoformat(),
                "actual": str(actual_d),
            },
        )
    return rep


def mark_done(item, actor, *, note: str = "", evidence_file=None, done_at=None):
    reg = Registration.objects.select_related("unit", "campaign").get(pk=item.registration_id)
    _require_change(actor, reg.unit)
    _require_open(reg)
    if reg.status not in RANKED_STATUSES:
        raise RegistrationError("Chỉ cập nhật kết quả khi đăng ký đã được gửi.")
    if item.done_at is not None:
        raise RegistrationError(f"“{item.title}” đã được đánh dấu hoàn thành.")
    with transaction.atomic():
        if evidence_file:
            item.evidence = store_evidence(reg.unit, actor, evidence_file)
        item.done_at, item.done_by, item.note = done_at or timezone.now(), actor, note
        item.save(update_fields=["done_at", "done_by", "note", "evidence"])
        audit.record(
            reg,
            f"registrations.{item.kind}.done",
            actor,
            unit=reg.unit,
            data={"id": item.pk, "title": item.title},
        )
    return item


# ---- ratings, schemes, reviews, checks ---------------------------------------------------


def set_prior_rating(actor, *, year: int, rating: str, unit=None, person=None, source=""):
    owner = unit or (person.unit if person else None)
    if owner is None:
        raise RegistrationError("Phải chọn đơn vị hoặc cá nhân được xếp loại.")
    if not scope_for(actor).has_role(Role.STANDING_BODY, Role.ADMIN) or not can(
        actor, "change", owner
    ):
        raise RegistrationError("Chỉ cơ quan thường trực được ghi kết quả xếp loại.")
    with transaction.atomic():
        row, _ = PriorRating.objects.update_or_create(
            unit=unit, person=person, year=year, defaults={"rating": rating, "source": source}
        )
        audit.record(
            row,
            "registrations.prior_rating.set",
            actor,
            unit=owner,
            to_state=rating,
            data={"year": year},
        )
    return row


def _validate_items(items, label: str) -> list[dict]:
    out, codes = [], set()
    for i, item in enumerate(items or [], start=1):
        code = str(item.get("code") or f"{label[:2]}{i}").strip()
        if code in codes:
            raise RegistrationError(f"Mã tiêu chí “{code}” bị trùng.")
        codes.add(code)
        points = _decimal(item.get("points"), f"Điểm của {label} “{code}”")
        if points is None or points < 0:
            raise RegistrationError(f"Điểm của {label} “{code}” phải là số không âm.")
        if not str(item.get("label", "")).strip():
            raise RegistrationError(f"{label.capitalize()} “{code}” chưa có nội dung.")
        out.append(
            {
                "code": code,
                "label": str(item["label"]).strip(),
                "points": str(points),
                "required": bool(item.get("required")),
            }
        )
    return out


def save_scheme(
    block,
    actor,
    *,
    title: str,
    year: int | None = None,
    criteria=(),
    bonus=(),
    penalty=(),
    completion_points=100,
    base: BlockScheme | None = None,
) -> BlockScheme:
    """Create a block scheme, or a new version of ``base``. A used version never changes."""
    if not (
        is_block_head(actor, block)
        or (scope_for(actor).has_role(Role.STANDING_BODY) and can(actor, "change", block.authority))
    ):
        raise RegistrationError(
            "Chỉ trưởng khối hoặc cơ quan thường trực được ban hành bộ tiêu chí."
        )
    completion = _decimal(completion_points, "Điểm tỷ lệ hoàn thành")
    if completion is None or completion < 0:
        raise RegistrationError("Điểm tỷ lệ hoàn thành phải là số không âm.")
    data = {
        "title": (title or "").strip() or "Bộ tiêu chí chấm điểm",
        "criteria": _validate_items(criteria, "tiêu chí"),
        "bonus": _validate_items(bonus, "điểm thưởng"),
        "penalty": _validate_items(penalty, "điểm trừ"),
        "completion_points": completion,
    }
    year = year or (base.year if base else block.year)
    with transaction.atomic():
        last = (
            BlockScheme.objects.select_for_update()
            .filter(block=block, year=year)
            .order_by("-version")
            .first()
        )
        scheme = BlockScheme.objects.create(
            block=block,
            year=year,
            version=(last.version + 1) if last else 1,
            previous=base or last,
            created_by=actor,
            **data,
        )
        audit.record(
            scheme,
            "registrations.scheme.create",
            actor,
            unit=block.authority,
            data={"block": block.pk, "version": scheme.version},
        )
    return scheme


def set_score(scheme, unit, actor, *, code: str, points, note: str = "") -> BlockScore:
    if not is_block_head(actor, scheme.block):
        raise RegistrationError("Chỉ trưởng khối được chấm điểm theo bộ tiêu chí.")
    if scheme.used_at is not None:
        raise RegistrationError(
            f"{scheme.label} đã được dùng để xếp hạng, không sửa được; hãy tạo phiên bản mới."
        )
    item = next((i for i in scheme.all_items() if i["code"] == code), None)
    if item is None:
        raise RegistrationError(f"Bộ tiêu chí không có mục “{code}”.")
    score = _decimal(points, "Điểm")
    if score is None or score < 0 or score > Decimal(item["points"]):
        raise RegistrationError(f"Điểm của “{item['label']}” phải từ 0 đến {item['points']}.")
    if item["group"] == "penalty":
        score = -score
    with transaction.atomic():
        row, _ = BlockScore.objects.update_or_create(
            scheme=scheme, unit=unit, code=code, defaults={"points": score, "note": note}
        )
        audit.record(
            scheme,
            "registrations.scheme.score",
            actor,
            unit=unit,
            data={"code": code, "points": str(score)},
        )
    return row


def record_review(
    block,
    campaign,
    actor,
    *,
    meeting_date: date,
    as_at: date,
    attendees=(),
    method="vote",
    votes=None,
    present_count=0,
    conclusion="",
    location="",
    chair="",
    secretary="",
    scheme=None,
    proposed_order=None,
) -> BlockReview:
    """The block head records the review meeting; the proposed order defaults to the
    ranking as at ``as_at``."""
    from .ranking import rank_blocks

    if not is_block_head(actor, block):
        raise RegistrationError("Chỉ trưởng khối được ghi biên bản họp bình xét của khối.")
    if scheme is not None and scheme.block_id != block.pk:
        raise RegistrationError("Bộ tiêu chí không thuộc khối này.")
    if meeting_date < as_at:
        raise RegistrationError("Ngày họp không được trước ngày chốt số liệu.")
    ranking = rank_blocks(campaign, as_at, scheme=scheme, blocks=[block])
    if not ranking.rows:
        raise RegistrationError("Khối chưa có đăng ký thi đua nào để bình xét.")
    by_unit = {r.unit_id: r for r in ranking.rows}
    if proposed_order:
        ids = [int(x) for x in proposed_order]
        if sorted(ids) != sorted(by_unit):
            raise RegistrationError("Thứ tự đề xuất phải gồm đúng các đơn vị đã đăng ký của khối.")
    else:
        ids = [r.unit_id for r in ranking.rows]
    order = [
        {
            "unit_id": u,
            "unit": by_unit[u].unit_name,
            "rate": str(by_unit[u].rate),
            "score": str(by_unit[u].score),
            "rank": by_unit[u].rank,
            "position": i,
        }
        for i, u in enumerate(ids, start=1)
    ]
    votes = {str(k): int(v) for k, v in (votes or {}).items()}
    if method == "vote" and any(v < 0 or v > max(present_count, 0) for v in votes.values()):
        raise RegistrationError("Số phiếu của mỗi đơn vị phải từ 0 đến số đại biểu có mặt.")
    with transaction.atomic():
        review = BlockReview.objects.create(
            block=block,
            campaign=campaign,
            meeting_date=meeting_date,
            as_at=as_at,
            attendees=[a.strip() for a in attendees if a and a.strip()],
            method=method,
            votes=votes,
            present_count=present_count,
            conclusion=conclusion,
            location=location,
            chair=chair,
            secretary=secretary,
            scheme=scheme,
            proposed_order=order,
            recorded_by=actor,
        )
        audit.record(
            review,
            "registrations.review.record",
            actor,
            unit=block.authority,
            data={"campaign": campaign.pk, "basis": ranking.basis},
        )
        notify(
            _users_with_role([campaign.issuer_id], Role.STANDING_BODY),
            f"{block.name} đã họp bình xét, suy tôn ngày {meeting_date:%d/%m/%Y}.",
            reverse("registrations:review", args=[review.pk]),
        )
    return review


def record_check(
    council_member,
    unit,
    actor,
    *,
    check_date: date,
    findings: str,
    recommendations: str = "",
    campaign=None,
) -> QuarterlyCheck:
    scope = scope_for(actor)
    if not scope.is_global and council_member.user_id != actor.pk:
        raise RegistrationError("Chỉ thành viên Hội đồng được phân công mới ghi kết quả kiểm tra.")
    monitored = council_member.blocks.filter(members__unit=unit).exists()
    if not scope.is_global and not monitored:
        raise RegistrationError(f"{unit.name} không thuộc khối được phân công theo dõi.")
    if not (findings or "").strip():
        raise RegistrationError("Chưa nhập kết quả kiểm tra.")
    with transaction.atomic():
        check = QuarterlyCheck.objects.create(
            council_member=council_member,
            unit=unit,
            campaign=campaign,
            check_date=check_date,
            findings=findings.strip(),
            recommendations=recommendations,
            recorded_by=actor,
        )
        audit.record(check, "registrations.check.record", actor, unit=unit)
    return check


# ---- what dossier checks need from registrations -----------------------------------------


def ranking_date(campaign) -> date:
    """Rankings for award proposals are taken at the campaign's end (or today if earlier)."""
    from .snapshots import ranking_date as _ranking_date

    return _ranking_date(campaign)


def block_ranks(campaign, unit_ids=None) -> dict[int, tuple[int, str, int]]:
    """{unit_id: (block_id, block_name, rank)} for the `block_leader` quota rules evaluated
    when a dossier is submitted or appraised, read from the stored ranking (only the blocks
    of `unit_ids` when given).

    The rank is counted among the units still in the running, as the seed 004 plan reads
    ("the leader of the block, with a prior-year rating of hoàn thành tốt or better"): a
    unit ranked first but excluded by its rating does not push the next one down to 2."""
    from .leaders import propose_block_leaders
    from .snapshots import read

    blocks = None
    if unit_ids is not None:
        blocks = set(
            Registration.objects.filter(
                campaign=campaign, unit_id__in=unit_ids, block__isnull=False
            ).values_list("block_id", flat=True)
        )
        if not blocks:
            return {}
    ranking = read(campaign, blocks=blocks)
    excluded = {
        row.unit_id: (row.block_id, row.rank)
        for block in propose_block_leaders(campaign, ranking.as_at, ranking=ranking)
        for row, _reasons in block.excluded
    }
    result = {}
    for r in ranking.rows:
        above = sum(1 for b, rank in excluded.values() if b == r.block_id and rank < r.rank)
        effective = r.rank if r.unit_id in excluded else r.rank - above
        result[r.unit_id] = (r.block_id, r.block_name, effective)
    return result


def prior_ratings(campaign, nominee_keys) -> dict[str, str]:
    """{nominee_key: rating} of the year before the campaign's end, from PriorRating."""
    year = ranking_date(campaign).year - 1
    unit_ids = ids_of_kind(nominee_keys, "unit")
    person_ids = ids_of_kind(nominee_keys, "person")
    result = {}
    for r in PriorRating.objects.filter(year=year).filter(
        Q(unit_id__in=unit_ids) | Q(person_id__in=person_ids)
    ):
        key = nominee_key(unit_id=r.unit_id) if r.unit_id else nominee_key(person_id=r.person_id)
        result[key] = r.rating
    return result
