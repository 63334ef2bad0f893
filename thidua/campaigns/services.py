"""Every write and transition of campaigns: guard → atomic change → audit → notify."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.legal import read as legal

from . import legal_basis, quotas, rulemap
from .enums import CampaignKind, CampaignStatus, DeadlineKind
from .models import (
    Campaign,
    CampaignAwardForm,
    CampaignDeadline,
    CampaignSource,
    Responsibility,
)
from .states import CAMPAIGN, action_to

EDITABLE_FIELDS = [
    "number",
    "doc_type",
    "doc_date",
    "kind",
    "title",
    "slogan",
    "parent",
    "parent_document",
    "start_date",
    "end_date",
    "subjects",
    "content_areas",
    "criteria",
    "anniversary_name",
    "anniversary_date",
]


class CampaignError(ValidationError):
    """A campaign change refused for a business reason (message in Vietnamese)."""


# ---- guards ---------------------------------------------------------------------------------


def can_manage(user, issuer) -> bool:
    """The standing body (or an admin) serving the issuer or an authority above it."""
    scope = scope_for(user)
    if scope.is_global:
        return True
    return (
        scope.has_role(Role.STANDING_BODY)
        and scope.covers_path(issuer.path, "change")
        and any(
            issuer.path.startswith(scope.unit_paths.get(uid) or _path(uid))
            for uid in scope.roles.get(Role.STANDING_BODY, ())
        )
    )


def _path(unit_id: int) -> str:
    from thidua.org.models import Unit

    return Unit.objects.filter(pk=unit_id).values_list("path", flat=True).first() or "\x00"


def _require_manager(actor, issuer) -> None:
    if not can_manage(actor, issuer):
        raise CampaignError(
            f"Chỉ cơ quan thường trực Hội đồng Thi đua - Khen thưởng của {issuer.name} "
            "được tạo, sửa và phát động phong trào."
        )


def _check_dates(start, end) -> None:
    if start and end and end < start:
        raise CampaignError("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")


def _check_rules(rules) -> None:
    if not isinstance(rules, list):
        raise CampaignError("Quy tắc số lượng phải là một danh sách.")
    errors = quotas.validate_rules(rules)
    if errors:
        raise CampaignError(errors)


# ---- create / update ------------------------------------------------------------------------


@transaction.atomic
def create_campaign(actor, issuer, **fields) -> Campaign:
    _require_manager(actor, issuer)
    if not (fields.get("title") or "").strip():
        raise CampaignError("Tên phong trào không được để trống.")
    _check_dates(fields.get("start_date"), fields.get("end_date"))
    rules = fields.pop("rules", [])
    _check_rules(rules)
    campaign = Campaign.objects.create(issuer=issuer, created_by=actor, rules=rules, **fields)
    audit.record(
        campaign,
        "campaigns.campaign.created",
        actor,
        to_state=campaign.status,
        data={"title": campaign.title},
    )
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, actor, **fields) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require_manager(actor, campaign.issuer)
    if campaign.status in {CampaignStatus.CLOSED, CampaignStatus.SUMMARISED}:
        raise CampaignError("Phong trào đã kết thúc, không sửa được nội dung.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise CampaignError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    if "title" in fields and not (fields["title"] or "").strip():
        raise CampaignError("Tên phong trào không được để trống.")
    if fields.get("parent") is not None and fields["parent"].pk == campaign.pk:
        raise CampaignError("Phong trào không thể thực hiện chính nó.")
    _check_dates(
        fields.get("start_date", campaign.start_date), fields.get("end_date", campaign.end_date)
    )
    changed = {k: v for k, v in fields.items() if getattr(campaign, k) != v}
    for key, value in changed.items():
        setattr(campaign, key, value)
    if changed:
        campaign.save(update_fields=[*changed, "updated_at"])
        audit.record(
            campaign, "campaigns.campaign.updated", actor, data={"fields": sorted(changed)}
        )
    return campaign


@transaction.atomic
def set_rules(campaign: Campaign, rules: list[dict], actor) -> Campaign:
    """Replace the quota and eligibility rules after validating them all."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require_manager(actor, campaign.issuer)
    if campaign.status in {CampaignStatus.CLOSED, CampaignStatus.SUMMARISED}:
        raise CampaignError("Phong trào đã kết thúc, không sửa được quy tắc số lượng.")
    _check_rules(rules)
    ids = [r["id"] for r in rules]
    if len(ids) != len(set(ids)):
        raise CampaignError("Mã quy tắc bị trùng.")
    before = campaign.rules
    campaign.rules = rules
    campaign.save(update_fields=["rules", "updated_at"])
    audit.record(
        campaign,
        "campaigns.campaign.rules_changed",
        actor,
        data={"before": [r.get("id") for r in before], "after": ids},
    )
    return campaign


@transaction.atomic
def set_deadlines(campaign: Campaign, rows: list[dict], actor) -> None:
    _require_manager(actor, campaign.issuer)
    for row in rows:
        if not row.get("date") or not (row.get("label") or "").strip():
            raise CampaignError("Mỗi thời hạn cần có ngày và nội dung.")
        if row.get("kind") not in DeadlineKind.values:
            raise CampaignError(f"Loại thời hạn “{row.get('kind')}” không hợp lệ.")
    campaign.deadlines.all().delete()
    CampaignDeadline.objects.bulk_create(
        CampaignDeadline(campaign=campaign, kind=r["kind"], label=r["label"][:500], date=r["date"])
        for r in rows
    )
    audit.record(campaign, "campaigns.campaign.deadlines_changed", actor, data={"count": len(rows)})


# ---- from the importer ----------------------------------------------------------------------


def _iso(value) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def period_bound(value, end: bool = False) -> date | None:
    """A date of any precision as a day: a month, quarter or year (``2024-08``, ``2024-Q3``,
    ``2024``) becomes its first day, or its last day when ``end``; a month-only deadline
    (``xong trong tháng 11/2024``) is kept as the last day of that month."""
    if isinstance(value, date) or value is None:
        return value
    text = str(value).strip()
    if len(text) == 10:
        return _iso(text)
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if len(text) == 7 and text[4] == "-" and text[5] in "Qq":
            first_month = (int(text[6]) - 1) * 3 + 1
            if not end:
                return date(int(text[:4]), first_month, 1)
            return milestone_date(text)
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1)
    except ValueError:
        return None
    return None


def milestone_date(when: str | None) -> date | None:
    """'2021' → 31/12/2021, '2021-09' → 30/09/2021, '2022-Q3' → 30/09/2022."""
    when = (when or "").strip()
    try:
        if len(when) == 4 and when.isdigit():
            return date(int(when), 12, 31)
        if len(when) == 7 and when[4] == "-" and when[5] in "Qq":
            year, month = int(when[:4]), int(when[6]) * 3
            return date(year, month, calendar.monthrange(year, month)[1])
        if len(when) == 7 and when[4] == "-":
            year, month = int(when[:4]), int(when[5:])
            return date(year, month, calendar.monthrange(year, month)[1])
        return _iso(when) if len(when) == 10 else None
    except ValueError:
        return None


def _documents_for(form_level: str | None, documents: list[str]) -> list[str]:
    """Documents marked "(đối với khen thưởng cấp tỉnh)" go only to province-level forms,
    "(… cấp thành phố/huyện)" only to the issuer's own forms."""
    out = []
    for doc in documents:
        folded = fold(doc)
        if "doi voi khen thuong cap tinh" in folded and form_level not in {"tinh", "trung_uong"}:
            continue
        province_forms = form_level in {"tinh", "trung_uong"}
        if ("cap thanh pho" in folded or "cap huyen" in folded) and province_forms:
            continue
        out.append(doc)
    return out


def _form_label(code: str, on: date) -> str:
    return legal.award_form_name(code, on)


def _number_key(number: str) -> str:
    """'15/KH-UBND', '15 / KH – UBND', 'số 15/kh-ubnd' → one key."""
    import re

    key = fold(number or "").removeprefix("so ").strip()
    return re.sub(r"[^0-9a-z]+", "", key)


def duplicate_plans(number: str, issuer, title: str = "") -> list[Campaign]:
    """Campaigns already recorded from the same plan of the same issuer (a re-import): the
    same number; for a plan whose number is left blank ("Số: /KH-UBND", a draft), the same
    number pattern and the same title."""
    key = _number_key(number)
    if issuer is None or not (key or title):
        return []
    issuer_id = getattr(issuer, "pk", issuer)
    numbered = any(ch.isdigit() for ch in key)
    same_title = " ".join(fold(title or "").split())
    found = []
    for c in Campaign.objects.filter(issuer_id=issuer_id).order_by("created_at"):
        if numbered:
            if _number_key(c.number) == key:
                found.append(c)
        elif (
            same_title
            and " ".join(fold(c.title).split()) == same_title
            and (_number_key(c.number) == key)
        ):
            found.append(c)
    return found


@transaction.atomic
def campaign_from_extraction(
    extraction: dict,
    issuer,
    actor,
    source_text: str = "",
    *,
    rules: list[dict] | None = None,
    seed_code: str = "",
) -> Campaign:
    """A draft campaign with its deadlines, award forms, documents, responsibilities and
    quota rules, from the importer's extraction (possibly corrected by the officer)."""
    _require_manager(actor, issuer)
    title = (extraction.get("title") or "").strip()
    if not title:
        raise CampaignError(
            "Kế hoạch chưa có tên phong trào (trích yếu); hãy nhập tên trước khi lưu."
        )
    start = period_bound(extraction.get("start_date"))
    end = period_bound(extraction.get("end_date"), end=True)
    _check_dates(start, end)
    kind = extraction.get("kind")
    anniversary = extraction.get("anniversary") or {}
    forms = extraction.get("award_forms") or []
    criteria = [c for f in forms for c in (f.get("criteria") or [])]
    on = _iso(extraction.get("issue_date")) or start or date.today()
    form_names = {
        f.get("form_code"): _form_label(f["form_code"], on) for f in forms if f.get("form_code")
    }
    if rules is None:
        rules = rulemap.rules_from_extraction(extraction, form_names, (issuer.name,))
    _check_rules(rules)
    campaign = Campaign.objects.create(
        issuer=issuer,
        created_by=actor,
        seed_code=seed_code,
        number=(extraction.get("number") or "")[:60],
        doc_type=(extraction.get("doc_type") or "KH")[:10],
        doc_date=_iso(extraction.get("issue_date")),
        kind=kind if kind in CampaignKind.values else CampaignKind.PERIOD,
        title=title[:500],
        slogan=extraction.get("slogan") or "",
        parent_document=extraction.get("parent_plan") or "",
        start_date=start,
        end_date=end,
        subjects=extraction.get("subjects") or {},
        content_areas=list(extraction.get("content_areas") or []),
        criteria="\n".join(dict.fromkeys(criteria)),
        rules=rules,
        anniversary_name=(anniversary.get("name") or "")[:255],
        anniversary_date=_iso(anniversary.get("date")),
    )
    spans = extraction.get("source_spans") or {}
    if source_text or spans:
        CampaignSource.objects.create(campaign=campaign, text=source_text, spans=spans)
    deadlines = [
        CampaignDeadline(
            campaign=campaign,
            date=period_bound(d.get("date"), end=True),
            label=(d.get("what") or "")[:500],
            kind=d.get("kind") if d.get("kind") in DeadlineKind.values else DeadlineKind.OTHER,
        )
        for d in extraction.get("deadlines") or []
        if period_bound(d.get("date"), end=True)
    ]
    responsibilities = [
        Responsibility(campaign=campaign, who=(r.get("who") or "")[:500], what=r.get("what") or "")
        for r in extraction.get("responsibilities") or []
        if r.get("what")
    ]
    for m in extraction.get("milestones") or []:
        when = milestone_date(m.get("when"))
        what = (m.get("what") or "").strip()
        if when and what:
            who = f" ({m['who']})" if m.get("who") else ""
            deadlines.append(
                CampaignDeadline(
                    campaign=campaign,
                    kind=DeadlineKind.OTHER,
                    label=f"{what}{who}"[:500],
                    date=when,
                )
            )
        elif what and m.get("who"):
            responsibilities.append(
                Responsibility(campaign=campaign, who=m["who"][:500], what=what)
            )
    CampaignDeadline.objects.bulk_create(deadlines)
    Responsibility.objects.bulk_create(responsibilities)
    documents = list(extraction.get("dossier_documents") or [])
    subject_map = rulemap.SUBJECTS
    for i, f in enumerate(forms):
        code = f.get("form_code") or ""
        catalogue = legal_basis.award_form_on(code, on) if code else None
        # Plans older than the catalogue (seed 004, 2020) are judged by the earliest entry.
        nearest = catalogue or (legal_basis.earliest_form(code) if code else None)
        CampaignAwardForm.objects.create(
            campaign=campaign,
            form_code=code or "khac",
            label=(f.get("form") or code)[:255],
            order=i,
            subjects=[subject_map.get(s, s) for s in f.get("subjects") or []],
            criteria="\n".join(f.get("criteria") or []),
            required_documents=_documents_for(nearest.level if nearest else None, documents),
            upward=bool(nearest) and not legal_basis.can_grant(issuer, nearest),
        )
    audit.record(
        campaign,
        "campaigns.campaign.imported",
        actor,
        to_state=campaign.status,
        data={"deadlines": len(deadlines), "award_forms": len(forms), "rules": len(rules)},
    )
    return campaign


# ---- life cycle -----------------------------------------------------------------------------


def _target_users(campaign: Campaign, actor):
    """Users holding a role at a unit under the issuer (the units the campaign targets)."""
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True, role_assignments__unit__path__startswith=campaign.issuer.path
        )
        .exclude(pk=getattr(actor, "pk", None))
        .distinct()
    )


def _guard_launch(campaign: Campaign) -> None:
    missing = [
        label
        for label, ok in (
            ("tên phong trào", campaign.title.strip()),
            ("ngày bắt đầu", campaign.start_date),
            ("ngày kết thúc", campaign.end_date),
        )
        if not ok
    ]
    if missing:
        raise CampaignError(f"Chưa phát động được: còn thiếu {', '.join(missing)}.")
    _check_dates(campaign.start_date, campaign.end_date)
    _check_rules(campaign.rules)


@transaction.atomic
def transition(campaign: Campaign, to: str, actor, reason: str = "") -> Campaign:
    """Move the campaign to status `to` by the move of `CAMPAIGN` that reaches it from its
    current status. Reopening a closed campaign needs a reason (it is logged); closing and
    reopening tell the apps above (`on_status_change`: the registrations app freezes and
    unfreezes the stored rankings)."""
    if action_to(to) is None:
        raise CampaignError(f"Trạng thái “{to}” không hợp lệ.")
    campaign = Campaign.objects.select_for_update().select_related("issuer").get(pk=campaign.pk)
    action = action_to(to, campaign.status)
    _require_manager(actor, campaign.issuer)
    move = CAMPAIGN.check(campaign, action, actor)
    if action == "reopened" and not (reason or "").strip():
        raise CampaignError("Cần nêu lý do mở lại phong trào đã kết thúc.")
    extra_fields = []
    if to == CampaignStatus.LAUNCHED:
        _guard_launch(campaign)
        from .documents import plan_docx

        campaign.launched_at = timezone.now()
        campaign.plan_docx.save(
            f"ke-hoach-{campaign.pk}.docx", ContentFile(plan_docx(campaign)), save=False
        )
        if campaign.plan_pdf:
            campaign.plan_pdf.delete(save=False)
        extra_fields = ["launched_at", "plan_docx", "plan_pdf"]
    CAMPAIGN.apply(campaign, action, actor, reason=reason, update_fields=extra_fields)
    for hook in _status_hooks:
        hook(campaign, action)
    url = reverse("campaigns:detail", args=[campaign.pk])
    if to == CampaignStatus.LAUNCHED:
        notify(
            _target_users(campaign, actor),
            f"{campaign.issuer.name} phát động: {campaign.title}",
            url,
        )
    elif action == "reopened":
        notify(
            _target_users(campaign, actor),
            f"Phong trào “{campaign.title}” được mở lại: {reason.strip()}",
            url,
        )
    elif to in {CampaignStatus.CLOSED, CampaignStatus.SUMMARISED}:
        notify(
            _target_users(campaign, actor),
            f"Phong trào “{campaign.title}” đã {move.label.lower()}.",
            url,
        )
    return campaign


def launch(campaign, actor):
    return transition(campaign, CampaignStatus.LAUNCHED, actor)


def start(campaign, actor):
    return transition(campaign, CampaignStatus.RUNNING, actor)


def close(campaign, actor, reason: str = ""):
    return transition(campaign, CampaignStatus.CLOSED, actor, reason)


def reopen(campaign, actor, reason: str):
    """The standing body reopens a closed campaign (logged with its reason)."""
    return transition(campaign, CampaignStatus.RUNNING, actor, reason)


StatusHook = Callable[[Campaign, str], None]
_status_hooks: list[StatusHook] = []


def on_status_change(hook: StatusHook) -> None:
    """Register `hook(campaign, action)`, called inside the transaction of every move (the
    apps above campaigns use it: campaigns never imports them)."""
    if hook not in _status_hooks:
        _status_hooks.append(hook)


def summarise(campaign, actor, reason: str = ""):
    return transition(campaign, CampaignStatus.SUMMARISED, actor, reason)


@transaction.atomic
def ensure_pdf(campaign: Campaign) -> bytes:
    """The plan's PDF, converted by LibreOffice once and kept."""
    from thidua.core.documents import docx_to_pdf

    if campaign.plan_pdf:
        with campaign.plan_pdf.open("rb") as fh:
            return fh.read()
    if not campaign.plan_docx:
        raise CampaignError("Phong trào chưa phát động nên chưa có văn bản kế hoạch.")
    with campaign.plan_docx.open("rb") as fh:
        pdf = docx_to_pdf(fh.read())
    campaign.plan_pdf.save(f"ke-hoach-{campaign.pk}.pdf", ContentFile(pdf), save=False)
    Campaign.objects.filter(pk=campaign.pk).update(plan_pdf=campaign.plan_pdf.name)
    return pdf


# ---- quota counts ---------------------------------------------------------------------------


CountedLines = Callable[[Campaign], list[quotas.Line]]
_counted_lines: CountedLines | None = None


def count_lines_with(source: CountedLines) -> None:
    """Say where the lines counted against a campaign's quotas come from.

    They are the nominees of the campaign's dossiers, two layers up (`thidua.dossiers`):
    `DossiersConfig.ready()` registers `thidua.dossiers.quota_lines.nominee_lines` here, so
    campaigns never imports dossiers. The counting itself (`quotas.usage`) stays here."""
    global _counted_lines
    _counted_lines = source


def counted_lines(campaign: Campaign) -> list[quotas.Line]:
    """The lines that count against the campaign's quotas (none before dossiers exist)."""
    return _counted_lines(campaign) if _counted_lines is not None else []


def quota_usage(
    campaign: Campaign, lines: list[quotas.Line] | None = None
) -> dict[str, list[quotas.RuleResult]]:
    """Current use of every quota rule, by rule id (empty lists when nothing counted yet).

    `lines` default to the campaign's counted nominee lines (`counted_lines`)."""
    if lines is None:
        lines = counted_lines(campaign)
    try:
        results = quotas.usage(campaign.rules, lines)
    except quotas.RuleError:
        return {}
    by_rule: dict[str, list[quotas.RuleResult]] = {}
    for r in results:
        by_rule.setdefault(r.rule_id, []).append(r)
    return by_rule
