"""Quota counting (issue 13): one line builder for the campaign page and the checks
(category from the person when the line leaves it blank; a line bundled upward counts once,
as its original), counted by an aggregate query that does not grow with the campaign, mail
queued after commit, the staff campaign page and the queue in a fixed number of queries."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.campaigns import services as campaign_services
from thidua.core.roles import Role
from thidua.dossiers import checks, quota_lines, services, upward
from thidua.dossiers.enums import LineResult

from .helpers import (
    BANG_KHEN_TINH,
    TOTAL_BK_TINH,
    make_campaign,
    make_user,
    person,
    ready_dossier,
    set_rules,
    teachers,
)


def _usage(campaign, rule_id):
    return campaign_services.quota_usage(campaign).get(rule_id, [])


def test_category_falls_back_to_the_person_in_the_check_and_on_the_campaign_page(users, org, legal):
    """Seed 000: the education office proposes five teachers. The lines leave the category
    blank; the persons are teachers: both the submission check and the campaign page count
    them as teachers (before, the check counted them under the one-per-office quota)."""
    c = make_campaign(org, "000")
    officer = users["edu_officer"]
    five = ready_dossier(officer, org["edu"], c, teachers(org["edu"], 5))
    assert checks.check_submission(five) == []
    services.submit(five, officer)
    used = [r for rule in c.rules for r in _usage(c, rule["id"]) if r.used]
    assert [(r.used, r.limit) for r in used] == [(5, 5)] and "giáo viên" in used[0].message
    sixth = ready_dossier(officer, org["edu"], c, teachers(org["edu"], 1, start=9))
    errors = checks.quota_failures(sixth)
    assert len(errors) == 1 and "giáo viên" in errors[0] and "vượt giới hạn 5" in errors[0]


def _appraised(users, org, campaign, people, form):
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, people, form=form)
    services.submit(d, users["officer_a"])
    for n in d.nominees.all():
        services.appraise_line(n, users["standing"], LineResult.ELIGIBLE, wording="Xuất sắc")
    return services.finish_appraisal(d, users["standing"])


def test_a_line_bundled_upward_counts_once_as_its_original(users, org, campaign):
    set_rules(campaign, [TOTAL_BK_TINH])
    people = [person(org["ward_a"], n, f"00700000030{i}") for i, n in enumerate(["An", "Bình"])]
    source = _appraised(users, org, campaign, people, BANG_KHEN_TINH)
    up = upward.bundle_upward(
        campaign, users["standing"], BANG_KHEN_TINH, [n.pk for n in source.nominees.all()]
    )
    # The campaign page: 2 of 2, not 4 (the bundle's copies are the same nominations).
    assert [(r.used, r.limit) for r in _usage(campaign, "tong_bk_tinh")] == [(2, 2)]
    # Proposing the bundle checks its lines as their originals: still 2 of 2.
    proposed = quota_lines.proposed_lines(up, list(up.nominees.all()))
    assert {ln.proposer_id for ln in proposed} == {org["ward_a"].pk}
    assert checks.quota_failures(up) == []
    # A third nomination of the form is one too many.
    third = ready_dossier(
        users["officer_b"],
        org["ward_b"],
        campaign,
        [person(org["ward_b"], "Cường", "007000000399")],
        form=BANG_KHEN_TINH,
    )
    errors = checks.quota_failures(third)
    assert len(errors) == 1 and "3 Bằng khen tỉnh, vượt giới hạn 2" in errors[0]


def test_counted_lines_are_aggregated_and_the_count_does_not_grow_with_the_campaign(
    users, org, legal
):
    c = make_campaign(org, "000")
    officer_b = make_user("ob2", Role.UNIT_OFFICER, org["ward_b"])
    probe = ready_dossier(
        users["officer_a"], org["ward_a"], c, [person(org["ward_a"], "Dò", "007100000001")]
    )

    def count_queries():
        check = checks.QuotaCheck(probe)
        with CaptureQueriesContext(connection) as q:
            assert check.failures() == []
        # the legal tables are read from their cache in production; count what counts
        return len([x for x in q.captured_queries if "legal_" not in x["sql"]])

    before = count_queries()
    for i in range(3):
        d = ready_dossier(
            officer_b, org["ward_b"], c, [person(org["ward_b"], f"B{i}", f"00710000010{i}")]
        )
        services.submit(d, officer_b)
    assert count_queries() == before <= 3  # the probe's own rows, the aggregate
    lines = quota_lines.nominee_lines(c)
    assert [ln.count for ln in lines] == [3] and lines[0].proposer_id == org["ward_b"].pk


def test_submission_mail_is_queued_after_commit_not_sent_inline(
    users, org, campaign, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    d = ready_dossier(
        users["officer_a"], org["ward_a"], campaign, [person(org["ward_a"], "Em", "007200000001")]
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit(d, users["officer_a"])
    assert mail.outbox == [] and callbacks
    for fn in callbacks:
        fn()
    assert [m.to for m in mail.outbox] == [[users["standing"].email]]
    assert "đã nộp hồ sơ" in mail.outbox[0].body


def test_staff_campaign_page_and_queue_in_a_fixed_number_of_queries(
    users, org, campaign, client_for, django_assert_max_num_queries
):
    c = client_for("standing")
    officer_b = users["officer_b"]

    def submit_some(n, start):
        for i in range(n):
            d = ready_dossier(
                officer_b,
                org["ward_b"],
                campaign,
                [person(org["ward_b"], f"Q{start + i}", f"0073000{start + i:05d}")],
            )
            services.submit(d, officer_b)

    submit_some(1, 0)
    detail, queue = reverse("campaigns:detail", args=[campaign.pk]), reverse("dossiers:queue")
    counts = {}
    for url in (detail, queue):
        with CaptureQueriesContext(connection) as q:
            assert c.get(url).status_code == 200
        counts[url] = len(q.captured_queries)
    submit_some(2, 10)
    for url in (detail, queue):
        with django_assert_max_num_queries(counts[url]):
            assert c.get(url).status_code == 200
    assert counts[detail] <= 13 and counts[queue] <= 7


def test_the_queue_is_paginated(users, org, campaign, client_for):
    from thidua.dossiers.models import Dossier

    officer_b = users["officer_b"]
    d = ready_dossier(
        officer_b, org["ward_b"], campaign, [person(org["ward_b"], "P", "007400000001")]
    )
    d = services.submit(d, officer_b)
    # 60 more submitted dossiers (copies of the row; the queue only lists them)
    Dossier.objects.bulk_create(
        Dossier(
            campaign=campaign,
            kind=d.kind,
            form_code=d.form_code,
            proposer=d.proposer,
            authority=d.authority,
            title=f"Hồ sơ số {i}",
            status="submitted",
            submitted_at=d.submitted_at,
        )
        for i in range(60)
    )
    body = client_for("standing").get(reverse("dossiers:queue")).content.decode()
    assert "Trang 1/2 (61 hồ sơ)" in body and body.count("/ho-so/") < 70
    page2 = client_for("standing").get(reverse("dossiers:queue") + "?page=2").content.decode()
    assert "Trang 2/2" in page2
