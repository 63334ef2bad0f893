"""Council pages: sessions, agenda and attendance, the members' secret ballot, results and
minutes. Thin: every write goes through `services`."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.campaigns.models import Campaign
from thidua.core.forms import INVALID_DATE, parse_vi_date
from thidua.core.permissions import get_for_user_or_404, require_role, scope_for
from thidua.core.roles import Role
from thidua.core.views import render_htmx
from thidua.org.models import Unit

from . import members as membership
from . import services
from .documents import minutes_docx
from .enums import AttendanceStatus, Choice, SessionKind, SessionStatus
from .forms import MemberForm
from .models import CouncilSession

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
VIEW_ROLES = (Role.STANDING_BODY, Role.COUNCIL_MEMBER, Role.CHAIRMAN, Role.ADMIN)


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _can_run(user, session_or_unit) -> bool:
    try:
        services._require_secretariat(session_or_unit, user)
    except services.CouncilError:
        return False
    return True


def _authorities(user):
    return (
        Unit.objects.for_user(user, "change")
        .filter(is_authority=True, council_members__isnull=False)
        .distinct()
    )


@login_required
def session_list(request):
    require_role(request.user, *VIEW_ROLES)
    sessions = (
        CouncilSession.objects.for_user(request.user)
        .select_related("authority", "campaign")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-date", "-pk")
    )
    status = request.GET.get("status", "")
    if status in SessionStatus.values:
        sessions = sessions.filter(status=status)
    page = Paginator(sessions, 30).get_page(request.GET.get("page"))
    can_create = (
        scope_for(request.user).has_role(Role.STANDING_BODY) and _authorities(request.user).exists()
    )
    return render_htmx(
        request,
        "council/session_list.html",
        {
            "page": page,
            "status": status,
            "statuses": SessionStatus.choices,
            "can_create": can_create,
            "can_keep_members": scope_for(request.user).has_role(Role.STANDING_BODY, Role.ADMIN),
            "breadcrumbs": [("Hội đồng TĐKT", None)],
        },
        partial="rows",
    )


@login_required
def session_new(request):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    authorities = list(_authorities(request.user))
    if not authorities:
        raise PermissionDenied("Bạn không phụ trách Hội đồng TĐKT nào.")
    campaigns = Campaign.objects.filter(issuer__in=authorities).order_by("-start_date")
    values = {
        "title": "",
        "date": "",
        "place": "",
        "kind": SessionKind.AWARD,
        "authority": str(authorities[0].pk),
        "campaign": "",
    }
    if request.method == "POST":
        values.update({k: request.POST.get(k, "").strip() for k in values})
        try:
            on = parse_vi_date(values["date"])
            if on is None:
                raise ValueError(INVALID_DATE)
        except ValueError:
            messages.error(request, f"Ngày họp không hợp lệ. {INVALID_DATE}")
        else:
            authority = next((a for a in authorities if str(a.pk) == values["authority"]), None)
            campaign = (
                campaigns.filter(pk=values["campaign"]).first()
                if values["campaign"].isdigit()
                else None
            )
            if authority is None:
                messages.error(request, "Xin chọn cấp Hội đồng.")
            else:
                try:
                    session = services.create_session(
                        authority,
                        request.user,
                        title=values["title"],
                        on=on,
                        place=values["place"],
                        kind=values["kind"],
                        campaign=campaign,
                    )
                except ValidationError as exc:
                    _error(request, exc)
                else:
                    messages.success(
                        request, "Đã tạo phiên họp; xin lập chương trình và điểm danh."
                    )
                    return redirect("council:session", pk=session.pk)
    return render(
        request,
        "council/session_form.html",
        {
            "values": values,
            "authorities": authorities,
            "campaigns": campaigns,
            "kinds": SessionKind.choices,
            "breadcrumbs": [
                ("Hội đồng TĐKT", reverse("council:sessions")),
                ("Phiên họp mới", None),
            ],
        },
    )


def _session(request, pk):
    require_role(request.user, *VIEW_ROLES)
    return get_for_user_or_404(
        CouncilSession.objects.select_related("authority", "campaign", "chair", "secretary"),
        request.user,
        pk=pk,
    )


@login_required
def session_detail(request, pk: int, written_grid=None):
    session = _session(request, pk)
    items = list(
        session.items.select_related("nominee__dossier__proposer")
        .prefetch_related("recusals__member")
        .annotate(ballots=Count("receipts", distinct=True))
    )
    attendance = list(session.attendance.select_related("member"))
    # Who has voted: a set, shown in the attendance order (role, name), never by time.
    voted_ids = set(session.receipts.values_list("member_id", flat=True).distinct())
    for a in attendance:
        a.has_voted = a.member_id in voted_ids
    for i in items:
        # The written-ballot grid: what was just typed (after an error), else blank.
        i.grid = (written_grid or {}).get(i.pk, {})
    present, written, absent = services.attendance_counts(session)
    member = services.member_for_user(session, request.user)
    can_run = _can_run(request.user, session)
    return render(
        request,
        "council/session_detail.html",
        {
            "session": session,
            "items": items,
            "attendance": attendance,
            "present": present,
            "written": written,
            "absent": absent,
            "quorum_ok": services.quorum_ok(session),
            "can_run": can_run,
            "member": member,
            "statuses": AttendanceStatus.choices,
            "eligible_count": services.eligible_lines(session.authority, session.campaign).count()
            if can_run and session.status == SessionStatus.PLANNED
            else 0,
            "show_totals": session.status == SessionStatus.CLOSED,
            "written_columns": [
                ("yes", "Đồng ý"),
                ("no", "Không đồng ý"),
                ("abstain", "Không biểu quyết"),
            ],
            "breadcrumbs": [("Hội đồng TĐKT", reverse("council:sessions")), (session.title, None)],
        },
    )


@login_required
@require_POST
def session_action(request, pk: int, action: str):
    session = _session(request, pk)
    user = request.user
    try:
        if action == "agenda":
            n = services.build_agenda(session, user)
            messages.success(request, f"Đã đưa {n} đối tượng vào chương trình phiên họp.")
        elif action == "attendance":
            statuses = {
                a.member_id: request.POST.get(f"m{a.member_id}", a.status)
                for a in session.attendance.all()
            }
            services.set_attendance(session, user, statuses)
            messages.success(request, "Đã lưu điểm danh.")
        elif action == "open":
            services.open_session(session, user)
            messages.success(
                request, "Phiên họp đã khai mạc; thành viên có mặt bỏ phiếu kín trên hệ thống."
            )
        elif action == "close":
            result = services.close_session(session, user, request.POST.get("notes", ""))
            messages.success(
                request,
                f"Đã kết thúc phiên họp: {result['approved']} đạt, {result['not_approved']} không đạt.",
            )
        elif action == "written_grid":
            rows = {}
            for item in session.items.all():
                rows[item.pk] = {
                    key: request.POST.get(f"w{item.pk}_{key}", "").strip()
                    for key in ("yes", "no", "abstain")
                }
            try:
                n = services.record_written_grid(session, user, rows)
            except ValidationError as exc:
                _error(request, exc)
                return session_detail(request, pk, written_grid=rows)
            messages.success(request, f"Đã nhập phiếu bằng văn bản cho {n} đối tượng.")
        elif action == "written":
            item = get_for_user_or_404(
                session.items, user, pk=int(request.POST.get("item", "0") or 0)
            )
            counts = {}
            for key in ("yes", "no", "abstain"):
                raw = request.POST.get(key, "0").strip() or "0"
                if not raw.isdigit():
                    raise services.CouncilError("Số phiếu phải là số nguyên không âm.")
                counts[key] = int(raw)
            services.record_written_votes(item, user, **counts)
            messages.success(request, f"Đã nhập phiếu bằng văn bản cho {item.nominee.name}.")
        else:
            raise PermissionDenied("Thao tác không hợp lệ.")
    except ValidationError as exc:
        _error(request, exc)
    return redirect("council:session", pk=session.pk)


@login_required
def vote(request, pk: int):
    """The member's secret ballot: one choice per line they may vote on."""
    session = _session(request, pk)
    member = services.member_for_user(session, request.user)
    if member is None:
        raise PermissionDenied("Chỉ thành viên Hội đồng của phiên họp này được bỏ phiếu.")
    chosen: dict[int, str] = {}
    if request.method == "POST":
        choices = {}
        for key, value in request.POST.items():
            if key.startswith("item_") and key[5:].isdigit() and value:
                choices[int(key[5:])] = value
        try:
            n = services.cast_ballot(session, request.user, choices)
        except ValidationError as exc:
            _error(request, exc)
            chosen = choices  # a refused ballot comes back as the member filled it
        else:
            messages.success(
                request,
                f"Đã ghi nhận phiếu kín cho {n} đối tượng. Hệ thống không lưu ý kiến của từng người.",
            )
        if request.headers.get("HX-Request") != "true" and not chosen:
            return redirect("council:vote", pk=session.pk)
    items = (
        list(services.votable_items(session, member))
        if session.status == SessionStatus.OPEN
        else []
    )
    voted = session.receipts.filter(member=member).count()
    recused = list(member.recusals.filter(item__session=session).select_related("item__nominee"))
    return render_htmx(
        request,
        "council/vote.html",
        {
            "session": session,
            "member": member,
            "items": items,
            "voted": voted,
            "recused": recused,
            "choices": Choice.choices,
            "chosen": chosen,
            "is_htmx": request.headers.get("HX-Request") == "true",
            "breadcrumbs": [
                ("Hội đồng TĐKT", reverse("council:sessions")),
                (session.title, reverse("council:session", args=[session.pk])),
                ("Bỏ phiếu kín", None),
            ],
        },
        partial="ballot",
    )


@login_required
def minutes(request, pk: int):
    session = _session(request, pk)
    resp = HttpResponse(minutes_docx(session), content_type=DOCX)
    resp["Content-Disposition"] = f'attachment; filename="bien-ban-hop-hoi-dong-{session.pk}.docx"'
    return resp


def _member_authorities(user):
    """Authorities whose council `user` keeps: those where they are the standing body."""
    from thidua.org.models import RoleAssignment

    if scope_for(user).is_global:
        return Unit.objects.filter(is_authority=True, council_members__isnull=False).distinct()
    ids = RoleAssignment.objects.filter(user=user, role=Role.STANDING_BODY).values("unit_id")
    return Unit.objects.filter(pk__in=ids, is_authority=True)


@login_required
def members(request):
    """Council members: the list, and one form to add a member with their role and login."""
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    authorities = _member_authorities(request.user).order_by("path")
    form = MemberForm(request.POST or None, authorities=authorities)
    new_password = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            member, new_password = membership.add_member(
                request.user,
                cd["authority"],
                role=cd["role"],
                title=cd["title"],
                user=cd["user"],
                username=cd["username"],
                full_name=cd["full_name"],
                email=cd["email"],
            )
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(
                request,
                f"Đã thêm {member.full_name} ({member.get_role_display()}) vào Hội đồng "
                f"{member.authority.name}; tài khoản “{member.user.get_username()}” đăng nhập "
                "và bỏ phiếu được.",
            )
            if new_password is None:
                return redirect("council:members")
            form = MemberForm(authorities=authorities)
    today = date.today()
    from thidua.org.models import CouncilMember

    rows = (
        CouncilMember.objects.filter(authority__in=authorities)
        .select_related("authority", "user")
        .order_by("authority__path", "role", "full_name")
    )
    return render(
        request,
        "council/members.html",
        {
            "form": form,
            "rows": rows,
            "today": today,
            "new_password": new_password,
            "breadcrumbs": [
                ("Hội đồng TĐKT", reverse("council:sessions")),
                ("Thành viên Hội đồng", None),
            ],
        },
    )


@login_required
@require_POST
def member_end(request, pk: int):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    from thidua.org.models import CouncilMember

    member = get_for_user_or_404(
        CouncilMember.objects.filter(authority__in=_member_authorities(request.user)),
        request.user,
        pk=pk,
    )
    try:
        membership.end_membership(request.user, member)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, f"{member.full_name} thôi là thành viên Hội đồng từ hôm nay.")
    return redirect("council:members")
