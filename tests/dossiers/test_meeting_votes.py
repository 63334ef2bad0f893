"""The proposing unit's meeting applies the council's vote thresholds (issue #14 item 1):
a line below the bar of the meeting's TOTAL membership cannot be submitted, and the
minutes say which lines the meeting agreed to propose."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.core.documents import docx_text
from thidua.dossiers import checks, drafts, meeting, services

from .helpers import GIAY_KHEN_HUYEN, person

CSTDCS = "chien_si_thi_dua_co_so"
MEETING = date(2024, 12, 20)


def _dossier(users, org, form, total, votes):
    d = services.create_dossier(users["officer_a"], org["ward_a"], form, title="Đề nghị")
    d = services.update_meeting(
        d, users["officer_a"], meeting_date=MEETING, attendees=total, total=total
    )
    for i, v in enumerate(votes):
        services.add_nominee(
            d,
            users["officer_a"],
            subject_kind="individual",
            person=person(org["ward_a"], f"Người số {i + 1}", f"0060000009{i:02d}"),
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            votes_for=v,
        )
    return d


def test_cstdcs_at_63_6_percent_of_11_members_cannot_be_submitted(users, org, legal):
    d = _dossier(users, org, CSTDCS, 11, [7, 9])
    failures = meeting.meeting_vote_failures(d)
    assert failures == [
        "Người số 1: 7/11 phiếu đồng ý (63,6 %), chưa đạt tỷ lệ từ 80% tổng số thành viên "
        "trở lên (cần 9/11) tại cuộc họp xét ngày 20/12/2024: không được đề nghị; bỏ dòng "
        "này khỏi hồ sơ."
    ]
    now = datetime(2024, 12, 22, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert failures[0] in checks.check_submission(d, now)
    text = docx_text(drafts.minutes(d))
    # The draft takes the year of its meeting, not today's (issue #14 item 4).
    assert "ngày 20 tháng 12 năm 2024" in text and "năm 2026" not in text
    assert "thống nhất đề nghị tặng Chiến sĩ thi đua cơ sở cho: Người số 2." in text
    assert "Không đề nghị (chưa đủ tỷ lệ): Người số 1 (7/11 phiếu, 63,6 %)." in text


def test_giay_khen_needs_more_than_half_of_all_members(users, org, legal):
    d = _dossier(users, org, GIAY_KHEN_HUYEN, 9, [4, 5])
    votes = {v.nominee.name: (v.passed, v.required) for v in meeting.line_votes(d)}
    assert votes == {"Người số 1": (False, 5), "Người số 2": (True, 5)}
    assert len(meeting.meeting_vote_failures(d)) == 1


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(total=st.integers(1, 60), data=st.data())
def test_a_line_passes_iff_it_reaches_the_bar_of_the_total_membership(legal, total, data):
    from thidua.dossiers.models import Dossier, Nominee

    votes = data.draw(st.integers(0, total))
    form = data.draw(st.sampled_from([CSTDCS, GIAY_KHEN_HUYEN]))
    d = Dossier(form_code=form, meeting_date=MEETING, meeting_total=total)
    n = Nominee(dossier=d, subject_kind="individual", name="X", votes_for=votes)
    [vote] = meeting.line_votes(d, [n])
    expected = 5 * votes >= 4 * total if form == CSTDCS else 2 * votes > total
    assert vote.passed is expected


def test_the_share_of_votes_is_rounded_half_up_with_a_decimal_comma():
    def share(votes, total):
        return meeting.LineVote(None, votes, total, 0, False, None).percent

    assert share(1, 16) == "6,3 %"  # 6,25: half up, not to even
    assert share(7, 11) == "63,6 %"
    assert share(11, 11) == "100,0 %"
    assert share(0, 9) == "0,0 %"
