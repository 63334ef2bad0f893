"""Deterministic Vietnamese names for demo and synthetic data."""

import random

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Hà",
    "Nông",
    "Triệu",
    "Lường",
    "Ma",
    "Lục",
    "Bế",
    "Hứa",
    "Đinh",
    "Vi",
    "La",
    "Đặng",
    "Bùi",
    "Vũ",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Công", "Ngọc", "Trung"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Kim", "Phương", "Minh", "Thúy", "Bích"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Mạnh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Vinh",
    "Việt",
    "Hiếu",
    "Đông",
    "Lâm",
    "Toàn",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quỳnh",
    "Thảo",
    "Trang",
    "Uyên",
    "Yến",
    "Đào",
    "Ánh",
]
ETHNIC_BAC_KAN = ["Tày"] * 50 + ["Kinh"] * 25 + ["Dao"] * 12 + ["Nùng"] * 9 + ["H'Mông"] * 4


def person_name(rng: random.Random, female: bool) -> str:
    family = rng.choice(FAMILY)
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{family} {middle} {given}"
