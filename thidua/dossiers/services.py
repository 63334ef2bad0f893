"""Every write to a dossier's life cycle: editing, the transitions of its state table,
the hooks the council and decision steps call. Each transition is guard → change in
`transaction.atomic` (through `states.DOSSIER`) → audit → notify.

Disclosure, complaints and upward bundles have their own modules (`disclosure`,
`complaints`, `upward`); persons and collectives are created by `thidua.org.people`."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from thidua.core import audit
from thidua.core.documents import award_display_name
from thidua.core.notify import notify
from thidua.core.roles import Role
from thidua.core.states import transition
from thidua.core.text import fold
from thidua.legal import read as legal
from thidua.org import people
from thidua.org.models import RoleAssignment, Unit

from . import checks
from .enums import (
    COUNTING_STATUSES,
    EDITABLE_STATUSES,
    QUEUE_STATUSES,
    CouncilResult,
    DossierKind,
    DossierStatus,
    LineResult,
    SubjectKind,
)
from .models import (
    DeadlineException,
    Dossier,
    DossierComment,
    DossierVersion,
    Nominee,
    NomineeInitiative,
)
from .states import DOSSIER


class DossierError(ValidationError):
    """A guard failed; `messages` holds every Vietnamese reason."""


def _refused(*messages: str) -> DossierError:
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


def move_dossier(
    dossier: Dossier, action: str, actor, reason: str = "", data=None, update_fields=()
) -> None:
    """The dossier's move `action` from its state table (checked, saved, audited);
    `update_fields`: other fields of the dossier saved by the same UPDATE."""
    transition(
        DOSSIER,
        dossier,
        action,
        actor,
        reason=reason,
        data=data,
        unit=dossier.proposer,
        update_fields=update_fields,
    )


def _lock(dossier: Dossier, columns: dict | None = None) -> Dossier:
    """The dossier read again with its row lock, its campaign and proposer; `columns`:
    annotations read with it (e.g. `checks.submission_columns()`)."""
    qs = Dossier.objects.select_for_update(of=("self",)).select_related("campaign", "proposer")
    if columns:
        qs = qs.annotate(**columns)
    return qs.get(pk=dossier.pk)


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
    # a campaign that lists its award forms offers only those (one query for both checks)
    offered = (
        set(campaign.award_forms.values_list("form_code", flat=True))
        if campaign is not None
        else set()
    )
    if offered and form_code not in offered:
        raise _refused("Phong trào này không có hình thức khen thưởng đã chọn.")
    kind = kind or (DossierKind.CAMPAIGN if campaign else DossierKind.SUDDEN)
    if kind not in DossierKind.values:
        raise _refused("Loại khen thưởng không hợp lệ.")
    if campaign is None and kind == DossierKind.CAMPAIGN:
        raise _refused("Hồ sơ khen thưởng phong trào phải chọn phong trào thi đua.")
    authority = authority_for(proposer, campaign)
    on = timezone.localdate()
    try:
        form = legal.award_form(form_code, checks.form_date(campaign, on))
    except legal.AwardFormMissing:
        form = legal.award_form_or_none(form_code)
        if form is None:
            raise _refused("Không có hình thức khen thưởng này.") from None
    form_name = award_display_name(form_code, form.name, authority)
    title = title or f"Đề nghị tặng {form_name}" + (f" — {campaign.title}" if campaign else "")
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
    audit.record(
        dossier, "dossiers.dossier.created", actor, unit=proposer, to_state=DossierStatus.DRAFT
    )
    return dossier


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "The dossier must be read with its row lock inside the caller's transaction."
        )


def _require_editable(dossier: Dossier) -> None:
    if dossier.status not in EDITABLE_STATUSES:
        raise _refused(f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”, không sửa được.")


@transaction.atomic
def update_meeting(dossier: Dossier, actor, **fields):
    return update_meeting_locked(_lock(dossier), actor, **fields)


def update_meeting_locked(
    dossier: Dossier,
    actor,
    *,
    meeting_date,
    attendees,
    total,
    title=None,
    chair: str | None = None,
    secretary: str | None = None,
    start=None,
    end=None,
):
    """`update_meeting` of a dossier the caller read with its row lock, in the caller's own
    transaction (which an error here must roll back): see `views.meeting`."""
    _require_transaction()
    _require_editable(dossier)
    if attendees is not None and total is not None and attendees > total:
        raise _refused("Số người dự họp không được lớn hơn tổng số thành viên.")
    if start and end and end <= start:
        raise _refused("Giờ kết thúc cuộc họp phải sau giờ bắt đầu.")
    dossier.meeting_date, dossier.meeting_attendees, dossier.meeting_total = (
        meeting_date,
        attendees,
        total,
    )
    fields = ["meeting_date", "meeting_attendees", "meeting_total", "updated_at"]
    if chair is not None:
        dossier.meeting_chair, dossier.meeting_secretary = chair.strip(), (secretary or "").strip()
        dossier.meeting_start, dossier.meeting_end = start, end
        fields += ["meeting_chair", "meeting_secretary", "meeting_start", "meeting_end"]
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


def _person(create, actor, proposer: Unit, data):
    """A person or collective from the org app, its refusal as this app's error."""
    try:
        return create(actor, proposer, data)
    except people.PersonError as exc:
        raise DossierError(exc.messages) from None


def _achievement_key(text: str) -> str:
    folded = fold(text)
    return hashlib.sha256(folded.encode()).hexdigest() if folded else ""


@transaction.atomic
def add_nominee(dossier: Dossier, actor, **fields) -> Nominee:
    return add_nominee_locked(_lock(dossier), actor, **fields)


def add_nominee_locked(
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
    """`add_nominee` of a dossier the caller read with its row lock, in the caller's own
    transaction (which an error here must roll back: a new person may have been written
    before a refusal): see `views.nominee_add`."""
    _require_transaction()
    _require_editable(dossier)
    if subject_kind not in SubjectKind.values:
        raise _refused("Loại đối tượng không hợp lệ.")
    proposer = dossier.proposer
    if subject_kind == SubjectKind.INDIVIDUAL:
        if person is None and new_person:
            person = _person(people.find_or_create_person, actor, proposer, new_person)
        if person is None:
            raise _refused("Chọn cá nhân hoặc nhập cá nhân mới.")
        unit = household = None
        name = person.full_name
        category = category or person.category
    elif subject_kind == SubjectKind.HOUSEHOLD:
        if household is None:
            raise _refused("Chọn hộ gia đình.")
        person = unit = None
        name = str(household)
        category = category or household.category
    else:
        if unit is None and collective_name:
            unit = _person(people.new_collective, actor, proposer, collective_name)
        if unit is None:
            raise _refused("Chọn tập thể, địa phương hoặc nhập tên tập thể mới.")
        person = household = None
        name = unit.name
    for obj in (person, unit, household):
        path = getattr(getattr(obj, "unit", obj), "path", None) if obj is not None else None
        if path is not None and not _within(proposer, path, dossier):
            raise _refused(f"{name} không thuộc phạm vi của {proposer.name}.")
    key_q = Q(person=person) if person else Q(household=household) if household else Q(unit=unit)
    # the lines of the dossier and those of this subject, in one query
    lines = dossier.nominees.aggregate(all=Count("pk"), same=Count("pk", filter=key_q))
    if lines["same"]:
        raise _refused(f"{name} đã có trong hồ sơ.")
    nominee = Nominee(
        dossier=dossier,
        subject_kind=subject_kind,
        person=person,
        unit=unit,
        household=household,
        name=name,
        category=category or "",
        achievements=achievements,
        order=lines["all"] + 1,
    )
    set_line_facts(nominee, votes_for=votes_for, prior_rating=prior_rating)
    nominee.save(force_insert=True)  # one INSERT, the statistics included
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


def save_line_facts(nominee: Nominee, *, votes_for=None, prior_rating: str = "") -> None:
    """Copy the statistics of the line from its person or household and save them."""
    set_line_facts(nominee, votes_for=votes_for, prior_rating=prior_rating)
    nominee.save(update_fields=FACT_FIELDS)


def set_line_facts(nominee: Nominee, *, votes_for=None, prior_rating: str = "") -> None:
    """Copy the statistics of the line from its person or household (not saved)."""
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
    save_line_facts(nominee, votes_for=votes_for, prior_rating=prior_rating)
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
        raise _refused(f"Sáng kiến “{initiative.title}” chưa được công nhận.")
    used = (
        NomineeInitiative.objects.filter(initiative=initiative)
        .select_related("nominee__dossier")
        .first()
    )
    if used:
        raise _refused(
            f"Sáng kiến “{initiative.title}” đã được dùng làm căn cứ cho {used.nominee.name} "
            f"(hồ sơ số {used.nominee.dossier_id}); mỗi sáng kiến chỉ dùng một lần."
        )
    try:
        with transaction.atomic():
            link = NomineeInitiative.objects.create(nominee=nominee, initiative=initiative)
    except IntegrityError:
        raise _refused(f"Sáng kiến “{initiative.title}” đã được dùng làm căn cứ.") from None
    audit.record(
        nominee.dossier,
        "dossiers.initiative.linked",
        actor,
        data={"nominee": nominee.pk, "initiative": initiative.pk},
    )
    return link


# ---- snapshots ---------------------------------------------------------------------------


def snapshot(dossier: Dossier, nominees=None, documents=None) -> dict:
    """What a version records; `nominees`: the lines already read with their initiative
    links, `documents`: the uploaded documents' (type, sha256) already read
    (`checks.signed_documents`) — the submit path reads each once."""
    if nominees is None:
        nominees = dossier.nominees.prefetch_related("initiative_links")
    if documents is None:
        documents = checks.signed_documents(dossier)
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
        "documents": sorted(f"{doc_type}:{sha256[:12]}" for doc_type, sha256 in documents),
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
    """Submit or resubmit (`submit_locked`, in its own transaction, the dossier read again
    with its row lock)."""
    with transaction.atomic():
        return submit_locked(_lock(dossier, checks.submission_columns()), actor, now)


def submit_locked(dossier: Dossier, actor, now=None) -> Dossier:
    """Submit or resubmit a dossier the caller read with its row lock (`FOR UPDATE`), its
    campaign and proposer, inside its `transaction.atomic()` — with the campaign's part of
    the checks as columns (`checks.submission_columns()`) to spare their queries.

    The lines (with their units, persons, households, upward origins and initiatives) and
    the uploaded documents are read once and shared by every check, the quota count and the
    version's snapshot. Everything but the quota count is checked and written first (under
    the dossier's own row lock); the campaign row is locked last, only around the quota
    count (one aggregate query, `checks.QuotaCheck`) and the state change (one UPDATE of the
    dossier row with the version), and the transaction commits right after. Two submissions
    of the same campaign therefore count one after the other and can never exceed a quota
    together, while the rest of their work runs side by side. The lock is `FOR NO KEY
    UPDATE`, so creating a dossier of the campaign (a foreign-key check, `FOR KEY SHARE`)
    never waits for it. Mail goes through the task queue after commit."""
    now = now or timezone.now()
    action = "resubmitted" if dossier.status == DossierStatus.RETURNED else "submitted"
    DOSSIER.check(dossier, action)
    nominees = checks.submission_nominees(dossier)
    documents = checks.signed_documents(dossier)
    quota = checks.QuotaCheck(dossier, nominees)
    errors = checks.check_submission(
        dossier, now, quota=False, nominees=nominees, documents=documents
    )
    if errors:
        raise DossierError(list(dict.fromkeys(errors + quota.failures())))
    dossier.version += 1
    dossier.submitted_at = now
    dossier.return_items = []
    DossierVersion.objects.create(
        dossier=dossier,
        version=dossier.version,
        snapshot=snapshot(dossier, nominees, documents),
        created_by=actor,
    )
    notify(
        standing_staff(dossier),
        f"{dossier.proposer.name} đã nộp hồ sơ: {dossier.title}",
        url_of(dossier),
    )
    if dossier.campaign_id:
        from thidua.campaigns.models import Campaign

        Campaign.objects.select_for_update(no_key=True).filter(pk=dossier.campaign_id).values_list(
            "pk", flat=True
        ).get()
        errors = quota.failures()
        if errors:
            raise DossierError(errors)
    move_dossier(
        dossier,
        action,
        actor,
        data={"version": dossier.version},
        update_fields=("version", "submitted_at", "return_items"),
    )
    return dossier


def _require_queue(dossier: Dossier, allowed=QUEUE_STATUSES) -> None:
    if dossier.status not in allowed:
        raise _refused(f"Hồ sơ đang “{dossier.get_status_display()}”, không thực hiện được.")


@transaction.atomic
def return_dossier(dossier: Dossier, actor, items: list[tuple[str, str]]) -> Dossier:
    """Return for correction; `items` are (what, reason) pairs the unit sees as a list."""
    dossier = _lock(dossier)
    DOSSIER.check(dossier, "returned")
    items = [(w.strip(), r.strip()) for w, r in items if r and r.strip()]
    if not items:
        raise _refused("Nêu ít nhất một nội dung cần hoàn thiện và lý do.")
    dossier.return_items = [{"item": w or "Hồ sơ", "reason": r} for w, r in items]
    dossier.save(update_fields=["return_items"])
    reason = "; ".join(f"{w or 'Hồ sơ'}: {r}" for w, r in items)
    move_dossier(dossier, "returned", actor, reason, {"items": dossier.return_items})
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
        raise _refused("Nhập nội dung trao đổi.")
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
    return _appraise(dossier, nominee, actor, result, reason, wording)


def _appraise(
    dossier: Dossier, nominee: Nominee, actor, result: str, reason: str, wording: str
) -> Nominee:
    if result not in (LineResult.ELIGIBLE, LineResult.INELIGIBLE):
        raise _refused("Chọn kết quả: đủ hoặc không đủ điều kiện.")
    if result == LineResult.INELIGIBLE and not reason.strip():
        raise _refused(f"{nominee.name}: nêu lý do không đủ điều kiện.")
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
def appraise_lines(
    dossier: Dossier, actor, nominee_ids, result: str, reason: str = "", wording: str = ""
) -> list[Nominee]:
    """One result (and reason, wording) for many lines of one dossier at once: every line
    or none (one audit entry per line, as when appraised one by one)."""
    dossier = _lock(dossier)
    _require_queue(dossier)
    wanted = {int(i) for i in nominee_ids}
    if not wanted:
        raise _refused("Chọn ít nhất một dòng để ghi kết quả.")
    lines = list(dossier.nominees.filter(pk__in=wanted).order_by("pk"))
    if len(lines) != len(wanted):
        raise _refused("Có dòng không thuộc hồ sơ này.")
    return [_appraise(dossier, n, actor, result, reason, wording) for n in lines]


@transaction.atomic
def finish_appraisal(dossier: Dossier, actor, now=None) -> Dossier:
    """Appraised when every line is decided and one is eligible; rejected when none is.
    Quotas are checked again on the eligible lines.

    Locks in the order `submit` takes them, the dossier's row first and then the campaign's
    (FOR NO KEY UPDATE, serialising the quota checks of the campaign): in the opposite order
    a submission (holding the dossier, waiting for the campaign) and this (holding the
    campaign, waiting for the dossier) on the same dossier would deadlock."""
    dossier = _lock(dossier)
    if dossier.campaign_id:
        from thidua.campaigns.models import Campaign

        Campaign.objects.select_for_update(no_key=True).filter(pk=dossier.campaign_id).values_list(
            "pk", flat=True
        ).get()
    DOSSIER.check(dossier, "appraised")
    lines = list(dossier.nominees.select_related("unit"))
    pending = [n.name for n in lines if n.result == LineResult.PENDING]
    if pending:
        raise _refused("Chưa có kết quả thẩm định cho: " + ", ".join(pending) + ".")
    eligible = [n for n in lines if n.result == LineResult.ELIGIBLE]
    if not eligible:
        move_dossier(dossier, "rejected", actor, "Không có dòng đề nghị đủ điều kiện.")
        _release_initiatives(dossier)
        notify(
            proposer_staff(dossier), f"Hồ sơ “{dossier.title}” không đủ điều kiện.", url_of(dossier)
        )
        return dossier
    errors = checks.quota_failures(dossier, eligible)
    if errors:
        raise DossierError(errors)
    n_ok = len(eligible)
    move_dossier(
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
        raise _refused("Nêu lý do không chấp nhận hồ sơ.")
    move_dossier(dossier, "rejected", actor, reason.strip())
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
    move_dossier(dossier, "withdrawn", actor, reason.strip() or "Đơn vị rút hồ sơ.")
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
        raise _refused("Nêu lý do cho phép nộp muộn.")
    due = campaign.deadline("dossier")
    if due and until <= due:
        raise _refused(f"Ngày gia hạn phải sau hạn nộp chung ({due:%d/%m/%Y}).")
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


# ---- the council and decisions (called by the council and awards apps) --------------------


@transaction.atomic
def mark_in_council(dossier: Dossier, actor) -> Dossier:
    dossier = _lock(dossier)
    move_dossier(dossier, "in_council", actor)
    return dossier


@transaction.atomic
def record_council_result(nominee: Nominee, approved: bool, actor) -> Nominee:
    dossier = _lock(nominee.dossier)
    DOSSIER.check(dossier, "council_approved")
    if nominee.result != LineResult.ELIGIBLE:
        raise _refused(f"{nominee.name} không đủ điều kiện nên không trình Hội đồng.")
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
        move_dossier(dossier, "council_approved" if any_ok else "council_not_approved", actor)
        notify(
            proposer_staff(dossier), f"Hội đồng đã xét hồ sơ “{dossier.title}”.", url_of(dossier)
        )
    return nominee


@transaction.atomic
def mark_decided(dossier: Dossier, decision, actor) -> Dossier:
    dossier = _lock(dossier)
    move_dossier(dossier, "decided", actor, str(decision), {"decision": decision.pk})
    notify(
        proposer_staff(dossier),
        f"Đã có quyết định khen thưởng cho hồ sơ “{dossier.title}”.",
        url_of(dossier),
    )
    return dossier


# ---- reading helpers ----------------------------------------------------------------------


def time_in_states(dossier: Dossier, now=None, events=None) -> list[tuple[str, timedelta]]:
    """How long the dossier spent in each state, from its audit events.

    `events`: the dossier's audit events already read in (created_at, pk) order (the dossier
    page's timeline), so that the page reads them once."""
    from thidua.core.models import AuditEvent

    now = now or timezone.now()
    if events is None:
        events = (
            AuditEvent.objects.for_object(dossier)
            .exclude(to_state="")
            .filter(action__startswith="dossiers.dossier.")
            .order_by("created_at", "pk")
        )
    spans: dict[str, timedelta] = {}
    prev_state, prev_at = None, None
    for e in events:
        if not e.action.startswith("dossiers.dossier.") or e.to_state not in DossierStatus.values:
            continue
        if prev_state is not None:
            spans[prev_state] = spans.get(prev_state, timedelta()) + (e.created_at - prev_at)
        prev_state, prev_at = e.to_state, e.created_at
    if prev_state is not None:
        spans[prev_state] = spans.get(prev_state, timedelta()) + (now - prev_at)
    return [(DossierStatus(state).label, span) for state, span in spans.items()]


def counting(dossier: Dossier) -> bool:
    return dossier.status in COUNTING_STATUSES
