"""Forms of the reports app (Vietnamese labels; dates dd/mm/yyyy)."""

from datetime import date

from django import forms

from thidua.core.forms import ViDateField, ViDateInput
from thidua.formats.vi.numbers import VietnameseDecimalField
from thidua.org.models import Person, Unit

from .enums import CheckArea, CheckResult, InitiativeLevel, ReportKind, Verdict
from .figures import FIGURE_LABELS
from .models import ExemplaryModel, Initiative, Inspection, InspectionPlan, Milestone, Programme


class ReportChoiceForm(forms.Form):
    campaign = forms.IntegerField(required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label="Loại báo cáo", choices=ReportKind.choices, initial=ReportKind.FINAL
    )


class PeriodForm(forms.Form):
    start = ViDateField(label="Từ ngày")
    end = ViDateField(label="Đến ngày")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("Ngày kết thúc phải sau ngày bắt đầu.")
        return data


class UnitReportForm(forms.Form):
    narrative = forms.CharField(label="Kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 8}))
    work_items_done = forms.IntegerField(
        label="Số công trình, phần việc đã hoàn thành", min_value=0, initial=0
    )
    events_done = forms.IntegerField(label="Số sự kiện đã tổ chức", min_value=0, initial=0)
    collectives_praised = forms.IntegerField(
        label="Số tập thể được đơn vị khen", min_value=0, initial=0
    )
    individuals_praised = forms.IntegerField(
        label="Số cá nhân được đơn vị khen", min_value=0, initial=0
    )
    spending = forms.IntegerField(
        label="Kinh phí khen thưởng của đơn vị (đồng)", min_value=0, initial=0
    )

    FIGURES = [
        "work_items_done",
        "events_done",
        "collectives_praised",
        "individuals_praised",
        "spending",
    ]
    FIGURE_LABELS = FIGURE_LABELS

    def figures(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.FIGURES}


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["issuer", "number", "doc_date", "title", "start_year", "end_year", "summary"]
        field_classes = {"doc_date": ViDateField}
        widgets = {"doc_date": ViDateInput}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Unit.objects.for_user(user, "change").filter(
            is_authority=True
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("start_year")
            and data.get("end_year")
            and data["end_year"] < data["start_year"]
        ):
            raise forms.ValidationError("Năm kết thúc phải từ năm bắt đầu trở đi.")
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["year", "quarter", "title", "responsible", "conference"]

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["quarter"].widget = forms.Select(
            choices=[("", "Cả năm")] + [(q, f"Quý {q}") for q in range(1, 5)]
        )

    def clean_year(self):
        y = self.cleaned_data["year"]
        p = self.programme
        if p and not (p.start_year <= y <= p.end_year):
            raise forms.ValidationError(f"Năm phải trong giai đoạn {p.start_year}–{p.end_year}.")
        return y


class MilestoneDoneForm(forms.Form):
    done_on = ViDateField(label="Ngày hoàn thành", initial=date.today)
    note = forms.CharField(
        label="Kết quả, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(label="Minh chứng (PDF, ảnh)", required=False)


class ExemplaryForm(forms.ModelForm):
    class Meta:
        model = ExemplaryModel
        fields = ["kind", "name", "unit", "person", "field", "summary", "story", "year", "campaign"]
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user, "change").order_by("path")
        self.fields["person"].queryset = Person.objects.for_user(user).order_by("sort_key")
        from thidua.campaigns.models import Campaign

        self.fields["campaign"].queryset = Campaign.objects.for_user(user)

    def clean(self):
        data = super().clean()
        if data.get("kind") == "person" and not data.get("person"):
            self.add_error("person", "Điển hình cá nhân phải chọn cá nhân.")
        if (
            data.get("person")
            and data.get("unit")
            and not data["person"].unit.path.startswith(data["unit"].path)
        ):
            self.add_error("person", "Cá nhân không thuộc đơn vị đã chọn.")
        return data


class PhotoForm(forms.Form):
    photo = forms.FileField(label="Ảnh (JPEG, PNG, tối đa 5 MB)")
    caption = forms.CharField(label="Chú thích", required=False, max_length=300)


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["title", "unit", "authors", "field", "scope", "effect", "year", "applied_from"]
        field_classes = {"applied_from": ViDateField}
        widgets = {
            "applied_from": ViDateInput,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "effect": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user, "change").order_by("path")
        self.fields["authors"].queryset = Person.objects.for_user(user).order_by("sort_key")
        self.fields["authors"].required = True

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        for p in data.get("authors") or []:
            if unit and not p.unit.path.startswith(unit.authority().path):
                self.add_error("authors", f"Tác giả {p} không thuộc địa phương của đơn vị.")
        return data


class EvaluationForm(forms.Form):
    council = forms.CharField(label="Hội đồng sáng kiến", max_length=255)
    meeting_date = ViDateField(label="Ngày họp")
    scores = forms.CharField(
        label="Điểm của thành viên (mỗi dòng: Họ tên: điểm)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    pass_score = forms.IntegerField(label="Điểm đạt", initial=50, min_value=0, max_value=100)
    verdict = forms.ChoiceField(label="Kết luận", choices=Verdict.choices)
    level = forms.ChoiceField(
        label="Cấp công nhận", choices=[("", "—")] + InitiativeLevel.choices, required=False
    )
    recognition_ref = forms.CharField(
        label="Số quyết định công nhận", required=False, max_length=120
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_scores(self):
        rows = []
        for i, line in enumerate(self.cleaned_data["scores"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, score = line.rpartition(":")
            try:
                value = float(score.strip().replace(",", "."))
            except ValueError:
                value = None
            if not sep or not name.strip() or value is None:
                raise forms.ValidationError(f"Dòng {i}: cần dạng “Họ tên: điểm”.")
            rows.append({"member": name.strip(), "score": value})
        return rows


class InspectionPlanForm(forms.ModelForm):
    class Meta:
        model = InspectionPlan
        fields = ["authority", "year", "title", "number", "doc_date"]
        field_classes = {"doc_date": ViDateField}
        widgets = {"doc_date": ViDateInput}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = Unit.objects.for_user(user, "change").filter(
            is_authority=True
        )


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["unit", "start_date", "end_date", "team"]
        field_classes = {"start_date": ViDateField, "end_date": ViDateField}
        widgets = {
            "start_date": ViDateInput,
            "end_date": ViDateInput,
            "team": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            plan.authority.subtree().order_by("path") if plan else Unit.objects.none()
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            raise forms.ValidationError("Ngày kết thúc phải sau ngày bắt đầu.")
        return data


class ItemResultForm(forms.Form):
    area = forms.ChoiceField(choices=CheckArea.choices, widget=forms.HiddenInput)
    result = forms.ChoiceField(label="Kết quả", choices=CheckResult.choices)
    note = forms.CharField(
        label="Nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FindingForm(forms.Form):
    area = forms.ChoiceField(label="Nội dung", choices=CheckArea.choices)
    description = forms.CharField(
        label="Tồn tại, thiếu sót", widget=forms.Textarea(attrs={"rows": 2})
    )
    action = forms.CharField(label="Yêu cầu khắc phục", widget=forms.Textarea(attrs={"rows": 2}))
    due_date = ViDateField(label="Hạn khắc phục")
    follow_up_date = ViDateField(label="Ngày kiểm tra lại", required=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("follow_up_date")
            and data.get("due_date")
            and data["follow_up_date"] < data["due_date"]
        ):
            self.add_error("follow_up_date", "Ngày kiểm tra lại phải từ hạn khắc phục trở đi.")
        return data


class FixResolveForm(forms.Form):
    resolved_on = ViDateField(label="Ngày khắc phục xong", initial=date.today)
    note = forms.CharField(label="Kết quả khắc phục", widget=forms.Textarea(attrs={"rows": 2}))


class TargetValueForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    planned = VietnameseDecimalField(
        label="Kế hoạch", required=False, max_digits=16, decimal_places=2
    )
    actual = VietnameseDecimalField(
        label="Thực hiện", required=False, max_digits=16, decimal_places=2
    )
