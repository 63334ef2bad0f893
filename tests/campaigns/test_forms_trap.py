"""Campaign edit and import review: blank extra rows ignored, errors summarised, values kept."""

from django.urls import reverse

from thidua.campaigns.forms import CampaignForm


def _edit_data(campaign, **extra):
    data = {k: ("" if v is None else v) for k, v in CampaignForm.initial_from(campaign).items()}
    for key in ("doc_date", "start_date", "end_date", "anniversary_date"):
        data[key] = data[key].strftime("%d/%m/%Y") if data[key] else ""
    rows = list(campaign.deadlines.all())
    data.update(
        {
            "dl-TOTAL_FORMS": str(len(rows) + 1),
            "dl-INITIAL_FORMS": str(len(rows)),
            "dl-MIN_NUM_FORMS": "0",
            "dl-MAX_NUM_FORMS": "1000",
        }
    )
    for i, d in enumerate(rows):
        data.update(
            {
                f"dl-{i}-kind": d.kind,
                f"dl-{i}-date": d.date.strftime("%d/%m/%Y"),
                f"dl-{i}-label": d.label,
            }
        )
    # The blank extra row as the browser sends it: the kind select has its first choice.
    n = len(rows)
    data.update({f"dl-{n}-kind": "registration", f"dl-{n}-date": "", f"dl-{n}-label": ""})
    data.update(extra)
    return data, n


def test_edit_saves_with_the_blank_extra_deadline_row(client_for, campaign):
    before = campaign.deadlines.count()
    data, _ = _edit_data(campaign, title="Tên đã sửa")
    resp = client_for("standing").post(reverse("campaigns:edit", args=[campaign.pk]), data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    campaign.refresh_from_db()
    assert campaign.title == "Tên đã sửa" and campaign.deadlines.count() == before


def test_edit_with_errors_shows_a_linked_summary_and_keeps_every_value(client_for, campaign):
    data, n = _edit_data(
        campaign,
        title="Tên mới chưa lưu",
        start_date="31/02/2025",
        **{"dl-0-label": ""},
    )
    data[f"dl-{n}-label"] = "Hạn mới"
    data[f"dl-{n}-date"] = "15/13/2025"
    resp = client_for("standing").post(reverse("campaigns:edit", args=[campaign.pk]), data)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'id="error-summary"' in html
    summary = html[
        html.index('id="error-summary"') : html.index("</div>", html.index("error-summary"))
    ]
    assert 'href="#id_start_date"' in summary and "Ngày không hợp lệ" in summary
    assert 'href="#id_dl-0-label"' in summary and f'href="#id_dl-{n}-date"' in summary
    # Nothing is blanked: the wrong dates and the new title come back as typed.
    assert 'value="31/02/2025"' in html and 'value="15/13/2025"' in html
    assert "Tên mới chưa lưu" in html and 'value="Hạn mới"' in html
    campaign.refresh_from_db()
    assert campaign.title != "Tên mới chưa lưu"


def test_rules_editor_ignores_the_blank_extra_rule(client_for, campaign):
    c = client_for("standing")
    page = c.get(reverse("campaigns:rules", args=[campaign.pk]))
    formset = page.context["formset"]
    data = {
        "r-TOTAL_FORMS": str(len(formset.forms)),
        "r-INITIAL_FORMS": str(formset.initial_form_count()),
        "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "1000",
    }
    for i, f in enumerate(formset.forms):
        for name, field in f.fields.items():
            value = f.initial.get(name, field.initial)
            if value is None:
                value = ""
            if isinstance(value, list):
                data[f"r-{i}-{name}"] = value
            elif name == "kind" and not value:
                data[f"r-{i}-{name}"] = "quota"  # the select's first choice
            else:
                data[f"r-{i}-{name}"] = value
    resp = c.post(reverse("campaigns:rules", args=[campaign.pk]), data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    campaign.refresh_from_db()
    assert len(campaign.rules) == formset.initial_form_count()
