"""Organisation pages: units, persons, blocks, Excel import/export, merges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.core.excel import ExcelFormatError
from thidua.core.forms import INVALID_DATE, parse_vi_date
from thidua.core.models import ImportBatch
from thidua.core.permissions import get_for_user_or_404, require_role, scope_for
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.core.views import render_htmx

from .enums import PersonCategory, UnitKind
from .excel import PersonExporter, PersonImporter, UnitExporter, UnitImporter
from .forms import PersonForm, RoleGrantForm, UploadForm
from .models import Block, Membership, Person, RoleAssignment, Unit
from .roles_service import check_grant, grant_role, grantable_roles, grantable_units, revoke_role
from .services import OrgError, merge_units, save_person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


@login_required
def unit_list(request):
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    units = Unit.objects.for_user(request.user).select_related("parent").search(q)
    if kind:
        units = units.filter(kind=kind)
    if request.GET.get("active") == "1":
        units = units.active()
    page = Paginator(units.order_by("path"), 100).get_page(request.GET.get("page"))
    return render_htmx(
        request,
        "org/unit_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "kinds": UnitKind.choices,
            "breadcrumbs": [("Đơn vị", None)],
        },
        partial="rows",
    )


@login_required
def unit_detail(request, pk: int):
    unit = get_for_user_or_404(
        Unit.objects.select_related("parent", "successor"), request.user, pk=pk
    )
    children = unit.children.all().order_by("name")
    predecessors = unit.predecessors.all()
    persons = (
        Person.objects.for_user(request.user).filter(unit__in=unit.subtree()).select_related("unit")
    )
    blocks = Block.objects.filter(members__unit=unit).select_related("authority").order_by("-year")
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "predecessors": predecessors,
            "person_count": persons.count(),
            "persons": persons.order_by("sort_key")[:50],
            "blocks": blocks,
            "ancestors": unit.ancestors(),
            "can_merge": scope_for(request.user).has_role(Role.STANDING_BODY, Role.ADMIN),
            "breadcrumbs": [("Đơn vị", reverse("org:units")), (unit.display_name, None)],
        },
    )


@login_required
def person_list(request):
    q = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    persons = Person.objects.for_user(request.user).select_related("unit").search(q)
    if category:
        persons = persons.filter(category=category)
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        unit = get_for_user_or_404(Unit.objects, request.user, pk=int(unit_id))
        persons = persons.filter(unit__in=unit.subtree())
    page = Paginator(persons.vietnamese_order(), 50).get_page(request.GET.get("page"))
    return render_htmx(
        request,
        "org/person_list.html",
        {
            "page": page,
            "q": q,
            "category": category,
            "categories": PersonCategory.choices,
            "breadcrumbs": [("Cá nhân", None)],
        },
        partial="rows",
    )


@login_required
def person_detail(request, pk: int):
    person = get_for_user_or_404(Person.objects.select_related("unit"), request.user, pk=pk)
    memberships = Membership.objects.filter(person=person).select_related("unit")
    return render(
        request,
        "org/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "breadcrumbs": [("Cá nhân", reverse("org:persons")), (person.full_name, None)],
        },
    )


@login_required
def person_edit(request, pk: int | None = None):
    units = Unit.objects.for_user(request.user, "change").active()
    person = get_for_user_or_404(Person.objects, request.user, "change", pk=pk) if pk else None
    if not units.exists():
        raise PermissionDenied("Bạn không có quyền thêm, sửa cá nhân.")
    form = PersonForm(request.POST or None, instance=person, units=units)
    if request.method == "POST" and form.is_valid():
        person = save_person(form.save(commit=False), request.user)
        messages.success(request, f"Đã lưu thông tin {person.full_name}.")
        return redirect("org:person", pk=person.pk)
    return render(
        request,
        "org/person_form.html",
        {
            "form": form,
            "person": person,
            "breadcrumbs": [("Cá nhân", reverse("org:persons")), ("Cập nhật", None)],
        },
    )


@login_required
def block_list(request):
    blocks = (
        Block.objects.for_user(request.user)
        .select_related("authority", "head", "deputy")
        .prefetch_related(Prefetch("monitors"))
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-year", "name")
    )
    return render(
        request, "org/block_list.html", {"blocks": blocks, "breadcrumbs": [("Khối thi đua", None)]}
    )


@login_required
def block_detail(request, pk: int):
    block = get_object_or_404(
        Block.objects.for_user(request.user).select_related("authority", "head", "deputy"), pk=pk
    )
    members = block.members.select_related("unit").order_by("unit__name")
    return render(
        request,
        "org/block_detail.html",
        {
            "emulation_block": block,
            "members": members,
            "monitors": block.monitors.all(),
            "breadcrumbs": [("Khối thi đua", reverse("org:blocks")), (str(block), None)],
        },
    )


IMPORTERS = {"units": ("Đơn vị", UnitImporter), "persons": ("Cá nhân", PersonImporter)}


def _importer(kind: str, request):
    label, cls = IMPORTERS[kind]
    if kind == "units":
        scope = require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
        root = request.unit if not scope.is_global else None
        return label, cls(request.user, root=root)
    return label, cls(request.user, units=Unit.objects.for_user(request.user, "change"))


@login_required
def import_upload(request, kind: str):
    if kind not in IMPORTERS:
        raise PermissionDenied
    label, importer = _importer(kind, request)
    if request.GET.get("mau") == "xlsx":
        from thidua.core.excel import template_response

        return template_response([h for h, _ in importer.columns], f"mau-nhap-{kind}.xlsx")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importer.read(upload)
        except ExcelFormatError as exc:
            form.add_error("file", str(exc))
        else:
            cleaned, errors = importer.validate(rows)
            batch = ImportBatch.objects.create(
                kind=kind,
                user=request.user,
                unit=request.unit,
                filename=upload.name[:255],
                rows=[[row_number, values] for row_number, values in rows],
                errors=[error.as_dict() for error in errors],
            )
            return redirect("org:import_preview", pk=batch.pk)
    return render(
        request,
        "org/import_upload.html",
        {
            "form": form,
            "label": label,
            "kind": kind,
            "columns": importer.columns,
            "breadcrumbs": [(f"Nhập {label.lower()} từ Excel", None)],
        },
    )


@login_required
def import_preview(request, pk: int):
    batch = get_object_or_404(ImportBatch, pk=pk, user=request.user)
    label, importer = _importer(batch.kind, request)
    error_rows = {e["row"] for e in batch.errors}
    return render(
        request,
        "org/import_preview.html",
        {
            "batch": batch,
            "label": label,
            "columns": importer.columns,
            "rows": [(n, v, n in error_rows) for n, v in batch.rows],
            "error_rows": error_rows,
            "breadcrumbs": [
                (f"Nhập {label.lower()} từ Excel", reverse("org:import", args=[batch.kind])),
                ("Xem trước", None),
            ],
        },
    )


@login_required
@require_POST
def import_commit(request, pk: int):
    batch = get_object_or_404(ImportBatch, pk=pk, user=request.user, status="preview")
    _, importer = _importer(batch.kind, request)
    try:
        count = importer.commit([(n, v) for n, v in batch.rows])
    except ValueError as exc:
        cleaned, errors = importer.validate([(n, v) for n, v in batch.rows])
        batch.errors = [e.as_dict() for e in errors]
        batch.save(update_fields=["errors"])
        messages.error(request, str(exc))
        return redirect("org:import_preview", pk=batch.pk)
    batch.status, batch.committed_count = "committed", count
    batch.save(update_fields=["status", "committed_count"])
    messages.success(request, f"Đã nhập {count} dòng.")
    return redirect("org:units" if batch.kind == "units" else "org:persons")


@login_required
def export_units(request):
    data = UnitExporter(Unit.objects.for_user(request.user)).to_xlsx()
    return _xlsx_response(data, "don-vi.xlsx")


@login_required
def export_persons(request):
    data = PersonExporter(Person.objects.for_user(request.user)).to_xlsx()
    return _xlsx_response(data, "ca-nhan.xlsx")


@login_required
def merge(request, pk: int):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    successor = get_for_user_or_404(Unit.objects, request.user, "change", pk=pk)
    candidates = (
        Unit.objects.for_user(request.user, "change")
        .active()
        .exclude(pk=successor.pk)
        .filter(kind=successor.kind)
    )
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("predecessors") if i.isdigit()]
        chosen = list(candidates.filter(pk__in=ids))

        try:
            effective = parse_vi_date(request.POST.get("effective", ""))
            if effective is None:
                raise ValueError(INVALID_DATE)
            merge_units(
                chosen,
                successor,
                effective,
                actor=request.user,
                legal_basis=request.POST.get("legal_basis", ""),
            )
        except ValueError:
            messages.error(request, "Ngày hiệu lực không hợp lệ.")
        except OrgError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã sáp nhập {len(chosen)} đơn vị vào {successor.name}.")
            return redirect("org:unit", pk=successor.pk)
    return render(
        request,
        "org/merge.html",
        {
            "unit": successor,
            "candidates": candidates.order_by("name")[:300],
            "breadcrumbs": [
                ("Đơn vị", reverse("org:units")),
                (successor.display_name, reverse("org:unit", args=[successor.pk])),
                ("Sáp nhập", None),
            ],
        },
    )


def _may_revoke(user, assignment) -> bool:
    try:
        check_grant(user, assignment.user, assignment.role, assignment.unit)
    except PermissionDenied:
        return False
    return True


@login_required
def roles(request):
    """ "Phân quyền": the role assignments of the user's subtree; grant and revoke through
    `roles_service` (its rule decides which role on which unit)."""
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    form = RoleGrantForm(
        request.POST or None,
        roles=grantable_roles(request.user),
        units=grantable_units(request.user).order_by("path"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = grant_role(
                request.user,
                data["username"],
                data["role"],
                data["unit"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                reason=data["reason"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã giao vai trò: {assignment}.")
            return redirect("org:roles")
    q = request.GET.get("q", "").strip()
    assignments = (
        RoleAssignment.objects.for_user(request.user)
        .select_related("user", "unit")
        .order_by("unit__path", "role", "user__username")
    )
    if q:
        assignments = assignments.filter(
            Q(user__username__icontains=q) | Q(unit__search_text__contains=fold(q))
        )
    page = Paginator(assignments, 100).get_page(request.GET.get("page"))
    rows = [(a, _may_revoke(request.user, a)) for a in page]
    return render(
        request,
        "org/roles.html",
        {"form": form, "page": page, "rows": rows, "q": q, "breadcrumbs": [("Phân quyền", None)]},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def role_revoke(request, pk: int):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    assignment = get_for_user_or_404(
        RoleAssignment.objects.select_related("user", "unit"), request.user, "change", pk=pk
    )
    label = str(assignment)
    try:
        revoke_role(request.user, assignment, reason=request.POST.get("reason", ""))
    except (PermissionDenied, ValidationError) as exc:
        messages.error(
            request, str(exc) if isinstance(exc, PermissionDenied) else " ".join(exc.messages)
        )
    else:
        messages.success(request, f"Đã thu hồi vai trò: {label}.")
    return redirect("org:roles")
