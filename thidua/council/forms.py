"""Forms of the council pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from thidua.org.enums import CouncilRole

EXISTING, NEW = "existing", "new"


class MemberForm(forms.Form):
    """Add a council member in one step: an existing account or a new one, with the role."""

    authority = forms.ModelChoiceField(queryset=None, label="Hội đồng của")
    role = forms.ChoiceField(
        label="Vai trò trong Hội đồng",
        choices=[("", "— Chọn vai trò —"), *CouncilRole.choices],
        error_messages={"required": "Chọn vai trò trong Hội đồng."},
    )
    title = forms.CharField(label="Chức vụ", max_length=200, required=False)
    account = forms.ChoiceField(
        label="Tài khoản đăng nhập",
        choices=[(EXISTING, "Tài khoản có sẵn"), (NEW, "Tạo tài khoản mới")],
        widget=forms.RadioSelect,
        initial=EXISTING,
    )
    username = forms.CharField(
        label="Tên đăng nhập (có sẵn hoặc mới)",
        max_length=150,
        error_messages={"required": "Nhập tên đăng nhập."},
    )
    full_name = forms.CharField(
        label="Họ và tên (bắt buộc với tài khoản mới)", max_length=120, required=False
    )
    email = forms.EmailField(label="Thư điện tử (tài khoản mới)", required=False)

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        first = list(authorities[:2]) if authorities is not None else []
        if len(first) == 1:
            self.fields["authority"].initial = first[0].pk

    def clean(self):
        data = super().clean()
        username = (data.get("username") or "").strip()
        if not username:
            return data
        user = get_user_model().objects.filter(username__iexact=username).first()
        if data.get("account") == EXISTING:
            if user is None:
                self.add_error(
                    "username",
                    f"Không có tài khoản “{username}”; chọn “Tạo tài khoản mới” để tạo.",
                )
            data["user"] = user
        else:
            if user is not None:
                self.add_error(
                    "username", f"Tên đăng nhập “{username}” đã có; chọn “Tài khoản có sẵn”."
                )
            if not (data.get("full_name") or "").strip():
                self.add_error("full_name", "Tài khoản mới cần họ và tên.")
            data["user"] = None
        return data
