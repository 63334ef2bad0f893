"""Every write to a dossier: editing, the life cycle transitions, disclosure, upward
bundles. Each transition is guard → change in `transaction.atomic` → audit → notify."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.roles import Role
from thidua.core.states import transition
from thidua.core.text import fold
from thidua.org.enums import UnitKind
from thidua.org.models import Membership, Person, RoleAssignment, Unit

from . import checks, deadlines
from .enums import (
    COUNTING_STATUSES,
    EDITABLE_STATUSES,
    QUEUE_STATUSES,
    ComplaintStatus,
    CouncilResult,
    DossierKind,
    DossierStatus,
    LineResult,
    SubjectKind,
)
from .models import (
    DeadlineException,
    Disclosure,
    Dossier,
    DossierComment,
    DossierVersion,
    Nominee,
    NomineeInitiative,
    NomineeOrigin,
    PublicComment,
)
from .states import DOSSIER

S = DossierStatus


class DossierError(ValidationError):
    """A guard failed; `messages` holds every Vietnamese reason."""


def _err(*messages: str) -> DossierError:
    return DossierError(list(messages))


def url_of(dossier: Dossier) -> str:
    return reverse("dossiers:detail", args=[dossier.pk])


# ---- who is concerned ------------------------------------------------------------------


def users_with(roles: set[str], unit_ids) -> list:
    ids = RoleAssignment.objects.filter(role__in=roles, unit_id__in=list(unit_ids)).values(
        "user_id"
    )
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def proposer_staff(dossier: Dossier) -> list:
    return users_with({Role.UNIT_OFFICER, Role.UNIT_HEAD}, [dossier.proposer_id])


def standing_staff(dossier: Dossier) -> list:
    return users_with({Role.STANDING_BODY}, [dossier.authority_id])


def _move(dossier: Dossier, action: str, actor, reason: str = "", data=None) -> None:
    """The dossier's move `action` from its state table (checked, saved, audited)."""
    transition(DOSSIER, dossier, action, actor, reason=reason, data=data, unit=dossier.proposer)


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("campaign", "proposer")
        .get(pk=dossier.pk)
    )


# ---- editing -----------------------------------------------------------------------------


def authority_for(proposer: Unit, campaign) -> Unit:
    """Campaign dossiers go to the campaign's issuer; others to the proposer's authority
    (a committee proposes its own awards to itself, other units to their authority)."""
    if campaign is not None:
        return campaign.issuer
    auth = proposer.authority()
    if auth.pk == proposer.pk and proposer.parent_id:
        return proposer.parent.authority()
    return auth


@transaction.atomic
def create_dossier(
    actor, proposer: Unit, form_code: str, *, campaign=None, kind: str = "", title: str = ""
) -> Dossier:
    offered = campaign.award_forms if campaign is not None else None
    if (
        offered is not None
        and offered.exists()
        and not offered.filter(form_code=form_code).exists()
    ):
        raise _err("Phong trào này không có hình thức khen thưởng đã chọn.")
    kind = kind or (DossierKind.CAMPAIGN if campaign else DossierKind.SUDDEN)
    if kind not in DossierKind.values:
        raise _err("Loại khen thưởng không hợp lệ.")
    if campaign is None and kind == DossierKind.CAMPAIGN:
        raise _err("Hồ sơ khen thưởng phong trào phải chọn phong trào thi đua.")
    authority = authority_for(proposer, campaign)
    from thidua.legal.models import AwardForm

    on = timezone.localdate()
    try:
        form = AwardForm.on(form_code, checks.form_date(campaign, on))
    except AwardForm.DoesNotExist:
        form = AwardForm.objects.filter(code=form_code).order_by("-valid_from").first()
        if form is None:
            raise _err("Không có hình thức khen thưởng này.") from None
    title = title or f"Đề nghị tặng {form.name}" + (f" — {campaign.title}" if campaign else "")
    dossier = Dossier.objects.create(
        campaign=campaign,
        kind=kind,
        form_code=form_code,
        proposer=proposer,
        authority=authority,
        title=title[:500],
        created_by=actor,
        is_upward=not checks.can_grant(authority, form_code, form.valid_from),
    )
    audit.record(dossier, "dossiers.dossier.created", actor, unit=proposer, to_state=S.DRAFT)
    return dossier


def _require_editable(dossier: Dossier) -> None:
    if dossier.status not in EDITABLE_STATUSES:
        raise _err(f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”, không sửa được.")


@transaction.atomic
def update_meeting(dossier: Dossier, actor, *, meeting_date, attendees, total, title=None):
    dossier = _lock(dossier)
    _require_editable(dossier)
    if attendees is not None and total is not None and attendees > total:
        raise _err("Số người dự họp không được lớn hơn tổng số thành viên.")
    dossier.meeting_date, dossier.meeting_attendees, dossier.meeting_total = (
        meeting_date,
        attendees,
        total,
    )
    fields = ["meeting_date", "meeting_attendees", "meeting_total", "updated_at"]
    if title:
        dossier.title = title[:500]
        fields.append("title")
    dossier.save(update_fields=fields)
    audit.record(
        dossier,
        "dossiers.dossier.meeting",
        actor,
        unit=dossier.proposer,
        data={"date": str(meeting_date), "attendees": attendees, "total": total},
    )
    return dossier


def find_or_create_person(actor, proposer: Unit, data: dict) -> Person:
    """One record per human: match by citizen ID, then personnel code; else create."""
    cid = (data.get("citizen_id") or "").strip() or None
    code = (data.get("personnel_code") or "").strip() or None
    if not cid and not code:
        raise _err("Nhập số CCCD hoặc mã cán bộ để không tạo trùng cá nhân.")
    person = None
    if cid:
        person = Person.objects.filter(citizen_id=cid).first()
    if person is None and code:
        person = Person.objects.filter(personnel_code=code).first()
    if person is not None:
        if cid and person.citizen_id and person.citizen_id != cid:
            raise _err("Mã cán bộ đã thuộc một người có số CCCD khác.")
        return person
    name = " ".join((data.get("full_name") or "").split())
    if len(name) < 2:
        raise _err("Nhập họ và tên người được đề nghị.")
    unit = data.get("unit") or proposer
    if not unit.path.startswith(proposer.path):
        raise _err("Cá nhân mới phải thuộc đơn vị đề nghị hoặc đơn vị trực thuộc.")
    category = data.get("category") or "nguoi_lao_dong"
    person = Person.objects.create(
        full_name=name,
        gender=data.get("gender") or "nam",
        birth_date=data.get("birth_date"),
        ethnicity=data.get("ethnicity") or "Kinh",
        category=category,
        position=data.get("position") or "",
        citizen_id=cid,
        personnel_code=code,
        unit=unit,
        is_direct_worker=Person.default_direct_worker(category),
    )
    Membership.objects.create(person=person, unit=unit, position=person.position)
    audit.record(person, "org.person.created", actor, unit=unit, data={"via": "dossier"})
    return person


def new_collective(actor, proposer: Unit, name: str) -> Unit:
    """A collective entered once is kept as a TEAM unit under the proposer."""
    name = " ".join(name.split())
    if len(name) < 3:
        raise _err("Nhập tên tập thể.")
    existing = Unit.objects.filter(
        parent=proposer, kind=UnitKind.TEAM, search_text__startswith=fold(name)
    ).first()
    if existing and fold(existing.name) == fold(name):
        return existing
    code = f"{proposer.code}_TT{Unit.objects.filter(parent=proposer).count() + 1}"
    while Unit.objects.filter(code=code).exists():
        code += "X"
    unit = Unit.objects.create(code=code[:40], name=name, kind=UnitKind.TEAM, parent=proposer)
    audit.record(unit, "org.unit.created", actor, unit=unit, data={"via": "dossier"})
    return unit


def _achievement_key(text: str) -> str:
    folded = fold(text)
    return hashlib.sha256(folded.encode()).hexdigest() if folded else ""


@transaction.atomic
def add_nominee(
    dossier: Dossier,
    actor,
    *,
    subject_kind: str,
    person=None,
    unit=None,
    household=None,
    new_person: dict | None = None,
    collective_name: str = "",
    category: str = "",
    achievements: str = "",
    votes_for=None,
    prior_rating: str = "",
) -> Nominee:
    dossier = _lock(dossier)
    _require_editable(dossier)
    if subject_kind not in SubjectKind.values:
        raise _err("Loại đối tượng không hợp lệ.")
    proposer = dossier.proposer
    if subject_kind == SubjectKind.INDIVIDUAL:
        if person is None and new_person:
            person = find_or_create_person(actor, proposer, new_person)
        if person is None:
            raise _err("Chọn cá nhân hoặc nhập cá nhân mới.")
        unit = household = None
        name = person.full_name
        category = category or person.category
    elif subject_kind == SubjectKind.HOUSEHOLD:
        if household is None:
            raise _err("Chọn hộ gia đình.")
        person = unit = None
        name = str(household)
        category = category or household.category
    else:
        if unit is None and collective_name:
            unit = new_collective(actor, proposer, collective_name)
        if unit is None:
            raise _err("Chọn tập thể, địa phương hoặc nhập tên tập thể mới.")
        person = household = None
        name = unit.name
    for obj in (person, unit, household):
        path = getattr(getattr(obj, "unit", obj), "path", None) if obj is not None else None
        if path is not None and not _within(proposer, path, dossier):
            raise _err(f"{name} không thuộc phạm vi của {proposer.name}.")
    key_q = Q(person=person) if person else Q(household=household) if household else Q(unit=unit)
    if dossier.nominees.filter(key_q).exists():
        raise _err(f"{name} đã có trong hồ sơ.")
    nominee = Nominee.objects.create(
        dossier=dossier,
        subject_kind=subject_kind,
        person=person,
        unit=unit,
        household=household,
        name=name,
        category=category or "",
        achievements=achievements,
        order=dossier.nominees.count() + 1,
    )
    _save_facts(nominee, votes_for=votes_for, prior_rating=prior_rating)
    audit.record(
        dossier,
        "dossiers.nominee.added",
        actor,
        unit=proposer,
        data={"nominee": nominee.pk, "name": name},
    )
    return nominee


def _within(proposer: Unit, path: str, dossier: Dossier) -> bool:
    """A unit nominates inside its own subtree; an authority's own dossier (upward) may
    nominate anyone under it."""
    return path.startswith(proposer.path)


FACT_FIELDS = [
    "is_woman",
    "is_ethnic_minority",
    "is_direct_worker",
    "votes_for",
    "prior_rating",
    "achievement_key",
]


def _save_facts(nominee: Nominee, *, votes_for=None, prior_rating: str = "") -> None:
    """Copy the statistics of the line from its person or household and save them."""
    person = nominee.person
    household = nominee.household
    nominee.is_woman = bool(person and person.gender == "nu")
    nominee.is_ethnic_minority = bool(person and person.is_ethnic_minority) or bool(
        household and household.ethnicity.strip().lower() != "kinh"
    )
    nominee.is_direct_worker = bool(person and person.is_direct_worker)
    nominee.votes_for = votes_for
    nominee.prior_rating = prior_rating or ""
    nominee.achievement_key = _achievement_key(nominee.achievements)
    nominee.save(update_fields=FACT_FIELDS)


@transaction.atomic
def update_nominee(
    nominee: Nominee,
    actor,
    *,
    achievements: str,
    category: str | None = None,
    votes_for=None,
    prior_rating: str = "",
) -> Nominee:
    dossier = _lock(nominee.dossier)
    _require_editable(dossier)
    before = nominee.achievements
    nominee.achievements = achievements
    if category is not None:
        nominee.category = category
    nominee.save(update_fields=["achievements", "category"])
    _save_facts(nominee, votes_for=votes_for, prior_rating=prior_rating)
    audit.record(
        dossier,
        "dossiers.nominee.changed",
        actor,
        unit=dossier.proposer,
        data={"nominee": nominee.pk, "before": before[:500]},
    )
    return nominee


@transaction.atomic
def remove_nominee(nominee: Nominee, actor) -> None:
    dossier = _lock(nominee.dossier)
    _require_editable(dossier)
    audit.record(
        dossier,
        "dossiers.nominee.removed",
        actor,
        unit=dossier.proposer,
        data={"nominee": nominee.pk, "name": nominee.name},
    )
    nominee.delete()


@transaction.atomic
def link_initiative(nominee: Nominee, actor, initiative) -> NomineeInitiative:
    _require_editable(_lock(nominee.dossier))
    if initiative.status != "recognised":
        raise _err(f"Sáng kiến “{initiative.title}” chưa được công nhận.")
    used = (
        NomineeInitiative.objects.filter(initiative=initiative)
        .select_related("nominee__dossier")
        .first()
    )
    if used:
        raise _err(
            f"Sáng kiến “{initiative.title}” đã được dùng làm căn cứ cho {used.nominee.name} "
            f"(hồ sơ số {used.nominee.dossier_id}); mỗi sáng kiến chỉ dùng một lần."
        )
    try:
        with transaction.atomic():
            link = NomineeInitiative.objects.create(nominee=nominee, initiative=initiative)
    except IntegrityError:
        raise _err(f"Sáng kiến “{initiative.title}” đã được dùng làm căn cứ.") from None
    audit.record(
        nominee.dossier,
        "dossiers.initiative.linked",
        actor,
        data={"nominee": nominee.pk, "initiative": initiative.pk},
    )
    return link


# ---- snapshots ---------------------------------------------------------------------------


def snapshot(dossier: Dossier) -> dict:
    nominees = dossier.nominees.prefetch_related("initiative_links")
    return {
        "title": dossier.title,
        "form_code": dossier.form_code,
        "meeting": {
            "date": str(dossier.meeting_date or ""),
            "attendees": dossier.meeting_attendees,
            "total": dossier.meeting_total,
        },
        "nominees": [
            {
                "key": n.nominee_key,
                "name": n.name,
                "subject_kind": n.subject_kind,
                "category": n.category,
                "achievements": n.achievements,
                "votes_for": n.votes_for,
                "initiatives": sorted(li.initiative_id for li in n.initiative_links.all()),
            }
            for n in nominees
        ],
        "documents": sorted(
            f"{d.doc_type}:{d.sha256[:12]}" for d in dossier.documents.filter(generated=False)
        ),
    }


def diff_snapshots(old: dict, new: dict) -> list[str]:
    """Human-readable differences between two versions, in Vietnamese."""
    out = []
    if old.get("title") != new.get("title"):
        out.append(f"Trích yếu: “{old.get('title')}” → “{new.get('title')}”.")
    if old.get("meeting") != new.get("meeting"):
        out.append("Thông tin cuộc họp xét đã thay đổi.")
    before = {n["key"]: n for n in old.get("nominees", [])}
    after = {n["key"]: n for n in new.get("nominees", [])}
    for key in after.keys() - before.keys():
        out.append(f"Thêm: {after[key]['name']}.")
    for key in before.keys() - after.keys():
        out.append(f"Bỏ: {before[key]['name']}.")
    for key in before.keys() & after.keys():
        a, b = before[key], after[key]
        for field, label in (
            ("achievements", "thành tích"),
            ("category", "phân loại"),
            ("votes_for", "số phiếu"),
            ("initiatives", "sáng kiến"),
        ):
            if a.get(field) != b.get(field):
                out.append(f"{b['name']}: sửa {label}.")
    added = set(new.get("documents", [])) - set(old.get("documents", []))
    if added:
        out.append(f"Tài liệu mới: {len(added)} tệp.")
    return out


# ---- life cycle --------------------------------------------------------------------------


def submit(dossier: Dossier, actor, now=None) -> Dossier:
    """Submit or resubmit. The campaign row is locked first, so two submissions of the same
    campaign count quotas one after the other and can never exceed them together."""
    now = now or timezone.now()
    with transaction.atomic():
        if dossier.campaign_id:
            from thidua.campaigns.models import Campaign

            Campaign.objects.select_for_update().get(pk=dossier.campaign_id)
        dossier = _lock(dossier)
        action = "resubmitted" if dossier.status == S.RETURNED else "submitted"
        DOSSIER.check(dossier, action)
        errors = checks.check_submission(dossier, now)
        if errors:
            raise DossierError(errors)
        dossier.version += 1
        dossier.submitted_at = now
        dossier.save(update_fields=["version", "submitted_at"])
        DossierVersion.objects.create(
            dossier=dossier, version=dossier.version, snapshot=snapshot(dossier), created_by=actor
        )
        dossier.return_items = []
        dossier.save(update_fields=["return_items"])
        _move(dossier, action, actor, data={"version": dossier.version})
        notify(
            standing_staff(dossier),
            f"{dossier.proposer.name} đã nộp hồ sơ: {dossier.title}",
            url_of(dossier),
        )
    return dossier


def _require_queue(dossier: Dossier, allowed=QUEUE_STATUSES) -> None:
    if dossier.status not in allowed:
        raise _err(f"Hồ sơ đang “{dossier.get_status_display()}”, không thực hiện được.")


@transaction.atomic
def return_dossier(dossier: Dossier, actor, items: list[tuple[str, str]]) -> Dossier:
    """Return for correction; `items` are (what, reason) pairs the unit sees as a list."""
    dossier = _lock(dossier)
    DOSSIER.check(dossier, "returned")
    items = [(w.strip(), r.strip()) for w, r in items if r and r.strip()]
    if not items:
        raise _err("Nêu ít nhất một nội dung cần hoàn thiện và lý do.")
    dossier.return_items = [{"item": w or "Hồ sơ", "reason": r} for w, r in items]
    dossier.save(update_fields=["return_items"])
    reason = "; ".join(f"{w or 'Hồ sơ'}: {r}" for w, r in items)
    _move(dossier, "returned", actor, reason, {"items": dossier.return_items})
    notify(
        proposer_staff(dossier),
        f"Hồ sơ “{dossier.title}” bị trả lại để hoàn thiện: {reason}",
        url_of(dossier),
    )
    return dossier


@transaction.atomic
def assign(dossier: Dossier, actor, officer) -> Dossier:
    dossier = _lock(dossier)
    before = dossier.assigned_to
    if before == officer:
        return dossier
    dossier.assigned_to = officer
    dossier.save(update_fields=["assigned_to", "updated_at"])
    audit.record(
        dossier,
        "dossiers.dossier.assigned",
        actor,
        unit=dossier.proposer,
        from_state=before.username if before else "",
        to_state=officer.username if officer else "",
        reason="Bàn giao hồ sơ" if before else "Phân công thẩm định",
    )
    if officer:
        notify([officer], f"Bạn được phân công thẩm định hồ sơ: {dossier.title}", url_of(dossier))
    return dossier


@transaction.atomic
def save_checklist(dossier: Dossier, actor, items: dict, nominee_items: dict[int, dict]) -> None:
    dossier = _lock(dossier)
    _require_queue(dossier)
    dossier.checklist = {k: bool(v) for k, v in items.items()}
    dossier.save(update_fields=["checklist"])
    for n in dossier.nominees.all():
        if n.pk in nominee_items:
            n.checklist = {k: bool(v) for k, v in nominee_items[n.pk].items()}
            n.save(update_fields=["checklist"])
    audit.record(
        dossier,
        "dossiers.dossier.checklist",
        actor,
        unit=dossier.proposer,
        data={"dossier": dossier.checklist},
    )


@transaction.atomic
def add_comment(dossier: Dossier, actor, text: str, nominee=None) -> DossierComment:
    text = text.strip()
    if not text:
        raise _err("Nhập nội dung trao đổi.")
    c = DossierComment.objects.create(
        dossier=dossier, author=actor, text=text[:4000], nominee=nominee
    )
    audit.record(
        dossier, "dossiers.dossier.comment", actor, unit=dossier.proposer, data={"comment": c.pk}
    )
    others = [u for u in proposer_staff(dossier) + standing_staff(dossier) if u != actor]
    notify(others, f"Trao đổi mới về hồ sơ “{dossier.title}”", url_of(dossier))
    return c


@transaction.atomic
def appraise_line(
    nominee: Nominee, actor, result: str, reason: str = "", wording: str = ""
) -> Nominee:
    dossier = _lock(nominee.dossier)
    _require_queue(dossier)
    if result not in (LineResult.ELIGIBLE, LineResult.INELIGIBLE):
        raise _err("Chọn kết quả: đủ hoặc không đủ điều kiện.")
    if result == LineResult.INELIGIBLE and not reason.strip():
        raise _err(f"{nominee.name}: nêu lý do không đủ điều kiện.")
    if result == LineResult.ELIGIBLE and not wording.strip():
        wording = f"Đã có thành tích xuất sắc trong {dossier.campaign.title if dossier.campaign else 'công tác'}"
    before = nominee.result
    nominee.result, nominee.result_reason, nominee.certificate_wording = (
        result,
        reason.strip(),
        wording.strip(),
    )
    nominee.save(update_fields=["result", "result_reason", "certificate_wording"])
    audit.record(
        dossier,
        "dossiers.nominee.appraised",
        actor,
        unit=dossier.proposer,
        from_state=before,
        to_state=result,
        reason=reason,
        data={"nominee": nominee.pk, "name": nominee.name},
    )
    return nominee


@transaction.atomic
def finish_appraisal(dossier: Dossier, actor, now=None) -> Dossier:
    """Appraised when every line is decided and one is eligible; rejected when none is.
    Quotas are checked again on the eligible lines."""
    if dossier.campaign_id:
        from thidua.campaigns.models import Campaign

        Campaign.objects.select_for_update().get(pk=dossier.campaign_id)
    dossier = _lock(dossier)
    DOSSIER.check(dossier, "appraised")
    lines = list(dossier.nominees.select_related("unit"))
    pending = [n.name for n in lines if n.result == LineResult.PENDING]
    if pending:
        raise _err("Chưa có kết quả thẩm định cho: " + ", ".join(pending) + ".")
    eligible = [n for n in lines if n.result == LineResult.ELIGIBLE]
    if not eligible:
        _move(dossier, "rejected", actor, "Không có dòng đề nghị đủ điều kiện.")
        _release_initiatives(dossier)
        notify(
            proposer_staff(dossier), f"Hồ sơ “{dossier.title}” không đủ điều kiện.", url_of(dossier)
        )
        return dossier
    errors = checks.quota_failures(dossier, eligible)
    if errors:
        raise DossierError(errors)
    n_ok = len(eligible)
    _move(
        dossier,
        "appraised",
        actor,
        f"{n_ok}/{len(lines)} dòng đủ điều kiện.",
        {"eligible": [n.pk for n in eligible]},
    )
    notify(
        proposer_staff(dossier),
        f"Hồ sơ “{dossier.title}” đã thẩm định: {n_ok}/{len(lines)} đủ điều kiện.",
        url_of(dossier),
    )
    return dossier


def _release_initiatives(dossier: Dossier) -> None:
    NomineeInitiative.objects.filter(nominee__dossier=dossier).delete()


@transaction.atomic
def reject(dossier: Dossier, actor, reason: str) -> Dossier:
    dossier = _lock(dossier)
    DOSSIER.check(dossier, "rejected")
    if not reason.strip():
        raise _err("Nêu lý do không chấp nhận hồ sơ.")
    _move(dossier, "rejected", actor, reason.strip())
    _release_initiatives(dossier)
    notify(
        proposer_staff(dossier),
        f"Hồ sơ “{dossier.title}” không được chấp nhận: {reason}",
        url_of(dossier),
    )
    return dossier


@transaction.atomic
def withdraw(dossier: Dossier, actor, reason: str = "") -> Dossier:
    dossier = _lock(dossier)
    _move(dossier, "withdrawn", actor, reason.strip() or "Đơn vị rút hồ sơ.")
    _release_initiatives(dossier)
    notify(
        standing_staff(dossier) + proposer_staff(dossier),
        f"Hồ sơ “{dossier.title}” đã được rút.",
        url_of(dossier),
    )
    return dossier


@transaction.atomic
def open_deadline_exception(
    campaign, unit: Unit, until: date, reason: str, actor
) -> DeadlineException:
    if not reason.strip():
        raise _err("Nêu lý do cho phép nộp muộn.")
    due = campaign.deadline("dossier")
    if due and until <= due:
        raise _err(f"Ngày gia hạn phải sau hạn nộp chung ({due:%d/%m/%Y}).")
    exc, created = DeadlineException.objects.update_or_create(
        campaign=campaign,
        unit=unit,
        defaults={"until": until, "reason": reason.strip(), "created_by": actor},
    )
    audit.record(
        exc.campaign,
        "dossiers.deadline_exception.opened",
        actor,
        unit=unit,
        to_state=str(until),
        reason=reason,
        data={"unit": unit.pk, "new": created},
    )
    notify(
        users_with({Role.UNIT_OFFICER, Role.UNIT_HEAD}, [unit.pk]),
        f"Đơn vị được nộp hồ sơ “{campaign.title}” đến hết ngày {until:%d/%m/%Y}.",
    )
    return exc


# ---- disclosure and complaints ------------------------------------------------------------


def disclosure_days(on: date) -> int:
    from thidua.legal.models import LegalSetting

    value = LegalSetting.value_on("disclosure_days", on, default=5)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 5


@transaction.atomic
def publish_disclosure(
    campaign, actor, days: int | None = None, start: date | None = None
) -> Disclosure:
    start = start or timezone.localdate()
    days = days or disclosure_days(start)
    if days < 1 or days > 60:
        raise _err("Số ngày công khai phải từ 1 đến 60.")
    dossiers = list(
        Dossier.objects.select_for_update().filter(
            campaign=campaign, status__in=[S.APPRAISED, S.APPROVED]
        )
    )
    lines = list(Nominee.objects.filter(dossier__in=dossiers, result=LineResult.ELIGIBLE))
    if not lines:
        raise _err("Chưa có hồ sơ đã thẩm định đủ điều kiện để công khai.")
    disc = Disclosure.objects.create(
        campaign=campaign,
        authority=campaign.issuer,
        start=start,
        end=start + timedelta(days=days - 1),
        published_by=actor,
    )
    disc.nominees.set(lines)
    for d in dossiers:
        _move(d, "disclosed", actor, f"Công khai {days} ngày", {"disclosure": disc.pk})
        notify(
            proposer_staff(d),
            f"Danh sách đề nghị khen thưởng đã được công khai: {campaign.title}",
            url_of(d),
        )
    audit.record(
        campaign,
        "dossiers.disclosure.published",
        actor,
        unit=campaign.issuer,
        data={"disclosure": disc.pk, "lines": len(lines), "days": days},
    )
    return disc


@transaction.atomic
def add_public_comment(
    disclosure: Disclosure, *, name: str, contact: str, text: str, ip: str | None
):
    today = timezone.localdate()
    if not (disclosure.start <= today <= disclosure.end):
        raise _err("Thời gian nhận góp ý đã kết thúc.")
    comment = PublicComment.objects.create(
        disclosure=disclosure, name=name.strip(), contact=contact.strip(), text=text.strip(), ip=ip
    )
    notify(
        users_with({Role.STANDING_BODY}, [disclosure.authority_id]),
        f"Góp ý mới về danh sách công khai: {disclosure.campaign.title}",
        reverse("dossiers:complaints"),
    )
    return comment


@transaction.atomic
def record_complaint(
    authority: Unit,
    actor,
    *,
    kind,
    complainant,
    contact,
    content,
    received_on,
    answer_due=None,
    nominee=None,
    disclosure=None,
):
    from .models import Complaint

    if not content.strip() or not complainant.strip():
        raise _err("Nhập người gửi và nội dung.")
    due = answer_due or deadlines.add_working_days(received_on, 10)
    if due < received_on:
        raise _err("Hạn trả lời không được trước ngày nhận.")
    c = Complaint.objects.create(
        authority=authority,
        kind=kind,
        complainant=complainant.strip(),
        contact=contact,
        content=content.strip(),
        received_on=received_on,
        answer_due=due,
        nominee=nominee,
        disclosure=disclosure,
        created_by=actor,
    )
    audit.record(c, "dossiers.complaint.received", actor, unit=authority, to_state=c.status)
    return c


@transaction.atomic
def answer_complaint(complaint, actor, answer: str, on: date | None = None):
    if complaint.status == ComplaintStatus.ANSWERED:
        raise _err("Đơn này đã được trả lời.")
    if not answer.strip():
        raise _err("Nhập nội dung trả lời.")
    complaint.answer, complaint.answered_on = answer.strip(), on or timezone.localdate()
    complaint.status = ComplaintStatus.ANSWERED
    complaint.save(update_fields=["answer", "answered_on", "status"])
    audit.record(
        complaint,
        "dossiers.complaint.answered",
        actor,
        unit=complaint.authority,
        from_state=ComplaintStatus.OPEN,
        to_state=ComplaintStatus.ANSWERED,
    )
    return complaint


# ---- the council and decisions (called by the council and awards apps) --------------------


@transaction.atomic
def mark_in_council(dossier: Dossier, actor) -> Dossier:
    dossier = _lock(dossier)
    _move(dossier, "in_council", actor)
    return dossier


@transaction.atomic
def record_council_result(nominee: Nominee, approved: bool, actor) -> Nominee:
    dossier = _lock(nominee.dossier)
    DOSSIER.check(dossier, "council_approved")
    if nominee.result != LineResult.ELIGIBLE:
        raise _err(f"{nominee.name} không đủ điều kiện nên không trình Hội đồng.")
    nominee.council_result = CouncilResult.APPROVED if approved else CouncilResult.NOT_APPROVED
    nominee.save(update_fields=["council_result"])
    audit.record(
        dossier,
        "dossiers.nominee.council",
        actor,
        unit=dossier.proposer,
        to_state=nominee.council_result,
        data={"nominee": nominee.pk},
    )
    eligible = Nominee.objects.filter(dossier=dossier, result=LineResult.ELIGIBLE)
    if not eligible.filter(council_result=CouncilResult.PENDING).exists():
        any_ok = eligible.filter(council_result=CouncilResult.APPROVED).exists()
        _move(dossier, "council_approved" if any_ok else "council_not_approved", actor)
        notify(
            proposer_staff(dossier), f"Hội đồng đã xét hồ sơ “{dossier.title}”.", url_of(dossier)
        )
    return nominee


@transaction.atomic
def mark_decided(dossier: Dossier, decision, actor) -> Dossier:
    dossier = _lock(dossier)
    _move(dossier, "decided", actor, str(decision), {"decision": decision.pk})
    notify(
        proposer_staff(dossier),
        f"Đã có quyết định khen thưởng cho hồ sơ “{dossier.title}”.",
        url_of(dossier),
    )
    return dossier


# ---- going upward ------------------------------------------------------------------------


def upward_candidates(campaign, form_code: str):
    """Lines of the campaign for a form the issuer cannot grant, passed by appraisal (and by
    the council when it has voted), not yet bundled."""
    return (
        Nominee.objects.filter(
            dossier__campaign=campaign,
            dossier__form_code=form_code,
            result=LineResult.ELIGIBLE,
            upward_links__isnull=True,
            dossier__status__in=[S.APPRAISED, S.DISCLOSED, S.APPROVED, S.DECIDED],
        )
        .exclude(council_result=CouncilResult.NOT_APPROVED)
        .exclude(dossier__proposer=campaign.issuer)
        .select_related("dossier__proposer", "person", "unit", "household")
    )


@transaction.atomic
def bundle_upward(campaign, actor, form_code: str, nominee_ids: list[int]) -> Dossier:
    """The issuer's standing body proposes chosen lines to the parent authority."""
    from thidua.campaigns.models import Campaign

    Campaign.objects.select_for_update().get(pk=campaign.pk)
    city = campaign.issuer
    parent = city.parent.authority() if city.parent_id else None
    if parent is None or parent.pk == city.pk:
        raise _err(f"{city.name} không có cấp trên để đề nghị.")
    sources = list(upward_candidates(campaign, form_code).filter(pk__in=nominee_ids))
    if not sources or len(sources) != len(set(nominee_ids)):
        raise _err("Chọn các dòng đã thẩm định đủ điều kiện, chưa được đề nghị lên cấp trên.")
    dossier = Dossier.objects.create(
        campaign=campaign,
        kind=DossierKind.CAMPAIGN,
        form_code=form_code,
        proposer=city,
        authority=parent,
        title=f"Đề nghị {parent.name} khen thưởng — {campaign.title}"[:500],
        created_by=actor,
        origin=sources[0].dossier,
        is_upward=not checks.can_grant(parent, form_code, timezone.localdate()),
    )
    for i, src in enumerate(sources, start=1):
        line = Nominee.objects.create(
            dossier=dossier,
            subject_kind=src.subject_kind,
            person=src.person,
            unit=src.unit,
            household=src.household,
            name=src.name,
            category=src.category,
            achievements=src.achievements,
            order=i,
        )
        NomineeOrigin.objects.create(nominee=line, source=src)
        _save_facts(line, votes_for=src.votes_for)
    for d in {s.dossier for s in sources}:
        audit.record(
            d,
            "dossiers.dossier.bundled_upward",
            actor,
            unit=d.proposer,
            data={"upward": dossier.pk},
        )
    audit.record(
        dossier,
        "dossiers.dossier.created",
        actor,
        unit=city,
        to_state=S.DRAFT,
        data={"sources": [s.pk for s in sources]},
    )
    return dossier


# ---- reading helpers ----------------------------------------------------------------------


def time_in_states(dossier: Dossier, now=None) -> list[tuple[str, timedelta]]:
    """How long the dossier spent in each state, from its audit events."""
    from thidua.core.models import AuditEvent

    now = now or timezone.now()
    events = (
        AuditEvent.objects.for_object(dossier)
        .exclude(to_state="")
        .filter(action__startswith="dossiers.dossier.")
        .order_by("created_at", "pk")
    )
    spans: dict[str, timedelta] = {}
    prev_state, prev_at = None, None
    for e in events:
        if e.to_state not in S.values:
            continue
        if prev_state is not None:
            spans[prev_state] = spans.get(prev_state, timedelta()) + (e.created_at - prev_at)
        prev_state, prev_at = e.to_state, e.created_at
    if prev_state is not None:
        spans[prev_state] = spans.get(prev_state, timedelta()) + (now - prev_at)
    return [(S(k).label, v) for k, v in spans.items()]


def counting(dossier: Dossier) -> bool:
    return dossier.status in COUNTING_STATUSES
