"""API authentication: bearer tokens (hashed at rest) or the browser session with CSRF."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from thidua.core import audit
from thidua.core.models import ApiToken

#: Keys a user may hold at once (each one is a way into their data).
MAX_TOKENS = 10


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        row = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if row is None or not row.user.is_active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


AUTH = [TokenAuth(), SessionAuth()]


@transaction.atomic
def issue_token(user, name: str) -> tuple[ApiToken, str]:
    """A new key for `user`, named by them; the key itself is returned once and only its
    SHA-256 is kept. Audited (the name and prefix, never the key)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("Đặt tên cho khóa (ví dụ: “Phần mềm kế toán”).")
    if len(name) > 100:
        raise ValidationError("Tên khóa tối đa 100 ký tự.")
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS:
        raise ValidationError(
            f"Mỗi tài khoản giữ tối đa {MAX_TOKENS} khóa API; thu hồi khóa không dùng trước."
        )
    token, key = ApiToken.issue(user, name)
    audit.record(token, "api.token.issued", user, data={"name": name, "prefix": token.prefix})
    return token, key


@transaction.atomic
def revoke_token(user, token_id: int) -> ApiToken:
    """Revoke one of `user`'s own keys (another user's key does not exist for them)."""
    token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
    if token is None:
        raise ApiToken.DoesNotExist
    audit.record(
        token, "api.token.revoked", user, data={"name": token.name, "prefix": token.prefix}
    )
    token.delete()
    return token
