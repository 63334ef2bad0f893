"""Forms of the organisation; the Excel importer validates every row with these."""

from django import forms

from thidua.core.forms import ViDateField, ViDateInput
from thidua.core.text import fold
from thidua.core.validators import RejectControlCharactersMixin

from .enums import Gender, PersonCategory, UnitKind
from .ethnic import official_name
from .models import Person, Unit


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a code or its Vietnamese label, with or without diacritics."""
    table = {}
    for value, label in choices:
        table[fold(value)] = value
        table[fold(label)] = value
    return table


class UnitRowForm(RejectControlCharactersMixin, forms.Form):
    code = forms.CharField(label="Mã", max_length=40)
    name = forms.CharField(label="Tên", max_length=255)
    kind = forms.CharField(label="Loại")
    parent_code = forms.CharField(label="Mã đơn vị cấp trên", required=False)
    short_name = forms.CharField(label="Tên ngắn", required=False, max_length=120)
    valid_from = forms.DateField(
        label="Hiệu lực từ", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )

    kinds = _choice_lookup(UnitKind.choices)

    def __init__(self, *args, known_codes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_codes = known_codes or set()

    def clean_kind(self):
        value = self.kinds.get(fold(self.cleaned_data["kind"]))
        if not value:
            raise forms.ValidationError(f"Loại đơn vị “{self.cleaned_data['kind']}” không hợp lệ.")
        return value

    def clean_parent_code(self):
        code = (self.cleaned_data.get("parent_code") or "").strip()
        if code and code not in self.known_codes and not Unit.objects.filter(code=code).exists():
            raise forms.ValidationError(f"Không tìm thấy đơn vị cấp trên mã “{code}”.")
        return code


class PersonRowForm(RejectControlCharactersMixin, forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    gender = forms.CharField(label="Giới tính")
    birth_date = forms.DateField(
        label="Ngày sinh", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    ethnicity = forms.CharField(label="Dân tộc", required=False)
    category = forms.CharField(label="Đối tượng")
    position = forms.CharField(label="Chức vụ", required=False, max_length=160)
    unit_code = forms.CharField(label="Mã đơn vị")
    citizen_id = forms.RegexField(
        label="Số CCCD",
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": "Số CCCD phải gồm đúng 12 chữ số."},
    )
    personnel_code = forms.CharField(label="Mã cán bộ", required=False, max_length=30)
    is_direct_worker = forms.CharField(label="Lao động trực tiếp", required=False)

    genders = _choice_lookup(Gender.choices)
    categories = _choice_lookup(PersonCategory.choices)

    def __init__(self, *args, allowed_unit_codes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_unit_codes = allowed_unit_codes

    def clean_gender(self):
        value = self.genders.get(fold(self.cleaned_data["gender"]))
        if not value:
            raise forms.ValidationError("Giới tính phải là “Nam” hoặc “Nữ”.")
        return value

    def clean_category(self):
        value = self.categories.get(fold(self.cleaned_data["category"]))
        if not value:
            raise forms.ValidationError(
                f"Đối tượng “{self.cleaned_data['category']}” không hợp lệ."
            )
        return value

    def clean_ethnicity(self):
        raw = self.cleaned_data.get("ethnicity") or "Kinh"
        value = official_name(raw)
        if not value:
            raise forms.ValidationError(f"Dân tộc “{raw}” không có trong danh mục 54 dân tộc.")
        return value

    def clean_unit_code(self):
        code = self.cleaned_data["unit_code"].strip()
        if self.allowed_unit_codes is not None and code not in self.allowed_unit_codes:
            raise forms.ValidationError(
                f"Đơn vị mã “{code}” không tồn tại hoặc ngoài phạm vi quản lý của bạn."
            )
        return code

    def clean_is_direct_worker(self):
        return fold(self.cleaned_data.get("is_direct_worker") or "") in {
            "x",
            "co",
            "1",
            "true",
            "yes",
        }


class PersonForm(RejectControlCharactersMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "gender",
            "birth_date",
            "ethnicity",
            "category",
            "position",
            "is_direct_worker",
            "citizen_id",
            "personnel_code",
            "unit",
            "phone",
        ]
        field_classes = {"birth_date": ViDateField}
        widgets = {"birth_date": ViDateInput}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Tệp quá lớn (tối đa 5 MB).")
        head = f.read(4)
        f.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError("Tệp không phải định dạng Excel .xlsx hợp lệ.")
        return f


class RoleGrantForm(forms.Form):
    """ "Phân quyền": give a user a role on a unit; the rule lives in `roles_service`."""

    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    role = forms.ChoiceField(label="Vai trò")
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none())
    valid_from = ViDateField(label="Hiệu lực từ", required=False)
    valid_to = ViDateField(label="Hiệu lực đến", required=False)
    reason = forms.CharField(label="Căn cứ, lý do", max_length=255, required=False)

    def __init__(self, *args, roles=(), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = list(roles)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean_username(self):
        from django.contrib.auth import get_user_model

        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(f"Không có tài khoản “{username}”.")
        return user
