"""The appraisal queue (issue 13, deadline day): its rows are written by `{% queue_rows %}`
exactly as the former template loop wrote them (escaped), and the page's queries do not
grow with the number of dossiers waiting."""

from django.db import connection
from django.db.models import Count, F, Min, Q
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.campaigns.models import CampaignDeadline
from thidua.dossiers import access, services
from thidua.dossiers.models import Dossier

from .helpers import person, ready_dossier

# The loop of dossiers/queue.html before `{% queue_rows %}` (issue 13), as it was.
FORMER_LOOP = (
    "{% load thidua %}"
    '{% for d in dossiers %}<tr><td>{{ d.due|vndate|default:"—" }}</td><td><a href="'
    "{% url 'dossiers:detail' d.pk %}\">{{ d.title }}</a></td><td>{{ d.proposer.display_name }}"
    '</td>\n<td>{{ d.n_nominees }}</td><td><span class="badge warn">{{ d.get_status_display }}'
    "</span> <small>lần {{ d.version }}</small></td><td>{{ d.submitted_at|vndatetime }}</td>\n"
    "<td>{% if d.assigned_to %}{{ d.assigned_to.get_full_name|default:d.assigned_to.username }}"
    "{% else %}Chưa phân công{% endif %}</td></tr>\n"
    '{% empty %}<tr><td colspan="7">Không có hồ sơ chờ thẩm định.</td></tr>{% endfor %}\n'
)


def _former_rows(user) -> str:
    qs = (
        access.appraisal_queue(user)
        .select_related("proposer", "campaign", "assigned_to")
        .annotate(
            due=Min("campaign__deadlines__date", filter=Q(campaign__deadlines__kind="dossier")),
            n_nominees=Count("nominees", distinct=True),
        )
        .order_by(F("due").asc(nulls_last=True), "submitted_at", "pk")
    )
    return Template(FORMER_LOOP).render(Context({"dossiers": list(qs[:50])}))


def _rows(body: str) -> str:
    start = body.index('<tbody id="queue-rows">\n') + len('<tbody id="queue-rows">\n')
    return body[start : body.index("</tbody>")]


def _copies(d, n, start=0, **kw):
    """`n` more submitted dossiers like `d` (the queue only lists them)."""
    Dossier.objects.bulk_create(
        Dossier(
            campaign=d.campaign,
            kind=d.kind,
            form_code=d.form_code,
            proposer=kw.get("proposer", d.proposer),
            authority=d.authority,
            title=kw.get("title", f"Hồ sơ số {start + i}"),
            status=kw.get("status", "submitted"),
            version=1,
            submitted_at=d.submitted_at,
            assigned_to=kw.get("assigned_to"),
        )
        for i in range(n)
    )


def test_queue_rows_are_the_former_loop_escaped(users, org, campaign, client_for):
    officer_b, standing = users["officer_b"], users["standing"]
    two = ready_dossier(
        officer_b,
        org["ward_b"],
        campaign,
        [person(org["ward_b"], "A", "007500000001"), person(org["ward_b"], "B", "007500000002")],
    )
    services.submit(two, officer_b)
    org["ward_a"].short_name = "P. Đức Xuân <&>"
    org["ward_a"].save()
    two.refresh_from_db()
    # no nominees, an assigned officer with and without a full name, a title to escape,
    # a campaign without a dossier deadline (— in the first cell), a resubmitted one
    _copies(two, 1, title="<b>\"Nhà\" & 'bếp'</b>", proposer=org["ward_a"], assigned_to=standing)
    _copies(two, 1, title="Chưa tên", assigned_to=users["chairman"], status="resubmitted")
    standing.first_name, standing.last_name = "Lê <Văn>", "An"
    standing.save()
    CampaignDeadline.objects.filter(campaign=campaign).update(kind="report")
    body = client_for("standing").get(reverse("dossiers:queue")).content.decode()
    rows = _rows(body)
    assert rows == f"\n{_former_rows(standing)}\n"
    assert "&lt;b&gt;&quot;Nhà&quot; &amp; &#x27;bếp&#x27;&lt;/b&gt;" in rows
    assert "P. Đức Xuân &lt;&amp;&gt;" in rows and "Lê &lt;Văn&gt; An" in rows
    assert "<td>2</td>" in rows and "<td>0</td>" in rows and "<td>—</td>" in rows
    assert ">chairman<" in rows and "Chưa phân công" in rows and "Đã nộp lại" in rows
    # with the dossier deadline back, its date leads the rows
    CampaignDeadline.objects.filter(campaign=campaign).update(kind="dossier")
    rows = _rows(client_for("standing").get(reverse("dossiers:queue")).content.decode())
    assert rows == f"\n{_former_rows(standing)}\n" and "<td>—</td>" not in rows


def test_empty_queue_row_and_htmx_partial(users, client_for):
    c = client_for("standing")
    body = c.get(reverse("dossiers:queue")).content.decode()
    assert _rows(body) == f"\n{_former_rows(users['standing'])}\n"
    assert "Không có hồ sơ chờ thẩm định." in body
    partial = c.get(reverse("dossiers:queue"), HTTP_HX_REQUEST="true").content.decode()
    assert partial.strip() == '<tr><td colspan="7">Không có hồ sơ chờ thẩm định.</td></tr>'


def test_queue_queries_do_not_grow_with_the_dossiers(users, org, campaign, client_for):
    officer_b = users["officer_b"]
    d = ready_dossier(
        officer_b, org["ward_b"], campaign, [person(org["ward_b"], "Q", "007600000001")]
    )
    services.submit(d, officer_b)
    d.refresh_from_db()
    c = client_for("standing")
    url = reverse("dossiers:queue")
    counts = []
    for n in (10, 30):  # N, then 3N (one page, then two)
        _copies(
            d,
            n - Dossier.objects.filter(status="submitted").count(),
            start=n,
            assigned_to=users["chairman"],
        )
        with CaptureQueriesContext(connection) as q:
            body = c.get(url).content.decode()
        counts.append(len(q.captured_queries))
        assert body.count("<tr><td>") == n
    _copies(d, 60, start=100, proposer=org["ward_a"])
    with CaptureQueriesContext(connection) as q:
        body = c.get(url).content.decode()
    assert body.count("<tr><td>") == 50 and "(90 hồ sơ)" in body
    counts.append(len(q.captured_queries))
    assert counts[0] == counts[1] == counts[2] <= 7
