"""The user's own profile page: who they are, their roles, and their API keys (issued and
revoked here, the key shown once), never through the admin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thidua.core.models import ApiToken
from thidua.org.models import CouncilMember, RoleAssignment

from .auth import issue_token, revoke_token


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Tên khóa (dùng cho phần mềm nào)",
        max_length=100,
        error_messages={"required": "Đặt tên cho khóa (ví dụ: “Phần mềm kế toán”)."},
    )


@login_required
def profile(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_key = issue_token(request.user, form.cleaned_data["name"])
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error("name", m)
        else:
            messages.success(request, f"Đã tạo khóa “{token.name}”.")
            form = TokenForm()
    ctx = {
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        "roles": RoleAssignment.objects.filter(user=request.user).select_related("unit"),
        "seats": CouncilMember.objects.filter(user=request.user).select_related("authority"),
        "breadcrumbs": [("Tài khoản của tôi", None)],
    }
    response = render(request, "api/profile.html", ctx)
    if new_key:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    try:
        token = revoke_token(request.user, pk)
    except ApiToken.DoesNotExist:
        raise Http404("Không tìm thấy khóa.") from None
    messages.success(request, f"Đã thu hồi khóa “{token.name}”; khóa này không dùng được nữa.")
    return redirect("profile")
