"""Hand-written quota rules of the demo seed plans: what an officer reads in each plan.

Demo data, not domain code. The demo imports each seed plan through the importer and
checks that the rules mapped from the plan's own sentences cover these (see
``demo_data.campaigns``); a missing rule stops the demo with :class:`SeedRulesMissing`.
Unit kinds are ``org.UnitKind`` values.
"""

from __future__ import annotations

_GK_CITY = ["giay_khen_chu_tich_huyen"]  # "Giấy khen của Chủ tịch UBND thành phố" (pre-2025)
_ARMED_HEALTH_TAGS = ["cong_an", "quan_su", "y_te"]
_HOUSEHOLD_CATS = ["thon_kieu_mau", "gia_dinh_chinh_sach", "ho_thoat_ngheo", "ho_san_xuat_gioi"]
_OFFICES = ["department", "party", "mass_org", "public_service", "school"]
_THREE = "tập thể hoặc cá nhân"


def _per_commune(rule_id: str, category: str, limit: int, label: str) -> dict:
    return {
        "id": rule_id,
        "kind": "quota",
        "scope": "per_proposer",
        "match": {
            "forms": _GK_CITY,
            "proposer_kinds": ["commune", "ward"],
            "categories": [category],
        },
        "max": limit,
        "label": label,
        "description": f"mỗi xã, phường không quá {limit:02d} {label}",
    }


SEED_000: list[dict] = [
    {
        "id": "000_phong_ban",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"forms": _GK_CITY, "proposer_kinds": _OFFICES},
        "exclude": [
            {"proposer_tags": ["giao_duc"], "categories": ["giao_vien", "hoc_sinh"]},
            {"proposer_tags": _ARMED_HEALTH_TAGS},
        ],
        "max": 1,
        "label": _THREE,
        "description": "mỗi phòng, ban, ngành, đoàn thể, đơn vị thuộc UBND thành phố không quá "
        "01 tập thể hoặc cá nhân",
        "source": "Các phòng, ban, ngành, đoàn thể, đơn vị thuộc UBND lựa chọn không quá 01 tập "
        "thể hoặc cá nhân xuất sắc tiêu biểu.",
    },
    {
        "id": "000_ca_qs_yt",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"forms": _GK_CITY, "proposer_tags": _ARMED_HEALTH_TAGS},
        "max": 3,
        "label": _THREE,
        "description": "Công an thành phố, Ban Chỉ huy quân sự, Trung tâm Y tế thành phố: mỗi "
        "đơn vị không quá 03 tập thể hoặc cá nhân",
        "source": "Đối với các đơn vị Công an thành phố; Ban Chỉ huy quân sự, Trung tâm y tế "
        "thành phố: Mỗi đơn vị lựa chọn không quá 03 tập thể hoặc cá nhân xuất sắc tiêu biểu.",
    },
    {
        "id": "000_xa_phuong",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"forms": _GK_CITY, "proposer_kinds": ["commune", "ward"]},
        "exclude": {"categories": _HOUSEHOLD_CATS},
        "max": 3,
        "label": _THREE,
        "description": "UBND mỗi xã, phường không quá 03 tập thể hoặc cá nhân xuất sắc tiêu biểu",
        "source": "UBND các xã, phường: Mỗi đơn vị lựa chọn không quá 03 tập thể hoặc cá nhân "
        "xuất sắc tiêu biểu",
    },
    _per_commune("000_thon_kieu_mau", "thon_kieu_mau", 1, "thôn, tổ dân phố kiểu mẫu"),
    _per_commune(
        "000_gia_dinh_chinh_sach", "gia_dinh_chinh_sach", 2, "gia đình chính sách tiêu biểu"
    ),
    _per_commune("000_ho_thoat_ngheo", "ho_thoat_ngheo", 2, "hộ gia đình thoát nghèo bền vững"),
    _per_commune(
        "000_ho_san_xuat_gioi", "ho_san_xuat_gioi", 2, "hộ nông dân sản xuất kinh doanh giỏi"
    ),
    {
        "id": "000_doanh_nghiep",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"forms": _GK_CITY, "proposer_kinds": ["enterprise", "coop", "vertical"]},
        "max": 1,
        "label": _THREE,
        "description": "mỗi doanh nghiệp, hợp tác xã, cơ quan ngành dọc không quá 01 tập thể "
        "hoặc cá nhân",
        "source": "Các doanh nghiệp, hợp tác xã, các cơ quan ngành dọc đóng trên địa bàn thành "
        "phố…: Lựa chọn không quá 01 tập thể hoặc cá nhân.",
    },
    {
        "id": "000_giao_vien",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {
            "forms": _GK_CITY,
            "proposer_kinds": ["department"],
            "proposer_tags": ["giao_duc"],
            "categories": ["giao_vien"],
        },
        "max": 5,
        "label": "giáo viên",
        "description": "5 giáo viên và 5 học sinh do Phòng Giáo dục và Đào tạo đề nghị",
        "source": "Phòng Giáo dục và Đào tạo thành phố xem xét, lựa chọn 05 giáo viên và 05 học "
        "sinh có thành tích xuất sắc, tiêu biểu trong đợt thi đua.",
    },
    {
        "id": "000_hoc_sinh",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {
            "forms": _GK_CITY,
            "proposer_kinds": ["department"],
            "proposer_tags": ["giao_duc"],
            "categories": ["hoc_sinh"],
        },
        "max": 5,
        "label": "học sinh",
        "description": "5 giáo viên và 5 học sinh do Phòng Giáo dục và Đào tạo đề nghị",
        "source": "Phòng Giáo dục và Đào tạo thành phố xem xét, lựa chọn 05 giáo viên và 05 học "
        "sinh có thành tích xuất sắc, tiêu biểu trong đợt thi đua.",
    },
    {
        "id": "000_bang_khen_tinh",
        "kind": "quota",
        "scope": "total",
        "match": {"forms": ["bang_khen_chu_tich_tinh"]},
        "max": 10,
        "label": "tập thể, cá nhân đề nghị Bằng khen của Chủ tịch UBND tỉnh",
        "description": "UBND thành phố lựa chọn 10 tập thể, cá nhân để đề nghị tặng Bằng khen "
        "của Chủ tịch UBND tỉnh",
        "source": "Trên cơ sở đề nghị của các đơn vị, UBND thành phố xem xét, lựa chọn 10 tập "
        "thể, cá nhân có thành tích tiêu biểu, xuất sắc để đề nghị tặng Bằng khen của Chủ tịch "
        "UBND tỉnh.",
    },
]

SEED_001: list[dict] = [
    {
        "id": "001_phong_ban",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"proposer_kinds": [*_OFFICES, "enterprise", "coop", "vertical"]},
        "exclude": {"proposer_tags": _ARMED_HEALTH_TAGS},
        "max": 1,
        "label": _THREE,
        "description": "mỗi phòng, ban, ngành, đoàn thể, đơn vị không quá 01 tập thể hoặc cá nhân",
        "source": "Mỗi phòng, ban, ngành, đoàn thể, đơn vị lựa chọn không quá 01 tập thể hoặc cá "
        "nhân xuất sắc tiêu biểu.",
    },
    {
        "id": "001_ca_qs_yt",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"proposer_tags": _ARMED_HEALTH_TAGS},
        "max": 3,
        "label": _THREE,
        "description": "Công an thành phố, Ban Chỉ huy quân sự, Trung tâm Y tế: mỗi đơn vị không "
        "quá 03 tập thể hoặc cá nhân",
        "source": "Đối với các đơn vị Công an thành phố; Ban Chỉ huy quân sự; Trung tâm Y tế và "
        "UBND các xã, phường: Mỗi đơn vị lựa chọn không quá 03 tập thể hoặc cá nhân xuất sắc "
        "tiêu biểu.",
    },
    {
        "id": "001_xa_phuong",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {"proposer_kinds": ["commune", "ward"]},
        "max": 3,
        "label": _THREE,
        "description": "UBND mỗi xã, phường không quá 03 tập thể hoặc cá nhân",
        "source": "Đối với các đơn vị Công an thành phố; Ban Chỉ huy quân sự; Trung tâm Y tế và "
        "UBND các xã, phường: Mỗi đơn vị lựa chọn không quá 03 tập thể hoặc cá nhân xuất sắc "
        "tiêu biểu.",
    },
]

_RATED = "Năm 2020, tổ chức Đảng, chính quyền được đánh giá hoàn thành tốt nhiệm vụ trở lên"
_COMMUNE_WARD = ["commune", "ward"]

SEED_004: list[dict] = [
    {
        "id": "004_co_dan_dau_khoi",
        "kind": "block_leader",
        "match": {"forms": ["co_thi_dua_tinh"]},
        "top_n": 1,
        "label": "Cờ thi đua của UBND tỉnh",
        "source": "Xét tặng cho các xã, phường tiêu biểu, xuất sắc dẫn đầu khối thi đua xã, "
        "phường có tỷ lệ hoàn thành cao nhất các nội dung, chỉ tiêu đăng ký đạt được tính đến "
        "30/6/2021.",
    },
    {
        "id": "004_co_xep_loai",
        "kind": "prior_rating",
        "match": {"forms": ["co_thi_dua_tinh"]},
        "min": "hoan_thanh_tot",
        "label": "Cờ thi đua của UBND tỉnh",
        "source": _RATED,
    },
    {
        "id": "004_co_xa_phuong",
        "kind": "quota",
        "scope": "total",
        "match": {"forms": ["co_thi_dua_tinh"], "nominee_unit_kinds": _COMMUNE_WARD},
        "max": 1,
        "label": "xã, phường đề nghị Cờ thi đua của UBND tỉnh",
        "description": "01 xã hoặc phường tiêu biểu nhất của thành phố",
        "source": "Tặng cho Nhân dân và cán bộ 01 xã hoặc phường tiêu biểu nhất của thành phố",
    },
    {
        "id": "004_bk_xa_phuong",
        "kind": "quota",
        "scope": "total",
        "match": {"forms": ["bang_khen_chu_tich_tinh"], "nominee_unit_kinds": _COMMUNE_WARD},
        "max": 1,
        "label": "xã, phường đề nghị Bằng khen của Chủ tịch UBND tỉnh",
        "description": "01 xã hoặc phường tiêu biểu của thành phố",
        "source": "Tặng cho Nhân dân và cán bộ 01 xã hoặc phường tiêu biểu của thành phố",
    },
    # The plan repeats this rating condition under both the district and the commune items
    # of the Bằng khen, so it applies to every Bằng khen nominee of the campaign.
    {
        "id": "004_bk_xep_loai",
        "kind": "prior_rating",
        "match": {"forms": ["bang_khen_chu_tich_tinh"]},
        "min": "hoan_thanh_tot",
        "label": "Bằng khen của Chủ tịch UBND tỉnh",
        "source": _RATED,
    },
    {
        "id": "004_gk_khong_trung_tinh",
        "kind": "exclusion",
        "match": {"forms": _GK_CITY, "nominee_unit_kinds": _COMMUNE_WARD},
        "excluded_by_forms": ["co_thi_dua_tinh", "bang_khen_chu_tich_tinh"],
        "upward": True,
        "label": "Giấy khen của Chủ tịch UBND thành phố",
        "description": "không là đơn vị được đề nghị Tỉnh khen trong Đợt thi đua này",
        "source": "Tặng 02 xã, 03 phường tiêu biểu (không là đơn vị được đề nghị Tỉnh khen "
        "trong Đợt thi đua này)",
    },
    {
        "id": "004_gk_xa_phuong",
        "kind": "quota",
        "scope": "per_nominee_kind",
        "match": {"forms": _GK_CITY, "nominee_unit_kinds": _COMMUNE_WARD},
        "max_by_kind": {"commune": 2, "ward": 3},
        "label_by_kind": {"commune": "xã", "ward": "phường"},
        "label": "xã, phường",
        "description": "Giấy khen của Chủ tịch UBND thành phố tặng 02 xã, 03 phường tiêu biểu",
        "source": "Tặng 02 xã, 03 phường tiêu biểu",
    },
    {
        "id": "004_gk_thon",
        "kind": "quota",
        "scope": "per_proposer",
        "match": {
            "forms": _GK_CITY,
            "proposer_kinds": _COMMUNE_WARD,
            "nominee_unit_kinds": ["village", "residential_group"],
        },
        "max": 1,
        "label": "thôn, tổ dân phố",
        "description": "mỗi xã, phường lựa chọn 01 thôn, tổ dân phố tiêu biểu nhất",
        "source": "mỗi xã, phường lựa chọn 01 thôn, tổ dân phố tiêu biểu nhất có nhiều đóng góp "
        "trong đợt thi đua",
    },
    {
        "id": "004_gk_don_vi",
        "kind": "quota",
        "scope": "total",
        "match": {
            "forms": _GK_CITY,
            "nominee_unit_kinds": [
                "party",
                "mass_org",
                "department",
                "public_service",
                "military",
                "police",
            ],
        },
        "max": 10,
        "label": "đơn vị",
        "description": "Giấy khen của Chủ tịch UBND thành phố tặng 10 đơn vị tiêu biểu thuộc Ban "
        "Đảng, đoàn thể, UBMTTQ, cơ quan, đơn vị lực lượng vũ trang thành phố",
        "source": "Tặng cho 10 đơn vị (được giao chủ trì, phối hợp) tiêu biểu trong tham gia Nghị "
        "quyết, Chương trình, Đề án trọng tâm giai đoạn 2020 – 2025",
    },
    {
        "id": "004_gk_htx_dn",
        "kind": "quota",
        "scope": "per_nominee_kind",
        "match": {"forms": _GK_CITY, "nominee_unit_kinds": ["coop", "enterprise"]},
        "max_by_kind": {"coop": 2, "enterprise": 3},
        "label_by_kind": {"coop": "hợp tác xã", "enterprise": "doanh nghiệp"},
        "label": "hợp tác xã, doanh nghiệp",
        "description": "Giấy khen của Chủ tịch UBND thành phố tặng 02 hợp tác xã, 03 doanh "
        "nghiệp tiêu biểu",
        "source": "Tặng 02 Hợp tác xã, 03 doanh nghiệp tiêu biểu trên địa bàn thành phố",
    },
]

#: Seed id → the rule list encoding that seed plan's quotas and conditions.
SEED_RULES: dict[str, list[dict]] = {"000": SEED_000, "001": SEED_001, "004": SEED_004}


class SeedRulesMissing(RuntimeError):
    """The rules the importer mapped from a seed plan miss some of the seed's rules."""

    def __init__(self, seed: str, missing: list[str]):
        super().__init__(
            f"Kế hoạch mẫu {seed}: bộ nhập không trích xuất được {len(missing)} quy tắc số lượng: "
            + ", ".join(missing)
        )
        self.seed = seed
        self.missing = missing
