"""Decision and payment pages. Thin: every write goes through `services`."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from thidua.core.documents import ConversionError
from thidua.core.forms import INVALID_DATE, parse_vi_date
from thidua.core.permissions import get_for_user_or_404, require_role, scope_for
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.core.views import render_htmx
from thidua.council.enums import SessionStatus
from thidua.council.models import CouncilSession
from thidua.signing import services as signing

from . import services
from .documents import decision_docx, decision_pdf
from .errors import DecisionError
from .excel import PaymentExporter
from .models import Award, Decision, DecisionKind, DecisionStatus

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_ROLES = (Role.STANDING_BODY, Role.CHAIRMAN, Role.ADMIN, Role.UNIT_OFFICER, Role.UNIT_HEAD)
PAY_ROLES = (Role.STANDING_BODY, Role.ADMIN)


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _parse_date(raw: str) -> date | None:
    try:
        return parse_vi_date(raw)
    except ValueError:
        raise DecisionError(INVALID_DATE) from None


def _decision(request, pk: int) -> Decision:
    require_role(request.user, *LIST_ROLES)
    qs = Decision.objects.for_user(request.user).select_related(
        "issuer", "campaign", "session", "amends", "revokes"
    )
    try:
        return qs.get(pk=pk)
    except Decision.DoesNotExist as exc:
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.") from exc


def _passes(user, check, issuer) -> bool:
    try:
        check(user, issuer)
    except DecisionError:
        return False
    return True


@login_required
def decision_list(request):
    require_role(request.user, *LIST_ROLES)
    decisions = (
        Decision.objects.for_user(request.user)
        .select_related("issuer", "campaign")
        .annotate(line_count=Count("lines", distinct=True), total=Sum("lines__amount"))
    )
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if q:
        decisions = decisions.filter(
            Q(title__icontains=q) | Q(number=int(q)) if q.isdigit() else Q(title__icontains=q)
        )
    if status in DecisionStatus.values:
        decisions = decisions.filter(status=status)
    page = Paginator(decisions.order_by("-year", "-number", "-pk"), 30).get_page(
        request.GET.get("page")
    )
    scope = scope_for(request.user)
    return render_htmx(
        request,
        "awards/decision_list.html",
        {
            "page": page,
            "q": q,
            "status": status,
            "statuses": DecisionStatus.choices,
            "can_draft": scope.has_role(Role.STANDING_BODY),
            "breadcrumbs": [("Quyết định khen thưởng", None)],
        },
        partial="rows",
    )


@login_required
def decision_new(request):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    sessions = CouncilSession.objects.for_user(request.user, "change").filter(
        status=SessionStatus.CLOSED
    )
    session = None
    if request.GET.get("session", "").isdigit() or request.POST.get("session", "").isdigit():
        session = get_for_user_or_404(
            sessions.select_related("authority", "campaign", "chair"),
            request.user,
            "change",
            pk=int(request.GET.get("session") or request.POST.get("session")),
        )
    items = list(services.approved_items(session.authority, session=session)) if session else []
    if request.method == "POST" and session is not None:
        try:
            on = _parse_date(request.POST.get("date")) or session.date
            chosen = [int(x) for x in request.POST.getlist("items") if x.isdigit()]
            decision = services.draft_from_session(
                session,
                request.user,
                on=on,
                item_ids=chosen or None,
                sign_mode=request.POST.get("sign_mode", ""),
                signer_title=request.POST.get("signer_title", "CHỦ TỊCH").strip() or "CHỦ TỊCH",
                signer_name=request.POST.get("signer_name", "").strip(),
            )
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, "Đã dự thảo quyết định; trình Chủ tịch ký.")
            return redirect("awards:decision", pk=decision.pk)
    return render(
        request,
        "awards/decision_new.html",
        {
            "sessions": sessions.select_related("authority").order_by("-date")[:50],
            "session": session,
            "items": items,
            "sign_modes": services.SIGN_MODES.items(),
            # A draft takes the date of its council meeting, not today's date.
            "today": session.date if session is not None else date.today(),
            "breadcrumbs": [
                ("Quyết định khen thưởng", reverse("awards:decisions")),
                ("Dự thảo", None),
            ],
        },
    )


@login_required
def decision_detail(request, pk: int):
    decision = _decision(request, pk)
    lines = list(decision.lines.select_related("awardee_unit", "award").order_by("order", "pk"))
    groups: dict[str, list] = {}
    for ln in lines:
        groups.setdefault(ln.form_name, []).append(ln)
    user = request.user
    is_drafter = _passes(user, services.require_drafter, decision.issuer)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "groups": groups,
            "totals": services.totals(decision),
            "digitally_signed": services.is_digitally_signed(decision),
            "signs_digitally": decision.status == DecisionStatus.DRAFT
            and signing.required_for(decision.issuer),
            "needs_pin": decision.status == DecisionStatus.DRAFT
            and signing.needs_pin(request.user),
            "can_edit": is_drafter and decision.status == DecisionStatus.DRAFT,
            "can_sign": decision.status == DecisionStatus.DRAFT
            and _passes(user, services.require_signer, decision.issuer),
            "can_correct": is_drafter and decision.status == DecisionStatus.SIGNED,
            "sign_modes": services.SIGN_MODES.items(),
            "corrections": decision.amended_by.all() | decision.revoked_by.all(),
            "breadcrumbs": [
                ("Quyết định khen thưởng", reverse("awards:decisions")),
                (str(decision), None),
            ],
        },
    )


@login_required
@require_POST
def decision_edit(request, pk: int):
    decision = _decision(request, pk)
    try:
        services.update_draft(
            decision,
            request.user,
            on=_parse_date(request.POST.get("date")),
            title=request.POST.get("title"),
            signer_name=request.POST.get("signer_name"),
            signer_title=request.POST.get("signer_title"),
            sign_mode=request.POST.get("sign_mode"),
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, "Đã lưu dự thảo; tiền thưởng tính lại theo ngày quyết định.")
    return redirect("awards:decision", pk=decision.pk)


@login_required
@require_POST
def line_remove(request, pk: int, line: int):
    decision = _decision(request, pk)
    row = decision.lines.filter(pk=line).first()
    if row is None:
        raise Http404("Không tìm thấy dòng này.")
    try:
        services.remove_line(row, request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Đã bỏ {row.awardee_name} khỏi dự thảo.")
    return redirect("awards:decision", pk=decision.pk)


@login_required
@require_POST
def decision_sign(request, pk: int):
    decision = _decision(request, pk)
    try:
        services.sign(
            decision,
            request.user,
            on=_parse_date(request.POST.get("date")),
            pin=request.POST.get("pin", ""),
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        decision.refresh_from_db()
        messages.success(request, f"Đã ký ban hành Quyết định số {decision.number_display}.")
    return redirect("awards:decision", pk=decision.pk)


@login_required
@require_POST
def decision_correct(request, pk: int, kind: str):
    decision = _decision(request, pk)
    if kind not in (DecisionKind.AMEND, DecisionKind.REVOKE):
        raise Http404("Thao tác không hợp lệ.")
    try:
        fn = services.draft_amendment if kind == DecisionKind.AMEND else services.draft_revocation
        new = fn(
            decision,
            request.user,
            request.POST.get("reason", ""),
            on=_parse_date(request.POST.get("date")),
        )
    except ValidationError as exc:
        _error(request, exc)
        return redirect("awards:decision", pk=decision.pk)
    messages.success(request, "Đã dự thảo quyết định đính chính; trình Chủ tịch ký.")
    return redirect("awards:decision", pk=new.pk)


@login_required
def decision_docx_view(request, pk: int):
    decision = _decision(request, pk)
    resp = HttpResponse(decision_docx(decision), content_type=DOCX)
    resp["Content-Disposition"] = f'attachment; filename="quyet-dinh-{decision.pk}.docx"'
    return resp


@login_required
def decision_pdf_view(request, pk: int):
    decision = _decision(request, pk)
    try:
        data = decision_pdf(decision)
    except ConversionError as exc:
        messages.error(request, str(exc))
        return redirect("awards:decision", pk=decision.pk)
    resp = HttpResponse(data, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="quyet-dinh-{decision.pk}.pdf"'
    return resp


# ---- payments ----------------------------------------------------------------------------


def _payments(request):
    awards = (
        Award.objects.for_user(request.user)
        .filter(decision__status=DecisionStatus.SIGNED, revoked=False)
        .select_related("decision__issuer", "campaign")
    )
    q = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    decision = request.GET.get("decision", "")
    if q:
        awards = awards.filter(search_text__contains=fold(q))
    if decision.isdigit():
        awards = awards.filter(decision_id=int(decision))
    if state == "unpaid":
        awards = awards.filter(paid_at__isnull=True, amount__gt=0)
    elif state == "paid":
        awards = awards.filter(paid_at__isnull=False)
    elif state == "no_item":
        awards = awards.filter(item_issued_at__isnull=True)
    return awards.order_by("-award_date", "decision_id", "line__order", "pk"), {
        "q": q,
        "state": state,
        "decision": decision,
    }


@login_required
def payment_list(request):
    require_role(request.user, *PAY_ROLES)
    awards, filters = _payments(request)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    per_campaign = (
        awards.order_by()
        .values("campaign__title")
        .annotate(
            total=Sum("amount"), paid=Sum("amount", filter=Q(paid_at__isnull=False)), n=Count("pk")
        )
        .order_by("campaign__title")
    )
    grand = awards.aggregate(
        total=Sum("amount"), paid=Sum("amount", filter=Q(paid_at__isnull=False))
    )
    return render_htmx(
        request,
        "awards/payment_list.html",
        {
            "page": page,
            **filters,
            "per_campaign": per_campaign,
            "grand": grand,
            "today": date.today(),
            "breadcrumbs": [("Chi thưởng", None)],
        },
        partial="rows",
    )


@login_required
@require_POST
def payment_update(request):
    require_role(request.user, *PAY_ROLES)
    ids = [int(x) for x in request.POST.getlist("awards") if x.isdigit()]
    awards = list(Award.objects.for_user(request.user, "change").filter(pk__in=ids))
    if len(awards) != len(ids):
        raise PermissionDenied("Có khoản không thuộc phạm vi của bạn.")
    try:
        on = _parse_date(request.POST.get("date")) or date.today()
        if request.POST.get("what") == "item":
            n = services.mark_items_issued(awards, request.user, on)
            messages.success(request, f"Đã ghi nhận cấp hiện vật cho {n} trường hợp.")
        else:
            n = services.mark_paid(awards, request.user, on)
            messages.success(request, f"Đã ghi nhận chi tiền thưởng cho {n} trường hợp.")
    except ValidationError as exc:
        _error(request, exc)
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("awards:payments")
    return redirect(target)


@login_required
def payment_xlsx(request):
    require_role(request.user, *PAY_ROLES)
    awards, _ = _payments(request)
    resp = HttpResponse(PaymentExporter(awards).to_xlsx(), content_type=XLSX)
    resp["Content-Disposition"] = 'attachment; filename="danh-sach-chi-tien-thuong.xlsx"'
    return resp
