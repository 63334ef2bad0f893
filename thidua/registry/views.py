"""Registry pages: public search and verification; histories; print layouts; batches;
export and import. Views are thin: permission layer, then services."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.awards import services as award_services
from thidua.awards.models import Award, Decision, DecisionStatus
from thidua.core import ratelimit
from thidua.core.excel import ExcelFormatError
from thidua.core.net import client_ip
from thidua.core.permissions import get_for_user_or_404, require_role
from thidua.core.views import render_htmx
from thidua.org.models import Person, Unit
from thidua.signing import services as signing
from thidua.signing.verify import check_pdf

from . import services
from .certificates import FIELDS, FORM_KIND_LABELS
from .forms import ImportForm, LayoutCreateForm, LayoutEditForm, SearchForm, SignatureCheckForm
from .interchange import COLUMNS, RegistryExporter, RegistryImporter
from .models import CertificateBatch, CertificateLayout

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pdf(data: bytes, filename: str, inline: bool = True) -> HttpResponse:
    resp = HttpResponse(data, content_type=PDF)
    resp["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return resp


# ---- public ----------------------------------------------------------------------------


def search(request):
    """The public search: every filter in the database, newest first, keyset pages
    (`sau` is an opaque cursor), the number of results exact up to COUNT_BOUND."""
    form = SearchForm(request.GET or None)
    result, searched, cursor_error = None, False, ""
    if form.is_valid() and any(
        form.cleaned_data.get(k) for k in ("q", "don_vi", "hinh_thuc", "nam")
    ):
        searched = True
        d = form.cleaned_data
        cursor = None
        if request.GET.get("sau"):
            try:
                cursor = services.Cursor.decode(request.GET["sau"])
            except ValueError as exc:
                cursor_error = str(exc)
        result = services.search_page(d["q"], d["don_vi"], d["hinh_thuc"], d["nam"], cursor)
    params = request.GET.copy()
    params.pop("sau", None)
    ctx = {
        "form": form,
        "result": result,
        "results": result.awards if result else [],
        "searched": searched,
        "cursor_error": cursor_error,
        "count_bound": services.COUNT_BOUND,
        "params": params.urlencode(),
        "breadcrumbs": [("Sổ khen thưởng", None)],
    }
    return render_htmx(request, "registry/search.html", ctx, partial="results")


def verify(request, code: str | None = None):
    code = (code or request.GET.get("ma", "")).strip().upper().replace("-", "").replace(" ", "")
    if not code:
        return render(
            request, "registry/verify.html", {"code": "", "breadcrumbs": [("Xác thực", None)]}
        )
    if request.GET.get("ma"):
        return redirect("registry:verify", code=code)
    award = (
        Award.objects.select_related("decision", "decision__issuer", "campaign", "certificate")
        .filter(verification_code=code)
        .first()
    )
    valid = (
        award is not None and award.decision_id and award.decision.status == DecisionStatus.SIGNED
    )
    valid = bool(valid and not award.revoked)
    ctx = {
        "code": code,
        "award": award if valid else None,
        "signed_pdf": valid and award_services.is_digitally_signed(award.decision),
        "invalid_reason": _invalid_reason(award),
        "breadcrumbs": [("Sổ khen thưởng", reverse("registry:search")), ("Xác thực", None)],
    }
    return render(request, "registry/verify.html", ctx, status=200 if valid else 404)


def _verified_award(code: str):
    award = (
        Award.objects.select_related("decision", "decision__issuer")
        .filter(verification_code=code.strip().upper())
        .first()
    )
    ok = award is not None and award.decision_id and award.decision.status == DecisionStatus.SIGNED
    return award if ok and not award.revoked else None


def verify_decision_pdf(request, code: str):
    """The signed PDF of the decision behind a valid verification code (public): the file
    stored at signing, byte for byte."""
    award = _verified_award(code)
    if award is None or not award_services.is_digitally_signed(award.decision):
        raise Http404("Quyết định này không có bản ký số.")
    decision = award.decision
    return FileResponse(
        decision.pdf.open("rb"),
        content_type=PDF,
        filename=f"quyet-dinh-{decision.number:02d}-{decision.year}.pdf",
    )


SIGNATURE_CHECKS_PER_HOUR = 60


def signature_check(request):
    """Public "Kiểm tra chữ ký": upload any PDF, see whether its signatures hold."""
    form = SignatureCheckForm(request.POST or None, request.FILES or None)
    report, status = None, 200
    if request.method == "POST" and form.is_valid():
        slot = ratelimit.take(
            "signature-check",
            client_ip(request) or "?",
            limit=SIGNATURE_CHECKS_PER_HOUR,
            window=3600,
        )
        if slot is None:
            status = 429
            messages.error(request, "Bạn đã kiểm tra quá nhiều tệp; vui lòng thử lại sau một giờ.")
        else:
            report = check_pdf(form.cleaned_data["tep"].read())
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "registry/signature_check.html",
        {
            "form": form,
            "report": report,
            "max_mb": settings.THIDUA_SIGNATURE_CHECK_MAX_BYTES // (1024 * 1024),
            "breadcrumbs": [("Kiểm tra chữ ký số", None)],
        },
        status=status,
    )


def _invalid_reason(award) -> str:
    if award is None:
        return "Không có khen thưởng nào mang mã xác thực này trong sổ khen thưởng."
    if award.revoked or (award.decision_id and award.decision.status == DecisionStatus.REVOKED):
        return "Khen thưởng mang mã này đã bị thu hồi."
    return "Khen thưởng mang mã này chưa được ban hành."


# ---- histories (scoped) ------------------------------------------------------------


@login_required
def person_history(request, pk: int):
    person = get_for_user_or_404(Person.objects.select_related("unit"), request.user, pk=pk)
    awards = services.person_history(person)
    return render(
        request,
        "registry/person_history.html",
        {
            "person": person,
            "awards": services.award_rows(awards),
            "breadcrumbs": [
                ("Sổ khen thưởng", reverse("registry:search")),
                (person.full_name, None),
            ],
        },
    )


@login_required
def unit_history(request, pk: int):
    units = Unit.objects.select_related("parent", "successor")
    try:
        unit = get_for_user_or_404(units, request.user, pk=pk)
    except Http404:
        # A unit merged away (or inside one) belongs to its successor's record: whoever may
        # see the successor (its standing body, its officers) may read its history.
        unit = units.filter(pk=pk).first()
        if unit is None or not services.successor_visible(unit, request.user):
            raise
    own, members = services.unit_history(unit)
    members_count = members.count()
    predecessors = (
        Unit.objects.filter(path__in=unit.lineage_paths()).exclude(pk=unit.pk).order_by("name")
    )
    return render(
        request,
        "registry/unit_history.html",
        {
            "unit": unit,
            "own": services.award_rows(own),
            "members": services.award_rows(members[:300]),
            "members_count": members_count,
            "predecessors": predecessors,
            "breadcrumbs": [("Sổ khen thưởng", reverse("registry:search")), (unit.name, None)],
        },
    )


# ---- certificates --------------------------------------------------------------------


@login_required
def certificate(request, pk: int):
    award = get_for_user_or_404(
        Award.objects.select_related("decision", "decision__issuer"), request.user, pk=pk
    )
    try:
        data = services.certificate_pdf(
            award, request.user, use_blank=request.GET.get("phoi") == "1"
        )
    except services.RegistryError as exc:
        messages.error(request, str(exc))
        return redirect("registry:printing")
    return _pdf(data, f"giay-khen-{award.verification_code}.pdf")


@login_required
def printing(request):
    """Signed decisions in the user's scope, with their last batch: the print desk."""
    require_role(request.user, *services.PRINT_ROLES)
    decisions = (
        Decision.objects.for_user(request.user, "change")
        .filter(status=DecisionStatus.SIGNED)
        .select_related("issuer")
        .order_by("-doc_date", "-pk")[:100]
    )
    decisions = list(decisions)
    services.resume_stalled_batches(CertificateBatch.objects.filter(decision__in=decisions))
    batches = {}
    for b in CertificateBatch.objects.filter(decision__in=decisions).order_by("created_at"):
        batches[b.decision_id] = b
    counts = dict(
        Award.objects.filter(decision__in=decisions, revoked=False)
        .values_list("decision_id")
        .annotate(n=Count("id"))
    )
    rows = [
        {"decision": d, "batch": batches.get(d.pk), "count": counts.get(d.pk, 0)} for d in decisions
    ]
    return render(
        request,
        "registry/printing.html",
        {
            "rows": rows,
            "breadcrumbs": [("In giấy khen, bằng khen", None)],
        },
    )


@login_required
@require_POST
def batch_start(request, decision_pk: int):
    decision = get_for_user_or_404(
        Decision.objects.select_related("issuer"), request.user, "change", pk=decision_pk
    )
    try:
        batch = services.start_batch(
            decision, request.user, use_blank=request.POST.get("phoi") == "1"
        )
    except services.RegistryError as exc:
        messages.error(request, str(exc))
        return redirect("registry:printing")
    return redirect("registry:batch", pk=batch.pk)


@login_required
def batch_detail(request, pk: int):
    batch = get_for_user_or_404(
        CertificateBatch.objects.select_related("decision", "decision__issuer"), request.user, pk=pk
    )
    if services.resume_stalled_batches(CertificateBatch.objects.filter(pk=batch.pk)):
        batch.refresh_from_db()
    return render_htmx(
        request,
        "registry/batch.html",
        {
            "batch": batch,
            "sealed": services.batch_is_sealed(batch),
            "can_seal": batch.status == "done"
            and not services.batch_is_sealed(batch)
            and signing.unit_credential(batch.decision.issuer) is not None,
            "breadcrumbs": [
                ("In giấy khen, bằng khen", reverse("registry:printing")),
                (str(batch), None),
            ],
        },
        partial="progress",
    )


@login_required
@require_POST
def batch_resume(request, pk: int):
    batch = get_for_user_or_404(
        CertificateBatch.objects.select_related("decision"), request.user, "change", pk=pk
    )
    try:
        services.resume_batch(batch, request.user)
    except services.RegistryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã xếp hàng tạo tiếp lô in từ phần đã tạo xong.")
    return redirect("registry:batch", pk=batch.pk)


@login_required
@require_POST
def batch_seal(request, pk: int):
    batch = get_for_user_or_404(
        CertificateBatch.objects.select_related("decision", "decision__issuer"),
        request.user,
        "change",
        pk=pk,
    )
    try:
        services.seal_batch(batch, request.user)
    except services.RegistryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã ký số lô in bằng chữ ký số của cơ quan.")
    return redirect("registry:batch", pk=batch.pk)


@login_required
def batch_download(request, pk: int):
    batch = get_for_user_or_404(
        CertificateBatch.objects.select_related("decision"), request.user, pk=pk
    )
    if not batch.file:
        raise Http404("Lô in chưa có tệp.")
    path = Path(settings.MEDIA_ROOT) / batch.file
    if not path.is_file():
        raise Http404("Không tìm thấy tệp.")
    return FileResponse(open(path, "rb"), content_type=PDF, as_attachment=True, filename=path.name)


# ---- layouts ---------------------------------------------------------------------------


@login_required
def layouts(request):
    require_role(request.user, *services.PRINT_ROLES)
    items = CertificateLayout.objects.for_user(request.user).select_related("issuer")
    form = LayoutCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        layout = form.save(commit=False)
        services.save_layout(layout, layout.fields, request.user)
        messages.success(request, "Đã tạo mẫu in; hãy chỉnh vị trí các trường theo phôi.")
        return redirect("registry:layout", pk=layout.pk)
    return render(
        request,
        "registry/layouts.html",
        {
            "items": items,
            "form": form,
            "breadcrumbs": [("Mẫu in giấy khen", None)],
        },
    )


@login_required
def layout_edit(request, pk: int):
    require_role(request.user, *services.PRINT_ROLES)
    layout = get_for_user_or_404(
        CertificateLayout.objects.select_related("issuer"), request.user, pk=pk
    )
    if request.method == "POST":
        layout = get_for_user_or_404(
            CertificateLayout.objects.select_related("issuer"), request.user, "change", pk=pk
        )
        form = LayoutEditForm(request.POST, request.FILES, layout=layout)
        if form.is_valid():
            changes = {
                "issuer_title": form.cleaned_data["issuer_title"],
                "use_blank": form.cleaned_data["use_blank"],
            }
            if form.cleaned_data.get("scan"):
                changes["scan"] = form.cleaned_data["scan"]
                changes["scan_width"], changes["scan_height"] = form.scan_size
            services.save_layout(layout, form.layout_fields(), request.user, **changes)
            messages.success(request, "Đã lưu vị trí các trường.")
            return redirect("registry:layout", pk=layout.pk)
        messages.error(request, "Chưa lưu được: xin xem các ô báo lỗi.")
    else:
        form = LayoutEditForm(
            initial={"issuer_title": layout.issuer_title, "use_blank": layout.use_blank},
            layout=layout,
        )
    boxes = [{"name": n, "label": FIELDS[n], **layout.fields.get(n, {})} for n in FIELDS]
    return render(
        request,
        "registry/layout_edit.html",
        {
            "layout": layout,
            "form": form,
            "boxes": boxes,
            "kind_label": FORM_KIND_LABELS[layout.form_kind],
            "breadcrumbs": [("Mẫu in giấy khen", reverse("registry:layouts")), (str(layout), None)],
        },
    )


@login_required
def layout_scan(request, pk: int):
    layout = get_for_user_or_404(CertificateLayout.objects.all(), request.user, pk=pk)
    if not layout.scan:
        raise Http404("Chưa có ảnh quét.")
    ctype = mimetypes.guess_type(layout.scan.name)[0] or "application/octet-stream"
    if ctype not in ("image/jpeg", "image/png"):
        raise Http404("Tệp không phải ảnh.")
    return FileResponse(layout.scan.open("rb"), content_type=ctype)


@login_required
def layout_test_print(request, pk: int):
    require_role(request.user, *services.PRINT_ROLES)
    layout = get_for_user_or_404(
        CertificateLayout.objects.select_related("issuer"), request.user, pk=pk
    )
    return _pdf(services.test_print_pdf(layout), f"in-thu-{layout.form_kind}.pdf")


# ---- interchange ---------------------------------------------------------------------


@login_required
def export(request):
    require_role(request.user, *services.PRINT_ROLES)
    fmt = request.GET.get("dinh_dang", "xlsx")
    awards = services.public_awards().filter(
        pk__in=Award.objects.for_user(request.user).values("pk")
    )
    year = request.GET.get("nam", "")
    if year.isdigit():
        awards = awards.filter(year=int(year))
    exporter = RegistryExporter(awards)
    if fmt == "json":
        resp = HttpResponse(exporter.to_json(), content_type="application/json; charset=utf-8")
        name = "so-khen-thuong.json"
    elif fmt == "csv":
        resp = HttpResponse(exporter.to_csv(), content_type="text/csv; charset=utf-8")
        name = "so-khen-thuong.csv"
    else:
        resp = HttpResponse(exporter.to_xlsx(), content_type=XLSX)
        name = "so-khen-thuong.xlsx"
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


@login_required
def import_view(request):
    scope = require_role(request.user, *services.PRINT_ROLES)
    if request.GET.get("mau") == "xlsx":
        from thidua.core.excel import template_response

        return template_response([c for c, _ in COLUMNS], "mau-nhap-so-khen-thuong.xlsx")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, saved = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        importer = RegistryImporter(user=request.user)
        try:
            rows = importer.read_any(upload.name, upload.read())
            _, errors = importer.validate(rows)
            outside = _outside_scope(rows, scope)
            if outside:
                raise PermissionDenied(
                    "Tệp có đơn vị ngoài phạm vi quản lý của bạn: " + ", ".join(sorted(outside)[:5])
                )
            if not errors:
                saved = importer.commit(rows)
                messages.success(request, f"Đã nhập {saved} khen thưởng vào sổ.")
            else:
                messages.error(request, f"Có {len(errors)} dòng lỗi; không lưu dòng nào.")
        except ExcelFormatError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "registry/import.html",
        {
            "form": form,
            "errors": errors,
            "saved": saved,
            "columns": COLUMNS,
            "breadcrumbs": [("Sổ khen thưởng", reverse("registry:search")), ("Nhập dữ liệu", None)],
        },
    )


def _outside_scope(rows, scope) -> set[str]:
    if scope.is_global:
        return set()
    codes = {v.get("ma_don_vi", "") for _, v in rows} - {""}
    units = Unit.objects.filter(code__in=codes)
    inside = set(units.filter(scope.q("", "change")).values_list("code", flat=True))
    return {c for c in codes if c in set(units.values_list("code", flat=True))} - inside
