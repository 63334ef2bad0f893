from django.contrib import admin

from .models import ApiToken, AuditEvent
from .permissions import scope_for


def _staff_with_role(request) -> bool:
    """Django admin is for the standing body and administrators only."""
    user = request.user
    return bool(
        user.is_active and user.is_staff and scope_for(user).has_role("standing_body", "admin")
    )


admin.site.has_permission = _staff_with_role


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
