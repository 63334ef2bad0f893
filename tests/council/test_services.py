from datetime import date
from fractions import Fraction

import pytest
from django.apps import apps
from django.db import models

from thidua.core.models import AuditEvent
from thidua.council import services
from thidua.council.enums import AttendanceStatus, Choice, ItemResult, SessionStatus
from thidua.council.models import AgendaItem, BallotReceipt, CouncilSession, Recusal
from thidua.dossiers.enums import DossierStatus
from thidua.org.models import CouncilMember

SESSION_DAY = date(2025, 1, 18)


@pytest.fixture
def session(org, users, council, dossiers):
    sess = services.create_session(
        org["city"],
        users["standing"],
        title="Xét khen thưởng 10 năm thành lập",
        on=SESSION_DAY,
        place="Hội trường UBND thành phố",
        campaign=dossiers[0].campaign,
    )
    return sess


def _open(session, users):
    services.build_agenda(session, users["standing"])
    services.open_session(session, users["standing"])
    session.refresh_from_db()
    return list(session.items.order_by("order"))


def _member(council, name):
    return next(m for m in council if m.full_name == name)


# ---- session and agenda ------------------------------------------------------------------


def test_create_session_counts_total_membership_and_marks_everyone_present(session, council):
    assert session.total_members == 5
    assert session.chair.full_name == "Nông Văn Cường"
    assert session.secretary.full_name == "Lường Thị Hà"
    assert session.attendance.filter(status=AttendanceStatus.PRESENT).count() == 5


def test_create_session_refused_to_a_council_member(org, users, council):
    with pytest.raises(services.CouncilError, match="cơ quan thường trực"):
        services.create_session(org["city"], users["council"], title="X", on=SESSION_DAY)
    assert CouncilSession.objects.count() == 0


def test_build_agenda_puts_every_eligible_line_and_moves_dossiers_into_council(
    session, users, dossiers
):
    added = services.build_agenda(session, users["standing"])
    assert added == 4
    assert set(session.items.values_list("nominee__name", flat=True)) == {
        "Tổ dân phố 1, Đức Xuân",
        "Ma Thị Lan",
        "Hộ ông Lý Văn Páo",
        "Bế Văn Hùng",
    }
    for d in dossiers:
        d.refresh_from_db()
        assert d.status == DossierStatus.IN_COUNCIL


def test_build_agenda_skips_ineligible_lines_and_other_authorities(
    org, session, users, dossiers, campaign
):
    first = dossiers[0].nominees.get(name="Ma Thị Lan")
    first.result = "ineligible"
    first.save()
    services.build_agenda(session, users["standing"])
    assert not session.items.filter(nominee=first).exists()
    assert session.items.count() == 3


def test_agenda_records_recusal_of_member_heading_the_nominees_unit(session, users, council):
    services.build_agenda(session, users["standing"])
    dung = _member(council, "Hoàng Văn Dũng")  # heads ward A
    recused = set(Recusal.objects.filter(member=dung).values_list("item__nominee__name", flat=True))
    # Ma Thị Lan works at ward A; the village and household are under it but are other units.
    assert recused == {"Ma Thị Lan"}


def test_agenda_records_recusal_of_member_who_is_the_nominee(org, session, users, council):
    long_ = _member(council, "Triệu Đức Long")
    long_.person = org["person_b"]
    long_.save()
    services.build_agenda(session, users["standing"])
    assert Recusal.objects.get(member=long_).item.nominee.name == "Bế Văn Hùng"


def test_threshold_follows_the_session_date_rules_for_cstdcs(org, users, council, campaign):
    from tests.council.builders import CSTDCS, appraised_dossier

    appraised_dossier(
        org, campaign, org["ward_b"], CSTDCS, [("individual", org["person_b"], "Bế Văn Hùng")]
    )
    sess = services.create_session(org["city"], users["standing"], title="X", on=SESSION_DAY)
    services.build_agenda(sess, users["standing"])
    item = sess.items.get()
    assert Fraction(item.threshold_numerator, item.threshold_denominator) == Fraction(4, 5)
    assert "98/2023" in item.threshold_citation


# ---- attendance and quorum ---------------------------------------------------------------


def test_open_refuses_without_quorum_and_changes_nothing(session, users, council):
    services.build_agenda(session, users["standing"])
    services.set_attendance(
        session,
        users["standing"],
        {council[1].pk: AttendanceStatus.WRITTEN, council[4].pk: AttendanceStatus.ABSENT},
    )
    with pytest.raises(
        services.CouncilError, match="Không đủ số thành viên dự họp: có mặt 3/5, cần ít nhất 4"
    ):
        services.open_session(session, users["standing"])
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_open_with_quorum_of_four_of_five(session, users, council):
    services.build_agenda(session, users["standing"])
    services.set_attendance(session, users["standing"], {council[1].pk: AttendanceStatus.WRITTEN})
    services.open_session(session, users["standing"])
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN


def test_open_refuses_an_empty_agenda(session, users):
    with pytest.raises(services.CouncilError, match="chưa có nội dung biểu quyết"):
        services.open_session(session, users["standing"])


# ---- secret ballot -----------------------------------------------------------------------


def test_cast_ballot_increments_totals_only(session, users):
    items = _open(session, users)
    services.cast_ballot(
        session, users["council"], {items[0].pk: Choice.YES, items[1].pk: Choice.NO}
    )
    items[0].refresh_from_db()
    items[1].refresh_from_db()
    assert (items[0].yes, items[0].no, items[0].abstain) == (1, 0, 0)
    assert (items[1].yes, items[1].no, items[1].abstain) == (0, 1, 0)
    assert BallotReceipt.objects.filter(item__in=items[:2]).count() == 2


def test_second_ballot_on_the_same_item_is_refused_and_counts_nothing(session, users):
    items = _open(session, users)
    services.cast_ballot(session, users["council"], {items[0].pk: Choice.YES})
    with pytest.raises(services.CouncilError, match="đã bỏ phiếu"):
        services.cast_ballot(
            session, users["council"], {items[1].pk: Choice.YES, items[0].pk: Choice.NO}
        )
    items[0].refresh_from_db()
    items[1].refresh_from_db()
    assert (items[0].yes, items[0].no, items[1].yes) == (1, 0, 0)


def test_recused_member_cannot_vote_on_that_line(session, users, council):
    from thidua.org.models import CouncilMember

    CouncilMember.objects.filter(full_name="Hoàng Văn Dũng").update(user=users["head_a"])
    items = _open(session, users)
    lan = next(i for i in items if i.nominee.name == "Ma Thị Lan")
    with pytest.raises(services.CouncilError, match="xung đột lợi ích"):
        services.cast_ballot(session, users["head_a"], {lan.pk: Choice.YES})
    lan.refresh_from_db()
    assert lan.yes == 0


def test_absent_member_cannot_vote_in_the_app(session, users, council):
    services.build_agenda(session, users["standing"])
    services.set_attendance(
        session,
        users["standing"],
        {_member(council, "Triệu Đức Long").pk: AttendanceStatus.WRITTEN},
    )
    services.open_session(session, users["standing"])
    item = session.items.first()
    with pytest.raises(services.CouncilError, match="Chỉ thành viên có mặt"):
        services.cast_ballot(session, users["council"], {item.pk: Choice.YES})


def test_non_member_cannot_vote(session, users):
    items = _open(session, users)
    with pytest.raises(services.CouncilError, match="không phải thành viên"):
        services.cast_ballot(session, users["officer_a"], {items[0].pk: Choice.YES})


def test_voting_before_opening_is_refused(session, users):
    services.build_agenda(session, users["standing"])
    item = session.items.first()
    with pytest.raises(services.CouncilError, match="đang diễn ra"):
        services.cast_ballot(session, users["council"], {item.pk: Choice.YES})


def test_no_column_anywhere_links_a_member_to_a_choice(session, users):
    """The secret ballot: every model that points at a council member has no field that
    could hold a choice, and the stored receipt and audit trail never contain one."""
    choice_values = set(Choice.values)
    for model in apps.get_models():
        member_fks = [
            f
            for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey) and f.related_model is CouncilMember
        ]
        if not member_fks:
            continue
        for f in model._meta.concrete_fields:
            choices = {c[0] for c in (f.choices or [])}
            assert not (choices & choice_values), f"{model.__name__}.{f.name} could store a vote"
            assert f.name not in {"choice", "vote", "answer"}, f"{model.__name__}.{f.name}"
    assert {f.name for f in BallotReceipt._meta.concrete_fields} == {
        "id",
        "session",
        "member",
        "item",
    }
    assert not any(
        isinstance(f, models.ForeignKey) and f.related_model is CouncilMember
        for f in AgendaItem._meta.concrete_fields
    )
    items = _open(session, users)
    services.cast_ballot(session, users["council"], {items[0].pk: Choice.NO})
    receipt = BallotReceipt.objects.values().get()
    assert not set(map(str, receipt.values())) & choice_values
    for event in AuditEvent.objects.filter(action="council.ballot.cast"):
        assert "no" not in str(event.data).replace("'items'", "")
        assert set(event.data) == {"items"}


# ---- written votes and results -----------------------------------------------------------


def test_written_votes_cannot_exceed_absent_members_with_written_ballots(session, users, council):
    services.build_agenda(session, users["standing"])
    services.set_attendance(session, users["standing"], {council[1].pk: AttendanceStatus.WRITTEN})
    services.open_session(session, users["standing"])
    item = session.items.first()
    with pytest.raises(services.CouncilError, match=r"vượt số thành viên vắng mặt.*\(1\)"):
        services.record_written_votes(item, users["standing"], yes=2, no=0, abstain=0)
    services.record_written_votes(item, users["standing"], yes=1, no=0, abstain=0)
    item.refresh_from_db()
    assert item.written_yes == 1


def test_close_counts_share_of_total_membership_with_written_votes(org, users, council, campaign):
    """CSTĐCS needs ≥ 80 % of all 5 members = 4 yes: 3 present yes + 1 written yes passes,
    3 present yes (+ 1 written abstention) fails although nobody voted no. The member who
    heads ward A abstains on both."""
    from tests.council.builders import CSTDCS, appraised_dossier

    appraised_dossier(
        org,
        campaign,
        org["ward_b"],
        CSTDCS,
        [
            ("individual", org["person_b"], "Bế Văn Hùng"),
            ("individual", None, "Nguyễn Văn An"),
        ],
    )
    sess = services.create_session(org["city"], users["standing"], title="X", on=SESSION_DAY)
    services.build_agenda(sess, users["standing"])
    services.set_attendance(sess, users["standing"], {council[1].pk: AttendanceStatus.WRITTEN})
    services.open_session(sess, users["standing"])
    hung, an = sess.items.order_by("order")
    for name in ("chairman", "standing", "council"):
        services.cast_ballot(sess, users[name], {hung.pk: Choice.YES, an.pk: Choice.YES})
    services.record_written_votes(hung, users["standing"], yes=1, no=0, abstain=0)
    # A missing ballot (the fifth member, the written opinion on An): no result at all.
    with pytest.raises(services.CouncilError, match="không khớp"):
        services.close_session(sess, users["standing"])
    services.cast_ballot(sess, users["dung"], {hung.pk: Choice.ABSTAIN, an.pk: Choice.ABSTAIN})
    services.record_written_votes(an, users["standing"], yes=0, no=0, abstain=1)
    result = services.close_session(sess, users["standing"])
    hung.refresh_from_db()
    an.refresh_from_db()
    assert result == {"approved": 1, "not_approved": 1}
    assert (hung.result, hung.required_yes) == (ItemResult.APPROVED, 4)
    assert an.result == ItemResult.NOT_APPROVED
    assert "cần ít nhất 4" in an.result_message


def test_close_hands_results_to_the_dossiers(session, users, dossiers):
    from tests.council.builders import VOTERS

    items = _open(session, users)
    votes = {i.pk: (Choice.NO if i.nominee.name == "Bế Văn Hùng" else Choice.YES) for i in items}
    for name in VOTERS:
        member = services.member_for_user(session, users[name])
        mine = {i.pk for i in services.votable_items(session, member)}
        services.cast_ballot(session, users[name], {k: v for k, v in votes.items() if k in mine})
    services.close_session(session, users["standing"])
    # Simple majority of the 5 members: 5 (or 4, one recused) yes pass; all "no" fails.
    dossiers[0].refresh_from_db()
    dossiers[1].refresh_from_db()
    assert dossiers[0].status == DossierStatus.APPROVED
    assert dossiers[1].status == DossierStatus.NOT_APPROVED


def test_minutes_docx_lists_attendance_results_and_signatures(session, users):
    from tests.council.builders import fill_ballots
    from thidua.core.documents import docx_text
    from thidua.council.documents import minutes_docx

    items = _open(session, users)
    for name in ("council", "chairman", "standing"):
        services.cast_ballot(session, users[name], {items[0].pk: Choice.YES})
    fill_ballots(session, users)
    services.close_session(session, users["standing"])
    text = docx_text(minutes_docx(session))
    assert "BIÊN BẢN" in text
    assert "Họp Hội đồng Thi đua - Khen thưởng" in text
    assert "Tổng số thành viên Hội đồng: 5; có mặt: 5" in text
    assert "Tổ dân phố 1, Đức Xuân" in text and "Đạt" in text
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text
    assert "Hoàng Văn Dũng đối với Ma Thị Lan" in text
