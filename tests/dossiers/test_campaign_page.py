"""The staff campaign page on deadline day (issue 13): its queries do not grow with the
dossiers, nominees or proposing units of the campaign, the quota badges are the former
template loop's HTML (escaped), and the sections read only when they have rows."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign, Responsibility
from thidua.dossiers.models import Dossier, Nominee
from thidua.org.models import Unit

from .helpers import GIAY_KHEN_HUYEN

FORMER_BADGES = (
    '{% for res in results %}<br><span class="badge {% if res.ok %}ok{% else %}bad{% endif %}">'
    "{{ res.message }}</span>{% endfor %}"
)


def _proposers(org, start, n, name="Phường số"):
    return Unit.objects.bulk_create(
        Unit(code=f"P{start + i}", name=f"{name} {start + i}", kind="ward", parent=org["city"])
        for i in range(start, start + n)
    )


def _counted(campaign, units, per_unit=2):
    """Submitted dossiers of `units` with `per_unit` nominees each (rows: the page only
    counts them)."""
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            campaign=campaign,
            kind="phong_trao",
            form_code=GIAY_KHEN_HUYEN,
            proposer=u,
            authority=campaign.issuer,
            title=f"Hồ sơ {u.name}",
            status="submitted",
        )
        for u in units
    )
    Nominee.objects.bulk_create(
        Nominee(
            dossier=d, subject_kind="individual", name=f"Người {d.pk}-{i}", category="cong_chuc"
        )
        for d in dossiers
        for i in range(per_unit)
    )


def _get(client, url):
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return r.content.decode(), len(q.captured_queries)


def test_campaign_page_queries_do_not_grow_with_dossiers_or_units(users, org, campaign, client_for):
    url = reverse("campaigns:detail", args=[campaign.pk])
    clients = {who: client_for(who) for who in ("officer_a", "standing")}
    for c in clients.values():
        _get(c, url)  # warm (legal tables)
    counts: dict[str, list[int]] = {who: [] for who in clients}
    # N proposing units, then 3N (3N dossiers, 6N nominees, 3N badges on the page)
    for start, n in ((0, 10), (10, 20)):
        _counted(campaign, _proposers(org, start, n))
        for who, c in clients.items():
            body, queries = _get(c, url)
            assert body.count("đã đề nghị 2/3") == start + n
            counts[who].append(queries)
    assert counts["officer_a"][0] == counts["officer_a"][1] <= 13, counts
    assert counts["standing"][0] == counts["standing"][1] <= 13, counts


def test_quota_badges_are_the_former_loop_escaped(users, org, campaign):
    units = _proposers(org, 0, 2, name="Phường <b>\"Đức\" & 'Xuân'</b>")
    _counted(campaign, units[:1], per_unit=2)
    _counted(campaign, units[1:], per_unit=4)  # over the limit of 3: a "bad" badge
    usage = campaign_services.quota_usage(campaign)
    results = usage["000_xa_phuong"]
    assert {r.ok for r in results} == {True, False}
    new = Template("{% load quota_badges %}{% quota_badges results %}").render(
        Context({"results": results})
    )
    assert new == Template(FORMER_BADGES).render(Context({"results": results}))
    assert "&lt;b&gt;&quot;Đức&quot; &amp; &#x27;Xuân&#x27;&lt;/b&gt;" in new
    assert '<span class="badge bad">' in new and '<span class="badge ok">' in new
    assert (
        Template("{% load quota_badges %}{% quota_badges results %}").render(
            Context({"results": []})
        )
        == ""
    )


def test_children_and_responsibilities_read_only_when_there_are_some(
    users, org, campaign, client_for
):
    c = client_for("standing")
    url = reverse("campaigns:detail", args=[campaign.pk])
    body, without = _get(c, url)
    assert "Kế hoạch cấp dưới thực hiện" not in body and "Tổ chức thực hiện" not in body
    org["ward_a"].short_name = "P. Đức Xuân"
    org["ward_a"].save()
    child = Campaign.objects.create(
        issuer=org["ward_a"], title="Kế hoạch của phường", parent=campaign, status="running"
    )
    Responsibility.objects.create(campaign=campaign, who="Phòng <Nội vụ>", what="Hướng dẫn")
    body, with_both = _get(c, url)
    assert with_both == without + 2  # the children (with their issuer) and the duties
    assert (
        f'<li><a href="{reverse("campaigns:detail", args=[child.pk])}">Kế hoạch của phường</a>'
        " — P. Đức Xuân</li>" in body
    )
    assert "<li><strong>Phòng &lt;Nội vụ&gt;</strong>: Hướng dẫn</li>" in body
    # the public page keeps its duties section
    public = c.get(reverse("campaigns:public_detail", args=[campaign.pk])).content.decode()
    assert "Phòng &lt;Nội vụ&gt;" in public
