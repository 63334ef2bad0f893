"""`thidua signing-key`: load, list and retire signing credentials from the command line
(the operator of the server, like `thidua createsuperuser`).

  thidua signing-key add-p12 (--unit CODE | --user USERNAME) FILE.p12 --image PNG
        the password is read from the environment variable named by --password-env
        (default THIDUA_P12_PASSWORD) or asked for, never taken from the command line
  thidua signing-key add-pkcs11 (--unit CODE | --user USERNAME) --library SO --token LABEL
        --key LABEL --cert CERT.pem [--chain CHAIN.pem] --image PNG [--store-pin]
        with --store-pin the PIN is read like the password (THIDUA_TOKEN_PIN) and kept
        encrypted; without it the signer types it when signing
  thidua signing-key list
  thidua signing-key retire ID --reason TEXT
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thidua.org.models import Unit

from ... import services
from ...errors import SigningRefused
from ...models import SigningCredential


def _secret(env_name: str, prompt: str) -> str:
    value = os.environ.get(env_name)
    if value is not None:
        return value
    return getpass.getpass(prompt)


class Command(BaseCommand):
    help = "Nạp, liệt kê, ngừng sử dụng chứng thư số dùng để ký (PKCS#12 hoặc PKCS#11)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("add-p12", "add-pkcs11"):
            p = sub.add_parser(name)
            owner = p.add_mutually_exclusive_group(required=True)
            owner.add_argument("--unit", help="mã đơn vị (chữ ký số của cơ quan)")
            owner.add_argument("--user", help="tên đăng nhập (chữ ký số cá nhân)")
            p.add_argument("--image", required=True, help="hình chữ ký hoặc hình dấu (PNG)")
            if name == "add-p12":
                p.add_argument("file")
                p.add_argument("--password-env", default="THIDUA_P12_PASSWORD")
            else:
                p.add_argument("--library", required=True)
                p.add_argument("--token", required=True)
                p.add_argument("--key", required=True)
                p.add_argument("--cert", required=True)
                p.add_argument("--chain", default="")
                p.add_argument("--store-pin", action="store_true")
                p.add_argument("--pin-env", default="THIDUA_TOKEN_PIN")
        sub.add_parser("list")
        r = sub.add_parser("retire")
        r.add_argument("id", type=int)
        r.add_argument("--reason", required=True)

    def handle(self, action, **opts):
        try:
            if action == "list":
                return self._list()
            if action == "retire":
                credential = SigningCredential.objects.get(pk=opts["id"])
                services.retire(credential, None, opts["reason"])
                self.stdout.write(f"Đã ngừng sử dụng: {credential}")
                return
            kind, owner = self._owner(opts)
            image = Path(opts["image"]).read_bytes()
            if action == "add-p12":
                credential = services.register_pkcs12(
                    kind=kind,
                    owner=owner,
                    data=Path(opts["file"]).read_bytes(),
                    password=_secret(opts["password_env"], "Mật khẩu tệp PKCS#12: "),
                    image=image,
                    actor=None,
                )
            else:
                credential = services.register_pkcs11(
                    kind=kind,
                    owner=owner,
                    library=opts["library"],
                    token=opts["token"],
                    key_label=opts["key"],
                    certificate=Path(opts["cert"]).read_bytes(),
                    chain=Path(opts["chain"]).read_bytes() if opts["chain"] else b"",
                    pin=_secret(opts["pin_env"], "Mã PIN: ") if opts["store_pin"] else "",
                    image=image,
                    actor=None,
                )
        except (SigningRefused, SigningCredential.DoesNotExist, OSError) as exc:
            message = exc.message_text if isinstance(exc, SigningRefused) else str(exc)
            raise CommandError(message) from exc
        self.stdout.write(
            f"Đã nạp chứng thư số #{credential.pk}: {credential.subject}, hiệu lực đến "
            f"{timezone.localtime(credential.not_after):%d/%m/%Y}."
        )

    def _owner(self, opts):
        if opts.get("unit"):
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã {opts['unit']}.")
            return "unit", unit
        user = get_user_model().objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {opts['user']}.")
        return "personal", user

    def _list(self):
        for c in SigningCredential.objects.select_related("unit", "user").order_by("pk"):
            state = "ngừng" if c.revoked_at else ("còn hiệu lực" if c.is_active else "hết hạn")
            demo = " [DEMO]" if c.demo else ""
            self.stdout.write(
                f"#{c.pk} {c.get_kind_display()} · {c.get_source_display()} · {c.subject} · "
                f"đến {timezone.localtime(c.not_after):%d/%m/%Y} · {state}{demo}"
            )
