"""The dossier page (where every officer's POST on a dossier lands): a bounded number of
queries whatever the number of nominees, and the rows it shows to each side."""

import re
from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.campaigns.models import CampaignSource
from thidua.dossiers import services, upward
from thidua.dossiers.enums import LineResult

from .helpers import make_campaign, person, ready_dossier

BANG_KHEN_TINH = "bang_khen_chu_tich_tinh"
HOSTILE = "<b>Lò</b> & “Vi”"


def _dossier(users, org, campaign, n, *, submit=False, form="giay_khen_chu_tich_huyen", first=0):
    people = [
        person(org["ward_a"], f"Người số {i}", f"0060005{i:05d}") for i in range(first, first + n)
    ]
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, people, form=form)
    if submit:
        services.submit(d, users["officer_a"])
    return d


def _queries(client, url) -> int:
    client.get(url)  # sessions, caches warmed as in a browsing officer's next request
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize("who", ["officer_a", "standing"])
def test_queries_do_not_grow_with_the_nominees(
    users, org, legal, client_for, who, django_assert_num_queries
):
    campaign = make_campaign(org, "999", forms=(BANG_KHEN_TINH,))  # no quota rules
    submit = who == "standing"
    small = _dossier(users, org, campaign, 5, submit=submit, form=BANG_KHEN_TINH)
    c = client_for(who)
    n5 = _queries(c, reverse("dossiers:detail", args=[small.pk]))
    big = _dossier(users, org, campaign, 25, form=BANG_KHEN_TINH, first=100)
    if submit:
        services.withdraw(small, users["officer_a"])
        services.submit(big, users["officer_a"])
    url = reverse("dossiers:detail", args=[big.pk])
    c.get(url)
    with django_assert_num_queries(n5):
        r = c.get(url)
    assert r.content.decode().count("Người số ") >= 25
    # officer: session, user, scope, unit, dossier (with the campaign's required documents),
    # timeline, lines, initiatives, legal version, add-nominee choices (one query), bell,
    # documents, comments; the standing body: its staff instead of the choices
    assert n5 <= {"officer_a": 13, "standing": 13}[who]


def test_officer_sees_every_line_and_may_edit_a_draft(users, org, campaign, client_for):
    from thidua.reports.models import Initiative

    p = person(org["ward_a"], HOSTILE, "006000000701", position="Tổ trưởng <tổ 3>")
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, [p], units=[org["village_a"]])
    line = d.nominees.get(person=p)
    ini = Initiative.objects.create(title="Số hóa <hồ sơ>", unit=org["ward_a"], status="recognised")
    services.link_initiative(line, users["officer_a"], ini)
    html = client_for("officer_a").get(reverse("dossiers:detail", args=[d.pk])).content.decode()

    assert "<b>Lò</b>" not in html
    assert "<strong>&lt;b&gt;Lò&lt;/b&gt; &amp; “Vi”</strong>" in html
    assert "Tổ trưởng &lt;tổ 3&gt; Phường Đức Xuân" in html
    assert "Sáng kiến: Số hóa &lt;hồ sơ&gt;" in html
    assert "<strong>Tổ dân phố 1, Đức Xuân</strong>" in html
    assert html.count('<span class="badge">Chưa thẩm định</span>') == 2
    # the officer's actions on each line of a draft, to this dossier's own URLs
    edit = reverse("dossiers:nominee_edit", args=[d.pk, line.pk])
    remove = reverse("dossiers:nominee_remove", args=[d.pk, line.pk])
    assert f'<form method="post" action="{edit}" class="nominee-edit">' in html
    assert (
        f'action="{remove}" data-confirm="Bỏ &lt;b&gt;Lò&lt;/b&gt; &amp; “Vi” khỏi hồ sơ?"' in html
    )
    assert html.count('class="nominee-edit"') == 2
    assert len(re.findall(r'name="csrfmiddlewaretoken" value="[^"]+"', html)) >= 4
    # not the appraiser's
    assert "line-form" not in html and 'name="lines"' not in html and 'id="appraisal"' not in html
    assert 'id="btn-submit"' in html


def test_submitted_dossier_is_read_only_for_the_officer_and_appraised_by_the_standing_body(
    users, org, campaign, client_for
):
    d = _dossier(users, org, campaign, 2, submit=True)
    first, second = list(d.nominees.order_by("order", "pk"))
    services.appraise_line(first, users["standing"], LineResult.ELIGIBLE, wording="Có <công>")
    url = reverse("dossiers:detail", args=[d.pk])

    officer = client_for("officer_a").get(url).content.decode()
    assert "Người số 0" in officer and "Người số 1" in officer
    assert "nominee-edit" not in officer and "line-form" not in officer
    assert 'id="btn-submit"' not in officer
    assert '<span class="badge ok">Đủ điều kiện</span>' in officer
    assert "<em>Có &lt;công&gt;</em>" in officer

    staff = client_for("standing").get(url).content.decode()
    assert "nominee-edit" not in staff
    for n in (first, second):
        action = reverse("dossiers:appraise_line", args=[d.pk, n.pk])
        assert f'<form method="post" action="{action}" class="line-form">' in staff
        assert f'name="lines" value="{n.pk}" form="bulk-appraise"' in staff
        assert f'name="n{n.pk}_criteria"' in staff and f'name="n{n.pk}_evidence"' in staff
    assert staff.count('<span class="badge">Chưa thẩm định</span>') == 1
    assert 'id="btn-finish"' in staff


def test_checklist_and_bulk_selection_are_kept(users, org, campaign, client_for):
    d = _dossier(users, org, campaign, 2, submit=True)
    first, second = list(d.nominees.order_by("order", "pk"))
    c = client_for("standing")
    c.post(reverse("dossiers:checklist", args=[d.pk]), {f"n{first.pk}_criteria": "on"})
    html = c.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert f'name="n{first.pk}_criteria" checked>' in html
    assert f'name="n{first.pk}_evidence" >' in html
    assert f'name="n{second.pk}_criteria" >' in html
    # a refused bulk appraisal shows the page again with the chosen lines still ticked
    r = c.post(
        reverse("dossiers:appraise_lines", args=[d.pk]),
        {"lines": [str(second.pk)], "result": "ineligible", "reason": ""},
    )
    html = r.content.decode()
    assert re.search(rf'value="{second.pk}" form="bulk-appraise"[^>]*checked>', html)
    assert not re.search(rf'value="{first.pk}" form="bulk-appraise"[^>]*checked>', html)


def test_an_upward_line_links_to_its_original_dossier(users, org, campaign, client_for):
    source = _dossier(users, org, campaign, 1, submit=True, form=BANG_KHEN_TINH)
    line = source.nominees.get()
    services.appraise_line(line, users["standing"], LineResult.ELIGIBLE, wording="Xuất sắc")
    services.finish_appraisal(source, users["standing"])
    up = upward.bundle_upward(campaign, users["standing"], BANG_KHEN_TINH, [line.pk])
    html = client_for("standing").get(reverse("dossiers:detail", args=[up.pk])).content.decode()
    link = reverse("dossiers:detail", args=[source.pk])
    assert f'Từ <a href="{link}">hồ sơ số {source.pk}</a>' in html


def test_proposer_staff_of_the_unit_and_of_the_units_above_it(users, org):
    from thidua.dossiers import access
    from thidua.dossiers.models import Dossier

    in_village = Dossier(proposer=org["village_a"], authority=org["city"])
    in_ward = Dossier(proposer=org["ward_a"], authority=org["city"])
    assert access.is_proposer_staff(users["officer_a"], in_village)
    assert access.is_proposer_staff(users["head_a"], in_ward)
    assert not access.is_proposer_staff(users["officer_b"], in_village)
    assert not access.is_proposer_staff(users["edu_officer"], in_ward)
    assert not access.is_proposer_staff(users["standing"], in_ward)
    assert access.is_proposer_staff(users["standing"], Dossier(proposer=org["city"]))
    # the ward's officer is not staff of the city above it
    assert not access.is_proposer_staff(users["officer_a"], Dossier(proposer=org["city"]))


def test_versions_are_compared_from_the_second_submission(users, org, campaign, client_for):
    d = _dossier(users, org, campaign, 1, submit=True)
    url = reverse("dossiers:detail", args=[d.pk])
    compare = reverse("dossiers:compare", args=[d.pk])
    assert compare not in client_for("officer_a").get(url).content.decode()
    services.return_dossier(d, users["standing"], [("Biên bản", "Thiếu chữ ký")])
    services.submit(d, users["officer_a"])
    assert d.versions.count() == 2
    html = client_for("officer_a").get(url).content.decode()
    assert f'href="{compare}">So sánh các lần nộp</a>' in html


def _select(html: str, name: str) -> str:
    start = html.index(f'<select name="{name}"')
    return html[start : html.index("</select>", start) + len("</select>")]


def test_add_nominee_form_is_djangos_with_choices_from_one_query(users, org, legal):
    """The dossier page writes the add-nominee form itself: the person, unit and household
    options read in one query, the other fields written once; the HTML is the one Django
    writes for the form whose querysets a POST validates against (same fields, options,
    order, labels escaped)."""
    from django.forms.renderers import get_default_renderer
    from django.utils.html import escape

    from thidua.dossiers.forms import NomineeForm
    from thidua.org.models import Household

    ward = org["ward_a"]
    person(ward, HOSTILE, "006000000801")
    person(org["village_a"], "An Văn Bình", "006000000802")
    person(org["ward_b"], "Người phường khác", "006000000803")
    Household.objects.create(head_name="Lò <Văn> Tư", unit=org["village_a"])
    Household.objects.create(head_name="Bế Thị Năm", unit=org["village_a"])
    Household.objects.create(head_name="Hộ phường khác", unit=org["village_b"])

    for _ in range(2):  # the second from the fields written once
        with CaptureQueriesContext(connection) as q:
            shown = NomineeForm.shown(ward)
        assert len(q) == 1
        django = NomineeForm(proposer=ward, renderer=get_default_renderer())
        assert shown == "".join(f"<label>{escape(f.label)}{f}</label>" for f in django)
    html = {name: _select(shown, name) for name in ("person", "unit", "household")}
    assert "&lt;b&gt;Lò&lt;/b&gt; &amp; “Vi”" in html["person"]
    assert "An Văn Bình" in html["person"]
    assert "Hộ Lò &lt;Văn&gt; Tư" in html["household"]
    assert "Người phường khác" not in html["person"]
    assert "Hộ phường khác" not in html["household"]
    assert "Phường Sông Cầu" not in html["unit"]
    assert html["household"].index("Bế Thị Năm") < html["household"].index("Lò &lt;Văn")


@pytest.mark.parametrize(
    "initial",
    [
        {},
        {"title": None, "meeting_date": None, "meeting_start": None},
        {
            "title": HOSTILE,
            "meeting_date": date(2026, 2, 3),
            "meeting_attendees": 0,
            "meeting_total": 11,
            "meeting_chair": 'Lò Văn "A" — <Chủ tịch>',
            "meeting_secretary": "",
            "meeting_start": time(8, 0, 0, 123456),
            "meeting_end": time(10, 30, 15),
        },
        {"meeting_date": "2024-05-25", "meeting_start": "8h", "meeting_total": "x"},
    ],
)
def test_meeting_form_is_djangos(initial):
    """The dossier page writes the meeting form around its values; the HTML is Django's."""
    from django.forms.renderers import get_default_renderer
    from django.utils.html import escape

    from thidua.dossiers.forms import MeetingForm

    django = MeetingForm(initial=initial, renderer=get_default_renderer())
    assert MeetingForm.shown(initial) == "".join(
        f"<label>{escape(f.label)}{f}</label>" for f in django
    )


def test_empty_forms_of_the_page_are_djangos():
    from django.forms.renderers import get_default_renderer

    from thidua.dossiers.forms import (
        BulkLineForm,
        CommentForm,
        ReturnForm,
        UploadForm,
        unbound_fields,
    )

    for form_class in (UploadForm, CommentForm, ReturnForm, BulkLineForm):
        django = form_class(renderer=get_default_renderer())
        shown = unbound_fields(form_class)
        assert list(shown) == list(django.fields)
        for name, field in shown.items():
            bound = django[name]
            assert (field.label, str(field), field.auto_id) == (
                bound.label,
                str(bound),
                bound.auto_id,
            )


def test_required_documents_read_with_the_dossier_are_the_campaigns(users, org, campaign):
    from thidua.campaigns.models import CampaignAwardForm
    from thidua.dossiers import access, checks

    officer = users["officer_a"]
    listed = services.create_dossier(officer, org["ward_a"], BANG_KHEN_TINH, campaign=campaign)
    CampaignAwardForm.objects.filter(campaign=campaign, form_code=BANG_KHEN_TINH).update(
        required_documents=["Báo cáo thành tích", {"label": "Tờ trình"}, "bien_ban"]
    )
    sudden = services.create_dossier(
        officer, org["ward_a"], "giay_khen_chu_tich_huyen", kind="dot_xuat"
    )

    def both_ways(d):
        read = access.get_dossier(officer, d.pk, required_documents=True)
        column = checks.required_types(read, read.required_documents)
        assert column == checks.required_types(access.get_dossier(officer, d.pk))
        return column

    assert both_ways(listed) == [
        ("bao_cao_thanh_tich", "Báo cáo thành tích"),
        ("to_trinh", "Tờ trình"),
        ("bien_ban", "Biên bản họp xét"),
    ]
    assert both_ways(sudden) == [("to_trinh", "Tờ trình")]
    CampaignAwardForm.objects.filter(campaign=campaign, form_code=BANG_KHEN_TINH).delete()
    assert both_ways(listed) == [("to_trinh", "Tờ trình")]


def test_another_units_dossier_stays_hidden_from_its_page_and_posts(
    users, org, campaign, client_for
):
    d = _dossier(users, org, campaign, 1)
    line = d.nominees.get()
    other = client_for("officer_b")
    assert other.get(reverse("dossiers:detail", args=[d.pk])).status_code == 404
    p = person(org["ward_a"], "Người ngoài", "006000000901")
    forged = {
        "dossiers:meeting": {"title": "Sửa", "meeting_attendees": "1", "meeting_total": "2"},
        "dossiers:nominee_add": {"subject_kind": "individual", "person": str(p.pk)},
        "dossiers:upload": {"doc_type": "to_trinh"},
    }
    for name, data in forged.items():
        assert other.post(reverse(name, args=[d.pk]), data).status_code == 404
    d.refresh_from_db()
    assert d.title != "Sửa" and list(d.nominees.all()) == [line]
    # the standing body sees a submitted dossier but does not edit it
    services.submit(d, users["officer_a"])
    staff = client_for("standing")
    assert staff.get(reverse("dossiers:detail", args=[d.pk])).status_code == 200
    r = staff.post(reverse("dossiers:nominee_add", args=[d.pk]), forged["dossiers:nominee_add"])
    assert r.status_code == 403
    assert d.nominees.count() == 1


def test_the_officer_form_parts_are_not_shown_to_the_standing_body(
    users, org, campaign, client_for
):
    d = _dossier(users, org, campaign, 1, submit=True)
    r = client_for("standing").get(reverse("dossiers:detail", args=[d.pk]))
    ctx = r.context
    assert ctx["nominee_form"] is None and ctx["meeting_form"] is None
    assert ctx["upload_form"] is None
    assert ctx["bulk_form"] is not None and ctx["return_form"] is not None
    html = r.content.decode()
    assert 'name="subject_kind"' not in html and 'id="upload-form"' not in html
    assert 'id="return-form"' in html and 'id="bulk-appraise"' in html


def test_documents_comments_and_history_name_who_did_what(users, org, campaign, client_for):
    """The page reads its documents, comments and history with the names of who uploaded,
    wrote and acted in the same query: each row names them as the ORM's related rows do."""
    from django.utils.html import escape

    from thidua.core.audit import describe, person_name
    from thidua.core.models import AuditEvent
    from thidua.core.templatetags.thidua import vndatetime
    from thidua.dossiers.models import DossierDocument

    officer = users["officer_a"]
    officer.first_name, officer.last_name = "Lò <Văn>", "Tư & Cộng"
    officer.save()
    d = _dossier(users, org, campaign, 1)  # two documents uploaded by the officer
    DossierDocument.objects.filter(pk=d.documents.order_by("pk").last().pk).update(uploaded_by=None)
    services.add_comment(d, officer, "Bổ sung <số liệu>\nngay")
    services.add_comment(d, users["standing"], "Đã xem")
    html = client_for("officer_a").get(reverse("dossiers:detail", args=[d.pk])).content.decode()

    documents = list(d.documents.select_related("uploaded_by"))
    assert {doc.uploaded_by is None for doc in documents} == {True, False}
    for doc in documents:
        who = f"{escape(person_name(doc.uploaded_by))} — " if doc.uploaded_by else ""
        assert f"<td>{who}{vndatetime(doc.uploaded_at)}</td>" in html
    assert html.count(f"{escape(person_name(officer))} — ") == 1
    assert "<strong>Lò &lt;Văn&gt; Tư &amp; Cộng</strong>" in html
    assert "Bổ sung &lt;số liệu&gt;<br>ngay" in html
    standing = users["standing"]
    assert f"<strong>{escape(standing.get_full_name() or standing.username)}</strong>" in html
    events = list(
        AuditEvent.objects.for_object(d)
        .select_related("actor", "unit")
        .order_by("created_at", "pk")
    )
    assert len(events) >= 6
    timeline = html[html.index('id="timeline"') :]
    at = 0
    for e in events:  # each, oldest first
        at = timeline.index(escape(describe(e)), at) + 1


def test_the_dossier_read_leaves_the_campaigns_imported_plan_text_unread(
    users, org, legal, client_for
):
    """A campaign imported from a plan keeps the plan's text and its spans (tens of kB) in
    its own table; the dossier page and a dossier POST read the campaign without them (no
    later query either: the page never shows them)."""
    campaign = make_campaign(org, "998", forms=(BANG_KHEN_TINH,))
    CampaignSource.objects.create(
        campaign=campaign,
        text="KẾ HOẠCH phát động phong trào thi đua " * 2000,
        spans={"criteria": [[i, i + 10] for i in range(0, 5000, 10)]},
    )
    d = _dossier(users, org, campaign, 2, form=BANG_KHEN_TINH)
    c = client_for("officer_a")
    url = reverse("dossiers:detail", args=[d.pk])
    c.get(url)
    with CaptureQueriesContext(connection) as page:
        r = c.get(url)
    assert r.status_code == 200 and campaign.title in r.content.decode()
    with CaptureQueriesContext(connection) as post:
        r = c.post(reverse("dossiers:meeting", args=[d.pk]), {"title": "Tờ trình số 1"})
    assert r.status_code == 302
    sql = " ".join(q["sql"] for q in [*page.captured_queries, *post.captured_queries])
    assert '"campaigns_campaign"."title"' in sql  # the campaign is read with the dossier
    assert "campaigns_campaignsource" not in sql
