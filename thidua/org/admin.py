from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied

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
from .roles_service import check_grant, grant_role, revoke_role, validate_assignment


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


class RoleAssignmentForm(forms.ModelForm):
    actor = None  # set per request by RoleAssignmentAdmin.get_form

    class Meta:
        model = RoleAssignment
        fields = ("user", "unit", "role", "valid_from", "valid_to")

    def clean(self):
        data = super().clean()
        user, unit, role = data.get("user"), data.get("unit"), data.get("role")
        if user and unit and role:
            try:
                check_grant(self.actor, user, role, unit)
            except PermissionDenied as exc:
                raise forms.ValidationError(str(exc)) from exc
            validate_assignment(user, role, unit, data.get("valid_from"), data.get("valid_to"))
        return data


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Roles are granted and revoked through `roles_service` (rule + audit), never edited:
    a change is a revoke and a new grant."""

    form = RoleAssignmentForm
    list_display = ("user", "role", "unit", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name", "unit__code")
    raw_id_fields = ("user", "unit")

    def has_change_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        assignment = grant_role(
            request.user,
            obj.user,
            obj.role,
            obj.unit,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
        )
        obj.pk = assignment.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        revoke_role(request.user, obj)

    def delete_queryset(self, request, queryset):
        for assignment in queryset:
            revoke_role(request.user, assignment)
