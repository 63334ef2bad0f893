"""Going upward (city → province) and the hooks the council and awards apps call."""

import pytest
from django.urls import reverse

from thidua.awards.models import Decision
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.core.states import TransitionError
from thidua.dossiers import checks, complaints, services, upward
from thidua.dossiers.enums import DossierStatus, LineResult
from thidua.dossiers.models import NomineeOrigin

from .helpers import make_user, person, ready_dossier

BANG_KHEN_TINH = "bang_khen_chu_tich_tinh"


def _appraised(users, org, campaign, people, form):
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, people, form=form)
    services.submit(d, users["officer_a"])
    for n in d.nominees.all():
        services.appraise_line(
            n, users["standing"], LineResult.ELIGIBLE, wording="Có thành tích xuất sắc"
        )
    return services.finish_appraisal(d, users["standing"])


def test_province_form_from_a_city_campaign_is_flagged_as_upward(users, org, campaign):
    d = services.create_dossier(
        users["officer_a"], org["ward_a"], BANG_KHEN_TINH, campaign=campaign
    )
    assert d.is_upward is True
    gk = services.create_dossier(
        users["officer_a"], org["ward_a"], "giay_khen_chu_tich_huyen", campaign=campaign
    )
    assert gk.is_upward is False


def test_bundle_goes_to_the_province_queue_with_links_to_the_originals(
    users, org, campaign, client_for
):
    people = [person(org["ward_a"], n, f"00600000030{i}") for i, n in enumerate(["An", "Bình"])]
    source = _appraised(users, org, campaign, people, BANG_KHEN_TINH)
    lines = list(source.nominees.all())
    up = upward.bundle_upward(campaign, users["standing"], BANG_KHEN_TINH, [n.pk for n in lines])
    assert (up.proposer, up.authority) == (org["city"], org["province"])
    assert sorted(
        NomineeOrigin.objects.filter(nominee__dossier=up).values_list("source_id", flat=True)
    ) == sorted(n.pk for n in lines)
    # the same lines cannot be bundled twice
    with pytest.raises(services.DossierError):
        upward.bundle_upward(campaign, users["standing"], BANG_KHEN_TINH, [lines[0].pk])
    # the bundle does not count twice against the campaign's 10 Bằng khen tỉnh, nor as a duplicate nominee
    assert not any(
        "đã được" in e
        for e in checks.nominee_failures(up, list(up.nominees.all()), up.created_at.date())
    )
    services.update_meeting(
        up, users["standing"], meeting_date=campaign.end_date, attendees=7, total=9
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.dossiers import files

    from .helpers import PDF

    for t in ("to_trinh", "bien_ban"):
        files.upload(up, users["standing"], t, SimpleUploadedFile("a.pdf", PDF))
    services.submit(up, users["standing"])
    province_staff = make_user("so_noivu", Role.STANDING_BODY, org["province"])
    c = client_for("standing")
    assert c.get(reverse("dossiers:detail", args=[up.pk])).status_code == 200
    from django.test import Client

    pc = Client()
    pc.force_login(province_staff)
    r = pc.get(reverse("dossiers:queue"))
    assert up.title in r.content.decode()
    assert c.get(reverse("dossiers:queue")).content.decode().count(up.title) == 0


def test_council_hooks_move_the_dossier_to_approved_then_decided(users, org, campaign):
    people = [person(org["ward_a"], n, f"00600000040{i}") for i, n in enumerate(["An", "Bình"])]
    d = _appraised(users, org, campaign, people, "giay_khen_chu_tich_huyen")
    services.mark_in_council(d, users["standing"])
    a, b = d.nominees.all()
    services.record_council_result(a, True, users["standing"])
    d.refresh_from_db()
    assert d.status == DossierStatus.IN_COUNCIL
    services.record_council_result(b, False, users["standing"])
    d.refresh_from_db()
    assert d.status == DossierStatus.APPROVED
    decision = Decision.objects.create(issuer=org["city"], year=2025, title="Khen thưởng")
    services.mark_decided(d, decision, users["chairman"])
    d.refresh_from_db()
    assert d.status == DossierStatus.DECIDED
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.council_result, b.council_result) == ("approved", "not_approved")
    decided = AuditEvent.objects.for_object(d).get(action="dossiers.dossier.decided")
    assert decided.data == {"decision": decision.pk}


def test_council_hooks_refuse_wrong_states(users, org, campaign):
    d = ready_dossier(
        users["officer_a"], org["ward_a"], campaign, [person(org["ward_a"], "An", "006000000501")]
    )
    with pytest.raises(TransitionError, match="«Trình Hội đồng» hồ sơ đang ở trạng thái «Dự thảo»"):
        services.mark_in_council(d, users["standing"])
    with pytest.raises(TransitionError, match="hồ sơ đang ở trạng thái «Dự thảo»"):
        services.record_council_result(d.nominees.get(), True, users["standing"])


def test_complaint_gets_a_deadline_of_ten_working_days_and_an_answer(users, org):
    from datetime import date

    c = complaints.record_complaint(
        org["city"],
        users["standing"],
        kind="khieu_nai",
        complainant="Ông A",
        contact="",
        content="Không đồng ý",
        received_on=date(2025, 1, 24),
    )
    assert c.answer_due == date(2025, 2, 7)
    complaints.answer_complaint(c, users["standing"], "Đã xác minh, giữ nguyên danh sách.")
    c.refresh_from_db()
    assert c.status == "answered"
    with pytest.raises(services.DossierError):
        complaints.answer_complaint(c, users["standing"], "lần hai")


def test_initiative_is_used_once(users, org, campaign):
    from thidua.reports.models import Initiative

    ini = Initiative.objects.create(title="Số hóa hồ sơ", unit=org["ward_a"], status="recognised")
    d1 = ready_dossier(
        users["officer_a"], org["ward_a"], campaign, [person(org["ward_a"], "An", "006000000601")]
    )
    d2 = ready_dossier(
        users["officer_a"], org["ward_a"], campaign, [person(org["ward_a"], "Bình", "006000000602")]
    )
    services.link_initiative(d1.nominees.get(), users["officer_a"], ini)
    with pytest.raises(services.DossierError) as exc:
        services.link_initiative(d2.nominees.get(), users["officer_a"], ini)
    assert "chỉ dùng một lần" in exc.value.messages[0]
    services.withdraw(d1, users["officer_a"])
    services.link_initiative(d2.nominees.get(), users["officer_a"], ini)
