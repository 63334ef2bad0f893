"""Place names, so OCR-damaged or upper-case headers come back with correct diacritics."""

from __future__ import annotations

import difflib
import re

from .text import fold

PROVINCES = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cần Thơ",
    "Cao Bằng",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Huế",
    "Tiền Giang",
    "Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    # A few district-level cities whose names differ from their province.
    "Hạ Long",
    "Cẩm Phả",
    "Uông Bí",
    "Móng Cái",
    "Sông Công",
    "Phổ Yên",
    "Việt Trì",
    "Điện Biên Phủ",
    "Buôn Ma Thuột",
    "Pleiku",
    "Quy Nhơn",
    "Nha Trang",
    "Đà Lạt",
    "Vinh",
    "Sầm Sơn",
    "Tam Kỳ",
    "Hội An",
    "Rạch Giá",
    "Phú Quốc",
    "Long Xuyên",
]

_KEYS = {re.sub(r"[^a-z]", "", fold(name)): name for name in PROVINCES}

LEVELS = [
    ("thanh pho", "thành phố"),
    ("thi xa", "thị xã"),
    ("thi tran", "thị trấn"),
    ("tinh", "tỉnh"),
    ("huyen", "huyện"),
    ("quan", "quận"),
    ("phuong", "phường"),
    ("xa", "xã"),
]


def canonical_name(name: str) -> str:
    """Known place → its spelling; unknown upper-case → title case; else as written."""
    key = re.sub(r"[^a-z]", "", fold(name))
    if key in _KEYS:
        return _KEYS[key]
    has_marks = fold(name) != name.lower()
    if not has_marks and len(key) >= 5:
        close = difflib.get_close_matches(key, list(_KEYS), n=1, cutoff=0.8)
        if close:
            return _KEYS[close[0]]
    if name.isupper():
        return name.title()
    return name.strip()


def split_level(text: str) -> tuple[str | None, str]:
    """``THÀNH PHỐ BẮC KẠN`` → (``thành phố``, ``Bắc Kạn``)."""
    low = fold(text).strip()
    for key, level in LEVELS:
        if low.startswith(key + " ") or low.startswith(key.replace(" ", "") + " "):
            k = len(key) if low.startswith(key + " ") else len(key) - 1
            return level, canonical_name(text.strip()[k:].strip())
    return None, canonical_name(text)
