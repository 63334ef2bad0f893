"""The registry demo step is idempotent and numbers the certificates of signed decisions."""

from thidua.org.enums import UnitKind
from thidua.org.models import Unit
from thidua.registry import demo
from thidua.registry.models import Certificate, CertificateLayout


def test_demo_load_is_idempotent(org, signed):
    Unit.objects.create(
        code="TP_BK", name="Thành phố Bắc Kạn", kind=UnitKind.CITY, is_authority=True
    )
    assert demo.load() == {"layouts": 2, "numbered": 3}
    assert demo.load() == {"layouts": 0, "numbered": 0}
    assert CertificateLayout.objects.count() == 2 and Certificate.objects.count() == 3
