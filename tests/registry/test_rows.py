"""The registry's table lines (`AwardRow` read by `award_rows`, written by
`{% award_rows %}`): every column, every status, every value escaped, in one query."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.models import Award, DecisionStatus
from thidua.campaigns.models import Campaign
from thidua.registry import services

from .conftest import make_award, make_decision

pytestmark = pytest.mark.django_db


def _html(rows, empty=""):
    return Template("{% load registry_rows %}{% award_rows rows empty %}").render(
        Context({"rows": rows, "empty": empty})
    )


def _rows(*awards):
    return services.award_rows(Award.objects.filter(pk__in=[a.pk for a in awards]).order_by("pk"))


def test_a_signed_award_prints_every_column(org):
    campaign = Campaign.objects.create(issuer=org["city"], title="Phong trào Dân vận khéo")
    d = make_decision(org["city"], number=7, doc_date=date(2024, 3, 5))
    a = make_award(d, "Ma Thị Lan", org["ward_a"], person=org["person_a"], campaign=campaign)
    html = _html(_rows(a))
    assert "<td>05/03/2024</td>" in html
    assert "<strong>Ma Thị Lan</strong>" in html
    assert f'<small class="muted">{org["ward_a"].name}</small>' in html
    assert "<td>Giấy khen của Chủ tịch UBND thành phố</td>" in html
    assert f"Số 07/{d.symbol}" in html
    assert f"05/03/2024 · {org['city'].name}" in html
    assert "<td>Phong trào Dân vận khéo</td>" in html
    url = reverse("registry:verify", kwargs={"code": a.verification_code})
    assert f'<a href="{url}"><code>{a.verification_code}</code></a>' in html


def test_a_collective_does_not_repeat_its_unit(org, signed):
    collective = signed["awards"][2]
    html = _html(_rows(collective))
    assert f"<strong>{collective.awardee_name}</strong></td>" in html
    assert '<small class="muted">' not in html.split("</strong>")[1].split("</td>")[0]


def test_revoked_unsigned_and_bare_rows(org):
    signed_d = make_decision(org["city"], number=3)
    revoked = make_award(signed_d, "Bế Văn Hùng", org["ward_b"], revoked=True)
    draft = make_decision(org["city"], number=None, status=DecisionStatus.DRAFT)
    type(draft).objects.filter(pk=draft.pk).update(doc_date=None)
    unsigned = make_award(draft, "Nông Thị Hoa", org["ward_b"], on=date(2025, 2, 1))
    bare = make_award(None, "Hà Văn Tú", org["ward_b"], on=date(2025, 2, 2))
    by_pk = {row.pk: row for row in _rows(revoked, unsigned, bare)}
    assert '<span class="badge bad">đã thu hồi</span>' in _html([by_pk[revoked.pk]])
    unsigned_html = _html([by_pk[unsigned.pk]])
    assert '<span class="badge warn">chưa ban hành</span>' in unsigned_html
    assert f"Số …/{draft.symbol}" in unsigned_html
    assert "<br><small" not in unsigned_html.split("Số")[1]  # no date, no issuer before signing
    bare_html = _html([by_pk[bare.pk]])
    assert "<td></td>" in bare_html and "<td>—</td>" in bare_html
    assert "registry" not in bare_html and "<a " not in bare_html


def test_a_revoked_decision_marks_every_award(org):
    d = make_decision(org["city"], number=9, status=DecisionStatus.REVOKED)
    a = make_award(d, "Lò Văn Sáng", org["ward_a"])
    (row,) = _rows(a)
    assert row.shown_revoked and not row.verifiable
    assert "đã thu hồi" in _html([row]) and "<code>" not in _html([row])


def test_every_value_is_escaped(org):
    campaign = Campaign.objects.create(issuer=org["city"], title="<b>Phong trào</b> & cộng sự")
    d = make_decision(org["city"], number=4)
    a = make_award(
        d,
        '<script>alert("x")</script>',
        org["ward_a"],
        form_name="Giấy khen <i>đặc biệt</i>",
        campaign=campaign,
    )
    Award.objects.filter(pk=a.pk).update(awardee_unit_name="Phường <Đức> Xuân")
    html = _html(_rows(a))
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Phường &lt;Đức&gt; Xuân" in html
    assert "Giấy khen &lt;i&gt;đặc biệt&lt;/i&gt;" in html
    assert "&lt;b&gt;Phong trào&lt;/b&gt; &amp; cộng sự" in html


def test_no_row_prints_the_empty_sentence():
    assert _html([], "Chưa có khen thưởng tập thể.") == (
        '<tr><td colspan="6">Chưa có khen thưởng tập thể.</td></tr>'
    )
    assert "Chưa có khen thưởng nào." in _html([])
    assert "&lt;x&gt;" in _html([], "<x>")


def test_a_long_campaign_title_is_cut_at_80_characters(org):
    title = "Phong trào thi đua " + "đoàn kết, sáng tạo, " * 6
    campaign = Campaign.objects.create(issuer=org["city"], title=title)
    short = Campaign.objects.create(issuer=org["city"], title="x" * 80)
    d = make_decision(org["city"], number=5)
    a = make_award(d, "Ma Thị Lan", org["ward_a"], campaign=campaign)
    b = make_award(d, "Bế Văn Hùng", org["ward_a"], campaign=short)
    html = _html(_rows(a, b))
    cut = html.split("<td>")[5].split("</td>")[0]
    assert len(cut) == 80 and cut.endswith("…") and title.startswith(cut[:-1])
    assert f"<td>{'x' * 80}</td>" in html


def test_rows_are_read_in_one_query_in_the_queryset_order(org):
    d = make_decision(org["city"], number=6)
    awards = [make_award(d, f"Người {i}", org["ward_a"], on=date(2024, 1, 1 + i)) for i in range(5)]
    qs = Award.objects.filter(pk__in=[a.pk for a in awards]).order_by("-award_date", "-id")
    with CaptureQueriesContext(connection) as queries:
        rows = services.award_rows(qs)
        _html(rows)
    assert len(queries) == 1
    assert [row.pk for row in rows] == [a.pk for a in reversed(awards)]
