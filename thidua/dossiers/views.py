"""Dossier pages: thin views over `services`, every object fetched through `access`."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thidua.campaigns.models import Campaign
from thidua.core.compiledread import CompiledQuery
from thidua.core.documents import award_display_name
from thidua.core.models import AuditEvent
from thidua.core.permissions import require_role
from thidua.core.roles import Role
from thidua.core.views import render_htmx
from thidua.legal import read as legal
from thidua.org.models import Unit

from . import access, checks, drafts, files, services
from .enums import QUEUE_STATUSES, DocumentType, DossierStatus, LineResult
from .forms import (
    BulkLineForm,
    CommentForm,
    CreateForm,
    ExcelUploadForm,
    ExceptionForm,
    LineForm,
    MeetingForm,
    NomineeEditForm,
    NomineeForm,
    ReturnForm,
    UploadForm,
    unbound_fields,
)
from .models import (
    Dossier,
    DossierComment,
    DossierDocument,
    DossierVersion,
    Nominee,
    NomineeInitiative,
)
from .states import DOSSIER

CHECK_ITEMS = [
    ("documents", "Đủ thành phần hồ sơ, có chữ ký, đóng dấu"),
    ("deadline", "Nộp đúng hạn hoặc có gia hạn"),
    ("quota", "Đúng số lượng, cơ cấu theo kế hoạch"),
    ("meeting", "Biên bản họp xét có số người dự, kết quả bỏ phiếu"),
]
# What the meeting, add-nominee and upload POSTs use of the dossier's relations (the rights
# check and the services' audit unit): the campaign and the authority are not read.
PROPOSER_ONLY = ("proposer",)
LINE_CHECK_ITEMS = [("criteria", "Đạt tiêu chuẩn"), ("evidence", "Có minh chứng thành tích")]


def _errors(request, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


@contextmanager
def _reported(request, intro: str | None = None):
    """Run a service call; a domain error becomes Vietnamese flash messages, not a 500."""
    try:
        yield
    except ValidationError as exc:
        if intro:
            messages.error(request, intro)
        _errors(request, exc)


def _back(dossier):
    return redirect("dossiers:detail", dossier.pk)


@login_required
def dossier_list(request):
    qs = Dossier.objects.for_user(request.user).select_related("proposer", "campaign", "authority")
    status = request.GET.get("status", "")
    if status in DossierStatus.values:
        qs = qs.filter(status=status)
    qs = qs.annotate(n_nominees=Count("nominees"))
    return render_htmx(
        request,
        "dossiers/list.html",
        {
            "dossiers": qs[:200],
            "status": status,
            "statuses": DossierStatus.choices,
            "can_create": bool(access.own_unit_ids(request.user)),
            "breadcrumbs": [("Hồ sơ khen thưởng", None)],
        },
        partial="rows",
    )


def _form_choices(campaigns) -> list[tuple[str, str]]:
    rows = sorted(legal.award_form_rows(), key=lambda row: row["valid_from"])
    names = {row["code"]: row["name"] for row in rows}
    return list(names.items())


@login_required
def create(request):
    unit_ids = access.own_unit_ids(request.user)
    if not unit_ids:
        raise PermissionDenied("Chỉ cán bộ thi đua, thủ trưởng đơn vị mới lập hồ sơ đề nghị.")
    campaigns = Campaign.objects.for_user(request.user).public().order_by("-start_date")
    if request.method == "POST":
        campaigns = campaigns.select_related("issuer")  # the new dossier's authority
    unit = getattr(request, "unit", None)
    form = CreateForm(
        request.POST or None,
        proposers=access.own_units(request.user),
        campaigns=campaigns,
        form_choices=_form_choices(campaigns),
        initial={
            "proposer": unit if unit is not None and unit.pk in unit_ids else None,
            "campaign": request.GET.get("campaign"),
        },
    )
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            d = services.create_dossier(
                request.user,
                cd["proposer"],
                cd["form_code"],
                campaign=cd["campaign"],
                kind=cd["kind"],
                title=cd["title"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Đã lập hồ sơ. Thêm người, tập thể được đề nghị.")
            return _back(d)
    return render(
        request,
        "dossiers/create.html",
        {
            "form": form,
            "breadcrumbs": [("Hồ sơ khen thưởng", "/ho-so/"), ("Lập hồ sơ", None)],
        },
    )


def _user(pk, first_name, last_name, username):
    """The user of a row, for its name only (`core.audit.person_name`)."""
    if pk is None:
        return None
    return User(pk=pk, first_name=first_name, last_name=last_name, username=username)


def _names(prefix: str, relation: str) -> dict:
    return {f"{prefix}_{f}": F(f"{relation}__{f}") for f in ("first_name", "last_name", "username")}


_TIMELINE = CompiledQuery(
    AuditEvent,
    lambda dossier, ct: (
        AuditEvent.objects.filter(content_type_id=ct, object_id=str(dossier))
        .annotate(**_names("actor", "actor"), unit_name=F("unit__name"))
        .order_by("created_at", "pk")
    ),
)
_NOMINEES = CompiledQuery(
    Nominee,
    lambda dossier, _ct: (
        Nominee.objects.filter(dossier_id=dossier)
        .annotate(
            person_position=F("person__position"),
            person_unit_name=F("person__unit__name"),
            person_unit_short_name=F("person__unit__short_name"),
            origin_dossier_id=F("origin_link__source__dossier_id"),
        )
        .order_by("order", "pk")
    ),  # Meta.ordering within one dossier
)
_INITIATIVES = CompiledQuery(
    NomineeInitiative,
    lambda dossier, _ct: (
        NomineeInitiative.objects.filter(nominee__dossier_id=dossier)
        .annotate(initiative_title=F("initiative__title"))
        .order_by("pk")
    ),
)
_DOCUMENTS = CompiledQuery(
    DossierDocument,
    lambda dossier, _ct: (
        DossierDocument.objects.filter(dossier_id=dossier)
        .annotate(**_names("uploader", "uploaded_by"))
        .order_by("doc_type", "-uploaded_at")
    ),  # Meta.ordering within one dossier
)
_COMMENTS = CompiledQuery(
    DossierComment,
    lambda dossier, _ct: (
        DossierComment.objects.filter(dossier_id=dossier)
        .annotate(**_names("author", "author"))
        .order_by("created_at", "pk")
    ),
)


def _timeline(dossier) -> list:
    """The dossier's audit events, oldest first, each with its actor's name and unit's name
    (what `audit_sentence` writes)."""
    events = _TIMELINE(dossier.pk, ContentType.objects.get_for_model(Dossier).pk)
    for e in events:
        e.actor = _user(e.actor_id, e.actor_first_name, e.actor_last_name, e.actor_username)
        e.unit = Unit(pk=e.unit_id, name=e.unit_name) if e.unit_id is not None else None
    return events


def _nominees(dossier) -> list:
    """The dossier's lines with what their rows show (`nominee_rows`): the person's position
    and unit, the original dossier of an upward line, the initiatives' titles."""
    nominees = _NOMINEES(dossier.pk)
    titles: dict[int, list[str]] = {n.pk: [] for n in nominees}
    if nominees:
        for link in _INITIATIVES(dossier.pk):
            titles[link.nominee_id].append(link.initiative_title)
    for n in nominees:
        n.initiative_titles = titles[n.pk]
    return nominees


def _documents(dossier) -> list:
    documents = _DOCUMENTS(dossier.pk)
    for doc in documents:
        doc.uploaded_by = _user(
            doc.uploaded_by_id,
            doc.uploader_first_name,
            doc.uploader_last_name,
            doc.uploader_username,
        )
    return documents


def _comments(dossier) -> list:
    comments = _COMMENTS(dossier.pk)
    for c in comments:
        c.author = _user(c.author_id, c.author_first_name, c.author_last_name, c.author_username)
    return comments


@login_required
def detail(request, pk: int, bulk_form=None):
    """The dossier page. Every officer's POST on a dossier lands here, so it builds only the
    forms the viewer can use (the template shows each under the same condition) and reads
    what it can in one query: the campaign's required documents with the dossier, the
    add-nominee choices in one query."""
    d = access.get_dossier(request.user, pk, required_documents=True)
    is_proposer = access.is_proposer_staff(request.user, d)
    is_appraiser = access.is_appraiser(request.user, d)
    editable = is_proposer and d.status in {"draft", "returned"}
    in_queue = d.status in QUEUE_STATUSES
    timeline = _timeline(d)
    nominees = _nominees(d)
    officers = services.standing_staff(d) if is_appraiser else []
    if is_appraiser and d.assigned_to_id:
        # the assigned officer is one of the standing body's staff shown in the select
        assigned = next((u for u in officers if u.pk == d.assigned_to_id), None)
        if assigned is not None:
            d.assigned_to = assigned
    appraising = is_appraiser and in_queue
    form = legal.award_form_or_none(d.form_code)
    ctx = {
        "d": d,
        "nominees": nominees,
        "documents": _documents(d),
        "is_proposer": is_proposer,
        "is_appraiser": is_appraiser,
        "editable": editable,
        "in_queue": in_queue,
        "timeline": timeline,
        "comments": _comments(d),
        "spans": services.time_in_states(d, events=timeline),
        "required": checks.required_types(d, d.required_documents),
        "form_name": award_display_name(
            d.form_code, form.name if form is not None else d.form_code, d.authority
        ),
        "meeting_form": MeetingForm.shown(
            {
                "title": d.title,
                "meeting_date": d.meeting_date,
                "meeting_attendees": d.meeting_attendees,
                "meeting_total": d.meeting_total,
                "meeting_chair": d.meeting_chair,
                "meeting_secretary": d.meeting_secretary,
                "meeting_start": d.meeting_start,
                "meeting_end": d.meeting_end,
            }
        )
        if editable
        else None,
        "nominee_form": NomineeForm.shown(d.proposer) if editable else None,
        "upload_form": unbound_fields(UploadForm) if editable else None,
        "return_form": unbound_fields(ReturnForm) if appraising else None,
        # a POST's form in error, else the empty bar (its lines are the rows' checkboxes)
        "bulk_form": bulk_form or unbound_fields(BulkLineForm) if appraising and nominees else None,
        "bulk_selected": set(bulk_form.data.getlist("lines")) if bulk_form else set(),
        "comment_form": unbound_fields(CommentForm) if is_proposer or is_appraiser else None,
        "check_items": [(k, label, d.checklist.get(k, False)) for k, label in CHECK_ITEMS],
        "line_check_items": LINE_CHECK_ITEMS,
        "doc_labels": [(t, DocumentType(t).label) for t in drafts.BUILDERS]
        if editable or is_appraiser
        else [],
        "officers": officers,
        "problems": checks.check_submission(d)
        if editable and request.GET.get("kiem_tra")
        else None,
        "withdrawable": is_proposer and DOSSIER.can(d, "withdrawn"),
        "breadcrumbs": [("Hồ sơ khen thưởng", "/ho-so/"), (f"Hồ sơ số {d.pk}", None)],
    }
    return render(request, "dossiers/detail.html", ctx)


def _proposer_action(request, pk, *, lock: bool = False, related=access.PAGE_RELATED):
    """The dossier of a proposer's POST; `lock`: read with its row lock, inside the caller's
    `transaction.atomic()`, so that the service does not read and lock it a second time;
    `related`: the relations read with it (`access.get_dossier`)."""
    d = access.get_dossier(request.user, pk, lock=lock, related=related)
    access.require_proposer(request.user, d)
    return d


def _appraiser_action(request, pk):
    d = access.get_dossier(request.user, pk)
    access.require_appraiser(request.user, d)
    return d


@login_required
@require_POST
def meeting(request, pk):
    # One transaction: the dossier is read once, with its row lock, for the check of the
    # user's rights and for the service (a refusal rolls the whole of it back).
    with _reported(request), transaction.atomic():
        d = _proposer_action(request, pk, lock=True, related=PROPOSER_ONLY)
        form = MeetingForm(request.POST)
        if not form.is_valid():
            for errs in form.errors.values():
                messages.error(request, " ".join(errs))
            return _back(d)
        cd = form.cleaned_data
        services.update_meeting_locked(
            d,
            request.user,
            meeting_date=cd["meeting_date"],
            attendees=cd["meeting_attendees"],
            total=cd["meeting_total"],
            title=cd["title"],
            chair=cd["meeting_chair"],
            secretary=cd["meeting_secretary"],
            start=cd["meeting_start"],
            end=cd["meeting_end"],
        )
        messages.success(request, "Đã lưu thông tin họp xét.")
    return _back(d)


@login_required
@require_POST
def nominee_add(request, pk):
    # One transaction, as `meeting`: a new person written before a refusal is rolled back.
    with _reported(request), transaction.atomic():
        d = _proposer_action(request, pk, lock=True, related=PROPOSER_ONLY)
        form = NomineeForm(request.POST, proposer=d.proposer)
        if not form.is_valid():
            for field, errs in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errs)}")
            return _back(d)
        cd = form.cleaned_data
        new_person = None
        if cd["full_name"] or cd["citizen_id"] or cd["personnel_code"]:
            new_person = {
                k: cd[k]
                for k in (
                    "full_name",
                    "citizen_id",
                    "personnel_code",
                    "gender",
                    "birth_date",
                    "ethnicity",
                    "position",
                )
            }
            new_person["category"] = cd["person_category"]
        services.add_nominee_locked(
            d,
            request.user,
            subject_kind=cd["subject_kind"],
            person=cd["person"],
            unit=cd["unit"],
            household=cd["household"],
            new_person=new_person,
            collective_name=cd["collective_name"],
            category=cd["category"],
            achievements=cd["achievements"],
            votes_for=cd["votes_for"],
            prior_rating=cd["prior_rating"],
        )
        messages.success(request, "Đã thêm vào hồ sơ.")
    return _back(d)


@login_required
def nominee_import(request, pk):
    """Nominees from the Excel template: every row or none, errors per row in Vietnamese."""
    from .excel import NOMINEE_COLUMNS, NomineeImporter

    d = access.get_dossier(request.user, pk)
    if not access.is_proposer_staff(request.user, d):
        raise PermissionDenied("Chỉ đơn vị đề nghị nhập danh sách vào hồ sơ của mình.")
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        from thidua.core.excel import ExcelFormatError

        try:
            n, row_errors = NomineeImporter(request.user, d).run(form.cleaned_data["file"])
        except ExcelFormatError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            if not row_errors:
                messages.success(request, f"Đã nhập {n} tập thể, cá nhân vào hồ sơ.")
                return _back(d)
            form.add_error(
                "file", f"Có {len(row_errors)} dòng lỗi; chưa nhập dòng nào. Sửa tệp rồi tải lại."
            )
    return render(
        request,
        "dossiers/nominee_import.html",
        {
            "d": d,
            "form": form,
            "row_errors": row_errors,
            "columns": NOMINEE_COLUMNS,
            "breadcrumbs": [
                ("Hồ sơ khen thưởng", "/ho-so/"),
                (f"Hồ sơ số {d.pk}", f"/ho-so/{d.pk}/"),
                ("Nhập danh sách từ Excel", None),
            ],
        },
    )


@login_required
def nominee_template(request):
    """The Excel template of the nominee import (header and two example rows)."""
    from thidua.core.excel import template_response

    from .excel import EXAMPLE_ROWS, NOMINEE_COLUMNS

    return template_response(
        [h for h, _ in NOMINEE_COLUMNS], "mau-danh-sach-de-nghi.xlsx", EXAMPLE_ROWS
    )


def _nominee(d, nid) -> Nominee:
    return get_object_or_404(Nominee, dossier=d, pk=nid)


@login_required
@require_POST
def nominee_edit(request, pk, nid):
    d = _proposer_action(request, pk)
    n = _nominee(d, nid)
    form = NomineeEditForm(request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            services.update_nominee(
                n,
                request.user,
                achievements=cd["achievements"],
                category=cd["category"] or None,
                votes_for=cd["votes_for"],
                prior_rating=cd["prior_rating"],
            )
            messages.success(request, f"Đã lưu {n.name}.")
        except ValidationError as exc:
            _errors(request, exc)
    else:
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errs)}")
    return _back(d)


@login_required
@require_POST
def nominee_remove(request, pk, nid):
    d = _proposer_action(request, pk)
    with _reported(request):
        services.remove_nominee(_nominee(d, nid), request.user)
        messages.success(request, "Đã bỏ khỏi hồ sơ.")
    return _back(d)


@login_required
@require_POST
def initiative_link(request, pk, nid):
    from .models import Initiative

    d = _proposer_action(request, pk)
    n = _nominee(d, nid)
    initiative = get_object_or_404(
        Initiative.objects.for_user(request.user), pk=request.POST.get("initiative")
    )
    with _reported(request):
        services.link_initiative(n, request.user, initiative)
        messages.success(request, "Đã thêm sáng kiến làm căn cứ.")
    return _back(d)


@login_required
@require_POST
def upload(request, pk):
    d = _proposer_action(request, pk, related=PROPOSER_ONLY)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chọn loại tài liệu và tệp.")
        return _back(d)
    with _reported(request):
        doc = files.upload(
            d, request.user, form.cleaned_data["doc_type"], form.cleaned_data["file"]
        )
        messages.success(request, "Đã tải lên tài liệu.")
        for finding in doc.findings:
            messages.warning(request, f"{doc.original_name}: {finding}")
    return _back(d)


@login_required
@require_POST
def generate(request, pk, doc_type):
    d = access.get_dossier(request.user, pk)
    if not (access.is_proposer_staff(request.user, d) or access.is_appraiser(request.user, d)):
        raise PermissionDenied("Bạn không soạn được tài liệu của hồ sơ này.")
    with _reported(request):
        doc = drafts.generate(d, request.user, doc_type)
        messages.success(request, f"Đã soạn {doc.get_doc_type_display()} (.docx).")
    return _back(d)


@login_required
def document(request, pk, doc_id):
    d = access.get_dossier(request.user, pk)
    doc = get_object_or_404(d.documents, pk=doc_id)
    response = FileResponse(
        default_storage.open(doc.file.name, "rb"),
        as_attachment=True,
        filename=doc.original_name,
        content_type=doc.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def export(request, pk):
    d = access.get_dossier(request.user, pk)
    response = HttpResponse(files.export_zip(d), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ho_so_{d.pk}.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# What the submission reads with the dossier: the campaign (its rules, deadline and award
# forms) and the proposer (the rights check, the audit unit); the authority is not read.
SUBMIT_RELATED = ("campaign", "proposer")


@login_required
@require_POST
def submit(request, pk):
    # One transaction, as `meeting`: the dossier is read once, with its row lock and the
    # campaign's part of the checks (`checks.submission_columns`), for the check of the
    # user's rights and for the service; a refusal rolls the whole of it back.
    with _reported(request, "Chưa nộp được hồ sơ. Cần khắc phục:"), transaction.atomic():
        d = access.get_dossier(
            request.user,
            pk,
            lock=True,
            related=SUBMIT_RELATED,
            columns=checks.submission_columns(),
        )
        access.require_proposer(request.user, d)
        services.submit_locked(d, request.user)
        messages.success(request, "Đã nộp hồ sơ.")
    return _back(d)


@login_required
@require_POST
def withdraw(request, pk):
    d = _proposer_action(request, pk)
    with _reported(request):
        services.withdraw(d, request.user, request.POST.get("reason", ""))
        messages.success(request, "Đã rút hồ sơ.")
    return _back(d)


@login_required
def compare(request, pk):
    d = access.get_dossier(request.user, pk)
    versions = list(DossierVersion.objects.filter(dossier=d).order_by("version"))
    pairs = [
        (a, b, services.diff_snapshots(a.snapshot, b.snapshot))
        for a, b in zip(versions, versions[1:], strict=False)
    ]
    return render(
        request,
        "dossiers/compare.html",
        {
            "d": d,
            "versions": versions,
            "pairs": pairs,
            "breadcrumbs": [
                ("Hồ sơ khen thưởng", "/ho-so/"),
                (f"Hồ sơ số {d.pk}", f"/ho-so/{d.pk}/"),
                ("So sánh phiên bản", None),
            ],
        },
    )


# ---- appraisal ---------------------------------------------------------------------------


@login_required
def queue(request):
    """The appraisal queue, 50 a page. The page's rows are the only ones whose nominees
    are counted (a correlated COUNT evaluated after the LIMIT), the campaign's dossier
    deadline is read per row by an indexed subquery (no join multiplying the rows, no
    GROUP BY over the whole queue), only the columns the table shows are read, and the
    paginator counts the bare queue (`COUNT(*)`, no join)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from thidua.campaigns.models import CampaignDeadline

    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    qs = access.appraisal_queue(request.user)
    mine = request.GET.get("cua_toi") == "1"
    if mine:
        qs = qs.filter(assigned_to=request.user)
    due = (
        CampaignDeadline.objects.filter(campaign=OuterRef("campaign_id"), kind="dossier")
        .order_by()
        .values("campaign")
        .annotate(first=Min("date"))
        .values("first")
    )
    nominees = (
        Nominee.objects.filter(dossier=OuterRef("pk"))
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        qs.annotate(
            due=Subquery(due),
            n_nominees=Coalesce(Subquery(nominees), 0),
        )
        .order_by(F("due").asc(nulls_last=True), "submitted_at", "pk")
        .values(
            "pk",
            "title",
            "status",
            "version",
            "submitted_at",
            "due",
            "n_nominees",
            "proposer__name",
            "proposer__short_name",
            "assigned_to_id",
            "assigned_to__username",
            "assigned_to__first_name",
            "assigned_to__last_name",
        )
    )
    paginator = Paginator(rows, 50)
    paginator.count = qs.count()  # the bare queue: no join (a cached_property, set first)
    page = paginator.get_page(request.GET.get("page"))
    return render_htmx(
        request,
        "dossiers/queue.html",
        {
            "dossiers": page.object_list,
            "page": page,
            "mine": mine,
            "breadcrumbs": [("Thẩm định hồ sơ", None)],
        },
        partial="rows",
    )


@login_required
@require_POST
def assign(request, pk):
    d = _appraiser_action(request, pk)
    officer = None
    if request.POST.get("officer"):
        officer = next(
            (u for u in services.standing_staff(d) if str(u.pk) == request.POST["officer"]), None
        )
        if officer is None:
            messages.error(request, "Chuyên viên không thuộc cơ quan thường trực.")
            return _back(d)
    services.assign(d, request.user, officer)
    messages.success(request, "Đã phân công.")
    return _back(d)


@login_required
@require_POST
def checklist(request, pk):
    d = _appraiser_action(request, pk)
    items = {k: request.POST.get(f"c_{k}") == "on" for k, _ in CHECK_ITEMS}
    line_items = {
        n.pk: {k: request.POST.get(f"n{n.pk}_{k}") == "on" for k, _ in LINE_CHECK_ITEMS}
        for n in d.nominees.all()
    }
    with _reported(request):
        services.save_checklist(d, request.user, items, line_items)
        messages.success(request, "Đã lưu phiếu kiểm tra.")
    return _back(d)


@login_required
@require_POST
def return_view(request, pk):
    d = _appraiser_action(request, pk)
    form = ReturnForm(request.POST)
    with _reported(request):
        if not form.is_valid():
            raise ValidationError("Nêu nội dung cần hoàn thiện.")
        services.return_dossier(d, request.user, form.pairs())
        messages.success(request, "Đã trả hồ sơ để đơn vị hoàn thiện.")
    return _back(d)


@login_required
@require_POST
def appraise_line(request, pk, nid):
    d = _appraiser_action(request, pk)
    n = _nominee(d, nid)
    form = LineForm(request.POST)
    with _reported(request):
        if not form.is_valid():
            raise ValidationError("Chọn kết quả thẩm định.")
        cd = form.cleaned_data
        services.appraise_line(n, request.user, cd["result"], cd["reason"], cd["wording"])
        messages.success(request, f"Đã ghi kết quả: {n.name} — {LineResult(cd['result']).label}.")
    return _back(d)


@login_required
@require_POST
def appraise_lines(request, pk):
    """The bulk bar: one result and wording for every selected line, all or nothing."""
    d = _appraiser_action(request, pk)
    form = BulkLineForm(request.POST, nominees=d.nominees.all())
    if form.is_valid():
        cd = form.cleaned_data
        try:
            done = services.appraise_lines(
                d, request.user, cd["lines"], cd["result"], cd["reason"], cd["wording"]
            )
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(
                request, f"Đã ghi kết quả “{LineResult(cd['result']).label}” cho {len(done)} dòng."
            )
            return _back(d)
    return detail(request, pk, bulk_form=form)


@login_required
@require_POST
def finish(request, pk):
    d = _appraiser_action(request, pk)
    with _reported(request):
        d = services.finish_appraisal(d, request.user)
        messages.success(request, f"Hồ sơ: {d.get_status_display()}.")
    return _back(d)


@login_required
@require_POST
def reject(request, pk):
    d = _appraiser_action(request, pk)
    with _reported(request):
        services.reject(d, request.user, request.POST.get("reason", ""))
        messages.success(request, "Đã kết luận hồ sơ không đủ điều kiện.")
    return _back(d)


@login_required
@require_POST
def comment(request, pk):
    d = access.get_dossier(request.user, pk)
    if not (access.is_proposer_staff(request.user, d) or access.is_appraiser(request.user, d)):
        raise PermissionDenied("Bạn không trao đổi được về hồ sơ này.")
    with _reported(request):
        services.add_comment(d, request.user, request.POST.get("text", ""))
    return _back(d)


@login_required
def exceptions(request):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    from thidua.org.models import Unit

    from .models import DeadlineException

    authorities = access.standing_units(request.user)
    campaigns = Campaign.objects.filter(issuer__in=authorities).order_by("-start_date")
    form = ExceptionForm(request.POST or None)
    form.fields["campaign"].queryset = campaigns
    form.fields["unit"].queryset = Unit.objects.filter(
        Q(*[Q(path__startswith=a.path) for a in authorities], _connector=Q.OR)
        if authorities
        else Q(pk__in=[])
    ).order_by("path")
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            services.open_deadline_exception(
                cd["campaign"], cd["unit"], cd["until"], cd["reason"], request.user
            )
            messages.success(request, f"Đã gia hạn cho {cd['unit'].name}.")
            return redirect("dossiers:exceptions")
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
    rows = DeadlineException.objects.filter(campaign__in=campaigns).select_related(
        "campaign", "unit", "created_by"
    )
    return render(
        request,
        "dossiers/exceptions.html",
        {
            "form": form,
            "campaigns": campaigns,
            "rows": rows,
            "breadcrumbs": [("Thẩm định hồ sơ", "/ho-so/tham-dinh/"), ("Gia hạn nộp hồ sơ", None)],
        },
    )
