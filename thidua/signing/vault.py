"""Secrets of signing credentials (a PKCS#12 file and its password, a token PIN) are kept
encrypted with a key from the environment: THIDUA_SIGNING_KEY, or SECRET_KEY when it is
not set. Nothing decrypts them except the signing service; no page or API returns them."""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from .errors import SigningRefused


def _fernet() -> Fernet:
    secret = getattr(settings, "THIDUA_SIGNING_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(b"thidua-signing-vault:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(data: dict) -> bytes:
    """Encrypt a small dict of secrets (bytes values are base64-encoded)."""
    plain = {
        k: {"b64": base64.b64encode(v).decode()} if isinstance(v, bytes) else v
        for k, v in data.items()
    }
    return _fernet().encrypt(json.dumps(plain).encode())


def unseal(token: bytes) -> dict:
    try:
        plain = json.loads(_fernet().decrypt(bytes(token)))
    except InvalidToken as exc:
        raise SigningRefused(
            "Không giải mã được khóa ký số đã lưu: khóa mã hóa (THIDUA_SIGNING_KEY) đã thay "
            "đổi; quản trị cần nạp lại chứng thư số."
        ) from exc
    return {
        k: base64.b64decode(v["b64"]) if isinstance(v, dict) and "b64" in v else v
        for k, v in plain.items()
    }
