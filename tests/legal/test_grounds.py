"""Căn cứ pháp lý by the decision date (issue #14 item 6): the law on local government in
force that day, the Law on Emulation and Commendation (2003 with its amendments, 2022, the
2026 amendment from 01/10/2026), the decree and circular detailing it — each named fully
(loại, số, ngày, cơ quan ban hành, trích yếu); unconfirmed rows are editable dated data."""

from datetime import date

import pytest

from thidua.legal import read
from thidua.legal.models import LegalGround

pytestmark = pytest.mark.django_db


def _numbers(on, kind="city"):
    return [g.number for g in read.grounds_for(on, kind)]


@pytest.mark.parametrize(
    ("on", "kind", "numbers"),
    [
        # Seed 004 (Lào Cai, 30/06/2021): the law before 2024.
        (
            date(2021, 6, 30),
            "city",
            [
                "77/2015/QH13",
                "47/2019/QH14",
                "15/2003/QH11",
                "47/2005/QH11",
                "39/2013/QH13",
                "91/2017/NĐ-CP",
                "12/2019/TT-BNV",
            ],
        ),
        (
            date(2025, 1, 20),
            "city",
            ["77/2015/QH13", "47/2019/QH14", "06/2022/QH15", "98/2023/NĐ-CP"],
        ),
        # From 01/03/2025 the 2025 law replaces the 2015 law.
        (date(2025, 3, 1), "city", ["65/2025/QH15", "06/2022/QH15", "98/2023/NĐ-CP"]),
        (date(2025, 6, 20), "city", ["72/2025/QH15", "06/2022/QH15", "98/2023/NĐ-CP"]),
        (date(2025, 8, 20), "province", ["72/2025/QH15", "06/2022/QH15", "152/2025/NĐ-CP"]),
        (
            date(2025, 8, 20),
            "ward",
            ["72/2025/QH15", "06/2022/QH15", "152/2025/NĐ-CP", "129/2025/NĐ-CP"],
        ),
        # From 01/10/2026 the amended Law on Emulation and Commendation joins.
        (
            date(2026, 10, 1),
            "province",
            ["72/2025/QH15", "06/2022/QH15", "06/2026/QH16", "152/2025/NĐ-CP"],
        ),
        (date(2026, 9, 30), "province", ["72/2025/QH15", "06/2022/QH15", "152/2025/NĐ-CP"]),
    ],
)
def test_grounds_follow_the_decision_date(on, kind, numbers):
    assert _numbers(on, kind) == numbers


def test_each_line_names_the_document_fully():
    lines = read.ground_lines(date(2025, 3, 10), "city")
    assert lines == [
        "Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15 ngày 19 tháng 02 năm 2025 "
        "của Quốc hội",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022 của Quốc hội",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    ]


def test_unconfirmed_grounds_are_marked_and_an_edit_reaches_the_lines():
    by_number = {g.number: g for g in read.grounds_for(date(2025, 3, 10), "city")}
    assert by_number["65/2025/QH15"].confirmed is False
    assert by_number["06/2022/QH15"].confirmed is True
    # The effective date of Luật 65/2025/QH15 is an editable dated setting.
    row = LegalGround.objects.get(key="luat_to_chuc_cqdp_2025_65")
    row.valid_from = date(2025, 3, 15)
    row.save()
    LegalGround.objects.filter(key="luat_to_chuc_cqdp_2015").update(valid_to=date(2025, 3, 14))
    assert "65/2025/QH15" not in _numbers(date(2025, 3, 10))
    assert "65/2025/QH15" in _numbers(date(2025, 3, 20))
