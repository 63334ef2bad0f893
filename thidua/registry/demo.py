"""Demo data of the registry: print layouts of the City of Bắc Kạn, serials for the demo's
signed decisions. Idempotent; needs `thidua.org.demo` (and decisions from awards.demo)."""

from thidua.awards.models import Decision, DecisionStatus
from thidua.org.models import Unit

from .models import CertificateLayout, FormKind
from .services import ensure_certificates


def load(stdout=None) -> dict:
    city = Unit.objects.filter(code="TP_BK").first()
    province = Unit.objects.filter(code="T_BK").first()
    made = 0
    for issuer, kind, use_blank in (
        (city, FormKind.GIAY_KHEN, False),
        (city, FormKind.BANG_CHUNG_NHAN, True),
        (province, FormKind.BANG_KHEN, False),
    ):
        if issuer is None:
            continue
        _, created = CertificateLayout.objects.get_or_create(
            issuer=issuer, form_kind=kind, defaults={"use_blank": use_blank}
        )
        made += created
    numbered = sum(
        ensure_certificates(d) for d in Decision.objects.filter(status=DecisionStatus.SIGNED)
    )
    if stdout is not None:
        stdout.write(
            f"Sổ khen thưởng: {made} mẫu in mới, {numbered} giấy khen được cấp số vào sổ.\n"
        )
    return {"layouts": made, "numbered": numbered}
