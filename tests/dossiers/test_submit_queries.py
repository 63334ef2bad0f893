"""Dossier submission at scale (issue 13): the quota count is one aggregate query over the
counted lines, found by their subject columns, so the submission's queries do not grow with
the lines already counted in the campaign; the column-based count agrees with the former
count by computed key; a quota exceeded is refused in Vietnamese with nothing saved."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.campaigns import quotas
from thidua.campaigns import services as campaign_services
from thidua.core.models import AuditEvent
from thidua.dossiers import checks, quota_lines, services, upward
from thidua.dossiers.enums import COUNTING_STATUSES, DossierStatus, LineResult
from thidua.dossiers.models import Dossier, DossierVersion, Nominee

from .helpers import (
    BANG_KHEN_TINH,
    TOTAL_BK_TINH,
    make_campaign,
    person,
    ready_dossier,
    set_rules,
    teachers,
)

RULES = [
    {
        "id": "tong",
        "kind": "quota",
        "scope": "total",
        "match": {"forms": ["giay_khen_chu_tich_huyen"]},
        "max": 500,
        "label": "tập thể, cá nhân",
    },
    {
        "id": "moi_don_vi",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"forms": ["giay_khen_chu_tich_huyen"]},
        "max": 200,
        "label": "tập thể, cá nhân",
    },
]


def _counted_lines(campaign, proposers, n):
    """`n` more counted lines (submitted dossiers of `proposers`), bulk-inserted: the test
    is about how the submission reads them, not how they were made."""
    start = Nominee.objects.count()
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            campaign=campaign,
            kind="campaign",
            form_code="giay_khen_chu_tich_huyen",
            proposer=p,
            authority=campaign.issuer,
            title=f"Hồ sơ đã nộp {start} {p.pk}",
            status=DossierStatus.SUBMITTED,
        )
        for p in proposers
    )
    Nominee.objects.bulk_create(
        Nominee(
            dossier=dossiers[i % len(dossiers)],
            subject_kind="collective",
            name=f"Tập thể số {start + i}",
            achievements="Hoàn thành xuất sắc nhiệm vụ",
        )
        for i in range(n)
    )


def _submit_counting_queries(officer, unit, campaign, cid):
    d = ready_dossier(officer, unit, campaign, [person(unit, f"Người {cid}", cid)])
    with CaptureQueriesContext(connection) as q:
        services.submit(d, officer)
    d.refresh_from_db()
    assert d.status == DossierStatus.SUBMITTED
    # the legal tables are read from their cache in production; count what counts
    sqls = [x["sql"] for x in q.captured_queries if "legal_" not in x["sql"]]
    return len(sqls), sqls, d


def test_submit_queries_do_not_grow_with_the_lines_already_counted(users, org, legal):
    c = make_campaign(org, "test")
    type(c).objects.filter(pk=c.pk).update(rules=RULES)
    c.refresh_from_db()
    officer, ward = users["officer_a"], org["ward_a"]
    others = [org["ward_b"], org["edu"]]
    n = 10
    _counted_lines(c, others, n)
    few, _, _ = _submit_counting_queries(officer, ward, c, "008000000001")
    _counted_lines(c, others, 2 * n)  # 3N counted lines now
    many, sqls, d = _submit_counting_queries(officer, ward, c, "008000000002")
    assert many == few
    # the nominee lines of the campaign are counted by one aggregate query, not loaded
    aggregates = [s for s in sqls if "COUNT(DISTINCT" in s.upper() and "dossiers_nominee" in s]
    assert len(aggregates) == 1
    assert "NOT EXISTS" in aggregates[0].upper()
    # the nominees' own rows are told apart by their subject condition written twice (the
    # filter, the group of their own), not once per column read of them
    assert aggregates[0].count('"dossiers_nominee"."person_id" IN (') == 2
    # the dossier's own lines are read once for every check
    own = f'WHERE "dossiers_nominee"."dossier_id" = {d.pk} '
    own_reads = [x for x in sqls if x.startswith('SELECT "dossiers_nominee"."id"') and own in x]
    assert len(own_reads) == 1, own_reads
    # and they were all counted: 3N + the two submitted lines
    used = {r.rule_id: r.used for r in campaign_services.quota_usage(c)["tong"]}
    assert used == {"tong": 3 * n + 2}


def _key_based(dossier, proposed, rules):
    """The former count (issue 13, before): the proposed nominees' rows found by their
    computed key, bundled copies left out by a join, the others aggregated."""
    keys = sorted({ln.nominee_key for ln in proposed})
    base = (
        Nominee.objects.filter(
            dossier__campaign=dossier.campaign,
            dossier__status__in=COUNTING_STATUSES,
            origin_link__isnull=True,
        )
        .exclude(dossier=dossier)
        .annotate(cat=quota_lines.CATEGORY, key=quota_lines.KEY)
    )
    own = list(
        base.filter(key__in=keys).select_related("dossier__proposer", "unit", "person", "household")
    )
    up = {n.nominee_key for n in own if n.dossier.is_upward}
    others = base.exclude(key__in=keys).filter(quota_lines.narrowing(rules, proposed))
    return [quota_lines.line_for(n) for n in own] + quota_lines.aggregated_lines(others), up


def _both_counts(dossier):
    """(messages, upward keys) of the column-based and of the key-based count."""
    check = checks.QuotaCheck(dossier)
    rules, proposed = check.rules, check.proposed
    out = []
    for existing, up in (
        quota_lines.existing_lines(
            dossier.campaign,
            dossier,
            [ln.nominee_key for ln in proposed],
            quota_lines.narrowing(rules, proposed),
        ),
        _key_based(dossier, proposed, rules),
    ):
        check.ctx.upward_keys = up
        results = quotas.evaluate(rules, existing, proposed, check.ctx)
        out.append((sorted((r.rule_id, r.ok, r.message) for r in results), up))
    return out


def test_seed_000_column_count_equals_key_count_and_a_sixth_teacher_is_refused(users, org, legal):
    c = make_campaign(org, "000")
    officer = users["edu_officer"]
    five = ready_dossier(officer, org["edu"], c, teachers(org["edu"], 5, 0, "0081001"))
    new, old = _both_counts(five)
    assert new == old and all(ok for _, ok, _ in new[0])
    services.submit(five, officer)

    sixth = ready_dossier(officer, org["edu"], c, teachers(org["edu"], 1, 10, "0081001"))
    new, old = _both_counts(sixth)
    assert new == old
    refused = [m for _, ok, m in new[0] if not ok]
    assert refused and "6 giáo viên, vượt giới hạn 5" in refused[0]

    versions, events = DossierVersion.objects.count(), AuditEvent.objects.count()
    try:
        services.submit(sixth, officer)
        raise AssertionError("the sixth teacher went through")
    except services.DossierError as exc:
        said = " ".join(exc.messages)
    assert "giáo viên" in said and "vượt giới hạn 5" in said
    sixth.refresh_from_db()
    assert sixth.status == DossierStatus.DRAFT and sixth.version == 0
    assert sixth.submitted_at is None
    assert DossierVersion.objects.count() == versions
    assert AuditEvent.objects.count() == events


def test_a_resubmitted_line_and_a_bundled_copy_are_counted_alike_by_both(users, org, campaign):
    set_rules(campaign, [TOTAL_BK_TINH])
    officer = users["officer_a"]
    people = [person(org["ward_a"], n, f"00810000030{i}") for i, n in enumerate(["An", "Bình"])]
    source = ready_dossier(officer, org["ward_a"], campaign, people, form=BANG_KHEN_TINH)
    services.submit(source, officer)
    for n in source.nominees.all():
        services.appraise_line(n, users["standing"], LineResult.ELIGIBLE, wording="Xuất sắc")
    services.finish_appraisal(source, users["standing"])
    bundle = upward.bundle_upward(
        campaign, users["standing"], BANG_KHEN_TINH, [n.pk for n in source.nominees.all()]
    )
    # the bundle's lines are their originals: counted once, by either count
    new, old = _both_counts(bundle)
    assert new == old and all(ok for _, ok, _ in new[0])
    third = ready_dossier(
        users["officer_b"],
        org["ward_b"],
        campaign,
        [person(org["ward_b"], "Cường", "008100000399")],
        form=BANG_KHEN_TINH,
    )
    new, old = _both_counts(third)
    assert new == old
    assert any("3 Bằng khen tỉnh, vượt giới hạn 2" in m for _, ok, m in new[0] if not ok)


def test_a_kind_without_a_limit_is_not_counted_and_a_limited_kind_is(users, org, campaign):
    """Seed 004's shape ("tặng 02 xã, 03 phường"): only the limited kinds are counted; a
    proposed kind the rule does not limit needs no count of the campaign's other lines."""
    from thidua.org.models import Unit

    rules = [
        {
            "id": "theo_loai",
            "kind": "quota",
            "scope": "per_nominee_kind",
            "match": {"subject_kinds": ["collective"]},
            "max_by_kind": {"coop": 1},
            "label": "tập thể",
            "label_by_kind": {"coop": "hợp tác xã"},
        }
    ]
    set_rules(campaign, rules)
    coop_b = Unit.objects.create(
        code="HTXB", name="HTX Sông Cầu", kind="coop", parent=org["ward_b"]
    )
    officer_b = users["officer_b"]
    counted = ready_dossier(officer_b, org["ward_b"], campaign, units=[coop_b, org["village_b"]])
    services.submit(counted, officer_b)

    officer_a = users["officer_a"]
    group = ready_dossier(officer_a, org["ward_a"], campaign, units=[org["village_a"]])
    check = checks.QuotaCheck(group)
    narrow = quota_lines.narrowing(check.rules, check.proposed)
    existing, _ = quota_lines.existing_lines(
        campaign, group, [ln.nominee_key for ln in check.proposed], narrow
    )
    assert existing == []  # the other residential group was not counted
    assert check.failures() == []

    coop = ready_dossier(officer_a, org["ward_a"], campaign, units=[org["coop_a"]])
    new, old = _both_counts(coop)
    assert new == old
    try:
        services.submit(coop, officer_a)
        raise AssertionError("a second cooperative went through")
    except services.DossierError as exc:
        assert "2 hợp tác xã, vượt giới hạn 1" in " ".join(exc.messages)
    coop.refresh_from_db()
    assert coop.status == DossierStatus.DRAFT


def _main_table(sql: str) -> str:
    """The table a SELECT reads from, its subqueries (e.g. the dossier's campaign columns)
    left out."""
    while (bare := re.sub(r"\([^()]*\)", "", sql)) != sql:
        sql = bare
    return sql.split(" FROM ", 1)[1].split()[0].strip('"').lower()


def _locked_tables(queries) -> list[str]:
    """The tables whose rows each locking statement locks, in the order they ran."""
    out = []
    for q in queries:
        sql = q["sql"].upper()
        if " FOR UPDATE" in sql or " FOR NO KEY UPDATE" in sql:
            out.append(_main_table(sql))
    return out


@pytest.fixture
def provincial_dossier(users, org, campaign):
    """Ward A's ready dossier of one person for the province's certificate of merit, under
    the campaign's total quota of it."""
    set_rules(campaign, [TOTAL_BK_TINH])
    return ready_dossier(
        users["officer_a"],
        org["ward_a"],
        campaign,
        [person(org["ward_a"], "An", "008100000501")],
        form=BANG_KHEN_TINH,
    )


def test_submit_and_finish_appraisal_lock_the_dossier_before_the_campaign(
    users, provincial_dossier
):
    """One lock order for both: a submission and the end of an appraisal of the same dossier
    taking the rows in opposite orders would deadlock (PostgreSQL would abort one of them)."""
    officer, standing = users["officer_a"], users["standing"]
    d = provincial_dossier
    with CaptureQueriesContext(connection) as submitted:
        services.submit(d, officer)
    for n in d.nominees.all():
        services.appraise_line(n, standing, LineResult.ELIGIBLE, wording="Xuất sắc")
    with CaptureQueriesContext(connection) as finished:
        services.finish_appraisal(d, standing)
    d.refresh_from_db()
    assert d.status == DossierStatus.APPRAISED
    if connection.vendor == "postgresql":
        expected = ["dossiers_dossier", "campaigns_campaign"]
        assert _locked_tables(submitted.captured_queries) == expected
        assert _locked_tables(finished.captured_queries) == expected
    else:
        # SQLite has no row locks (Django drops FOR UPDATE): nothing to order there.
        assert _locked_tables(submitted.captured_queries + finished.captured_queries) == []


def test_the_submit_page_reads_each_row_once(provincial_dossier, client_for):
    """POST /ho-so/<pk>/nop/ (#13, deadline day): the dossier is read once, locked, with its
    campaign's required documents and deadline; the lines, their initiatives, the uploaded
    documents and the other lines of these nominees once each; one UPDATE of the dossier."""
    d = provincial_dossier
    client = client_for("officer_a")
    client.get("/")  # the signed-in shell's own reads (scope, units) are cached by then
    with CaptureQueriesContext(connection) as q:
        r = client.post(reverse("dossiers:submit", args=[d.pk]))
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == DossierStatus.SUBMITTED and d.version == 1
    sqls = [x["sql"] for x in q.captured_queries if "legal_" not in x["sql"]]

    def reads(table):
        return [s for s in sqls if s.startswith("SELECT") and _main_table(s) == table]

    assert len(reads("dossiers_dossier")) == 1, reads("dossiers_dossier")
    assert len(reads("dossiers_nomineeinitiative")) == 1
    assert len(reads("dossiers_dossierdocument")) == 1
    assert len(reads("dossiers_nomineeorigin")) == 0  # read with the lines
    assert reads("campaigns_campaignawardform") == reads("campaigns_campaigndeadline") == []
    assert len([s for s in sqls if s.startswith('UPDATE "dossiers_dossier"')]) == 1
    # 31 before (#13): the dossier read twice, its documents, initiative links, upward
    # origins and the campaign's award forms twice each, the deadlines, three reads of the
    # other lines, two UPDATEs. Of the 19 now, 3 are the test's uncached shell (session,
    # user, scope) and 2 its savepoint.
    assert len(sqls) <= 19, "\n".join(sqls)
