"""Dossier life cycle through the services: submit, return, resubmit, appraise, disclose."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.core.states import TransitionError
from thidua.dossiers import checks, disclosure, services
from thidua.dossiers.enums import DossierStatus, LineResult
from thidua.dossiers.models import DossierVersion, PendingMatter
from thidua.org.models import Person, Unit

from .helpers import GIAY_KHEN_HUYEN, make_campaign, person, ready_dossier

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def three(org):
    w = org["ward_a"]
    return [
        person(w, n, f"00600000010{i}")
        for i, n in enumerate(["Lục Văn An", "Hà Thị Bình", "Nông Văn Cường"])
    ]


def test_submit_with_three_nominees_moves_to_submitted_and_keeps_a_version(
    users, org, campaign, three
):
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, three)
    services.submit(d, users["officer_a"])
    d.refresh_from_db()
    assert d.status == DossierStatus.SUBMITTED
    assert d.version == 1
    snap = DossierVersion.objects.get(dossier=d, version=1).snapshot
    assert [n["name"] for n in snap["nominees"]] == ["Lục Văn An", "Hà Thị Bình", "Nông Văn Cường"]
    ev = AuditEvent.objects.for_object(d).get(action="dossiers.dossier.submitted")
    assert (ev.from_state, ev.to_state, ev.actor) == ("draft", "submitted", users["officer_a"])
    assert users["standing"].notifications.filter(message__contains="đã nộp hồ sơ").exists()


def test_submit_rejects_fourth_nominee_over_ward_quota_of_seed_000(users, org, campaign, three):
    extra = person(org["ward_a"], "Đinh Thị Dung", "006000000109")
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, [*three, extra])
    with pytest.raises(services.DossierError) as exc:
        services.submit(d, users["officer_a"])
    assert any("03" in m or "3" in m for m in exc.value.messages)
    d.refresh_from_db()
    assert d.status == DossierStatus.DRAFT and d.version == 0


def test_quota_counts_lines_already_submitted_in_other_dossiers(users, org, campaign, three):
    first = ready_dossier(users["officer_a"], org["ward_a"], campaign, three[:2])
    services.submit(first, users["officer_a"])
    second = ready_dossier(
        users["officer_a"],
        org["ward_a"],
        campaign,
        three[2:] + [person(org["ward_a"], "Triệu Văn Én", "006000000110")],
    )
    errors = checks.check_submission(second)
    assert len([e for e in errors if "không quá" in e or "/3" in e or "03" in e]) == 1


def test_all_failures_listed_at_once(users, org, legal):
    c = make_campaign(org, deadline=date(2025, 1, 22))
    d = services.create_dossier(users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=c)
    now = datetime(2025, 1, 23, 0, 30, tzinfo=VN)
    errors = checks.check_submission(d, now)
    assert any("chưa có người" in e for e in errors)
    assert any("quá hạn" in e for e in errors)
    assert any("Tờ trình" in e for e in errors)
    assert any("Biên bản" in e for e in errors)


def test_deadline_day_in_vietnam_is_on_time_and_next_day_needs_an_exception(
    users, org, legal, three
):
    c = make_campaign(org, deadline=date(2025, 1, 22))
    d = ready_dossier(users["officer_a"], org["ward_a"], c, three[:1])
    on_time = datetime(2025, 1, 22, 16, 30, tzinfo=ZoneInfo("UTC"))  # 23:30 in Vietnam
    late = datetime(2025, 1, 22, 17, 10, tzinfo=ZoneInfo("UTC"))  # 00:10 next day
    assert checks.deadline_failure(d, on_time) is None
    assert "quá hạn" in checks.deadline_failure(d, late)
    services.open_deadline_exception(
        c, org["ward_a"], date(2025, 1, 25), "Mưa lũ", users["standing"]
    )
    assert checks.deadline_failure(d, late) is None
    assert AuditEvent.objects.filter(
        action="dossiers.deadline_exception.opened", reason="Mưa lũ"
    ).exists()


def test_same_person_in_two_dossiers_of_the_campaign_is_refused(users, org, campaign, three):
    services.submit(
        ready_dossier(users["officer_a"], org["ward_a"], campaign, three[:1]), users["officer_a"]
    )
    again = ready_dossier(users["head_a"], org["ward_a"], campaign, three[:1])
    errors = checks.check_submission(again)
    assert any("đã được Phường Đức Xuân đề nghị" in e for e in errors)


def test_pending_discipline_blocks_the_nominee(users, org, campaign, three):
    PendingMatter.objects.create(kind="discipline", person=three[0], start=date(2024, 1, 1))
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, three[:1])
    assert any("Lục Văn An: đang xem xét kỷ luật" in e for e in checks.check_submission(d))


def test_new_person_is_matched_by_citizen_id_not_duplicated(users, org, campaign):
    d = services.create_dossier(
        users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign
    )
    n = services.add_nominee(
        d,
        users["officer_a"],
        subject_kind="individual",
        new_person={"full_name": "Ma Thi Lan khác", "citizen_id": "006000000001"},
        achievements="x",
    )
    assert n.person == org["person_a"]
    assert Person.objects.filter(citizen_id="006000000001").count() == 1
    n2 = services.add_nominee(
        d,
        users["officer_a"],
        subject_kind="individual",
        new_person={
            "full_name": "Hoàng Thị Mới",
            "citizen_id": "006000000555",
            "gender": "nu",
            "ethnicity": "Tày",
        },
        achievements="y",
    )
    assert n2.person.unit == org["ward_a"]
    assert n2.is_woman and n2.is_ethnic_minority


def test_new_collective_is_kept_as_team_under_the_proposer(users, org, campaign):
    d = services.create_dossier(
        users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign
    )
    n = services.add_nominee(
        d, users["officer_a"], subject_kind="collective", collective_name="Tổ phụ nữ số 3"
    )
    assert n.unit.kind == "team" and n.unit.parent == org["ward_a"]
    assert Unit.objects.filter(name="Tổ phụ nữ số 3").count() == 1


def test_nominee_outside_proposer_scope_is_refused(users, org, campaign):
    d = services.create_dossier(
        users["officer_a"], org["ward_a"], GIAY_KHEN_HUYEN, campaign=campaign
    )
    with pytest.raises(services.DossierError):
        services.add_nominee(
            d, users["officer_a"], subject_kind="individual", person=org["person_b"]
        )


def test_return_then_resubmit_then_appraise_then_disclose(users, org, campaign, three):
    officer, standing = users["officer_a"], users["standing"]
    d = ready_dossier(officer, org["ward_a"], campaign, three)
    services.submit(d, officer)
    services.return_dossier(d, standing, [("Hà Thị Bình", "Bổ sung số liệu thành tích")])
    d.refresh_from_db()
    assert d.status == DossierStatus.RETURNED
    assert d.return_items == [{"item": "Hà Thị Bình", "reason": "Bổ sung số liệu thành tích"}]
    assert officer.notifications.filter(message__contains="Bổ sung số liệu").exists()
    n = d.nominees.get(name="Hà Thị Bình")
    services.update_nominee(n, officer, achievements="Vận động 50 hộ hiến đất làm đường")
    services.submit(d, officer)
    d.refresh_from_db()
    assert d.status == DossierStatus.RESUBMITTED and d.version == 2
    v1, v2 = (v.snapshot for v in d.versions.order_by("version"))
    assert services.diff_snapshots(v1, v2) == ["Hà Thị Bình: sửa thành tích."]
    for line in d.nominees.all():
        services.appraise_line(
            line, standing, LineResult.ELIGIBLE, wording="Đã có thành tích xuất sắc"
        )
    services.finish_appraisal(d, standing)
    d.refresh_from_db()
    assert d.status == DossierStatus.APPRAISED
    disc = disclosure.publish_disclosure(campaign, standing, days=5, start=timezone.localdate())
    d.refresh_from_db()
    assert d.status == DossierStatus.DISCLOSED
    assert disc.nominees.count() == 3 and disc.end - disc.start == timedelta(days=4)
    states = [s for s, _ in services.time_in_states(d)]
    assert states[:3] == ["Dự thảo", "Đã nộp", "Trả lại để hoàn thiện"]


def test_all_lines_ineligible_rejects_the_dossier(users, org, campaign, three):
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, three[:1])
    services.submit(d, users["officer_a"])
    with pytest.raises(services.DossierError):
        services.finish_appraisal(d, users["standing"])
    services.appraise_line(
        d.nominees.get(), users["standing"], LineResult.INELIGIBLE, reason="Thiếu minh chứng"
    )
    services.finish_appraisal(d, users["standing"])
    d.refresh_from_db()
    assert d.status == DossierStatus.REJECTED


def test_withdraw_is_refused_after_decision(users, org, campaign, three):
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, three[:1])
    services.withdraw(d, users["officer_a"], "Đơn vị xin rút")
    d.refresh_from_db()
    assert d.status == DossierStatus.WITHDRAWN
    with pytest.raises(TransitionError, match="Không thể «Rút» hồ sơ đang ở trạng thái «Đã rút»"):
        services.withdraw(d, users["officer_a"])


def test_editing_after_submit_is_refused(users, org, campaign, three):
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, three[:1])
    services.submit(d, users["officer_a"])
    with pytest.raises(services.DossierError):
        services.update_nominee(d.nominees.get(), users["officer_a"], achievements="khác")
