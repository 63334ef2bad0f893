"""The worked money figures of legal.md §4, through the decision path: a dossier per form is
appraised, approved by a council session, drafted into a decision on a date, and the decision
lines carry the amounts of the law (the one rule in `money.money_for_subject`)."""

from datetime import date

import pytest

from thidua.awards import services
from thidua.legal.models import VotingThreshold

# (form code, subject kind, amount @ 2,340,000 on 20/08/2025, amount @ 2,530,000 on 15/08/2026):
# NĐ 152/2025's coefficients, in force from 01/07/2025 (never applied before that date).
WORKED = [
    ("chien_si_thi_dua_toan_quoc", "individual", 10_530_000, 11_390_000),  # 4.5
    ("chien_si_thi_dua_tinh", "individual", 7_020_000, 7_590_000),  # 3.0
    ("chien_si_thi_dua_co_so", "individual", 2_340_000, 2_530_000),  # 1.0
    ("lao_dong_tien_tien", "individual", 710_000, 760_000),  # 0.3
    ("tap_the_lao_dong_xuat_sac", "collective", 3_510_000, 3_800_000),  # 1.5
    ("tap_the_lao_dong_tien_tien", "collective", 1_880_000, 2_030_000),  # 0.8
    ("xa_phuong_tieu_bieu", "locality", 4_680_000, 5_060_000),  # 2.0
    ("thon_to_dan_pho_van_hoa", "locality", 3_510_000, 3_800_000),  # 1.5
    ("co_thi_dua_chinh_phu", "collective", 28_080_000, 30_360_000),  # 12.0
    ("co_thi_dua_tinh", "collective", 18_720_000, 20_240_000),  # 8.0
    # Giấy khen: individual 0.3; a household gets 1.5 × the unrounded individual amount,
    # rounded up once (702,000 × 1.5 = 1,053,000 → 1,060,000; 759,000 × 1.5 → 1,140,000).
    ("giay_khen_chu_tich_xa", "household", 1_060_000, 1_140_000),
    ("giay_khen_chu_tich_xa", "collective", 1_410_000, 1_520_000),  # 0.6
]
SESSIONS = {
    "2,340,000": (date(2025, 8, 18), date(2025, 8, 20), 2),
    "2,530,000": (date(2026, 8, 10), date(2026, 8, 15), 3),
}


@pytest.mark.parametrize("base", sorted(SESSIONS))
def test_drafted_decision_lines_carry_the_worked_amounts(org, users, council, base):
    from tests.council.builders import appraised_dossier, approve_all

    session_on, decision_on, column = SESSIONS[base]
    # The money is the subject here: votes pass by simple majority.
    VotingThreshold.objects.all().delete()
    for i, (code, kind, *_amounts) in enumerate(WORKED, start=1):
        appraised_dossier(org, None, org["ward_a"], code, [(kind, None, f"Đối tượng {i}")])
    session = approve_all(org, users, session_on)
    decision = services.draft_from_session(session, users["standing"], on=decision_on)
    got = {line.awardee_name: line.amount for line in decision.lines.all()}
    expected = {f"Đối tượng {i}": row[column] for i, row in enumerate(WORKED, start=1)}
    assert got == expected
    assert decision.base_salary == int(base.replace(",", ""))
    household = decision.lines.get(subject_kind="household")
    assert household.money_note == "Hộ gia đình: 1,5 lần mức tiền thưởng của cá nhân."
