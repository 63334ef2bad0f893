from django.contrib import admin

from .models import (
    Block,
    BlockMember,
    CouncilMember,
    Household,
    Membership,
    Person,
    RoleAssignment,
    Unit,
    UnitMerge,
)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("kind", "is_authority")
    search_fields = ("name", "code", "search_text")
    raw_id_fields = ("parent", "successor")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("unit",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "gender", "category", "unit", "citizen_id")
    list_filter = ("category", "gender")
    search_fields = ("search_text", "citizen_id", "personnel_code")
    raw_id_fields = ("unit",)
    inlines = [MembershipInline]


class BlockMemberInline(admin.TabularInline):
    model = BlockMember
    extra = 0
    raw_id_fields = ("unit",)


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "authority", "head", "deputy")
    list_filter = ("year", "level")
    inlines = [BlockMemberInline]
    raw_id_fields = ("authority", "head", "deputy")


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "role", "title", "authority", "user")
    filter_horizontal = ("blocks",)


admin.site.register(Household)
admin.site.register(UnitMerge)
admin.site.register(RoleAssignment)
