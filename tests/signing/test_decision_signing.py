"""Signing a decision: the chairman's signature, then the city's, both PAdES, checked with
pyHanko's validator against the CA generated in the test run."""

import io

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from thidua.awards import services as s
from thidua.awards.models import DecisionStatus
from thidua.signing import trust

from .conftest import CHAIRMAN_NAME, ISSUER_NAME


def _signed(draft, users):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    with draft.pdf.open("rb") as fh:
        return fh.read()


def test_signed_decision_carries_the_chairmans_then_the_citys_signature(draft, users, keys):
    pdf = _signed(draft, users)
    assert draft.status == DecisionStatus.SIGNED and s.is_digitally_signed(draft)
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert [sig.field_name for sig in signatures] == [
        "ChuKyNguoiCoThamQuyen",
        "ChuKyCoQuanToChuc",
    ]
    statuses = [validate_pdf_signature(sig, trust.validation_context()) for sig in signatures]
    assert all(st.bottom_line and st.intact and st.valid and st.trusted for st in statuses)
    names = [st.signing_cert.subject.native["common_name"] for st in statuses]
    assert names == [CHAIRMAN_NAME, ISSUER_NAME]
    assert statuses[1].coverage.name == "ENTIRE_FILE"


def _files(settings):
    from pathlib import Path

    return sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def _unchanged(draft):
    from thidua.awards.models import Award

    draft.refresh_from_db()
    return (
        draft.status == DecisionStatus.DRAFT
        and draft.number is None
        and not draft.pdf
        and (not Award.objects.filter(decision=draft).exists())
    )


def test_one_changed_byte_breaks_the_signatures(draft, users, keys):
    from thidua.signing.verify import check_pdf

    pdf = bytearray(_signed(draft, users))
    assert check_pdf(bytes(pdf)).valid
    at = pdf.index(b"stream") + 40  # inside the first page's content, covered by both
    pdf[at] = pdf[at] ^ 0x01
    report = check_pdf(bytes(pdf))
    assert not report.valid and len(report.signatures) == 2
    assert all(not sig.intact for sig in report.signatures)
    assert "bị thay đổi" in " ".join(report.signatures[0].problems)


def test_expired_personal_certificate_refused_and_nothing_signed(draft, users, keys, ca, settings):
    from datetime import UTC, datetime, timedelta

    from thidua.awards.errors import DecisionError

    from .conftest import store_raw

    expired = ca.issue(CHAIRMAN_NAME, days=30, not_before=datetime.now(UTC) - timedelta(days=60))
    keys["chairman"].delete()
    store_raw(users["chairman"], expired, kind="personal")
    import pytest

    with pytest.raises(DecisionError, match="đã hết hạn ngày"):
        s.sign(draft, users["chairman"])
    assert _unchanged(draft) and _files(settings) == []


def test_revoked_certificate_refused(draft, users, keys, ca, settings, tmp_path, chairman_cert):
    import pytest

    from thidua.awards.errors import DecisionError
    from thidua.signing.democa import DemoCA

    own_ca = DemoCA.create("thidua TEST Revoking CA")
    revoked = own_ca.issue(CHAIRMAN_NAME)
    own_ca.revoke(revoked.cert)
    (tmp_path / "roots" / "revoking.pem").write_text(own_ca.root_pem())
    crl = tmp_path / "sub.crl"
    crl.write_bytes(own_ca.crl_der())
    settings.THIDUA_SIGNING_CRLS = str(crl)
    from .conftest import add_p12

    keys["chairman"].delete()
    add_p12(users["chairman"], revoked, kind="personal")
    with pytest.raises(DecisionError, match="đã bị thu hồi"):
        s.sign(draft, users["chairman"])
    assert _unchanged(draft) and _files(settings) == []


def test_retired_credential_refused(draft, users, keys):
    import pytest

    from thidua.awards.errors import DecisionError
    from thidua.signing import services as signing

    signing.retire(keys["city"], None, "Mất thiết bị ký số")
    with pytest.raises(DecisionError, match="chưa có chứng thư số của cơ quan"):
        s.sign(draft, users["chairman"])
    assert _unchanged(draft)


def test_certificate_of_another_person_refused(draft, users, keys, ca):
    import pytest

    from thidua.awards.errors import DecisionError

    from .conftest import add_p12

    keys["chairman"].delete()
    add_p12(users["chairman"], ca.issue("Hoàng Văn Khác", ISSUER_NAME), kind="personal")
    with pytest.raises(DecisionError, match="không phải của người ký Nông Văn Cường"):
        s.sign(draft, users["chairman"])
    assert _unchanged(draft)


def test_certificate_from_an_untrusted_ca_refused(draft, users, keys):
    import pytest

    from thidua.awards.errors import DecisionError
    from thidua.signing.democa import DemoCA

    from .conftest import add_p12

    stranger = DemoCA.create("Untrusted Root CA").issue(CHAIRMAN_NAME)
    keys["chairman"].delete()
    add_p12(users["chairman"], stranger, kind="personal")
    with pytest.raises(DecisionError, match="không do tổ chức chứng thực tin cậy cấp"):
        s.sign(draft, users["chairman"])
    assert _unchanged(draft)


def test_required_signing_without_credentials_refuses(draft, users, settings, trusted):
    import pytest

    from thidua.awards.errors import DecisionError

    settings.THIDUA_SIGNING_REQUIRED = True
    with pytest.raises(DecisionError, match="chưa có chứng thư số của cơ quan"):
        s.sign(draft, users["chairman"])
    assert _unchanged(draft) and _files(settings) == []


def test_without_any_credential_and_not_required_signing_stays_as_before(draft, users, settings):
    settings.THIDUA_SIGNING_REQUIRED = False
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and not s.is_digitally_signed(draft)


def test_failure_after_the_file_is_written_removes_it(draft, users, keys, settings, monkeypatch):
    """Nothing half-signed: the audit of the move fails after the signed PDF was stored."""
    import pytest

    from thidua.awards import services

    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "transition", boom)
    with pytest.raises(RuntimeError):
        s.sign(draft, users["chairman"])
    assert _unchanged(draft) and _files(settings) == []


def test_signed_pdf_is_served_as_stored_never_rendered_again(draft, users, keys, monkeypatch):
    from thidua.awards import documents

    pdf = _signed(draft, users)
    monkeypatch.setattr(documents, "docx_to_pdf", lambda *_: b"re-rendered")
    assert documents.decision_pdf(draft) == pdf


def test_timestamp_authority_adds_a_timestamp_and_validation_data(
    draft, users, keys, ca, settings, monkeypatch
):
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    from thidua.signing import services as signing
    from thidua.signing.verify import check_pdf

    tsa = ca.issue("thidua TEST TSA", "thidua", timestamping=True)
    stamper = DummyTimeStamper(
        tsa_cert=_asn1(tsa.cert), tsa_key=_asn1_key(tsa), certs_to_embed=_store(tsa.chain)
    )
    settings.THIDUA_SIGNING_TSA_URL = "http://tsa.test/"
    monkeypatch.setattr(signing, "make_timestamper", lambda url: stamper)
    pdf = _signed(draft, users)
    report = check_pdf(pdf)
    assert report.valid and all(sig.timestamped for sig in report.signatures)
    assert b"/DSS" in pdf  # validation data embedded (LTV)


def _asn1(cert):
    from asn1crypto import x509
    from cryptography.hazmat.primitives import serialization

    return x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(issued):
    from asn1crypto import keys

    return keys.PrivateKeyInfo.load(issued.key_pkcs8_der())


def _store(chain):
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return SimpleCertificateStore.from_certs([_asn1(c) for c in chain])
