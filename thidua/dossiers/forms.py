"""Forms of the dossier pages; the services do the writing."""

from dataclasses import dataclass
from datetime import datetime, time
from functools import cache

from django import forms
from django.db.models import F, Value
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from thidua.campaigns.models import Campaign
from thidua.core.compiledread import CompiledQuery
from thidua.core.fastforms import (
    FAST_RENDERER,
    PlainModelChoiceField,
    option_html,
    select_html,
)
from thidua.core.forms import ViDateField
from thidua.core.validators import POSITIVE_SMALL_INT_MAX, RejectControlCharactersMixin
from thidua.legal.read import COLLECTIVE_CATEGORIES
from thidua.org.enums import Gender, PersonCategory
from thidua.org.models import Household, Person, Unit

from .enums import ComplaintKind, DocumentType, DossierKind, LineResult, SubjectKind

CATEGORY_CHOICES = [
    ("", "— Theo đối tượng —"),
    *PersonCategory.choices,
    *COLLECTIVE_CATEGORIES.items(),
]
RATING_CHOICES = [
    ("", "— Không khai —"),
    ("hoan_thanh", "Hoàn thành nhiệm vụ"),
    ("hoan_thanh_tot", "Hoàn thành tốt nhiệm vụ"),
    ("hoan_thanh_xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"),
]


@dataclass(frozen=True)
class ShownField:
    """A field of a form the dossier page shows empty: `{{ shown }}` is its widget's HTML,
    `{{ shown.label }}`, `{{ shown.auto_id }}` as a BoundField's."""

    label: str
    html: SafeString
    auto_id: str

    def __str__(self) -> str:
        return self.html

    __html__ = __str__


@cache
def unbound_fields(form_class) -> dict[str, ShownField]:
    """The fields of an unbound `form_class` (no per-page choices, initial values or
    errors), written once per process: the upload, comment, return and bulk appraisal forms
    of the dossier page are the same on every view of it."""
    form = form_class()
    return {
        name: ShownField(form[name].label, SafeString(form[name]), form[name].auto_id)
        for name in form.fields
    }


class CreateForm(RejectControlCharactersMixin, forms.Form):
    default_renderer = FAST_RENDERER
    proposer = PlainModelChoiceField(Unit.objects.none(), label="Đơn vị đề nghị")
    campaign = PlainModelChoiceField(
        None,
        label="Phong trào thi đua",
        required=False,
        empty_label="— Không theo phong trào (đột xuất, công trạng…) —",
    )
    kind = forms.ChoiceField(
        label="Loại khen thưởng", choices=DossierKind.choices, initial=DossierKind.CAMPAIGN
    )
    form_code = forms.ChoiceField(label="Hình thức khen thưởng")
    title = forms.CharField(label="Trích yếu (để trống: tự đặt)", max_length=500, required=False)

    def __init__(self, *args, proposers, campaigns, form_choices, **kw):
        super().__init__(*args, **kw)
        self.fields["proposer"].queryset = proposers
        self.fields["campaign"].queryset = campaigns
        self.fields["form_code"].choices = form_choices


class MeetingForm(RejectControlCharactersMixin, forms.Form):
    default_renderer = FAST_RENDERER
    title = forms.CharField(label="Trích yếu", max_length=500)
    meeting_date = ViDateField(label="Ngày họp xét", required=False)
    meeting_attendees = forms.IntegerField(
        label="Số người dự họp", min_value=0, required=False, max_value=POSITIVE_SMALL_INT_MAX
    )
    meeting_total = forms.IntegerField(
        label="Tổng số thành viên", min_value=1, required=False, max_value=POSITIVE_SMALL_INT_MAX
    )
    meeting_chair = forms.CharField(
        label="Chủ trì (họ tên, chức vụ)", max_length=160, required=False
    )
    meeting_secretary = forms.CharField(
        label="Thư ký (họ tên, chức vụ)", max_length=160, required=False
    )
    meeting_start = forms.TimeField(
        label="Giờ bắt đầu (hh:mm)",
        required=False,
        input_formats=["%H:%M", "%Hh%M", "%H giờ %M"],
        error_messages={"invalid": "Giờ không hợp lệ: nhập theo dạng hh:mm, ví dụ 08:00."},
    )
    meeting_end = forms.TimeField(
        label="Giờ kết thúc (hh:mm)",
        required=False,
        input_formats=["%H:%M", "%Hh%M", "%H giờ %M"],
        error_messages={"invalid": "Giờ không hợp lệ: nhập theo dạng hh:mm, ví dụ 10:30."},
    )

    def clean(self):
        cd = super().clean()
        start, end = cd.get("meeting_start"), cd.get("meeting_end")
        if start and end and end <= start:
            self.add_error("meeting_end", "Giờ kết thúc phải sau giờ bắt đầu.")
        return cd

    @classmethod
    def shown(cls, initial: dict) -> SafeString:
        """The unbound form with `initial` as the dossier page shows it, `<label>label
        widget</label>` per field, in the HTML Django writes for it (tests compare them):
        each field's HTML around its value is written once per process, the value is
        formatted per page as `BoundField.value()` and the widget format it."""
        parts = []
        for name, (head, tail) in _meeting_parts().items():
            field = cls.base_fields[name]
            value = initial.get(name, field.initial)
            if isinstance(value, (datetime, time)) and not field.widget.supports_microseconds:
                value = value.replace(microsecond=0)
            shown = field.widget.format_value(field.prepare_value(value))
            parts.append(head if shown is None else f'{head} value="{esc(str(shown))}"')
            parts.append(tail)
        return mark_safe("".join(parts))


_VALUE = "\ue000"  # a private-use character: stands for a value, written unchanged


@cache
def _meeting_parts() -> dict[str, tuple[str, str]]:
    """Each MeetingForm field's `<label>label widget</label>` cut where its value goes."""
    form = MeetingForm(initial=dict.fromkeys(MeetingForm.base_fields, _VALUE))
    parts = {}
    for name in form.fields:
        html = f"<label>{esc(form[name].label)}{form[name]}</label>"
        head, tail = html.split(f' value="{_VALUE}"')
        parts[name] = (head, tail)
    return parts


class NomineeForm(RejectControlCharactersMixin, forms.Form):
    default_renderer = FAST_RENDERER
    subject_kind = forms.ChoiceField(label="Đối tượng", choices=SubjectKind.choices)
    person = forms.ModelChoiceField(Person.objects.none(), label="Cá nhân có sẵn", required=False)
    unit = forms.ModelChoiceField(
        Unit.objects.none(), label="Tập thể, địa phương có sẵn", required=False
    )
    household = forms.ModelChoiceField(
        Household.objects.none(), label="Hộ gia đình", required=False
    )
    full_name = forms.CharField(label="Hoặc cá nhân mới: họ và tên", max_length=120, required=False)
    citizen_id = forms.RegexField(
        r"^\d{12}$",
        label="Số CCCD (12 số)",
        required=False,
        error_messages={"invalid": "Số CCCD gồm đúng 12 chữ số."},
    )
    personnel_code = forms.CharField(label="Mã cán bộ", max_length=30, required=False)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices, required=False)
    birth_date = ViDateField(label="Ngày sinh", required=False)
    ethnicity = forms.CharField(label="Dân tộc", max_length=40, required=False, initial="Kinh")
    position = forms.CharField(label="Chức vụ", max_length=160, required=False)
    person_category = forms.ChoiceField(
        label="Đối tượng cá nhân", choices=PersonCategory.choices, required=False
    )
    collective_name = forms.CharField(label="Hoặc tập thể mới: tên", max_length=255, required=False)
    category = forms.ChoiceField(
        label="Phân loại thống kê", choices=CATEGORY_CHOICES, required=False
    )
    achievements = forms.CharField(
        label="Thành tích", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    votes_for = forms.IntegerField(
        label="Số phiếu đồng ý", min_value=0, required=False, max_value=POSITIVE_SMALL_INT_MAX
    )
    prior_rating = forms.ChoiceField(
        label="Xếp loại năm trước", choices=RATING_CHOICES, required=False
    )

    def __init__(self, *args, proposer=None, **kw):
        super().__init__(*args, **kw)
        if proposer is not None:
            # the service checks the chosen row's unit path: read with the row
            self.fields["person"].queryset = (
                _people(proposer.path).select_related("unit").order_by("sort_key")
            )
            self.fields["unit"].queryset = _units(proposer.path).order_by("path")
            self.fields["household"].queryset = _households(proposer.path).select_related("unit")

    @classmethod
    def shown(cls, proposer) -> SafeString:
        """The form as the dossier page shows it, `<label>label widget</label>` per field, in
        the HTML Django writes for it (tests/dossiers/test_detail_page.py compares them).
        The unbound fields are the same on every page: written once per process. The
        person, unit and household selects, the proposer's rows, are written here from one
        query (`_choices`), without a form and a widget per page."""
        options = _choices(proposer)
        parts = []
        for name, html in _shown_fields().items():
            if name in options:
                field = cls.base_fields[name]
                html = f"<label>{esc(field.label)}{_select(name, field.empty_label, options[name])}</label>"
            parts.append(html)
        return mark_safe("".join(parts))


def _people(path: str):
    return Person.objects.filter(unit__path__startswith=path)


def _units(path: str):
    return Unit.objects.filter(path__startswith=path).active()


def _households(path: str):
    return Household.objects.filter(unit__path__startswith=path)


@cache
def _shown_fields() -> dict[str, str]:
    """`<label>label widget</label>` of each field of an unbound NomineeForm (the three
    selects of the proposer's rows are written per page by `NomineeForm.shown`)."""
    form = NomineeForm()
    return {name: f"<label>{esc(form[name].label)}{form[name]}</label>" for name in form.fields}


def _choice_rows(path: str):
    """The (group, id, label, sort key) rows of the person, unit and household selects of
    the units under `path`, in one UNION ALL query, in the posted form's querysets' orders
    (people by sort key, units by path, households by the head's name; ties by id)."""

    def part(qs, group: int, label: str, key: str):
        return (
            qs.order_by()
            .annotate(choice_group=Value(group), choice_label=F(label), choice_key=F(key))
            .values_list("choice_group", "pk", "choice_label", "choice_key")
        )

    return (
        part(_people(path), 0, "full_name", "sort_key")
        .union(
            part(_units(path), 1, "name", "path"),
            part(_households(path), 2, "head_name", "head_name"),
            all=True,
        )
        .order_by("choice_group", "choice_key", "pk")
    )


# compiled once per process: the page writes these selects after every officer's POST
_CHOICE_ROWS = CompiledQuery(Person, _choice_rows, stand_ins=("~đơn-vị~",))


def _choices(proposer) -> dict[str, list[tuple[int, str]]]:
    """The (id, label) options of the person, unit and household selects; labels as the
    models' `__str__`."""
    options: tuple[list, list, list] = ([], [], [])
    for group, pk, label, _key in _CHOICE_ROWS.rows(proposer.path):
        options[group].append((pk, label if group != 2 else f"Hộ {label}"))
    return dict(zip(("person", "unit", "household"), options, strict=True))


def _select(name: str, empty_label: str, options) -> str:
    """A `<select>` as Django's widget templates write it (core.fastforms), its empty option
    selected."""
    rows = "".join(option_html(pk, label) for pk, label in options)
    return select_html(name, f' id="id_{name}"', option_html("", empty_label, " selected") + rows)


class NomineeEditForm(RejectControlCharactersMixin, forms.Form):
    achievements = forms.CharField(label="Thành tích", widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(
        label="Phân loại thống kê", choices=CATEGORY_CHOICES, required=False
    )
    votes_for = forms.IntegerField(
        label="Số phiếu đồng ý", min_value=0, required=False, max_value=POSITIVE_SMALL_INT_MAX
    )
    prior_rating = forms.ChoiceField(
        label="Xếp loại năm trước", choices=RATING_CHOICES, required=False
    )


class UploadForm(forms.Form):
    default_renderer = FAST_RENDERER
    doc_type = forms.ChoiceField(label="Loại tài liệu", choices=DocumentType.choices)
    file = forms.FileField(label="Tệp đã ký (PDF, JPEG, PNG)")


class ExcelUploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx) theo mẫu",
        error_messages={"required": "Chọn tệp Excel đã điền theo mẫu."},
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Tệp quá lớn (tối đa 5 MB).")
        head = f.read(4)
        f.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError("Tệp không phải định dạng Excel .xlsx hợp lệ.")
        return f


class ReturnForm(forms.Form):
    default_renderer = FAST_RENDERER
    items = forms.CharField(
        label="Nội dung cần hoàn thiện (mỗi dòng: nội dung | lý do)",
        widget=forms.Textarea(
            attrs={"rows": 4, "placeholder": "Hà Thị Bình | Bổ sung số liệu thành tích"}
        ),
    )

    def pairs(self) -> list[tuple[str, str]]:
        out = []
        for line in self.cleaned_data["items"].splitlines():
            if not line.strip():
                continue
            what, _, why = line.partition("|")
            out.append((what.strip(), why.strip()) if why else ("", what.strip()))
        return out


class LineForm(forms.Form):
    result = forms.ChoiceField(
        label="Kết quả", choices=[c for c in LineResult.choices if c[0] != "pending"]
    )
    reason = forms.CharField(label="Lý do", required=False, max_length=2000)
    wording = forms.CharField(
        label="Nội dung ghi trên bằng, giấy khen", required=False, max_length=2000
    )


class BulkLineForm(forms.Form):
    """One result for the selected lines of a dossier (the bulk appraisal bar)."""

    default_renderer = FAST_RENDERER
    lines = forms.TypedMultipleChoiceField(
        label="Các dòng đã chọn",
        coerce=int,
        error_messages={"required": "Chọn ít nhất một dòng (ô đầu mỗi dòng hoặc “Chọn tất cả”)."},
    )
    result = forms.ChoiceField(
        label="Kết quả cho các dòng đã chọn",
        choices=[("", "— Chọn kết quả —")] + [c for c in LineResult.choices if c[0] != "pending"],
        error_messages={"required": "Chọn kết quả thẩm định."},
    )
    reason = forms.CharField(label="Lý do (bắt buộc khi không đủ)", required=False, max_length=2000)
    wording = forms.CharField(
        label="Nội dung ghi trên bằng, giấy khen", required=False, max_length=2000
    )

    def __init__(self, *args, nominees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(n.pk, n.name) for n in nominees]

    def clean(self):
        data = super().clean()
        if data.get("result") == "ineligible" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Nêu lý do không đủ điều kiện.")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", max_length=2000, required=False)


class CommentForm(forms.Form):
    default_renderer = FAST_RENDERER
    text = forms.CharField(
        label="Trao đổi", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class ExceptionForm(forms.Form):
    campaign = forms.ModelChoiceField(Campaign.objects.none(), label="Phong trào")
    unit = forms.ModelChoiceField(Unit.objects.none(), label="Đơn vị")
    until = ViDateField(label="Được nộp đến hết ngày")
    reason = forms.CharField(label="Lý do", max_length=2000)


class PublicCommentForm(forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=120, min_length=2)
    contact = forms.CharField(label="Điện thoại hoặc thư điện tử", max_length=120, min_length=5)
    text = forms.CharField(
        label="Nội dung góp ý",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        min_length=10,
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # honeypot

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Không gửi được góp ý.")
        return ""


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label="Loại đơn", choices=ComplaintKind.choices)
    complainant = forms.CharField(label="Người gửi", max_length=120)
    contact = forms.CharField(label="Liên hệ", max_length=120, required=False)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    received_on = ViDateField(label="Ngày nhận")
    answer_due = ViDateField(label="Hạn trả lời (để trống: 10 ngày làm việc)", required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 3}))
