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

#: NĐ 91/2017/NĐ-CP (31/7/2017) detailed the Law of 2003 (amended 2005, 2013) from
#: 01/10/2017 until Luật 06/2022/QH15 and NĐ 98/2023 took over on 01/01/2024 (legal.md §4).
ND91_IN_FORCE = date(2017, 10, 1)
LAST_DAY_OF_LAW_2003 = date(2023, 12, 31)


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
_MONEY_FORM_98 = "NĐ 98/2023/NĐ-CP (mức tiền thưởng hình thức khen thưởng)"
_FORM_98_NOTE = (
    "Mức trước ngày NĐ 152/2025/NĐ-CP có hiệu lực (01/7/2025): lấy theo mức của NĐ 91/2017 "
    "Điều 73 (cá nhân; tập thể gấp đôi) — chưa đối chiếu điều khoản tương ứng của NĐ 98/2023."
)
_LAW_2003 = "Luật TĐKT 2003 (sửa đổi, bổ sung 2005, 2013)"
_ND91 = "NĐ 91/2017/NĐ-CP"
_ND91_FORM_NOTE = (
    "NĐ 91/2017 Điều 73.2 [S]: tập thể gấp đôi cá nhân; hệ số cá nhân theo legal.md §4, "
    "chưa đối chiếu văn bản gốc."
)
_ND91_TITLE_NOTE = (
    "Mức tiền thưởng danh hiệu theo NĐ 91/2017 (legal.md §4: như NĐ 98/152) và số điều "
    "chưa đối chiếu văn bản gốc."
)
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
    # Three periods each: NĐ 91/2017 (law of 2003), NĐ 98/2023 (law of 2022 before the
    # reform), NĐ 152/2025. The individual coefficients are dated (issue #14 item 5): NĐ
    # 152's values are never applied before 01/7/2025.
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
        valid_from=ND91_IN_FORCE,
        valid_to=LAST_DAY_OF_LAW_2003,
        citation=f"{_LAW_2003}; {_ND91} Điều 73",
        confirmed=False,
        note=_ND91_FORM_NOTE,
    ),
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
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"{_L75}, Điều 80.1, 80.4; {_MONEY_FORM_98}",
        confirmed=False,
        note=_FORM_98_NOTE,
    ),
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
        valid_from=REFORM_2025,
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
        grantor="Chủ tịch UBND xã, phường, thị trấn",
        subjects=("individual", "collective", "household"),
        coefficient_individual=Decimal("0.15"),
        coefficient_collective=Decimal("0.3"),
        valid_from=ND91_IN_FORCE,
        valid_to=LAST_DAY_OF_LAW_2003,
        citation=f"{_LAW_2003}; {_ND91} Điều 73.2",
        confirmed=False,
        note=_ND91_FORM_NOTE,
    ),
    _form(
        code="giay_khen_chu_tich_xa",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        short_name="Giấy khen Chủ tịch UBND xã",
        kind="hinh_thuc",
        level="xa",
        grantor="Chủ tịch UBND cấp xã",
        subjects=("individual", "collective", "household"),
        coefficient_individual=Decimal("0.15"),
        coefficient_collective=Decimal("0.3"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"{_L75}, Điều 80.3; {_MONEY_FORM_98}",
        confirmed=False,
        note=_FORM_98_NOTE,
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
        valid_from=ND91_IN_FORCE,
        valid_to=LAST_DAY_OF_LAW_2003,
        citation=f"{_LAW_2003}; {_ND91} Điều 73",
        confirmed=False,
        note=_ND91_FORM_NOTE,
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
        citation=f"{_L75}, Điều 80.2; {_MONEY_FORM_98}",
        confirmed=False,
        note=_FORM_98_NOTE + " Cấp huyện chấm dứt hoạt động từ 01/7/2025 (Luật 72/2025/QH15).",
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
        coefficient_individual=Decimal("1.0"),
        coefficient_collective=Decimal("2.0"),
        valid_from=ND91_IN_FORCE,
        valid_to=LAST_DAY_OF_LAW_2003,
        citation=f"{_LAW_2003}; {_ND91} Điều 73",
        confirmed=False,
        note=_ND91_FORM_NOTE,
    ),
    _form(
        code="bang_khen_chu_tich_tinh",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        short_name="Bằng khen Chủ tịch UBND tỉnh",
        kind="hinh_thuc",
        level="tinh",
        grantor="Chủ tịch UBND tỉnh",
        subjects=("individual", "collective", "household", "locality"),
        coefficient_individual=Decimal("1.0"),
        coefficient_collective=Decimal("2.0"),
        valid_from=LAW_2022_IN_FORCE,
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 72, 74; {_MONEY_FORM_98}",
        confirmed=False,
        note=_FORM_98_NOTE,
    ),
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
        valid_from=REFORM_2025,
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
        valid_from=ND91_IN_FORCE,
        valid_to=LAST_DAY_OF_LAW_2003,
        citation=f"{_LAW_2003}; {_ND91} Điều 73",
        confirmed=False,
        note=_ND91_FORM_NOTE,
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
        valid_to=LAST_DAY_BEFORE_REFORM,
        citation=f"Luật TĐKT 06/2022/QH15 Điều 72; {_MONEY_FORM_98}",
        confirmed=False,
        note=_FORM_98_NOTE,
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
        valid_from=REFORM_2025,
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


def _title_nd91(code, name, short_name, level, grantor, subjects, coefficient, **kw) -> dict:
    """A title (danh hiệu) as the Law of 2003 and NĐ 91/2017 had it (01/10/2017–31/12/2023)."""
    key = "coefficient_individual" if subjects == ("individual",) else "coefficient_collective"
    return _form(
        code=code,
        name=name,
        short_name=short_name,
        kind="danh_hieu",
        level=level,
        grantor=grantor,
        subjects=subjects,
        valid_from=ND91_IN_FORCE,
        valid_to=LAST_DAY_OF_LAW_2003,
        confirmed=False,
        note=kw.pop("note", _ND91_TITLE_NOTE),
        citation=kw.pop("citation", f"{_LAW_2003}; {_ND91}"),
        **{key: coefficient},
        **kw,
    )


_DISTRICT_OR_HEAD = "Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp huyện"
#: The titles under the law in force before 2024 (seed 004: Lào Cai, 2020–2021), so a
#: campaign, dossier or decision of that time is judged by its own law (issue #15 item 1).
AWARD_FORMS += [
    _title_nd91(
        "co_thi_dua_tinh",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "Cờ thi đua UBND tỉnh",
        "tinh",
        "Chủ tịch UBND tỉnh",
        ("collective", "locality"),
        Decimal("8.0"),
        council_vote="80",
    ),
    _title_nd91(
        "co_thi_dua_chinh_phu",
        "Cờ thi đua của Chính phủ",
        "Cờ thi đua Chính phủ",
        "trung_uong",
        "Thủ tướng Chính phủ",
        ("collective", "locality"),
        Decimal("12.0"),
        council_vote="80",
        proposal_only=True,
    ),
    _title_nd91(
        "lao_dong_tien_tien",
        "Lao động tiên tiến",
        "LĐTT",
        "co_so",
        "Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp huyện; Chủ tịch UBND cấp xã",
        ("individual",),
        Decimal("0.3"),
    ),
    _title_nd91(
        "chien_si_thi_dua_co_so",
        "Chiến sĩ thi đua cơ sở",
        "CSTĐCS",
        "co_so",
        _DISTRICT_OR_HEAD,
        ("individual",),
        Decimal("1.0"),
        council_vote="80",
        requires_initiative=True,
        note=_ND91_TITLE_NOTE + " Sáng kiến là điều kiện bắt buộc trước Luật 2022.",
    ),
    _title_nd91(
        "chien_si_thi_dua_tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        "CSTĐ tỉnh",
        "tinh",
        "Chủ tịch UBND tỉnh",
        ("individual",),
        Decimal("3.0"),
        council_vote="90",
        requires_initiative=True,
    ),
    _title_nd91(
        "chien_si_thi_dua_toan_quoc",
        "Chiến sĩ thi đua toàn quốc",
        "CSTĐTQ",
        "trung_uong",
        "Thủ tướng Chính phủ",
        ("individual",),
        Decimal("4.5"),
        council_vote="90",
        requires_initiative=True,
        proposal_only=True,
    ),
    _title_nd91(
        "tap_the_lao_dong_tien_tien",
        "Tập thể lao động tiên tiến",
        "TTLĐTT",
        "co_so",
        _DISTRICT_OR_HEAD,
        ("collective",),
        Decimal("0.8"),
    ),
    _title_nd91(
        "tap_the_lao_dong_xuat_sac",
        "Tập thể lao động xuất sắc",
        "TTLĐXS",
        "tinh",
        "Chủ tịch UBND tỉnh",
        ("collective",),
        Decimal("1.5"),
    ),
    _title_nd91(
        "thon_to_dan_pho_van_hoa",
        "Thôn, tổ dân phố văn hóa",
        "Thôn, TDP văn hóa",
        "huyen",
        "Chủ tịch UBND cấp huyện",
        ("locality",),
        Decimal("1.5"),
        note="Mức tiền thưởng trước 2024 chưa đối chiếu; giữ như NĐ 98/2023.",
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
        "amount": 1_300_000,
        "valid_from": date(2017, 7, 1),
        "valid_to": date(2018, 6, 30),
        "citation": "NĐ 47/2017/NĐ-CP",
        "confirmed": False,
        "note": "Mức phổ biến, chưa đối chiếu văn bản gốc (legal.md §4).",
    },
    {
        "amount": 1_390_000,
        "valid_from": date(2018, 7, 1),
        "valid_to": date(2019, 6, 30),
        "citation": "NĐ 72/2018/NĐ-CP",
        "confirmed": False,
        "note": "Mức phổ biến, chưa đối chiếu văn bản gốc (legal.md §4).",
    },
    {
        "amount": 1_490_000,
        "valid_from": date(2019, 7, 1),
        "valid_to": date(2023, 6, 30),
        "citation": "NĐ 38/2019/NĐ-CP",
        "confirmed": False,
        "note": "Mức phổ biến, chưa đối chiếu văn bản gốc (legal.md §4).",
    },
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
#: writing). Forms not listed pass on a simple majority of the TOTAL membership (setting
#: ``council_simple_majority``).
VOTING_THRESHOLDS: list[dict] = [
    {
        "forms": _VOTE_90,
        "threshold": Fraction(9, 10),
        "valid_from": ND91_IN_FORCE,
        "valid_to": LAST_DAY_OF_LAW_2003,
        "citation": "NĐ 91/2017/NĐ-CP (tỷ lệ như NĐ 98/2023 Điều 30.7, chưa đối chiếu)",
        "confirmed": False,
    },
    {
        "forms": _VOTE_80,
        "threshold": Fraction(4, 5),
        "valid_from": ND91_IN_FORCE,
        "valid_to": LAST_DAY_OF_LAW_2003,
        "citation": "NĐ 91/2017/NĐ-CP (tỷ lệ như NĐ 98/2023 Điều 30.7, chưa đối chiếu)",
        "confirmed": False,
    },
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
        "key": "reward_rounding_step",
        "value": 10_000,
        "label": "Tiền thưởng làm tròn lên hàng chục nghìn đồng",
        "valid_from": ND91_IN_FORCE,
        "valid_to": LAST_DAY_BEFORE_REFORM,
        "citation": "NĐ 91/2017/NĐ-CP; NĐ 98/2023/NĐ-CP (làm tròn lên hàng chục nghìn đồng)",
        "confirmed": False,
        "note": "Cách làm tròn trước NĐ 152/2025 chưa đối chiếu văn bản gốc.",
    },
    {
        "key": "household_multiplier",
        "value": "1.5",
        "label": "Tiền thưởng hộ gia đình bằng 1,5 lần mức của cá nhân",
        "valid_from": ND91_IN_FORCE,
        "valid_to": LAST_DAY_BEFORE_REFORM,
        "citation": "NĐ 91/2017/NĐ-CP; NĐ 98/2023/NĐ-CP",
        "confirmed": False,
        "note": "Hệ số hộ gia đình trước NĐ 152/2025 chưa đối chiếu văn bản gốc.",
    },
    {
        "key": "council_simple_majority",
        "value": {"numerator": 1, "denominator": 2},
        "label": (
            "Hình thức không có tỷ lệ riêng: được thông qua khi số phiếu đồng ý quá nửa "
            "tổng số thành viên Hội đồng"
        ),
        "valid_from": ND91_IN_FORCE,
        "valid_to": None,
        "citation": (
            "Nguyên tắc biểu quyết theo đa số của Hội đồng TĐKT (QĐ 86/2025/QĐ-UBND tỉnh "
            "Bắc Ninh Điều 8); quá nửa tính trên tổng số thành viên"
        ),
        "confirmed": False,
        "note": (
            "Chưa tìm thấy điều khoản nói rõ mẫu số; tính trên tổng số thành viên Hội đồng "
            "như ngưỡng 80 %/90 % (NĐ 98/2023 Điều 30.7)."
        ),
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


# ---- Căn cứ pháp lý of award decisions ------------------------------------------------------
#: The documents a decision cites, by the dates it is IN FORCE for decisions (valid_from /
#: valid_to) — not the date it was issued. ``issuer_kinds`` empty = every issuer; else only
#: issuers of those unit kinds. ``order`` sorts the căn cứ lines (law on local government,
#: law on emulation, its amendments, decrees, circulars). Numbers and dates not read in the
#: official text are ``confirmed=False`` (legal.md tags).
_QH, _CP, _BNV = "Quốc hội", "Chính phủ", "Bộ Nội vụ"
_TDKT_DETAIL = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
LEGAL_GROUNDS: list[dict] = [
    {
        "key": "luat_to_chuc_cqdp_2015",
        "order": 10,
        "doc_type": "Luật",
        "name": "Tổ chức chính quyền địa phương",
        "number": "77/2015/QH13",
        "issued_on": date(2015, 6, 19),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2016, 1, 1),
        "valid_to": date(2025, 2, 28),
        "citation": "Luật 77/2015/QH13",
        "confirmed": False,
        "note": "Ngày 19/6/2015 thấy trong căn cứ của văn bản địa phương; số hiệu chưa đối chiếu.",
    },
    {
        "key": "luat_sua_doi_to_chuc_cp_cqdp_2019",
        "order": 11,
        "doc_type": "Luật",
        "name": (
            "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
            "quyền địa phương"
        ),
        "number": "47/2019/QH14",
        "issued_on": date(2019, 11, 22),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2020, 7, 1),
        "valid_to": date(2025, 2, 28),
        "citation": "Luật 47/2019/QH14",
        "confirmed": False,
        "note": "Ngày 22/11/2019 thấy trong căn cứ của văn bản địa phương; số hiệu chưa đối chiếu.",
    },
    {
        "key": "luat_to_chuc_cqdp_2025_65",
        "order": 10,
        "doc_type": "Luật",
        "name": "Tổ chức chính quyền địa phương",
        "number": "65/2025/QH15",
        "issued_on": date(2025, 2, 19),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2025, 3, 1),
        "valid_to": date(2025, 6, 15),
        "citation": "Luật 65/2025/QH15",
        "confirmed": False,
        "note": (
            "Số hiệu và ngày 19/02/2025 thấy trong nhiều nguồn (search); ngày có hiệu lực "
            "01/3/2025 chưa xác nhận được. Bị thay thế bởi Luật 72/2025/QH15."
        ),
    },
    {
        "key": "luat_to_chuc_cqdp_2025_72",
        "order": 10,
        "doc_type": "Luật",
        "name": "Tổ chức chính quyền địa phương",
        "number": "72/2025/QH15",
        "issued_on": date(2025, 6, 16),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2025, 6, 16),
        "valid_to": None,
        "citation": "Luật 72/2025/QH15",
        "confirmed": False,
        "note": (
            "Thay thế Luật 65/2025/QH15; một nguồn thứ ba ghi có hiệu lực từ 16/6/2025 "
            "(Điều 51), chưa đối chiếu văn bản gốc. Cấp huyện kết thúc hoạt động 01/7/2025."
        ),
    },
    {
        "key": "luat_tdkt_2003",
        "order": 20,
        "doc_type": "Luật",
        "name": "Thi đua, khen thưởng",
        "number": "15/2003/QH11",
        "issued_on": date(2003, 11, 26),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2004, 7, 1),
        "valid_to": LAST_DAY_OF_LAW_2003,
        "citation": "Luật 15/2003/QH11",
        "confirmed": False,
        "note": "Số hiệu, ngày ban hành và ngày hiệu lực ghi theo trí nhớ; chưa đối chiếu.",
    },
    {
        "key": "luat_sua_doi_tdkt_2005",
        "order": 21,
        "doc_type": "Luật",
        "name": "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "number": "47/2005/QH11",
        "issued_on": date(2005, 6, 14),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2005, 7, 1),
        "valid_to": LAST_DAY_OF_LAW_2003,
        "citation": "Luật 47/2005/QH11",
        "confirmed": False,
        "note": "Số hiệu, ngày ban hành và ngày hiệu lực ghi theo trí nhớ; chưa đối chiếu.",
    },
    {
        "key": "luat_sua_doi_tdkt_2013",
        "order": 22,
        "doc_type": "Luật",
        "name": "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "number": "39/2013/QH13",
        "issued_on": date(2013, 11, 16),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2014, 6, 1),
        "valid_to": LAST_DAY_OF_LAW_2003,
        "citation": "Luật 39/2013/QH13",
        "confirmed": False,
        "note": "Số hiệu, ngày ban hành và ngày hiệu lực ghi theo trí nhớ; chưa đối chiếu.",
    },
    {
        "key": "luat_tdkt_2022",
        "order": 20,
        "doc_type": "Luật",
        "name": "Thi đua, khen thưởng",
        "number": "06/2022/QH15",
        "issued_on": date(2022, 6, 15),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": LAW_2022_IN_FORCE,
        "valid_to": None,
        "citation": "Luật 06/2022/QH15",
        "confirmed": True,
        "note": "",
    },
    {
        "key": "luat_sua_doi_tdkt_2026",
        "order": 21,
        "doc_type": "Luật",
        "name": "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "number": "06/2026/QH16",
        "issued_on": date(2026, 4, 23),
        "issuing_body": _QH,
        "summary": "",
        "issuer_kinds": [],
        "valid_from": date(2026, 10, 1),
        "valid_to": None,
        "citation": "Luật 06/2026/QH16",
        "confirmed": False,
        "note": (
            "Số hiệu, ngày 23/4/2026 và hiệu lực 01/10/2026 theo hai nguồn thứ ba (legal.md §0); "
            "nội dung chưa thấy. Hồ sơ nhận trước 01/10/2026 vẫn theo Luật 2022 trừ khi có lợi hơn."
        ),
    },
    {
        "key": "nd_91_2017",
        "order": 30,
        "doc_type": "Nghị định",
        "name": "",
        "number": "91/2017/NĐ-CP",
        "issued_on": date(2017, 7, 31),
        "issuing_body": _CP,
        "summary": _TDKT_DETAIL,
        "issuer_kinds": [],
        "valid_from": ND91_IN_FORCE,
        "valid_to": LAST_DAY_OF_LAW_2003,
        "citation": "NĐ 91/2017/NĐ-CP",
        "confirmed": False,
        "note": "legal.md §4 [S]: có hiệu lực 01/10/2017 đến hết 2023.",
    },
    {
        "key": "tt_12_2019_bnv",
        "order": 40,
        "doc_type": "Thông tư",
        "name": "",
        "number": "12/2019/TT-BNV",
        "issued_on": date(2019, 11, 4),
        "issuing_body": _BNV,
        "summary": "quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP",
        "issuer_kinds": [],
        "valid_from": date(2019, 12, 20),
        "valid_to": LAST_DAY_OF_LAW_2003,
        "citation": "TT 12/2019/TT-BNV",
        "confirmed": False,
        "note": "Thông tư hướng dẫn NĐ 91/2017; số hiệu và ngày theo trí nhớ, chưa đối chiếu.",
    },
    {
        "key": "nd_98_2023",
        "order": 30,
        "doc_type": "Nghị định",
        "name": "",
        "number": "98/2023/NĐ-CP",
        "issued_on": date(2023, 12, 31),
        "issuing_body": _CP,
        "summary": _TDKT_DETAIL,
        "issuer_kinds": [],
        "valid_from": LAW_2022_IN_FORCE,
        "valid_to": LAST_DAY_BEFORE_REFORM,
        "citation": "NĐ 98/2023/NĐ-CP",
        "confirmed": True,
        "note": "Bị bãi bỏ từ 01/7/2025 (NĐ 152/2025 Điều 59).",
    },
    {
        "key": "nd_152_2025",
        "order": 30,
        "doc_type": "Nghị định",
        "name": "",
        "number": "152/2025/NĐ-CP",
        "issued_on": date(2025, 6, 14),
        "issuing_body": _CP,
        "summary": (
            "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng và quy định "
            "chi tiết thi hành Luật Thi đua, khen thưởng"
        ),
        "issuer_kinds": [],
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "NĐ 152/2025/NĐ-CP",
        "confirmed": True,
        "note": "",
    },
    {
        "key": "nd_129_2025",
        "order": 31,
        "doc_type": "Nghị định",
        "name": "",
        "number": "129/2025/NĐ-CP",
        "issued_on": date(2025, 6, 11),
        "issuing_body": _CP,
        "summary": (
            "quy định phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực "
            "quản lý nhà nước của Bộ Nội vụ"
        ),
        "issuer_kinds": ["commune", "ward", "special_zone"],
        "valid_from": REFORM_2025,
        "valid_to": None,
        "citation": "NĐ 129/2025/NĐ-CP Điều 59",
        "confirmed": True,
        "note": "Thẩm quyền khen thưởng của Chủ tịch UBND cấp xã (legal.md §1.2).",
    },
]
