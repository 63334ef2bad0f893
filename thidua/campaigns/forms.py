"""Forms of the campaign pages: the campaign, its deadlines, quota rules, the importer."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory

from thidua.core.forms import BlankRowsIgnored, ViDateField
from thidua.legal import read as legal
from thidua.legal.read import (
    COLLECTIVE_CATEGORIES,
    PERSON_CATEGORIES,
    RATINGS,
    SUBJECT_KINDS,
)
from thidua.org.enums import UnitKind

from .enums import CampaignKind, DeadlineKind

#: Unit kinds quota rules name: the organisation tree's own vocabulary.
UNIT_KINDS = dict(UnitKind.choices)


def form_choices() -> list[tuple[str, str]]:
    """Every award form by name, from the legal tables (read when a form is built)."""
    names = {(row["code"], row["name"]) for row in legal.award_form_rows()}
    return sorted(names, key=lambda choice: choice[1])


CATEGORY_CHOICES = [*PERSON_CATEGORIES.items(), *COLLECTIVE_CATEGORIES.items()]
MULTI = forms.SelectMultiple(attrs={"size": 4})


def lines(text: str) -> list[str]:
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip()]


class CampaignForm(forms.Form):
    issuer = forms.ModelChoiceField(queryset=None, label="Cấp phát động")
    title = forms.CharField(
        label="Tên phong trào (trích yếu)", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False)
    doc_date = ViDateField(label="Ngày ban hành", required=False)
    kind = forms.ChoiceField(label="Loại phong trào", choices=CampaignKind.choices)
    slogan = forms.CharField(
        label="Khẩu hiệu", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    start_date = ViDateField(label="Từ ngày", required=False)
    end_date = ViDateField(label="Đến ngày", required=False)
    parent = forms.ModelChoiceField(
        queryset=None, label="Thực hiện kế hoạch (phong trào cấp trên)", required=False
    )
    parent_document = forms.CharField(
        label="Văn bản căn cứ", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    subjects_collective = forms.CharField(
        label="Đối tượng: tập thể", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    subjects_individual = forms.CharField(
        label="Đối tượng: cá nhân", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    content_areas = forms.CharField(
        label="Nội dung thi đua (mỗi dòng một nội dung)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    criteria = forms.CharField(
        label="Tiêu chuẩn", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    anniversary_name = forms.CharField(label="Sự kiện kỷ niệm", max_length=255, required=False)
    anniversary_date = ViDateField(label="Ngày kỷ niệm", required=False)

    def __init__(self, *args, issuers=None, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["parent"].queryset = parents

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
        return data

    def campaign_fields(self) -> dict:
        d = self.cleaned_data
        subjects = {
            "collective": d["subjects_collective"] or None,
            "individual": d["subjects_individual"] or None,
        }
        return {
            "title": d["title"].strip(),
            "number": d["number"].strip(),
            "doc_date": d["doc_date"],
            "kind": d["kind"],
            "slogan": d["slogan"].strip(),
            "start_date": d["start_date"],
            "end_date": d["end_date"],
            "parent": d["parent"],
            "parent_document": d["parent_document"].strip(),
            "subjects": subjects,
            "content_areas": lines(d["content_areas"]),
            "criteria": d["criteria"].strip(),
            "anniversary_name": d["anniversary_name"].strip(),
            "anniversary_date": d["anniversary_date"],
        }

    @staticmethod
    def initial_from(campaign) -> dict:
        subjects = campaign.subjects or {}
        return {
            "issuer": campaign.issuer_id,
            "title": campaign.title,
            "number": campaign.number,
            "doc_date": campaign.doc_date,
            "kind": campaign.kind,
            "slogan": campaign.slogan,
            "start_date": campaign.start_date,
            "end_date": campaign.end_date,
            "parent": campaign.parent_id,
            "parent_document": campaign.parent_document,
            "subjects_collective": subjects.get("collective") or "",
            "subjects_individual": subjects.get("individual") or "",
            "content_areas": "\n".join(campaign.content_areas),
            "criteria": campaign.criteria,
            "anniversary_name": campaign.anniversary_name,
            "anniversary_date": campaign.anniversary_date,
        }


class DeadlineForm(BlankRowsIgnored, forms.Form):
    row_fields = ("date", "label")

    kind = forms.ChoiceField(label="Loại hạn", choices=DeadlineKind.choices)
    date = ViDateField(label="Hạn")
    label = forms.CharField(label="Nội dung", max_length=500)


DeadlineFormSet = formset_factory(DeadlineForm, extra=1, can_delete=True)


class ImportForm(forms.Form):
    issuer = forms.ModelChoiceField(queryset=None, label="Cấp phát động")
    file = forms.FileField(label="Tệp kế hoạch (.docx, .pdf, .txt, .md)", required=False)
    text = forms.CharField(
        label="hoặc dán nội dung kế hoạch", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    MAX_BYTES = 10 * 1024 * 1024

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError("Hãy chọn tệp kế hoạch hoặc dán nội dung kế hoạch.")
        if upload and upload.size > self.MAX_BYTES:
            raise forms.ValidationError("Tệp quá lớn (tối đa 10 MB).")
        return data


def _kind_key(name: str) -> str | None:
    """A unit kind typed as its Vietnamese name ("Phường", "xa") or its code."""
    from thidua.core.text import fold

    name = name.strip()
    if name in UNIT_KINDS:
        return name
    folded = fold(name)
    return next((code for code, label in UNIT_KINDS.items() if fold(label) == folded), None)


def kind_pairs_text(pairs: dict) -> str:
    """{"commune": 2, "ward": 3} → "Xã=2, Phường=3"."""
    return ", ".join(f"{UNIT_KINDS.get(k, k)}={v}" for k, v in (pairs or {}).items())


def _parse_pairs(text: str, field: str) -> dict[str, int]:
    out = {}
    for part in [p.strip() for p in (text or "").split(",") if p.strip()]:
        key, _, value = part.partition("=")
        code = _kind_key(key)
        if not value.strip().isdigit() or code is None:
            raise forms.ValidationError(
                f"{field}: “{part}” phải có dạng loại đơn vị=số, ví dụ Xã=2, Phường=3."
            )
        out[code] = int(value)
    return out


class RuleForm(BlankRowsIgnored, forms.Form):
    """One quota/eligibility rule as a row of fields (no raw JSON)."""

    row_fields = ("id", "label", "max", "max_by_kind")

    id = forms.SlugField(label="Mã", max_length=60)
    kind = forms.ChoiceField(
        label="Loại",
        choices=[
            ("quota", "Số lượng tối đa"),
            ("exclusion", "Loại trừ trùng khen cấp trên"),
            ("prior_rating", "Xếp loại năm trước"),
            ("block_leader", "Dẫn đầu khối thi đua"),
        ],
    )
    scope = forms.ChoiceField(
        label="Phạm vi đếm",
        required=False,
        choices=[
            ("", "—"),
            ("per_proposer", "Mỗi đơn vị đề nghị"),
            ("total", "Toàn phong trào"),
            ("per_nominee_kind", "Theo loại đơn vị được đề nghị"),
        ],
    )
    max = forms.IntegerField(label="Tối đa", required=False, min_value=0)
    max_by_kind = forms.CharField(
        label="Tối đa theo loại đơn vị (ví dụ Xã=2, Phường=3)", required=False
    )
    label = forms.CharField(label="Đối tượng được đếm / tên hình thức", max_length=255)
    forms_ = forms.MultipleChoiceField(
        label="Hình thức khen thưởng", required=False, choices=form_choices, widget=MULTI
    )
    proposer_kinds = forms.MultipleChoiceField(
        label="Loại đơn vị đề nghị", required=False, choices=list(UNIT_KINDS.items()), widget=MULTI
    )
    proposer_tags = forms.CharField(label="Nhãn đơn vị đề nghị (cong_an, y_te…)", required=False)
    categories = forms.MultipleChoiceField(
        label="Nhóm đối tượng", required=False, choices=CATEGORY_CHOICES, widget=MULTI
    )
    subject_kinds = forms.MultipleChoiceField(
        label="Loại đối tượng", required=False, choices=list(SUBJECT_KINDS.items()), widget=MULTI
    )
    nominee_unit_kinds = forms.MultipleChoiceField(
        label="Loại đơn vị được đề nghị",
        required=False,
        choices=list(UNIT_KINDS.items()),
        widget=MULTI,
    )
    excluded_by_forms = forms.MultipleChoiceField(
        label="Trùng với hình thức", required=False, choices=form_choices, widget=MULTI
    )
    min = forms.ChoiceField(
        label="Xếp loại tối thiểu",
        required=False,
        choices=[("", "—"), *[(r["code"], r["label"]) for r in RATINGS]],
    )
    top_n = forms.IntegerField(label="Trong số đơn vị dẫn đầu", required=False, min_value=1)
    description = forms.CharField(
        label="Diễn giải", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    source = forms.CharField(
        label="Câu trong kế hoạch", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    exclude_json = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "quota":
            if not data.get("scope"):
                self.add_error("scope", "Chọn phạm vi đếm cho quy tắc số lượng.")
            if data.get("scope") == "per_nominee_kind":
                try:
                    data["max_by_kind_parsed"] = _parse_pairs(
                        data.get("max_by_kind"), "Tối đa theo loại"
                    )
                except forms.ValidationError as exc:
                    self.add_error("max_by_kind", exc)
            elif data.get("max") is None:
                self.add_error("max", "Nhập số lượng tối đa.")
        if kind == "prior_rating" and not data.get("min"):
            self.add_error("min", "Chọn mức xếp loại tối thiểu.")
        return data

    def to_rule(self) -> dict:
        import json

        d = self.cleaned_data
        tags = [t.strip() for t in (d.get("proposer_tags") or "").split(",") if t.strip()]
        match = {
            k: v
            for k, v in {
                "forms": d.get("forms_"),
                "proposer_kinds": d.get("proposer_kinds"),
                "proposer_tags": tags,
                "categories": d.get("categories"),
                "subject_kinds": d.get("subject_kinds"),
                "nominee_unit_kinds": d.get("nominee_unit_kinds"),
            }.items()
            if v
        }
        rule = {"id": d["id"], "kind": d["kind"], "match": match, "label": d["label"]}
        for key in ("description", "source"):
            if d.get(key):
                rule[key] = d[key]
        if d.get("exclude_json"):
            rule["exclude"] = json.loads(d["exclude_json"])
        if d["kind"] == "quota":
            rule["scope"] = d["scope"]
            if d["scope"] == "per_nominee_kind":
                rule["max_by_kind"] = d.get("max_by_kind_parsed", {})
                if d.get("max") is not None:
                    rule["max"] = d["max"]
            else:
                rule["max"] = d["max"]
        elif d["kind"] == "exclusion":
            rule["excluded_by_forms"] = d.get("excluded_by_forms") or []
        elif d["kind"] == "prior_rating":
            rule["min"] = d["min"]
        else:
            rule["top_n"] = d.get("top_n") or 1
        return rule

    @staticmethod
    def initial_from(rule: dict) -> dict:
        import json

        m = rule.get("match", {})
        return {
            "id": rule.get("id"),
            "kind": rule.get("kind"),
            "scope": rule.get("scope", ""),
            "max": rule.get("max"),
            "max_by_kind": kind_pairs_text(rule.get("max_by_kind")),
            "label": rule.get("label", ""),
            "forms_": m.get("forms", []),
            "proposer_kinds": m.get("proposer_kinds", []),
            "proposer_tags": ", ".join(m.get("proposer_tags", [])),
            "categories": m.get("categories", []),
            "subject_kinds": m.get("subject_kinds", []),
            "nominee_unit_kinds": m.get("nominee_unit_kinds", []),
            "excluded_by_forms": rule.get("excluded_by_forms", []),
            "min": rule.get("min", ""),
            "top_n": rule.get("top_n"),
            "description": rule.get("description", ""),
            "source": rule.get("source", ""),
            "exclude_json": json.dumps(rule["exclude"], ensure_ascii=False)
            if rule.get("exclude")
            else "",
        }


RuleFormSet = formset_factory(RuleForm, extra=1, can_delete=True)
