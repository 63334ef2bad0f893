"""Campaign pages (staff and public), the rules editor, the deadline calendar, the importer."""

from __future__ import annotations

import calendar as cal
import secrets
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.core import compiledread
from thidua.core.models import AuditEvent
from thidua.core.permissions import require_role, scope_for
from thidua.core.roles import Role
from thidua.core.states import TransitionError
from thidua.core.text import fold
from thidua.core.views import render_htmx
from thidua.org.models import Unit
from thidua.planimport.extract import extract_plan
from thidua.planimport.readers import PlanReadError, read_text

from . import explain, legal_basis, rulemap, services
from .enums import CampaignKind, CampaignStatus, DeadlineKind
from .forms import CampaignForm, DeadlineFormSet, ImportForm, RuleForm, RuleFormSet, lines
from .models import Campaign, CampaignDeadline, Responsibility
from .services import CampaignError
from .states import CAMPAIGN

SESSION_PREFIX = "campaign_import:"
MONTHS = [
    "",
    "Tháng 1",
    "Tháng 2",
    "Tháng 3",
    "Tháng 4",
    "Tháng 5",
    "Tháng 6",
    "Tháng 7",
    "Tháng 8",
    "Tháng 9",
    "Tháng 10",
    "Tháng 11",
    "Tháng 12",
]


def _visible(user):
    return Campaign.objects.for_user(user)


def _get_visible(user, pk, flags=False, source=False):
    campaigns = _visible(user).select_related("issuer", "parent")
    if source:  # the imported plan's text, shown by the campaign page
        campaigns = campaigns.select_related("source")
    if flags:
        campaigns = _with_flags(campaigns)
    try:
        # As `campaigns.get(pk=pk)`, without compiling the relations' columns anew.
        return compiledread.get(campaigns.filter(pk=pk))
    except Campaign.DoesNotExist as exc:
        raise Http404("Không tìm thấy phong trào hoặc bạn không có quyền xem.") from exc


def _managed_issuers(user):
    """Authorities whose campaigns the user may create (standing body or admin)."""
    scope = require_role(user, Role.STANDING_BODY, Role.ADMIN)
    qs = Unit.objects.filter(is_authority=True).order_by("path")
    if scope.is_global:
        return qs
    return qs.filter(
        pk__in=[u.pk for u in qs.filter(scope.q("", "change")) if services.can_manage(user, u)]
    )


def _errors(exc: CampaignError) -> list[str]:
    return list(exc.messages)


# ---- staff list / detail --------------------------------------------------------------------


@login_required
def campaign_list(request):
    q = request.GET.get("q", "").strip()
    status, kind, year = (
        request.GET.get("status", ""),
        request.GET.get("kind", ""),
        request.GET.get("year", ""),
    )
    qs = _visible(request.user).select_related("issuer")
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(number__icontains=q)
            | Q(issuer__search_text__contains=fold(q))
        )
    if status in CampaignStatus.values:
        qs = qs.filter(status=status)
    if kind in CampaignKind.values:
        qs = qs.filter(kind=kind)
    if year.isdigit():
        year_number = int(year)
        qs = qs.filter(Q(start_date__year__lte=year_number) | Q(start_date__isnull=True)).filter(
            Q(end_date__year__gte=year_number) | Q(end_date__isnull=True)
        )
    page = Paginator(qs.order_by("-start_date", "-pk"), 50).get_page(request.GET.get("page"))
    ctx = {
        "page": page,
        "q": q,
        "status": status,
        "kind": kind,
        "year": year,
        "statuses": CampaignStatus.choices,
        "kinds": CampaignKind.choices,
        "can_create": scope_for(request.user).has_role(Role.STANDING_BODY, Role.ADMIN),
        "breadcrumbs": [("Phong trào thi đua", None)],
    }
    return render_htmx(request, "campaigns/list.html", ctx, partial="rows")


def _detail_context(campaign, user=None) -> dict:
    award_forms = list(campaign.award_forms.all())
    frame = legal_basis.rules_in_force(campaign, award_forms)
    usage = services.quota_usage(campaign)
    rules = []
    for rule in campaign.rules or []:
        results = usage.get(rule["id"], [])
        if rule["kind"] == "quota" and not results:
            limit = rule.get("max")
            status = (
                f"Chưa có hồ sơ được tính: 0/{limit} {rule.get('label', '')}."
                if limit is not None
                else ""
            )
        else:
            status = ""
        rules.append(
            {"rule": rule, "text": explain.explain(rule), "results": results, "status": status}
        )
    forms = []
    for row, info in zip(award_forms, frame.forms, strict=True):
        own = [r for r in rules if row.form_code in r["rule"].get("match", {}).get("forms", [])]
        forms.append({"row": row, "info": info, "rules": own})
    general = [r for r in rules if not r["rule"].get("match", {}).get("forms")]
    return {
        "campaign": campaign,
        "forms": forms,
        "general_rules": general,
        "frame": frame,
        "deadlines": list(campaign.deadlines.all()),
        # The staff page reads whether there are any with the campaign (`_with_flags`).
        "responsibilities": list(campaign.responsibilities.all())
        if getattr(campaign, "has_responsibilities", True)
        else [],
        "children": list(campaign.children.select_related("issuer"))
        if user is not None and getattr(campaign, "has_children", True)
        else [],
    }


def _with_flags(campaigns):
    """The campaigns with `has_children` and `has_responsibilities`, read in their own
    query: the sections are empty for most campaigns, and then not queried. Written as SQL
    (an `Exists` of two querysets costs more to compile than the two queries it saves);
    table names from the models' meta, no value in the SQL."""
    table = Campaign._meta.db_table
    duties = Responsibility._meta.db_table
    children = f'EXISTS(SELECT 1 FROM "{table}" child WHERE child.parent_id = "{table}"."id")'  # noqa: S608
    some = f'EXISTS(SELECT 1 FROM "{duties}" duty WHERE duty.campaign_id = "{table}"."id")'  # noqa: S608
    return campaigns.annotate(
        has_children=RawSQL(children, (), output_field=BooleanField()),  # noqa: S611
        has_responsibilities=RawSQL(some, (), output_field=BooleanField()),  # noqa: S611
    )


@login_required
def campaign_detail(request, pk: int):
    campaign = _get_visible(request.user, pk, flags=True, source=True)
    ctx = _detail_context(campaign, request.user)
    source = getattr(campaign, "source", None)  # None: not imported from a plan
    manage = services.can_manage(request.user, campaign.issuer)
    moves = CAMPAIGN.actions_from(campaign.status) if manage else []
    ctx.update(
        can_manage=manage,
        source_text=source.text if source is not None else "",
        transitions=[(move.target, CampaignStatus(move.target).label) for move in moves],
        events=AuditEvent.objects.for_object(campaign).select_related("actor", "unit")[:30],
        breadcrumbs=[
            ("Phong trào thi đua", reverse("campaigns:list")),
            (campaign.title[:60], None),
        ],
    )
    return render(request, "campaigns/detail.html", ctx)


# ---- create / edit --------------------------------------------------------------------------


def _form_kwargs(user):
    return {"issuers": _managed_issuers(user), "parents": _visible(user).order_by("-start_date")}


@login_required
def campaign_create(request):
    kwargs = _form_kwargs(request.user)
    form = CampaignForm(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(
                request.user, form.cleaned_data["issuer"], **form.campaign_fields()
            )
        except CampaignError as exc:
            for msg in _errors(exc):
                form.add_error(None, msg)
        else:
            messages.success(request, "Đã tạo phong trào (dự thảo).")
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "campaign": None,
            "breadcrumbs": [("Phong trào thi đua", reverse("campaigns:list")), ("Tạo mới", None)],
        },
    )


@login_required
def campaign_edit(request, pk: int):
    campaign = _get_visible(request.user, pk)
    if not services.can_manage(request.user, campaign.issuer):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp phát động được sửa phong trào.")
    kwargs = _form_kwargs(request.user)
    kwargs["parents"] = kwargs["parents"].exclude(pk=campaign.pk)
    form = CampaignForm(request.POST or None, initial=CampaignForm.initial_from(campaign), **kwargs)
    form.fields["issuer"].disabled = True
    deadlines = DeadlineFormSet(
        request.POST or None,
        prefix="dl",
        initial=[
            {"kind": d.kind, "date": d.date, "label": d.label} for d in campaign.deadlines.all()
        ],
    )
    if request.method == "POST" and form.is_valid() and deadlines.is_valid():
        rows = [
            f.cleaned_data for f in deadlines if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.update_campaign(campaign, request.user, **form.campaign_fields())
            services.set_deadlines(campaign, rows, request.user)
        except CampaignError as exc:
            for msg in _errors(exc):
                form.add_error(None, msg)
        else:
            messages.success(request, "Đã lưu phong trào.")
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "deadlines": deadlines,
            "campaign": campaign,
            "breadcrumbs": [
                ("Phong trào thi đua", reverse("campaigns:list")),
                (campaign.title[:60], reverse("campaigns:detail", args=[campaign.pk])),
                ("Sửa", None),
            ],
        },
    )


@login_required
def rules_edit(request, pk: int):
    campaign = _get_visible(request.user, pk)
    if not services.can_manage(request.user, campaign.issuer):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp phát động được sửa quy tắc số lượng."
        )
    initial = [RuleForm.initial_from(r) for r in campaign.rules or []]
    formset = RuleFormSet(request.POST or None, initial=initial, prefix="r")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rules = [
            f.to_rule()
            for f in formset
            if f.has_changed() or f.initial
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.set_rules(campaign, rules, request.user)
        except CampaignError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"Đã lưu {len(rules)} quy tắc số lượng, điều kiện.")
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/rules.html",
        {
            "campaign": campaign,
            "formset": formset,
            "errors": errors,
            "breadcrumbs": [
                ("Phong trào thi đua", reverse("campaigns:list")),
                (campaign.title[:60], reverse("campaigns:detail", args=[campaign.pk])),
                ("Quy tắc số lượng", None),
            ],
        },
    )


@login_required
@require_POST
def campaign_transition(request, pk: int, to: str):
    campaign = _get_visible(request.user, pk)
    if not services.can_manage(request.user, campaign.issuer):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp phát động được chuyển trạng thái phong trào."
        )
    try:
        services.transition(campaign, to, request.user, reason=request.POST.get("reason", ""))
    except (CampaignError, TransitionError) as exc:
        for msg in _errors(exc):
            messages.error(request, msg)
    else:
        messages.success(request, f"Phong trào đã chuyển sang “{CampaignStatus(to).label}”.")
    return redirect("campaigns:detail", pk=campaign.pk)


def _document(campaign, fmt: str):
    if fmt == "docx":
        if not campaign.plan_docx:
            raise Http404("Phong trào chưa phát động nên chưa có văn bản kế hoạch.")
        return FileResponse(
            campaign.plan_docx.open("rb"),
            as_attachment=True,
            filename=f"ke-hoach-{campaign.pk}.docx",
        )
    try:
        pdf = services.ensure_pdf(campaign)
    except CampaignError as exc:
        raise Http404(exc.messages[0]) from exc
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="ke-hoach-{campaign.pk}.pdf"'
    return resp


@login_required
def plan_document(request, pk: int, fmt: str):
    return _document(_get_visible(request.user, pk), fmt)


# ---- calendar -------------------------------------------------------------------------------


@login_required
def deadline_calendar(request):
    today = date.today()
    try:
        year, month = (int(x) for x in request.GET.get("thang", f"{today:%Y-%m}").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    last = first.replace(day=cal.monthrange(first.year, first.month)[1])
    visible = CampaignDeadline.objects.filter(campaign__in=_visible(request.user)).select_related(
        "campaign"
    )
    month_rows = list(visible.filter(date__range=(first, last)).order_by("date", "pk"))
    by_day: dict[date, list] = {}
    for d in month_rows:
        by_day.setdefault(d.date, []).append(d)
    weeks = [
        [
            {
                "day": day,
                "in_month": day.month == first.month,
                "items": by_day.get(day, []),
                "today": day == today,
            }
            for day in week
        ]
        for week in cal.Calendar(0).monthdatescalendar(first.year, first.month)
    ]
    prev_month = (first.replace(day=1) - date.resolution).replace(day=1)
    next_month = last + date.resolution
    upcoming = list(visible.filter(date__gte=today).order_by("date", "pk")[:10])
    months_with = sorted(
        {(d.year, d.month) for d in visible.values_list("date", flat=True)}, reverse=True
    )[:24]
    ctx = {
        "weeks": weeks,
        "first": first,
        "month_label": f"{MONTHS[first.month]} năm {first.year}",
        "month_rows": month_rows,
        "upcoming": upcoming,
        "prev": f"{prev_month:%Y-%m}",
        "next": f"{next_month:%Y-%m}",
        "months_with": [(f"{y}-{m:02d}", f"{m:02d}/{y}") for y, m in months_with],
        "weekdays": ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
        "breadcrumbs": [("Lịch thời hạn", None)],
    }
    return render(request, "campaigns/calendar.html", ctx)


# ---- importer -------------------------------------------------------------------------------


@login_required
def import_upload(request):
    issuers = _managed_issuers(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                text = read_text(upload.name, upload.read())
                name = upload.name
            else:
                text, name = form.cleaned_data["text"], "nội dung dán"
            extraction = extract_plan(text)
        except PlanReadError as exc:
            form.add_error("file", str(exc))
        else:
            token = secrets.token_urlsafe(8)
            request.session[SESSION_PREFIX + token] = {
                "text": text,
                "extraction": extraction,
                "filename": name,
                "issuer": form.cleaned_data["issuer"].pk,
            }
            return redirect("campaigns:import_review", token=token)
    return render(
        request,
        "campaigns/import_upload.html",
        {
            "form": form,
            "breadcrumbs": [
                ("Phong trào thi đua", reverse("campaigns:list")),
                ("Nhập kế hoạch", None),
            ],
        },
    )


def source_segments(text: str, spans: dict) -> tuple[list[dict], dict[str, str]]:
    """Split the source text into plain and highlighted segments; map each extracted value
    (span key) to the anchor of the sentence it came from."""
    ranges = sorted(
        {
            (s["start"], s["end"])
            for s in spans.values()
            if s and s.get("end", 0) > s.get("start", 0)
        }
    )
    kept: list[tuple[int, int]] = []
    for start, end in ranges:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    anchors = {rng: f"src-{i}" for i, rng in enumerate(kept)}
    key_anchor = {}
    for key, s in spans.items():
        if not s:
            continue
        rng = (s["start"], s["end"])
        anchor = anchors.get(rng) or next(
            (a for (st, en), a in anchors.items() if st <= s["start"] < en), None
        )
        if anchor:
            key_anchor[key] = anchor
    segments, pos = [], 0
    for start, end in kept:
        if start > pos:
            segments.append({"text": text[pos:start], "anchor": None})
        segments.append({"text": text[start:end], "anchor": anchors[(start, end)]})
        pos = end
    segments.append({"text": text[pos:], "anchor": None})
    return segments, key_anchor


def _corrected(extraction: dict, form: CampaignForm, deadlines, documents_text: str) -> dict:
    cleaned = form.cleaned_data
    out = dict(extraction)
    out.update(
        title=cleaned["title"].strip(),
        number=cleaned["number"].strip(),
        issue_date=cleaned["doc_date"],
        kind=cleaned["kind"],
        start_date=cleaned["start_date"],
        end_date=cleaned["end_date"],
        slogan=cleaned["slogan"].strip() or None,
        parent_plan=cleaned["parent_document"].strip() or None,
        content_areas=lines(cleaned["content_areas"]),
        subjects={
            **(extraction.get("subjects") or {}),
            "collective": cleaned["subjects_collective"] or None,
            "individual": cleaned["subjects_individual"] or None,
        },
        anniversary={"name": cleaned["anniversary_name"], "date": cleaned["anniversary_date"]}
        if cleaned["anniversary_name"]
        else None,
        dossier_documents=lines(documents_text),
        deadlines=[
            {
                "what": f.cleaned_data["label"],
                "date": f.cleaned_data["date"],
                "kind": f.cleaned_data["kind"],
            }
            for f in deadlines
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ],
    )
    return out


#: Review form field → the extraction field whose confidence it shows.
REVIEWED_FIELDS = {
    "doc_date": ("issue_date", "Ngày ban hành"),
    "start_date": ("start_date", "Ngày bắt đầu"),
    "end_date": ("end_date", "Ngày kết thúc"),
    "slogan": ("slogan", "Khẩu hiệu"),
    "deadlines": ("deadlines", "Thời hạn"),
    "documents": ("dossier_documents", "Thành phần hồ sơ"),
    "award_forms": ("award_forms", "Hình thức khen thưởng"),
    "quotas": ("quotas", "Số lượng khen thưởng"),
}
LOW_CONFIDENCE = 0.7
CAP_SUBJECTS = {
    "collective": "tập thể",
    "individual": "cá nhân",
    "shared": "trường hợp (tập thể hoặc cá nhân)",
}


def review_marks(extraction: dict) -> dict[str, dict]:
    """Fields the officer checks first: not stated in the plan, or read with low confidence."""
    rated = extraction.get("confidence") or {}
    marks = {}
    for name, (key, label) in REVIEWED_FIELDS.items():
        found = rated.get(key)
        if not found:
            continue
        value = extraction.get(key)
        imprecise = isinstance(value, str) and len(value) in (4, 7) and key != "slogan"
        if not found.get("stated"):
            level, text = "missing", "Không nêu trong kế hoạch"
        elif found.get("confidence", 1) < LOW_CONFIDENCE or imprecise:
            level, text = "low", "Cần kiểm tra"
        else:
            continue
        reason = found.get("reason", "")
        if imprecise:
            reason = f"{reason}; văn bản chỉ nêu {value} (đã điền ngày đầu/cuối kỳ, hãy kiểm tra)"
        marks[name] = {"level": level, "text": text, "label": label, "reason": reason}
    return marks


def _as_text(day) -> str | None:
    """A day as the importer writes it (``2024-05-25``), for the review form's initial values."""
    return day.isoformat() if day else None


@login_required
def import_review(request, token: str):
    issuers = _managed_issuers(request.user)
    data = request.session.get(SESSION_PREFIX + token)
    if data is None:
        messages.error(request, "Phiên nhập kế hoạch đã hết hạn, vui lòng tải lại tệp.")
        return redirect("campaigns:import")
    ex, text = data["extraction"], data["text"]
    anniversary = ex.get("anniversary") or {}
    subjects = ex.get("subjects") or {}
    initial = {
        "issuer": data["issuer"],
        "title": ex.get("title") or "",
        "number": ex.get("number") or "",
        "doc_date": (ex.get("issue_date") or "")[:10]
        if len(ex.get("issue_date") or "") == 10
        else None,
        "kind": ex.get("kind") or CampaignKind.PERIOD,
        "slogan": ex.get("slogan") or "",
        "start_date": _as_text(services.period_bound(ex.get("start_date"))),
        "end_date": _as_text(services.period_bound(ex.get("end_date"), end=True)),
        "parent_document": ex.get("parent_plan") or "",
        "subjects_collective": subjects.get("collective") or "",
        "subjects_individual": subjects.get("individual") or "",
        "content_areas": "\n".join(ex.get("content_areas") or []),
        "anniversary_name": anniversary.get("name") or "",
        "anniversary_date": anniversary.get("date"),
    }
    form = CampaignForm(
        request.POST or None, initial=initial, issuers=issuers, parents=_visible(request.user)
    )
    deadlines = DeadlineFormSet(
        request.POST or None,
        prefix="dl",
        initial=[
            {
                "kind": d.get("kind")
                if d.get("kind") in DeadlineKind.values
                else DeadlineKind.OTHER,
                "date": _as_text(services.period_bound(d.get("date"), end=True)),
                "label": d.get("what", "")[:500],
            }
            for d in ex.get("deadlines") or []
        ],
    )
    documents_text = request.POST.get("documents", "\n".join(ex.get("dossier_documents") or []))
    duplicates = services.duplicate_plans(
        request.POST.get("number", initial["number"]),
        request.POST.get("issuer") or initial["issuer"],
        request.POST.get("title", initial["title"]),
    )
    if request.method == "POST" and duplicates and not request.POST.get("confirm_duplicate"):
        form.is_valid()
        form.add_error(
            None,
            "Kế hoạch này đã được nhập (cùng số và cơ quan ban hành). Đánh dấu “Vẫn lưu thành "
            "phong trào mới” nếu thật sự muốn lưu thêm một phong trào.",
        )
    if request.method == "POST" and form.is_valid() and deadlines.is_valid():
        corrected = _corrected(ex, form, deadlines, documents_text)
        try:
            campaign = services.campaign_from_extraction(
                corrected, form.cleaned_data["issuer"], request.user, text
            )
        except CampaignError as exc:
            for msg in _errors(exc):
                form.add_error(None, msg)
        else:
            if form.cleaned_data.get("parent"):
                services.update_campaign(campaign, request.user, parent=form.cleaned_data["parent"])
            del request.session[SESSION_PREFIX + token]
            messages.success(
                request,
                "Đã lưu phong trào từ kế hoạch (dự thảo). Kiểm tra quy tắc số lượng trước khi phát động.",
            )
            return redirect("campaigns:detail", pk=campaign.pk)
    segments, anchor = source_segments(text, ex.get("source_spans") or {})
    names = {f.get("form_code"): f.get("form") for f in ex.get("award_forms") or []}
    rules = rulemap.rules_from_extraction(ex, names)
    catalogue = explain._form_names()
    award_forms = [
        {
            "form": f,
            "catalogue": catalogue.get(f.get("form_code") or ""),
            "anchor": anchor.get(f"award_forms[{i}].form"),
            "quotas": [
                {"q": q, "anchor": anchor.get(f"award_forms[{i}].quotas[{j}].max")}
                for j, q in enumerate(f.get("quotas") or [])
            ],
        }
        for i, f in enumerate(ex.get("award_forms") or [])
    ]
    deadline_rows = [
        {"form": f, "anchor": anchor.get(f"deadlines[{i}].date")}
        for i, f in enumerate(deadlines.forms)
    ]
    ctx = {
        "form": form,
        "deadlines": deadlines,
        "deadline_rows": deadline_rows,
        "documents": documents_text,
        "segments": segments,
        "anchor": anchor,
        "filename": data["filename"],
        "award_forms": award_forms,
        "duplicates": duplicates,
        "content_anchors": [
            anchor.get(f"content_areas[{i}]") for i in range(len(ex.get("content_areas") or []))
        ],
        "document_anchors": [
            anchor.get(f"dossier_documents[{i}]")
            for i in range(len(ex.get("dossier_documents") or []))
        ],
        "responsibilities": [
            {"r": r, "anchor": anchor.get(f"responsibilities[{i}].who")}
            for i, r in enumerate(ex.get("responsibilities") or [])
        ],
        "rules": [{"rule": r, "text": explain.explain(r)} for r in rules],
        "checks": review_marks(ex),
        "caps": [
            {**cap, "who_label": CAP_SUBJECTS.get(cap.get("who"), "")}
            for cap in ex.get("quotas") or []
        ],
        "breadcrumbs": [
            ("Phong trào thi đua", reverse("campaigns:list")),
            ("Nhập kế hoạch", reverse("campaigns:import")),
            ("Kiểm tra, sửa", None),
        ],
    }
    return render(request, "campaigns/import_review.html", ctx)


# ---- public ---------------------------------------------------------------------------------


def public_list(request):
    qs = Campaign.objects.public().select_related("issuer").order_by("-start_date", "-pk")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(issuer__search_text__contains=fold(q)))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "campaigns/public_list.html", {"page": page, "q": q})


def public_detail(request, pk: int):
    campaign = get_object_or_404(
        Campaign.objects.public().select_related("issuer", "parent"), pk=pk
    )
    ctx = _detail_context(campaign)
    ctx["public"] = True
    return render(request, "campaigns/public_detail.html", ctx)


def public_document(request, pk: int, fmt: str):
    campaign = get_object_or_404(Campaign.objects.public(), pk=pk)
    return _document(campaign, fmt)
