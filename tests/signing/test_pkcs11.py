"""Keys on a PKCS#11 token (SoftHSM2 in a temporary directory): signing, wrong PIN, token
absent, and nothing half-signed when the second signature fails."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from thidua.awards import services as s
from thidua.awards.errors import DecisionError
from thidua.awards.models import DecisionStatus
from thidua.signing import appearance, services, trust
from thidua.signing.errors import SigningRefused

from .conftest import CHAIRMAN_NAME, PIN, add_p12


def _token_credential(users, chairman_cert, token, pin=""):
    return services.register_pkcs11(
        kind="personal",
        owner=users["chairman"],
        library=token["library"],
        token=token["token"],
        key_label=token["key"],
        certificate=chairman_cert.cert_pem(),
        chain=chairman_cert.chain_pem(),
        pin=pin,
        image=appearance.demo_signature_png(CHAIRMAN_NAME),
        actor=None,
    )


@pytest.fixture
def token_keys(org, users, trusted, chairman_cert, city_cert, token):
    return {
        "chairman": _token_credential(users, chairman_cert, token),
        "city": add_p12(org["city"], city_cert, kind="unit"),
    }


def test_chairman_signs_with_the_key_on_the_token(draft, users, token_keys):
    assert services.needs_pin(users["chairman"])
    s.sign(draft, users["chairman"], pin=PIN)
    draft.refresh_from_db()
    with draft.pdf.open("rb") as fh:
        signatures = PdfFileReader(io.BytesIO(fh.read())).embedded_signatures
    first = validate_pdf_signature(signatures[0], trust.validation_context())
    assert first.bottom_line and first.signing_cert.subject.native["common_name"] == CHAIRMAN_NAME
    assert draft.status == DecisionStatus.SIGNED


def test_wrong_pin_refused_and_decision_stays_a_draft(draft, users, token_keys):
    with pytest.raises(DecisionError, match="Mã PIN của thiết bị ký số không đúng"):
        s.sign(draft, users["chairman"], pin="000000")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and not draft.pdf and draft.number is None


def test_missing_pin_asked_for(draft, users, token_keys):
    with pytest.raises(DecisionError, match="Xin nhập mã PIN"):
        s.sign(draft, users["chairman"])


def test_token_absent_refused(draft, users, org, trusted, chairman_cert, city_cert, token):
    """The credential names a token that is not plugged in (no slot carries its label)."""
    _token_credential(users, chairman_cert, dict(token, token="token-cua-chu-tich"))
    add_p12(org["city"], city_cert, kind="unit")
    with pytest.raises(DecisionError, match="Không tìm thấy thiết bị ký số"):
        s.sign(draft, users["chairman"], pin=PIN)
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and not draft.pdf


def test_organisation_signature_failing_leaves_nothing_signed(
    draft, users, org, trusted, chairman_cert, city_cert, token, settings
):
    """The chairman's signature succeeds; the city's seal, on the token with a wrong stored
    PIN, fails: the decision stays an unsigned draft and no file is written."""
    from pathlib import Path

    add_p12(users["chairman"], chairman_cert, kind="personal")
    services.register_pkcs11(
        kind="unit",
        owner=org["city"],
        library=token["library"],
        token=token["token"],
        key_label=token["key"],
        certificate=city_cert.cert_pem(),
        chain=city_cert.chain_pem(),
        pin="999999",
        image=appearance.demo_seal_png(org["city"].name),
        actor=None,
    )
    with pytest.raises(DecisionError, match="Mã PIN"):
        s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and draft.number is None and not draft.pdf
    assert list(Path(settings.MEDIA_ROOT).rglob("*.pdf")) == []


def test_key_missing_on_the_token(users, chairman_cert, token, trusted):
    credential = _token_credential(users, chairman_cert, dict(token, key="khong-co"), pin=PIN)
    source = services.key_source(credential)
    with pytest.raises(SigningRefused, match="không có khóa"), source.open():
        pass


def test_decision_page_asks_the_pin_and_signs_with_it(draft, users, token_keys, client_for):
    from django.urls import reverse

    chairman = client_for("chairman")
    page = chairman.get(reverse("awards:decision", args=[draft.pk])).content.decode()
    assert 'name="pin"' in page and "Ký ban hành, cấp số (ký số)" in page
    wrong = chairman.post(
        reverse("awards:decision_sign", args=[draft.pk]), {"pin": "111111"}, follow=True
    )
    assert "Mã PIN của thiết bị ký số không đúng" in wrong.content.decode()
    chairman.post(reverse("awards:decision_sign", args=[draft.pk]), {"pin": PIN})
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and s.is_digitally_signed(draft)
    page = chairman.get(reverse("awards:decision", args=[draft.pk])).content.decode()
    assert "Có chữ ký số" in page and 'name="pin"' not in page
