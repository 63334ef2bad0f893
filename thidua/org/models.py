"""Organisation: units (a tree that changes over time), persons, households, blocks, roles."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.core.permissions import ScopedQuerySet
from thidua.core.roles import Role
from thidua.core.text import fold, given_name, name_sort_key

from .enums import (
    DIRECT_WORKER_CATEGORIES,
    BlockLevel,
    CouncilRole,
    Gender,
    HouseholdCategory,
    PersonCategory,
    UnitKind,
)
from .ethnic import FOREIGNER, official_name, validate_ethnicity


class UnitQuerySet(ScopedQuerySet):
    scope_unit_lookup = ""

    def active(self, on: date | None = None):
        on = on or date.today()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def search(self, query: str):
        return self.filter(search_text__contains=fold(query)) if query else self


class Unit(models.Model):
    """Any organisation. `path` (ids from the root, dot-terminated) makes subtree queries
    one indexed prefix match on every database."""

    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    code = models.CharField("mã", max_length=40, unique=True)
    kind = models.CharField("loại", max_length=30, choices=UnitKind.choices)
    tags = models.JSONField("nhãn", default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="đơn vị kế thừa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    is_authority = models.BooleanField("cấp chính quyền (phát động, khen thưởng)", default=False)
    doc_abbreviation = models.CharField("viết tắt trong số ký hiệu", max_length=30, blank=True)
    place_name = models.CharField("địa danh ghi trên văn bản", max_length=80, blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    search_text = models.CharField(max_length=400, db_index=True, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent else ''}{self.pk:07d}."
        new_depth = self.parent.depth + 1 if self.parent else 0
        if new_path != self.path:
            old = self.path
            Unit.objects.filter(pk=self.pk).update(path=new_path, depth=new_depth)
            self.path, self.depth = new_path, new_depth
            if old:
                for child in Unit.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    child.save(update_fields=["path", "depth"])

    def is_active(self, on: date | None = None) -> bool:
        on = on or date.today()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def authority(self) -> "Unit":
        """The nearest unit (self included) whose People's Committee grants awards."""
        node = self
        while node is not None and not node.is_authority:
            node = node.parent
        return node or self

    def ancestors(self) -> models.QuerySet:
        ids = [int(p) for p in self.path.strip(".").split(".") if p]
        return Unit.objects.filter(pk__in=ids).order_by("depth")

    def lineage_paths(self) -> list[str]:
        """Paths of this unit and of every unit merged into it, recursively."""
        paths, seen, todo = [], set(), [self]
        while todo:
            unit = todo.pop()
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            paths.append(unit.path)
            todo.extend(unit.predecessors.all())
        return paths

    def subtree(self) -> models.QuerySet:
        q = Q()
        for p in self.lineage_paths():
            q |= Q(path__startswith=p)
        return Unit.objects.filter(q)


class UnitMerge(models.Model):
    """Units A, B… became C on a date; the old units stay, found under C."""

    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="merges_in")
    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="merges_out")
    effective_date = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "sáp nhập đơn vị"
        verbose_name_plural = "sáp nhập đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["predecessor"], name="unit_merged_once"),
        ]


class PersonQuerySet(ScopedQuerySet):
    scope_unit_lookup = "unit"

    def search(self, query: str):
        return self.filter(search_text__contains=fold(query)) if query else self

    def vietnamese_order(self):
        return self.order_by("sort_key", "pk")


class Person(models.Model):
    """One record per human; matched by citizen ID or personnel code, never duplicated."""

    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    ethnicity = models.CharField(
        "dân tộc", max_length=40, default="Kinh", validators=[validate_ethnicity]
    )
    category = models.CharField("đối tượng", max_length=20, choices=PersonCategory.choices)
    position = models.CharField("chức vụ", max_length=160, blank=True)
    is_direct_worker = models.BooleanField("người lao động trực tiếp", default=False)
    citizen_id = models.CharField("số CCCD", max_length=12, null=True, blank=True, unique=True)
    personnel_code = models.CharField(
        "mã cán bộ", max_length=30, null=True, blank=True, unique=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="persons"
    )
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    sort_key = models.CharField(max_length=255, db_index=True, editable=False, default="")
    search_text = models.CharField(max_length=255, db_index=True, editable=False, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"
        ordering = ["sort_key", "pk"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = " ".join(self.full_name.split())
        self.ethnicity = official_name(self.ethnicity) or self.ethnicity
        self.sort_key = name_sort_key(self.full_name)
        self.search_text = fold(self.full_name)
        if self.citizen_id == "":
            self.citizen_id = None
        if self.personnel_code == "":
            self.personnel_code = None
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"sort_key", "search_text"}
        super().save(*args, **kwargs)

    @property
    def given_name(self) -> str:
        return given_name(self.full_name)

    @property
    def is_ethnic_minority(self) -> bool:
        return (official_name(self.ethnicity) or self.ethnicity) not in ("Kinh", FOREIGNER)

    @staticmethod
    def default_direct_worker(category: str) -> bool:
        return category in DIRECT_WORKER_CATEGORIES


class Membership(models.Model):
    """A person's place in a unit over time (transfers keep their history)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField("chức vụ", max_length=160, blank=True)
    start = models.DateField("từ ngày", null=True, blank=True)
    end = models.DateField("đến ngày", null=True, blank=True)

    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["person", "start"]


class HouseholdQuerySet(ScopedQuerySet):
    scope_unit_lookup = "unit"


class Household(models.Model):
    head_name = models.CharField("chủ hộ", max_length=120)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="thôn, tổ dân phố", on_delete=models.PROTECT, related_name="households"
    )
    category = models.CharField(
        "loại hộ", max_length=30, choices=HouseholdCategory.choices, default=HouseholdCategory.OTHER
    )
    ethnicity = models.CharField(
        "dân tộc", max_length=40, default="Kinh", validators=[validate_ethnicity]
    )
    search_text = models.CharField(max_length=255, db_index=True, editable=False, default="")

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"
        ordering = ["head_name"]

    def __str__(self) -> str:
        return f"Hộ {self.head_name}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.head_name} {self.address}")
        super().save(*args, **kwargs)


def blocks_of_members_and_heads(scope, action: str):
    """Scope rule: a unit sees (and, with a changing role, acts in) the blocks it is a
    member of; the head of a block reads the blocks it heads."""
    memberships = BlockMember.objects.filter(scope.q("unit", action))
    condition = Q(pk__in=memberships.values("block_id"))
    if action == "view":
        condition |= Q(pk__in=scope.block_ids)
    return condition


class Block(models.Model):
    """A yearly emulation block (khối) or cluster (cụm) of an authority."""

    authority = models.ForeignKey(
        Unit, verbose_name="cấp tổ chức", on_delete=models.PROTECT, related_name="blocks"
    )
    year = models.PositiveSmallIntegerField("năm")
    name = models.CharField("tên khối", max_length=200)
    level = models.CharField(
        "loại khối", max_length=20, choices=BlockLevel.choices, default=BlockLevel.DISTRICT
    )
    head = models.ForeignKey(
        Unit,
        verbose_name="trưởng khối",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        Unit,
        verbose_name="phó khối",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.with_lookup("authority", blocks_of_members_and_heads).as_manager()

    class Meta:
        verbose_name = "khối thi đua"
        verbose_name_plural = "khối thi đua"
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "name"], name="block_unique_name_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class BlockMember(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="block_memberships")

    class Meta:
        verbose_name = "thành viên khối"
        verbose_name_plural = "thành viên khối"
        constraints = [models.UniqueConstraint(fields=["block", "unit"], name="block_member_once")]


class CouncilMember(models.Model):
    """A member of an authority's Hội đồng Thi đua - Khen thưởng."""

    authority = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="council_members")
    full_name = models.CharField("họ và tên", max_length=120)
    title = models.CharField("chức vụ", max_length=200, blank=True)
    role = models.CharField(
        "vai trò", max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    heads_unit = models.ForeignKey(
        Unit,
        verbose_name="đứng đầu đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    blocks = models.ManyToManyField(
        Block, blank=True, related_name="monitors", verbose_name="khối được phân công theo dõi"
    )

    objects = ScopedQuerySet.with_lookup("authority").as_manager()

    class Meta:
        verbose_name = "thành viên Hội đồng TĐKT"
        verbose_name_plural = "thành viên Hội đồng TĐKT"
        ordering = ["authority", "role", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.get_role_display()}"


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    # Written only through `thidua.org.roles_service` (grant_role / revoke_role).
    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="role_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
