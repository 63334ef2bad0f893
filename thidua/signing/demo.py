"""Demo signing keys (idempotent): a throw-away CA generated on the spot issues the chairman's
personal certificate (chutich) and the City of Bắc Kạn's, loaded as PKCS#12 credentials
marked DEMO, so that `make run` signs decisions digitally. The certificates say "DEMO" in
their organisation and the seal image says "DEMO"; the demo root is trusted only outside
production (THIDUA_SIGNING_TRUST_DEMO). Runs before the demo decision is signed."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model

from thidua.org.models import Unit

from . import appearance, services
from .democa import DemoCA
from .models import SigningCredential

UNIT_CODE = "TP_BK"
CHAIRMAN = ("chutich", "Nông Văn Cường")
DEMO_ORG = "DEMO - khóa trình diễn thidua, không có giá trị pháp lý"


def load(stdout=None) -> None:
    unit = Unit.objects.filter(code=UNIT_CODE).first()
    user = get_user_model().objects.filter(username=CHAIRMAN[0]).first()
    if unit is None or user is None or SigningCredential.objects.filter(demo=True).exists():
        return
    ca = DemoCA.create("thidua DEMO Root CA")
    organisation = services.organisation_name(unit)
    password = secrets.token_urlsafe(12)
    person = ca.issue(CHAIRMAN[1], DEMO_ORG)
    seal = ca.issue(organisation, DEMO_ORG)
    services.register_pkcs12(
        kind="personal",
        owner=user,
        data=person.pkcs12(password),
        password=password,
        image=appearance.demo_signature_png(CHAIRMAN[1]),
        actor=None,
        demo=True,
    )
    services.register_pkcs12(
        kind="unit",
        owner=unit,
        data=seal.pkcs12(password),
        password=password,
        image=appearance.demo_seal_png(organisation),
        actor=None,
        demo=True,
    )
    if stdout:
        stdout.write(
            f"Khóa ký số trình diễn (DEMO): {CHAIRMAN[1]} và {organisation}, do CA trình diễn cấp."
        )
