"""The Python widget writer produces what Django's widget templates produce, escaped."""

import pytest
from django import forms
from django.forms.renderers import get_default_renderer

from thidua.core.fastforms import FAST_RENDERER
from thidua.core.forms import ViDateField

HOSTILE = "x\"<b>&amp;'</b>"


class Everything(forms.Form):
    text = forms.CharField(initial=HOSTILE, widget=forms.TextInput(attrs={"data-x": HOSTILE}))
    number = forms.IntegerField(required=False, initial=7, min_value=0)
    empty = forms.CharField(required=False)
    choice = forms.ChoiceField(
        choices=[("", "— chọn —"), ("1", HOSTILE), ("Nhóm <i>", [("2", "hai"), ("3", "3&")])],
        initial="3",
    )
    multi = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "<B>")], initial=["a", "b"])
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), initial="a\n<b>")
    blank_area = forms.CharField(widget=forms.Textarea, required=False)
    check = forms.BooleanField(required=False, initial=True)
    upload = forms.FileField()
    hidden = forms.CharField(widget=forms.HiddenInput, initial=HOSTILE)
    day = ViDateField(required=False)
    radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)


@pytest.mark.parametrize("name", list(Everything.base_fields))
def test_each_widget_renders_as_the_template_renders_it(name):
    templates = Everything(renderer=get_default_renderer())
    fast = Everything(renderer=FAST_RENDERER)
    assert str(fast[name]) == str(templates[name])


def test_bound_values_are_escaped():
    form = Everything({"text": "<script>", "choice": "1", "area": "</textarea><b>"})
    form.renderer = FAST_RENDERER
    html = str(form["text"]) + str(form["area"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "</textarea><b>" not in html and "&lt;/textarea&gt;&lt;b&gt;" in html


def test_the_page_forms_use_it():
    from thidua.dossiers.forms import MeetingForm, NomineeForm

    assert MeetingForm().renderer is FAST_RENDERER
    assert NomineeForm().renderer is FAST_RENDERER


@pytest.mark.django_db
def test_plain_model_choices_are_djangos_from_one_plain_query(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.core.fastforms import PlainModelChoiceField
    from thidua.org.models import Unit

    org["village_a"].name = HOSTILE
    org["village_a"].save()
    units = Unit.objects.order_by("name")

    class Django(forms.Form):
        unit = forms.ModelChoiceField(units, initial=org["ward_a"].pk)

    class Plain(forms.Form):
        unit = PlainModelChoiceField(units, initial=org["ward_a"].pk)

    expected = str(Django(renderer=get_default_renderer())["unit"])
    with CaptureQueriesContext(connection) as q:
        html = str(Plain(renderer=FAST_RENDERER)["unit"])
    assert html == expected and HOSTILE not in html
    assert len(q) == 1 and "DECLARE" not in q[0]["sql"]
    form = Plain({"unit": str(org["city"].pk)})
    assert form.is_valid() and form.cleaned_data["unit"] == org["city"]
    assert not Plain({"unit": "999999"}).is_valid()
