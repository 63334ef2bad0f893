"""Exemplary models: register, stages, photos, award links, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.awards.models import Award
from thidua.core.audit import record  # noqa: F401 — services write the audit
from thidua.core.models import AuditEvent
from thidua.core.permissions import can, get_for_user_or_404
from thidua.core.views import render_htmx

from .. import services
from ..enums import STAGE_ORDER, ModelKind, ModelStage
from ..forms import ExemplaryForm, PhotoForm
from ..models import ExemplaryModel, ExemplaryPhoto
from .common import serve_file


@login_required
def model_list(request):
    q = request.GET.get("q", "").strip()
    stage = request.GET.get("stage", "")
    qs = ExemplaryModel.objects.for_user(request.user).select_related("unit", "person").search(q)
    if stage in ModelStage.values:
        qs = qs.filter(stage=stage)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render_htmx(
        request,
        "reports/model_list.html",
        {
            "page": page,
            "q": q,
            "stage": stage,
            "stages": ModelStage.choices,
            "breadcrumbs": [("Điển hình tiên tiến", None)],
        },
        partial="rows",
    )


@login_required
def model_new(request):
    form = ExemplaryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        m = services.create_from_form(form, request.user, "reports.exemplary.created", unit=unit)
        messages.success(request, "Đã đăng ký điển hình tiên tiến.")
        return redirect("reports:model", pk=m.pk)
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "title": "Đăng ký điển hình tiên tiến",
            "breadcrumbs": [("Điển hình tiên tiến", reverse("reports:models")), ("Đăng ký", None)],
        },
    )


@login_required
def model_detail(request, pk: int):
    m = get_for_user_or_404(
        ExemplaryModel.objects.select_related("unit", "person", "campaign"), request.user, pk=pk
    )
    order = [s.value for s in STAGE_ORDER]
    idx = order.index(m.stage)
    next_stage = ModelStage(order[idx + 1]) if idx + 1 < len(order) else None
    awards_qs = Award.objects.filter(revoked=False)
    if m.person_id:
        candidates = awards_qs.filter(person=m.person)
    else:
        candidates = awards_qs.filter(unit__path__startswith=m.unit.path)
    return render(
        request,
        "reports/model_detail.html",
        {
            "m": m,
            "photos": m.photos.all(),
            "awards": m.awards.all(),
            "stages": STAGE_ORDER,
            "stage_index": idx,
            "next_stage": next_stage,
            "can_change": can(request.user, "change", m),
            "photo_form": PhotoForm(),
            "candidates": candidates.order_by("-award_date")[:50],
            "kinds": ModelKind,
            "history": AuditEvent.objects.for_object(m)
            .select_related("actor")
            .order_by("-created_at")[:20],
            "breadcrumbs": [("Điển hình tiên tiến", reverse("reports:models")), (m.name, None)],
        },
    )


def _change(request, pk):
    return get_for_user_or_404(ExemplaryModel.objects, request.user, "change", pk=pk)


@login_required
@require_POST
def model_stage(request, pk: int):
    m = _change(request, pk)
    try:
        services.advance_stage(
            m, request.user, request.POST.get("stage", ""), request.POST.get("reason", "")
        )
        messages.success(request, "Đã chuyển giai đoạn.")
    except services.DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reports:model", pk=pk)


@login_required
@require_POST
def model_publish(request, pk: int):
    m = _change(request, pk)
    try:
        services.set_model_published(m, request.user, request.POST.get("published") == "1")
        messages.success(request, "Đã cập nhật công bố.")
    except services.DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reports:model", pk=pk)


@login_required
@require_POST
def model_photo_upload(request, pk: int):
    m = _change(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(
                m, request.user, form.cleaned_data["photo"], form.cleaned_data["caption"]
            )
            messages.success(request, "Đã thêm ảnh.")
        except services.DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Chưa chọn ảnh.")
    return redirect("reports:model", pk=pk)


@login_required
@require_POST
def model_awards(request, pk: int):
    m = _change(request, pk)
    ids = [int(i) for i in request.POST.getlist("award") if i.isdigit()]
    awards = list(Award.objects.for_user(request.user).filter(pk__in=ids))
    if len(awards) != len(ids):
        messages.error(request, "Có khen thưởng không tồn tại hoặc ngoài phạm vi của bạn.")
    else:
        services.link_awards(m, request.user, awards)
        messages.success(request, "Đã cập nhật khen thưởng liên kết.")
    return redirect("reports:model", pk=pk)


def photo(request, pk: int):
    """A photo: public when its model is published, otherwise only inside the user's scope."""
    p = ExemplaryPhoto.objects.select_related("model").filter(pk=pk).first()
    if p is None or not (
        p.model.published or (request.user.is_authenticated and can(request.user, "view", p.model))
    ):
        from django.http import Http404

        raise Http404("Không tìm thấy ảnh.")
    return serve_file(
        p.file, p.content_type, f"anh-{p.pk}{'.png' if p.content_type == 'image/png' else '.jpg'}"
    )
