"""Block scoring schemes (versioned) with their scores, and prior-year ratings."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thidua.core.permissions import can, require_role, scope_for
from thidua.core.roles import Role
from thidua.legal.read import RATINGS
from thidua.org.enums import UnitKind
from thidua.org.models import Block, Unit

from . import services
from .models import BlockScheme, BlockScore, PriorRating

RATING_CODES = {r["code"] for r in RATINGS}
LINE_HELP = "Mỗi dòng một mục: mã | nội dung | điểm tối đa | x (nếu bắt buộc)"


def parse_items(text: str, label: str) -> list[dict]:
    """'TC1 | Hoàn thành chỉ tiêu thu ngân sách | 20 | x' per line → scheme items."""
    items = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.split("|")]
        if len(parts) < 3:
            raise services.RegistrationError(
                f"Dòng {n} của {label} cần dạng “mã | nội dung | điểm”."
            )
        items.append(
            {
                "code": parts[0],
                "label": parts[1],
                "points": parts[2],
                "required": len(parts) > 3 and parts[3].lower() in {"x", "có", "co", "bắt buộc"},
            }
        )
    return items


def _items_text(items) -> str:
    return "\n".join(
        f"{i['code']} | {i['label']} | {i['points']}{' | x' if i.get('required') else ''}"
        for i in items
    )


def _block(request, block_id: int) -> Block:
    return get_object_or_404(
        Block.objects.for_user(request.user).select_related("authority", "head"), pk=block_id
    )


@login_required
def schemes(request, block_id: int):
    block = _block(request, block_id)
    versions = list(BlockScheme.objects.filter(block=block).order_by("-year", "-version"))
    latest = versions[0] if versions else None
    can_edit = services.is_block_head(request.user, block) or (
        scope_for(request.user).has_role(Role.STANDING_BODY)
        and can(request.user, "change", block.authority)
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(
                "Chỉ trưởng khối hoặc cơ quan thường trực được ban hành bộ tiêu chí."
            )
        try:
            scheme = services.save_scheme(
                block,
                request.user,
                title=request.POST.get("title", ""),
                year=int(request.POST.get("year") or block.year),
                criteria=parse_items(request.POST.get("criteria", ""), "tiêu chí"),
                bonus=parse_items(request.POST.get("bonus", ""), "điểm thưởng"),
                penalty=parse_items(request.POST.get("penalty", ""), "điểm trừ"),
                completion_points=request.POST.get("completion_points") or 100,
                base=latest,
            )
        except (services.RegistrationError, ValueError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"Đã ban hành {scheme.label}.")
            return redirect("registrations:schemes", block_id=block.pk)
    return render(
        request,
        "registrations/schemes.html",
        {
            "blk": block,
            "versions": versions,
            "latest": latest,
            "can_edit": can_edit,
            "line_help": LINE_HELP,
            "form": {
                "title": request.POST.get("title")
                or (latest.title if latest else "Bộ tiêu chí chấm điểm thi đua"),
                "year": request.POST.get("year") or block.year,
                "completion_points": request.POST.get("completion_points")
                or (latest.completion_points if latest else 100),
                "criteria": request.POST.get("criteria")
                or (_items_text(latest.criteria) if latest else ""),
                "bonus": request.POST.get("bonus") or (_items_text(latest.bonus) if latest else ""),
                "penalty": request.POST.get("penalty")
                or (_items_text(latest.penalty) if latest else ""),
            },
            "breadcrumbs": [
                ("Khối thi đua", reverse("org:blocks")),
                (block.name, reverse("org:block", args=[block.pk])),
                ("Bộ tiêu chí", None),
            ],
        },
    )


@login_required
def scores(request, scheme_id: int):
    scheme = get_object_or_404(BlockScheme.objects.select_related("block"), pk=scheme_id)
    block = _block(request, scheme.block_id)
    members = [m.unit for m in block.members.select_related("unit").order_by("unit__name")]
    items = scheme.all_items()
    if request.method == "POST":
        if not services.is_block_head(request.user, block):
            raise PermissionDenied("Chỉ trưởng khối được chấm điểm theo bộ tiêu chí.")
        errors = []
        for unit in members:
            for item in items:
                value = request.POST.get(f"s_{unit.pk}_{item['code']}", "").strip()
                if value == "":
                    continue
                try:
                    services.set_score(
                        scheme,
                        unit,
                        request.user,
                        code=item["code"],
                        points=value.replace(",", "."),
                    )
                except services.RegistrationError as exc:
                    errors.append(f"{unit.name}: {' '.join(exc.messages)}")
        if errors:
            for e in errors:
                messages.error(request, e)
        else:
            messages.success(request, "Đã lưu điểm chấm.")
            return redirect("registrations:scores", scheme_id=scheme.pk)
    existing = {
        (s.unit_id, s.code): abs(s.points) for s in BlockScore.objects.filter(scheme=scheme)
    }
    rows = [
        (u, [(item, existing.get((u.pk, item["code"]), "")) for item in items]) for u in members
    ]
    return render(
        request,
        "registrations/scores.html",
        {
            "scheme": scheme,
            "blk": block,
            "items": items,
            "rows": rows,
            "is_head": services.is_block_head(request.user, block),
            "breadcrumbs": [
                ("Bộ tiêu chí", reverse("registrations:schemes", args=[block.pk])),
                ("Chấm điểm", None),
            ],
        },
    )


RATED_KINDS = [
    UnitKind.COMMUNE,
    UnitKind.WARD,
    UnitKind.CITY,
    UnitKind.DEPARTMENT,
    UnitKind.PUBLIC_SERVICE,
    UnitKind.SCHOOL,
    UnitKind.HEALTH,
    UnitKind.POLICE,
    UnitKind.MILITARY,
    UnitKind.MASS_ORG,
    UnitKind.ENTERPRISE,
    UnitKind.COOP,
]


@login_required
def prior_ratings(request):
    """The standing body records each unit's task-completion rating of a year (xếp loại)."""
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    try:
        year = int(request.GET.get("nam") or request.POST.get("nam") or date.today().year - 1)
    except ValueError:
        year = date.today().year - 1
    units = list(
        Unit.objects.for_user(request.user, "change")
        .filter(kind__in=RATED_KINDS)
        .order_by("path")[:500]
    )
    if request.method == "POST":
        saved = 0
        for unit in units:
            value = request.POST.get(f"r_{unit.pk}", "")
            if value and value in RATING_CODES:
                services.set_prior_rating(
                    request.user,
                    year=year,
                    rating=value,
                    unit=unit,
                    source=request.POST.get("source", "")[:300],
                )
                saved += 1
        messages.success(request, f"Đã ghi kết quả xếp loại năm {year} của {saved} đơn vị.")
        return redirect(f"{reverse('registrations:prior_ratings')}?nam={year}")
    current = dict(
        PriorRating.objects.filter(year=year, unit__in=units).values_list("unit_id", "rating")
    )
    return render(
        request,
        "registrations/prior_ratings.html",
        {
            "year": year,
            "rows": [(u, current.get(u.pk, "")) for u in units],
            "ratings": [(r["code"], r["label"]) for r in RATINGS],
            "breadcrumbs": [("Xếp loại năm trước", None)],
        },
    )
