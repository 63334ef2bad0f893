"""Choices of the organisation model."""

from django.db import models

from .ethnic import groups as ethnic_groups


class UnitKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố trực thuộc TW"
    CITY = "city", "Huyện, thị xã, thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    VILLAGE = "village", "Thôn, bản"
    RESIDENTIAL_GROUP = "residential_group", "Tổ dân phố"
    DEPARTMENT = "department", "Cơ quan chuyên môn (sở, phòng)"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp công lập"
    SCHOOL = "school", "Trường học"
    HEALTH = "health", "Cơ sở y tế"
    POLICE = "police", "Công an"
    MILITARY = "military", "Quân sự"
    MASS_ORG = "mass_org", "Tổ chức chính trị - xã hội, hội"
    PARTY = "party", "Cơ quan Đảng"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    COOP = "coop", "Hợp tác xã"
    VERTICAL = "vertical", "Cơ quan ngành dọc"
    TEAM = "team", "Tổ, đội, phòng (tập thể nhỏ)"


# Units whose People's Committee grants awards and runs campaigns.
AUTHORITY_KINDS = {UnitKind.PROVINCE, UnitKind.CITY, UnitKind.COMMUNE, UnitKind.WARD}
LOCALITY_KINDS = {UnitKind.COMMUNE, UnitKind.WARD}
VILLAGE_KINDS = {UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP}
SMALL_COLLECTIVE_KINDS = {UnitKind.TEAM, UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP}


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class PersonCategory(models.TextChoices):
    CAN_BO = "can_bo", "Cán bộ"
    CONG_CHUC = "cong_chuc", "Công chức"
    VIEN_CHUC = "vien_chuc", "Viên chức"
    NGUOI_LAO_DONG = "nguoi_lao_dong", "Người lao động"
    CHIEN_SI = "chien_si", "Chiến sĩ lực lượng vũ trang"
    CONG_NHAN = "cong_nhan", "Công nhân"
    NONG_DAN = "nong_dan", "Nông dân"
    DOANH_NHAN = "doanh_nhan", "Doanh nhân"
    GIAO_VIEN = "giao_vien", "Giáo viên"
    HOC_SINH = "hoc_sinh", "Học sinh"
    NGUOI_DAN = "nguoi_dan", "Người dân"


# Categories that count as direct workers (người lao động trực tiếp) by default.
DIRECT_WORKER_CATEGORIES = {
    PersonCategory.CONG_NHAN,
    PersonCategory.NONG_DAN,
    PersonCategory.CHIEN_SI,
    PersonCategory.NGUOI_LAO_DONG,
}


class HouseholdCategory(models.TextChoices):
    POLICY_FAMILY = "gia_dinh_chinh_sach", "Gia đình chính sách"
    OUT_OF_POVERTY = "ho_thoat_ngheo", "Hộ thoát nghèo"
    GOOD_FARMING = "ho_san_xuat_gioi", "Hộ sản xuất kinh doanh giỏi"
    CULTURAL_FAMILY = "gia_dinh_van_hoa", "Gia đình văn hóa"
    OTHER = "khac", "Hộ gia đình khác"


class BlockLevel(models.TextChoices):
    DISTRICT = "district", "Khối cơ quan, đơn vị"
    COMMUNE = "commune", "Khối xã, phường"
    ENTERPRISE = "enterprise", "Khối doanh nghiệp"
    CLUSTER = "cluster", "Cụm thi đua"


class CouncilRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    DEPUTY = "deputy", "Phó Chủ tịch Hội đồng"
    STANDING = "standing", "Ủy viên thường trực"
    MEMBER = "member", "Ủy viên"


# The 54 groups of Quyết định 121-TCTK/PPCĐ in the official order (thidua/org/ethnic.py,
# data/ethnic_groups.json with the other names: "H'Mông" is stored "Mông").
ETHNICITIES = [g["name"] for g in ethnic_groups()]
