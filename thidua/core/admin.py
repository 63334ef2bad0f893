from django.contrib import admin

from .models import ApiToken, AuditEvent
from .permissions import scope_for


def _system_administrator(request) -> bool:
    """Django admin is reserved to the system administrator.

    The admin edits rows by id across every unit and writes role assignments and the
    national legal tables; scoping each ModelAdmin by the unit tree would duplicate the
    permission layer with room for gaps. The standing body works in the scoped pages
    (persons, units, blocks, and "Phân quyền" for roles, through `grant_role`).
    """
    user = request.user
    return bool(user.is_active and user.is_staff and scope_for(user).is_global)


admin.site.has_permission = _system_administrator


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "object_repr", "from_state", "to_state")
    list_filter = ("action",)
    search_fields = ("object_repr", "reason")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    readonly_fields = ("key_hash", "prefix")

    def has_add_permission(self, request):
        # Keys are issued by their user on the profile page (/tai-khoan/), shown once there.
        return False
