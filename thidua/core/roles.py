"""The roles of DESIGN.md. A user holds roles at units; scoping follows the unit tree."""

from django.db import models


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", "Cán bộ thi đua đơn vị"
    UNIT_HEAD = "unit_head", "Thủ trưởng đơn vị"
    BLOCK_HEAD = "block_head", "Trưởng khối thi đua"
    STANDING_BODY = "standing_body", "Cơ quan thường trực (Nội vụ)"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng TĐKT"
    CHAIRMAN = "chairman", "Chủ tịch UBND / Hội đồng"
    ADMIN = "admin", "Quản trị hệ thống"


# Roles whose scope is the whole subtree of the authority they serve.
AUTHORITY_ROLES = {Role.STANDING_BODY, Role.CHAIRMAN, Role.COUNCIL_MEMBER}
# Roles that may change data of their unit (and its subtree).
EDITOR_ROLES = {Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.STANDING_BODY, Role.ADMIN}
