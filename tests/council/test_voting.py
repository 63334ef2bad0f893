"""Council votes: thresholds of the total membership, quorum, ties."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.council.voting import (
    TieCandidate,
    VoteError,
    break_tie,
    quorum_ok,
    required_yes,
    tally,
    threshold_for,
)

# The rules read the legal tables from the database (thidua.legal.read), as seeded.
pytestmark = pytest.mark.django_db

NINETY, EIGHTY = Fraction(9, 10), Fraction(4, 5)


@pytest.mark.parametrize(
    ("form", "day", "expected"),
    [
        ("chien_si_thi_dua_tinh", date(2024, 5, 1), NINETY),
        ("chien_si_thi_dua_toan_quoc", date(2025, 6, 30), NINETY),
        ("anh_hung_lao_dong", date(2024, 5, 1), NINETY),
        ("chien_si_thi_dua_co_so", date(2024, 5, 1), EIGHTY),
        ("co_thi_dua_tinh", date(2025, 7, 1), EIGHTY),
        ("co_thi_dua_chinh_phu", date(2026, 3, 1), EIGHTY),
        ("chien_si_thi_dua_tinh", date(2026, 3, 1), NINETY),
        ("lao_dong_tien_tien", date(2025, 3, 1), None),
        ("bang_khen_chu_tich_tinh", date(2025, 3, 1), None),
        ("chien_si_thi_dua_tinh", date(2023, 12, 31), Fraction(9, 10)),  # NĐ 91/2017 [U]
        ("chien_si_thi_dua_tinh", date(2017, 9, 30), None),  # before NĐ 91/2017
    ],
)
def test_threshold_for(form, day, expected):
    assert threshold_for(form, day) == expected


def test_threshold_from_custom_table():
    table = [
        {
            "forms": ("x",),
            "threshold": Fraction(2, 3),
            "valid_from": date(2020, 1, 1),
            "valid_to": None,
        }
    ]
    assert threshold_for("x", date(2021, 1, 1), table) == Fraction(2, 3)


@pytest.mark.parametrize(
    ("threshold", "total", "required"),
    [
        (NINETY, 20, 18),
        (NINETY, 21, 19),
        (EIGHTY, 15, 12),
        (EIGHTY, 11, 9),
        (NINETY, 10, 9),
        (EIGHTY, 1, 1),
    ],
)
def test_required_yes_rounds_up(threshold, total, required):
    assert required_yes(threshold, total) == required


def test_threshold_is_of_total_membership_not_of_those_present():
    # 20 members, 15 present and all yes: 100 % of those present but only 75 % of the council
    result = tally(20, yes=15, no=0, abstain=0, recused=0, threshold=EIGHTY)
    assert not result.approved and result.required == 16
    assert result.message == (
        "Không đạt: 15 phiếu đồng ý, cần ít nhất 16 (80% tổng số 20 thành viên Hội đồng)."
    )


def test_recused_members_still_count_in_the_total():
    # 10 members, 1 recused, 8 yes: 8/9 of voters but 80 % of 10 < 90 %
    result = tally(10, yes=8, no=1, abstain=0, recused=1, threshold=NINETY)
    assert not result.approved and result.required == 9


def test_ninety_percent_reached():
    result = tally(20, yes=18, no=1, abstain=1, recused=0, threshold=NINETY)
    assert result.approved and result.required == 18
    assert result.message == (
        "Đạt: 18 phiếu đồng ý, cần ít nhất 18 (90% tổng số 20 thành viên Hội đồng)."
    )


def test_eighty_percent_reached_with_written_votes():
    assert tally(15, yes=12, no=3, abstain=0, recused=0, threshold=EIGHTY).approved


def test_simple_majority_is_of_the_total_membership_not_of_the_votes_cast():
    # 6 of 11 votes cast is a majority of the votes, not of the 20 members.
    no = tally(20, yes=6, no=5, abstain=0, recused=9, threshold=None)
    assert not no.approved and no.required == 11
    assert no.message == (
        "Không đạt: 6 phiếu đồng ý, cần ít nhất 11 (quá nửa tổng số 20 thành viên Hội đồng)."
    )
    assert not tally(20, yes=10, no=10, abstain=0, recused=0, threshold=None).approved
    assert tally(20, yes=11, no=4, abstain=5, recused=0, threshold=None).approved


# Issue #14 item 1: a 9-member council, 8 present and 1 opinion in writing (9 ballots).
NINE_MEMBER_CASES = [
    # (yes, threshold, approved, required)
    (4, None, False, 5),  # was recorded "Đạt" on 4 of 7 votes cast
    (2, None, False, 5),
    (5, None, True, 5),
    (7, None, True, 5),
    (4, EIGHTY, False, 8),  # Chiến sĩ thi đua cơ sở: ≥ 80 % of 9 = 8
    (7, EIGHTY, False, 8),  # 77,8 %
    (8, EIGHTY, True, 8),
    (8, NINETY, False, 9),
    (9, NINETY, True, 9),
]


@pytest.mark.parametrize(("yes", "threshold", "approved", "required"), NINE_MEMBER_CASES)
def test_nine_member_council_four_seven_eight_of_nine(yes, threshold, approved, required):
    result = tally(9, yes, 9 - yes, 0, 0, threshold, expected_ballots=8 + 1)
    assert (result.approved, result.required) == (approved, required)
    assert result.message.startswith("Đạt" if approved else "Không đạt")


def test_ballots_must_equal_attendance_or_no_result():
    # 8 present + 1 written = 9 ballots expected; 4 yes + 3 no is 7: two ballots missing.
    with pytest.raises(VoteError, match=r"số phiếu kiểm được \(7\) không khớp .* \(9\)"):
        tally(9, 4, 3, 0, 0, None, expected_ballots=9)
    with pytest.raises(VoteError, match="không ghi nhận được kết quả"):
        tally(9, 7, 1, 0, 0, EIGHTY, expected_ballots=9)
    assert tally(9, 4, 3, 2, 0, None, expected_ballots=9).approved is False


@given(total=st.integers(1, 60), data=st.data())
def test_simple_majority_iff_yes_is_more_than_half_of_all_members(total, data):
    attending = data.draw(st.integers(0, total))
    yes = data.draw(st.integers(0, attending))
    no = data.draw(st.integers(0, attending - yes))
    abstain = attending - yes - no
    result = tally(total, yes, no, abstain, 0, None, expected_ballots=attending)
    assert result.approved == (2 * yes > total)
    # Absent members never lower the bar: the same yes votes with everyone present agree.
    everyone = tally(total, yes, total - yes, 0, 0, None, expected_ballots=total)
    assert everyone.approved == result.approved


@given(total=st.integers(1, 60), data=st.data())
def test_a_missing_or_extra_ballot_never_records_a_result(total, data):
    attending = data.draw(st.integers(1, total))
    counted = data.draw(st.integers(0, total).filter(lambda n: n != attending))
    with pytest.raises(VoteError, match="không ghi nhận được kết quả"):
        tally(total, counted, 0, 0, 0, None, expected_ballots=attending)


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((10, 8, 2, 1, 0), "vượt tổng số 10 thành viên"),
        ((10, 5, 0, 0, 6), "vượt tổng số 10 thành viên"),
        ((10, -1, 0, 0, 0), "Số phiếu đồng ý phải là số nguyên không âm."),
        ((0, 0, 0, 0, 0), "Hội đồng phải có ít nhất 1 thành viên."),
    ],
)
def test_invalid_counts_raise(args, text):
    with pytest.raises(VoteError, match=text):
        tally(*args, threshold=NINETY)


def test_invalid_threshold_raises():
    with pytest.raises(VoteError, match="Tỷ lệ biểu quyết"):
        tally(10, 5, 0, 0, 0, threshold=Fraction(3, 2))


@pytest.mark.parametrize(
    ("total", "present", "written", "ok"),
    [(20, 16, 4, True), (20, 15, 5, False), (10, 8, 0, True), (11, 8, 3, False), (11, 9, 2, True)],
)
def test_quorum_needs_eighty_percent_present(total, present, written, ok):
    assert quorum_ok(total, present, written) is ok


def test_quorum_with_other_share_and_bad_counts():
    assert quorum_ok(9, 6, 0, share=Fraction(2, 3))
    assert not quorum_ok(9, 5, 0, share=Fraction(2, 3))
    with pytest.raises(VoteError, match="vượt tổng số 10"):
        quorum_ok(10, 8, 3)


@given(
    total=st.integers(1, 60),
    threshold=st.sampled_from([NINETY, EIGHTY, Fraction(2, 3)]),
    data=st.data(),
)
def test_approval_iff_yes_share_of_total_reaches_threshold(total, threshold, data):
    yes = data.draw(st.integers(0, total))
    recused = data.draw(st.integers(0, total - yes))
    result = tally(total, yes, 0, 0, recused, threshold)
    assert result.approved == (Fraction(yes, total) >= threshold)
    # one more recusal never helps
    if yes + recused < total:
        assert not (
            tally(total, yes, 0, 0, recused + 1, threshold).approved and not result.approved
        )


# ---- ties ---------------------------------------------------------------------------------


def test_tie_prefers_a_woman():
    result = break_tie(
        [
            TieCandidate("a", "Nguyễn Văn An", score=95),
            TieCandidate("b", "Trần Thị Bình", is_female=True, score=90),
        ]
    )
    assert result.ranking == ("b", "a") and result.decided_by == "uu_tien_nu"
    assert result.message.startswith("Chọn Trần Thị Bình theo tiêu chí ưu tiên nữ")


def test_tie_prefers_collective_with_at_least_seventy_percent_women():
    result = break_tie(
        [
            TieCandidate("x", female_share=Fraction(69, 100), score=99),
            TieCandidate("y", female_share=Decimal("0.70"), score=80),
        ]
    )
    assert result.ranking == ("y", "x") and result.decided_by == "uu_tien_nu"


def test_tie_then_highest_score():
    result = break_tie(
        [TieCandidate("a", score=Decimal("88.5")), TieCandidate("b", score=Decimal("91"))]
    )
    assert result.ranking == ("b", "a") and result.decided_by == "diem_cao_nhat"


def test_tie_then_chairs_vote():
    result = break_tie([TieCandidate("a", score=90), TieCandidate("b", score=90, chair_vote=True)])
    assert result.ranking == ("b", "a") and result.decided_by == "y_kien_chu_tich"


def test_tie_unresolved():
    result = break_tie([TieCandidate("a", score=90), TieCandidate("b", score=90)])
    assert result.decided_by == "chua_phan_dinh" and set(result.ranking) == {"a", "b"}


def test_tie_needs_candidates():
    with pytest.raises(VoteError):
        break_tie([])
