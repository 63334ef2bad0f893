"""API authentication: bearer tokens (hashed at rest) or the browser session with CSRF."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from thidua.core.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        row = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if row is None or not row.user.is_active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


AUTH = [TokenAuth(), SessionAuth()]
