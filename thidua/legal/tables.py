"""Legal data tables for thi đua, khen thưởng, as plain versioned Python data.

Why plain data: the rules change by decree (NĐ 98/2023 → NĐ 152/2025, the 2025 two-tier
reform), so every entry carries ``valid_from`` / ``valid_to`` (inclusive; ``None`` = open),
the ``citation`` it comes from and ``confirmed`` (False for facts tagged [U] in
``shared/legal.md``: check them against the official text before relying on them).
Callers pick the rule in force on the *decision date* with :func:`select_in_force`.

At run time nothing reads this module: the migrations load it into the editable, dated
tables of `thidua.legal.models` (`thidua.legal.services.sync_from_tables`), and every
consumer reads those through `thidua.legal.read`. It imports nothing from Django.
The fixed vocabularies (ratings, subject kinds, categories, unit kinds) and the milestone
dates of the law are code, in `thidua.legal.vocab`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .vocab import LAST_DAY_BEFORE_REFORM, LAW_2022_IN_FORCE, REFORM_2025


def select_in_force(entries: Iterable[Mapping[str, Any]], on_date: date) -> list[dict]:
    """Entries whose ``valid_from <= on_date <= valid_to`` (``valid_to`` None = open)."""
    return [
        dict(e)
        for e in entries
        if e["valid_from"] <= on_date and (e["valid_to"] is None or on_date <= e["valid_to"])
    ]


def _form(**kw: Any) -> dict:
    base = {
        "coefficient_individual": None,
        "coefficient_collective": None,
        "coefficient_household": None,
        "council_vote": None,
        "requires_initiative": False,
        "proposal_only": False,
        "valid_to": None,
        "confirmed": True,
        "note": "",
    }
    base.update(kw)
    return base


_L75 = "Luật TĐKT 06/2022/QH15 Điều 75"
_MONEY_TITLE = "NĐ 152/2025/NĐ-CP Điều 50 (mức như NĐ 98/2023/NĐ-CP Điều 54.1)"
_MONEY_FORM = "NĐ 152/2025/NĐ-CP Điều 54"
_GK_NOTE = (
    "Hệ số tập thể 0,6 [S]; hệ số cá nhân 0,3 suy từ nguyên tắc tập thể gấp đôi cá nhân "
    "(NĐ 91/2017 Điều 73.2) — chưa xác nhận trong NĐ 152/2025."
)

#: Every title (danh hiệu) and form (hình thức) that a commune, city (former district) or
#: province grants or proposes upward. A code may have several dated entries when the
#: grantor or the name changed; pick with :func:`select_in_force` or :func:`award_form`.
#: ``coefficient_household`` is None where the household amount derives from the
#: individual amount (×1.5, :data:`HOUSEHOLD_MULTIPLIER`).
AWARD_FORMS: list[dict] = [
    # ---- Giấy khen -------------------------------------------------------------------
    _form(
        code="giay_khen_thu_truong",
        name="Giấy khen của Thủ trưởng cơ quan, đơn vị",
        short_name="Giấy khen Thủ trưởng",
        kind="hinh_thuc",
        level="co_so",
        grantor="Thủ trưởng cơ quan, đơn vị",
        subjects=("individual", "collective", "household"),
        coefficient_individual=Decimal("0.3"),
        coefficient_collective=Decimal("0.6"),
        valid_from=LAW_2022_IN_FORCE,
        citation=f"{_L75}, Điều 80.1, 80.4; {_MONEY_FORM}",
        confirmed=False,
        note=_GK_NOTE,
    ),
    _form(
        code="giay_khen_chu_tich_xa",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        short_name="Giấy khen Chủ tịch UBND xã",
        kind="hinh_thuc",
        level="xa",
        grantor="Chủ tịch UBND cấp xã",
        subjects=("individual", "collective", "household"),
        coefficient_individual=Decimal("0.3"),
        coefficient_collective=Decimal("0.6"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"{_L75}, Điều 80.3; {_MONEY_FORM}",
        confirmed=False,
        note=_GK_NOTE,
    ),
    _form(
        code="giay_khen_chu_tich_xa",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        short_name="Giấy khen Chủ tịch UBND xã",
        kind="hinh_thuc",
        level="xa",
        grantor="Chủ tịch UBND xã, phường, đặc khu",
        subjects=("individual", "collective", "household"),
        coefficient_individual=Decimal("0.3"),
        coefficient_collective=Decimal("0.6"),
        valid_from=REFORM_2025,
        citation=f"{_L75}; NĐ 129/2025/NĐ-CP Điều 59; {_MONEY_FORM}",
        confirmed=False,
        note=_GK_NOTE,
    ),
    _form(
        code="giay_khen_chu_tich_huyen",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
        short_name="Giấy khen Chủ tịch UBND huyện/thành phố",
        kind="hinh_thuc",
        level="huyen",
        grantor="Chủ tịch UBND huyện, thị xã, thành phố thuộc tỉnh",
        subjects=("individual", "collective", "household", "locality"),
        coefficient_individual=Decimal("0.3"),
        coefficient_collective=Decimal("0.6"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"{_L75}, Điều 80.2; {_MONEY_FORM}",
        confirmed=False,
        note=_GK_NOTE + " Cấp huyện chấm dứt hoạt động từ 01/7/2025 (Luật 72/2025/QH15).",
    ),
    # ---- Bằng khen ---------------------------------------------------------------------
    _form(
        code="bang_khen_chu_tich_tinh",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        short_name="Bằng khen Chủ tịch UBND tỉnh",
        kind="hinh_thuc",
        level="tinh",
        grantor="Chủ tịch UBND tỉnh",
        subjects=("individual", "collective", "household", "locality"),
        coefficient_individual=Decimal("1.5"),
        coefficient_collective=Decimal("3.0"),
        valid_from=LAW_2022_IN_FORCE,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 72, 74; {_MONEY_FORM}",
        confirmed=False,
        note="Hệ số tập thể 3,0 [S]; hệ số cá nhân 1,5 chưa xác nhận (NĐ 152/2025 Điều 53–54).",
    ),
    _form(
        code="bang_khen_thu_tuong",
        name="Bằng khen của Thủ tướng Chính phủ",
        short_name="Bằng khen Thủ tướng",
        kind="hinh_thuc",
        level="trung_uong",
        grantor="Thủ tướng Chính phủ",
        subjects=("individual", "collective", "household", "locality"),
        coefficient_individual=Decimal("3.5"),
        coefficient_collective=Decimal("7.0"),
        proposal_only=True,
        valid_from=LAW_2022_IN_FORCE,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 72; QĐ 311/QĐ-BNV; {_MONEY_FORM}",
        confirmed=False,
        note="Hệ số tập thể 7,0 [S]; hệ số cá nhân 3,5 chưa xác nhận.",
    ),
    # ---- Cờ thi đua --------------------------------------------------------------------
    _form(
        code="co_thi_dua_tinh",
        name="Cờ thi đua của Ủy ban nhân dân tỉnh",
        short_name="Cờ thi đua UBND tỉnh",
        kind="danh_hieu",
        level="tinh",
        grantor="Chủ tịch UBND tỉnh",
        subjects=("collective", "locality"),
        coefficient_collective=Decimal("8.0"),
        council_vote="80",
        valid_from=LAW_2022_IN_FORCE,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 26; QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 3.1; {_MONEY_TITLE}",
    ),
    _form(
        code="co_thi_dua_chinh_phu",
        name="Cờ thi đua của Chính phủ",
        short_name="Cờ thi đua Chính phủ",
        kind="danh_hieu",
        level="trung_uong",
        grantor="Thủ tướng Chính phủ",
        subjects=("collective", "locality"),
        coefficient_collective=Decimal("12.0"),
        council_vote="80",
        proposal_only=True,
        valid_from=LAW_2022_IN_FORCE,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 20.1, 25; QĐ 311/QĐ-BNV; {_MONEY_TITLE}",
    ),
    # ---- Individual titles -------------------------------------------------------------
    _form(
        code="lao_dong_tien_tien",
        name="Lao động tiên tiến",
        short_name="LĐTT",
        kind="danh_hieu",
        level="co_so",
        grantor="Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp huyện; Chủ tịch UBND cấp xã",
        subjects=("individual",),
        coefficient_individual=Decimal("0.3"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 24, 80; {_MONEY_TITLE}",
    ),
    _form(
        code="lao_dong_tien_tien",
        name="Lao động tiên tiến",
        short_name="LĐTT",
        kind="danh_hieu",
        level="co_so",
        grantor="Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND xã, phường, đặc khu",
        subjects=("individual",),
        coefficient_individual=Decimal("0.3"),
        valid_from=REFORM_2025,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 24, 80; NĐ 129/2025/NĐ-CP Điều 59; {_MONEY_TITLE}",
    ),
    _form(
        code="chien_si_thi_dua_co_so",
        name="Chiến sĩ thi đua cơ sở",
        short_name="CSTĐCS",
        kind="danh_hieu",
        level="co_so",
        grantor="Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp huyện",
        subjects=("individual",),
        coefficient_individual=Decimal("1.0"),
        council_vote="80",
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 23, 80; {_MONEY_TITLE}",
        note="Sáng kiến không còn bắt buộc (một trong các điều kiện của Điều 23).",
    ),
    _form(
        code="chien_si_thi_dua_co_so",
        name="Chiến sĩ thi đua cơ sở",
        short_name="CSTĐCS",
        kind="danh_hieu",
        level="co_so",
        grantor="Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND xã, phường, đặc khu",
        subjects=("individual",),
        coefficient_individual=Decimal("1.0"),
        council_vote="80",
        valid_from=REFORM_2025,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 23; NĐ 129/2025/NĐ-CP Điều 59; {_MONEY_TITLE}",
        confirmed=False,
        note="Tỷ lệ biểu quyết 80% sau 01/7/2025 chưa xác nhận trong NĐ 152/2025.",
    ),
    _form(
        code="chien_si_thi_dua_tinh",
        name="Chiến sĩ thi đua cấp tỉnh",
        short_name="CSTĐ tỉnh",
        kind="danh_hieu",
        level="tinh",
        grantor="Chủ tịch UBND tỉnh",
        subjects=("individual",),
        coefficient_individual=Decimal("3.0"),
        council_vote="90",
        requires_initiative=True,
        valid_from=LAW_2022_IN_FORCE,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 22; {_MONEY_TITLE}",
        note="Ba lần liên tục CSTĐCS và sáng kiến/đề tài có phạm vi ảnh hưởng cấp tỉnh.",
    ),
    _form(
        code="chien_si_thi_dua_toan_quoc",
        name="Chiến sĩ thi đua toàn quốc",
        short_name="CSTĐTQ",
        kind="danh_hieu",
        level="trung_uong",
        grantor="Thủ tướng Chính phủ",
        subjects=("individual",),
        coefficient_individual=Decimal("4.5"),
        council_vote="90",
        requires_initiative=True,
        proposal_only=True,
        valid_from=LAW_2022_IN_FORCE,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 21; {_MONEY_TITLE}",
        note="Hai lần liên tục CSTĐ tỉnh và sáng kiến có phạm vi ảnh hưởng toàn quốc.",
    ),
    # ---- Collective titles -------------------------------------------------------------
    _form(
        code="tap_the_lao_dong_tien_tien",
        name="Tập thể lao động tiên tiến",
        short_name="TTLĐTT",
        kind="danh_hieu",
        level="co_so",
        grantor="Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp huyện",
        subjects=("collective",),
        coefficient_collective=Decimal("0.8"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 28, 80; {_MONEY_TITLE}",
    ),
    _form(
        code="tap_the_lao_dong_tien_tien",
        name="Tập thể lao động tiên tiến",
        short_name="TTLĐTT",
        kind="danh_hieu",
        level="co_so",
        grantor="Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND xã, phường, đặc khu",
        subjects=("collective",),
        coefficient_collective=Decimal("0.8"),
        valid_from=REFORM_2025,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 28; NĐ 129/2025/NĐ-CP Điều 59; {_MONEY_TITLE}",
    ),
    _form(
        code="tap_the_lao_dong_xuat_sac",
        name="Tập thể lao động xuất sắc",
        short_name="TTLĐXS",
        kind="danh_hieu",
        level="tinh",
        grantor="Chủ tịch UBND tỉnh",
        subjects=("collective",),
        coefficient_collective=Decimal("1.5"),
        valid_from=LAW_2022_IN_FORCE,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 27; QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 3.2; {_MONEY_TITLE}",
    ),
    _form(
        code="thon_to_dan_pho_van_hoa",
        name="Thôn, tổ dân phố văn hóa",
        short_name="Thôn, TDP văn hóa",
        kind="danh_hieu",
        level="huyen",
        grantor="Chủ tịch UBND cấp huyện",
        subjects=("locality",),
        coefficient_collective=Decimal("1.5"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 20.1, 80.2; {_MONEY_TITLE}",
    ),
    _form(
        code="thon_to_dan_pho_van_hoa",
        name="Thôn, tổ dân phố văn hóa",
        short_name="Thôn, TDP văn hóa",
        kind="danh_hieu",
        level="xa",
        grantor="Chủ tịch UBND xã, phường, đặc khu",
        subjects=("locality",),
        coefficient_collective=Decimal("1.5"),
        valid_from=REFORM_2025,
        citation=f"NĐ 129/2025/NĐ-CP Điều 59; {_MONEY_TITLE}",
    ),
    _form(
        code="gia_dinh_van_hoa",
        name="Gia đình văn hóa",
        short_name="Gia đình văn hóa",
        kind="danh_hieu",
        level="xa",
        grantor="Chủ tịch UBND cấp xã",
        subjects=("household",),
        valid_from=LAW_2022_IN_FORCE,
        citation="Luật TĐKT 06/2022/QH15 Điều 20.2, 80.3; NĐ 129/2025/NĐ-CP Điều 59",
        confirmed=False,
        note="Mức tiền thưởng chưa tìm thấy trong NĐ 152/2025.",
    ),
    _form(
        code="xa_phuong_tieu_bieu",
        name="Xã, phường, thị trấn tiêu biểu",
        short_name="Xã, phường tiêu biểu",
        kind="danh_hieu",
        level="tinh",
        grantor="Chủ tịch UBND tỉnh",
        subjects=("locality",),
        coefficient_collective=Decimal("2.0"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 20.1; {_MONEY_TITLE}",
        confirmed=False,
        note="Thẩm quyền của Chủ tịch UBND tỉnh chưa xác nhận theo số điều của Luật.",
    ),
    _form(
        code="xa_phuong_tieu_bieu",
        name="Xã, phường, đặc khu tiêu biểu",
        short_name="Xã, phường tiêu biểu",
        kind="danh_hieu",
        level="tinh",
        grantor="Chủ tịch UBND tỉnh",
        subjects=("locality",),
        coefficient_collective=Decimal("2.0"),
        valid_from=REFORM_2025,
        citation="NĐ 152/2025/NĐ-CP Điều 50",
        confirmed=False,
        note="Thẩm quyền của Chủ tịch UBND tỉnh chưa xác nhận theo số điều của Luật.",
    ),
    # ---- Proposed upward only ----------------------------------------------------------
    _form(
        code="huan_chuong_lao_dong_hang_ba",
        name="Huân chương Lao động hạng Ba",
        short_name="Huân chương Lao động hạng Ba",
        kind="hinh_thuc",
        level="trung_uong",
        grantor="Chủ tịch nước",
        subjects=("individual", "collective"),
        coefficient_collective=Decimal("9.0"),
        proposal_only=True,
        valid_from=LAW_2022_IN_FORCE,
        citation="Luật TĐKT 06/2022/QH15 Điều 33; NĐ 152/2025/NĐ-CP Điều 51",
        confirmed=False,
        note="Hệ số tập thể 9,0 [S]; hệ số cá nhân chưa xác nhận.",
    ),
]

AWARD_FORM_CODES: frozenset[str] = frozenset(f["code"] for f in AWARD_FORMS)


def award_form(code: str, on_date: date | None = None) -> dict:
    """The entry for ``code`` in force on ``on_date`` (latest entry when no date is given).

    Raises ``KeyError`` (Vietnamese message) if the form did not exist on that date.
    """
    entries = [f for f in AWARD_FORMS if f["code"] == code]
    if on_date is not None:
        entries = select_in_force(entries, on_date)
    if not entries:
        when = f" vào ngày {on_date:%d/%m/%Y}" if on_date else ""
        raise KeyError(f"Không có danh hiệu/hình thức khen thưởng mã “{code}”{when}.")
    return dict(max(entries, key=lambda e: e["valid_from"]))


# ---- Base salary (mức lương cơ sở) ----------------------------------------------------
BASE_SALARIES: list[dict] = [
    {
        "amount": 1_800_000,
        "valid_from": date(2023, 7, 1),
        "valid_to": date(2024, 6, 30),
        "citation": "NĐ 24/2023/NĐ-CP",
        "confirmed": True,
    },
    {
        "amount": 2_340_000,
        "valid_from": date(2024, 7, 1),
        "valid_to": date(2026, 6, 30),
        "citation": "NĐ 73/2024/NĐ-CP Điều 3.2",
        "confirmed": True,
    },
    {
        "amount": 2_530_000,
        "valid_from": date(2026, 7, 1),
        "valid_to": None,
        "citation": "NĐ 161/2026/NĐ-CP",
        "confirmed": False,
    },
]

# ---- Council voting --------------------------------------------------------------------
_VOTE_90 = (
    "chien_si_thi_dua_tinh",
    "chien_si_thi_dua_toan_quoc",
    "anh_hung_lao_dong",
    "anh_hung_luc_luong_vu_trang",
)
_VOTE_80 = ("chien_si_thi_dua_co_so", "co_thi_dua_tinh", "co_thi_dua_chinh_phu")

#: Share of the council's TOTAL membership that must vote yes (absent members vote in
#: writing). Forms not listed are decided by simple majority of those present.
VOTING_THRESHOLDS: list[dict] = [
    {
        "forms": _VOTE_90,
        "threshold": Fraction(9, 10),
        "valid_from": LAW_2022_IN_FORCE,
        "valid_to": LAST_DAY_BEFORE_REFORM,
        "citation": "NĐ 98/2023/NĐ-CP Điều 30.7",
        "confirmed": True,
    },
    {
        "forms": _VOTE_80,
        "threshold": Fraction(4, 5),
        "valid_from": LAW_2022_IN_FORCE,
        "valid_to": LAST_DAY_BEFORE_REFORM,
        "citation": "NĐ 98/2023/NĐ-CP Điều 30.7",
        "confirmed": True,
    },
    {
        "forms": _VOTE_90,
        "threshold": Fraction(9, 10),
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "Kế thừa NĐ 98/2023/NĐ-CP Điều 30.7 (điều khoản tương ứng của NĐ 152/2025 chưa tìm thấy)",
        "confirmed": False,
    },
    {
        "forms": _VOTE_80,
        "threshold": Fraction(4, 5),
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "Kế thừa NĐ 98/2023/NĐ-CP Điều 30.7 (điều khoản tương ứng của NĐ 152/2025 chưa tìm thấy)",
        "confirmed": False,
    },
]

#: Attendance needed for a council session that considers awards: at least 80 % of all
#: members present (absent members give their opinion in writing). Applied by default to
#: every province until its own regulation is configured.
QUORUM: dict = {
    "share": Fraction(4, 5),
    "valid_from": date(2025, 12, 15),
    "valid_to": None,
    "citation": "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 8.4.b",
    "confirmed": False,
}
#: Attendance for an ordinary council meeting (2/3 of members), same source.
QUORUM_GENERAL: dict = {
    "share": Fraction(2, 3),
    "valid_from": date(2025, 12, 15),
    "valid_to": None,
    "citation": "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 8.4.b",
    "confirmed": False,
}

# ---- other dated settings (JSON-serialisable; loaded into the editable LegalSetting) -------
LEGAL_SETTINGS: list[dict] = [
    {
        "key": "disclosure_days",
        "value": 5,
        "label": "Số ngày công khai danh sách đề nghị khen thưởng trước khi quyết định",
        "valid_from": LAW_2022_IN_FORCE,
        "valid_to": None,
        "citation": "Luật TĐKT 06/2022/QH15 Điều 84.5 (số ngày do Chính phủ/tỉnh quy định)",
        "confirmed": False,
        "note": "Chưa tìm thấy quy định cụ thể trong NĐ 152/2025; ví dụ QĐ 637/QĐ-BNV: công khai 5 ngày.",
    },
    {
        "key": "council_quorum_award_session",
        "value": {"numerator": 4, "denominator": 5},
        "label": "Tỷ lệ Ủy viên Hội đồng phải có mặt ở phiên họp xét khen thưởng",
        "valid_from": QUORUM["valid_from"],
        "valid_to": None,
        "citation": QUORUM["citation"],
        "confirmed": False,
        "note": "Ủy viên vắng mặt cho ý kiến bằng văn bản.",
    },
    {
        "key": "council_quorum_general",
        "value": {"numerator": 2, "denominator": 3},
        "label": "Tỷ lệ Ủy viên Hội đồng phải có mặt ở phiên họp thường kỳ",
        "valid_from": QUORUM_GENERAL["valid_from"],
        "valid_to": None,
        "citation": QUORUM_GENERAL["citation"],
        "confirmed": False,
        "note": "",
    },
    {
        "key": "reward_rounding_step",
        "value": 10_000,
        "label": "Tiền thưởng làm tròn lên hàng chục nghìn đồng",
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "NĐ 152/2025/NĐ-CP Điều 49",
        "confirmed": True,
        "note": "thidua.awards.money áp dụng cách làm tròn này cho mọi ngày quyết định.",
    },
    {
        "key": "household_multiplier",
        "value": "1.5",
        "label": "Tiền thưởng hộ gia đình bằng 1,5 lần mức của cá nhân",
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "NĐ 152/2025/NĐ-CP Chương VII",
        "confirmed": True,
        "note": "",
    },
    {
        "key": "tie_female_share",
        "value": {"numerator": 7, "denominator": 10},
        "label": "Khi bằng nhau, ưu tiên nữ hoặc tập thể có tỷ lệ nữ từ mức này trở lên",
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "NĐ 152/2025/NĐ-CP Điều 4.6",
        "confirmed": True,
        "note": "",
    },
    {
        "key": "commune_appraisal_working_days",
        "value": 20,
        "label": "Thời hạn thẩm định, trình khen thưởng cấp xã (ngày làm việc)",
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "QĐ 638/QĐ-BNV/2025",
        "confirmed": True,
        "note": "Tính từ ngày nhận đủ hồ sơ hợp lệ.",
    },
    {
        "key": "dossier_days_before_event",
        "value": 10,
        "label": "Hồ sơ khen thưởng tổng kết phong trào gửi trước ngày tổ chức (ngày)",
        "valid_from": date(2025, 12, 15),
        "valid_to": None,
        "citation": "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 6",
        "confirmed": False,
        "note": "Quy định của tỉnh Bắc Ninh; mỗi tỉnh tự quy định.",
    },
]
