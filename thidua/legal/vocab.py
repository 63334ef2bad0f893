"""Fixed vocabularies and milestone dates of the law, part of the code.

Model fields take their choices from these lists (a rating is stored by its code), so they
cannot live in an editable table; the dated, editable legal facts (award forms and their
coefficients, base salary, voting thresholds, settings) are in `thidua.legal.models` and
are read through `thidua.legal.read`, which also re-exports these names.
"""

from datetime import date

LAW_2022_IN_FORCE = date(2024, 1, 1)  # Luật TĐKT 06/2022/QH15
REFORM_2025 = date(2025, 7, 1)  # NĐ 152/2025, NĐ 129/2025, two-tier local government
LAST_DAY_BEFORE_REFORM = date(2025, 6, 30)

# ---- Task-completion ratings -----------------------------------------------------------
#: Ordered lowest → highest; compare with :data:`RATING_RANK`.
RATINGS: list[dict] = [
    {"code": "khong_hoan_thanh", "label": "Không hoàn thành nhiệm vụ", "rank": 0},
    {"code": "hoan_thanh", "label": "Hoàn thành nhiệm vụ", "rank": 1},
    {"code": "hoan_thanh_tot", "label": "Hoàn thành tốt nhiệm vụ", "rank": 2},
    {"code": "hoan_thanh_xuat_sac", "label": "Hoàn thành xuất sắc nhiệm vụ", "rank": 3},
]
RATING_RANK: dict[str, int] = {r["code"]: r["rank"] for r in RATINGS}
RATING_LABELS: dict[str, str] = {r["code"]: r["label"] for r in RATINGS}

# ---- Subjects and categories -----------------------------------------------------------
SUBJECT_KINDS: dict[str, str] = {
    "individual": "Cá nhân",
    "collective": "Tập thể",
    "household": "Hộ gia đình",
    "locality": "Địa phương (xã, phường, thôn, tổ dân phố)",
}

PERSON_CATEGORIES: dict[str, str] = {
    "can_bo": "Cán bộ",
    "cong_chuc": "Công chức",
    "vien_chuc": "Viên chức",
    "nguoi_lao_dong": "Người lao động",
    "chien_si": "Chiến sĩ lực lượng vũ trang",
    "cong_nhan": "Công nhân",
    "nong_dan": "Nông dân",
    "doanh_nhan": "Doanh nhân",
    "giao_vien": "Giáo viên",
    "hoc_sinh": "Học sinh",
    "nguoi_dan": "Người dân",
}

COLLECTIVE_CATEGORIES: dict[str, str] = {
    "thon_kieu_mau": "Thôn, tổ dân phố kiểu mẫu",
    "gia_dinh_chinh_sach": "Gia đình chính sách tiêu biểu",
    "ho_thoat_ngheo": "Hộ gia đình thoát nghèo bền vững",
    "ho_san_xuat_gioi": "Hộ nông dân sản xuất kinh doanh giỏi",
    "tap_the_nho": "Tập thể nhỏ (tổ, đội, phòng, khoa)",
    "co_quan_don_vi": "Cơ quan, đơn vị",
    "xa_phuong": "Xã, phường, đặc khu",
    "thon_to_dan_pho": "Thôn, tổ dân phố",
    "doanh_nghiep": "Doanh nghiệp",
    "hop_tac_xa": "Hợp tác xã",
    "truong_hoc": "Trường học",
    "luc_luong_vu_trang": "Đơn vị lực lượng vũ trang",
}

#: Kinds of ``Unit`` used by quota rules (labels for messages and forms).
UNIT_KINDS: dict[str, str] = {
    "province": "Tỉnh, thành phố trực thuộc trung ương",
    "district": "Huyện, thị xã, thành phố thuộc tỉnh",
    "commune": "Xã",
    "ward": "Phường",
    "special_zone": "Đặc khu",
    "village": "Thôn, tổ dân phố",
    "department": "Phòng, ban, sở chuyên môn",
    "party_org": "Cơ quan Đảng",
    "mass_org": "Mặt trận Tổ quốc, đoàn thể",
    "public_service": "Đơn vị sự nghiệp công lập",
    "school": "Trường học",
    "health": "Cơ sở y tế",
    "police": "Công an",
    "armed_forces": "Đơn vị quân sự",
    "enterprise": "Doanh nghiệp",
    "coop": "Hợp tác xã",
    "vertical_agency": "Cơ quan ngành dọc",
}
