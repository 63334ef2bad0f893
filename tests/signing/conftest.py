"""Signing fixtures: a CA generated in the test run (root → intermediate → end entity), a
SoftHSM2 token in a temporary directory, and a council-approved draft decision."""

from datetime import date

import pytest

from tests.council.seed000 import approved_session, campaign, council, dossiers  # noqa: F401


@pytest.fixture
def draft(approved_session, users):  # noqa: F811 — the imported fixture
    from thidua.awards import services as s

    return s.draft_from_session(approved_session, users["standing"], on=date(2025, 1, 20))


# ---- keys ------------------------------------------------------------------------------------

CHAIRMAN_NAME = "Nông Văn Cường"  # the council chair of tests/council/builders.py
ISSUER_NAME = "Ủy ban nhân dân thành phố Bắc Kạn"
PASSWORD = "mat-khau-p12"
PIN = "246810"
SO_PIN = "13579135"


@pytest.fixture(scope="session")
def ca():
    from thidua.signing.democa import DemoCA

    return DemoCA.create("thidua TEST Root CA")


@pytest.fixture
def trusted(ca, settings, tmp_path):
    """The generated root installed as the only trust root."""
    roots = tmp_path / "roots"
    roots.mkdir()
    (roots / "root.pem").write_text(ca.root_pem())
    settings.THIDUA_SIGNING_TRUST_ROOTS = str(roots)
    settings.THIDUA_SIGNING_CRLS = ""
    settings.THIDUA_SIGNING_TSA_URL = ""
    settings.THIDUA_SIGNING_TRUST_DEMO = False
    return roots


@pytest.fixture(scope="session")
def chairman_cert(ca):
    return ca.issue(CHAIRMAN_NAME, ISSUER_NAME)


@pytest.fixture(scope="session")
def city_cert(ca):
    return ca.issue(ISSUER_NAME, ISSUER_NAME)


def add_p12(owner, issued, *, kind, image=None):
    from thidua.signing import appearance, services

    if image is None:
        image = (
            appearance.demo_seal_png(ISSUER_NAME)
            if kind == "unit"
            else appearance.demo_signature_png(CHAIRMAN_NAME)
        )
    return services.register_pkcs12(
        kind=kind,
        owner=owner,
        data=issued.pkcs12(PASSWORD),
        password=PASSWORD,
        image=image,
        actor=None,
    )


@pytest.fixture
def keys(org, users, trusted, chairman_cert, city_cert):
    """PKCS#12 credentials: the chairman's personal one and the city's."""
    return {
        "chairman": add_p12(users["chairman"], chairman_cert, kind="personal"),
        "city": add_p12(org["city"], city_cert, kind="unit"),
    }


# ---- SoftHSM2 --------------------------------------------------------------------------------

SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"


@pytest.fixture
def token(tmp_path, monkeypatch, chairman_cert):
    """A SoftHSM2 token in a temporary directory holding the chairman's key (label "cuong")."""
    import subprocess

    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    run = lambda *args: subprocess.run(  # noqa: E731
        ["softhsm2-util", *args], check=True, capture_output=True, text=True
    )
    run("--init-token", "--free", "--label", "thidua-test", "--pin", PIN, "--so-pin", SO_PIN)
    key = tmp_path / "key.pem"
    from cryptography.hazmat.primitives import serialization

    key.write_bytes(
        chairman_cert.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    run(
        "--import",
        str(key),
        "--token",
        "thidua-test",
        "--label",
        "cuong",
        "--id",
        "01",
        "--pin",
        PIN,
    )
    key.unlink()
    return {"library": SOFTHSM_LIB, "token": "thidua-test", "key": "cuong"}


def store_raw(owner, issued, *, kind):
    """A credential saved without the registration checks (an expired one, for instance)."""
    from thidua.signing import appearance, services, vault
    from thidua.signing.models import SigningCredential

    image = (
        appearance.demo_seal_png(ISSUER_NAME)
        if kind == "unit"
        else appearance.demo_signature_png(CHAIRMAN_NAME)
    )
    return SigningCredential.objects.create(
        **services._fields(kind, owner, issued.cert, issued.chain),
        source="pkcs12",
        secret=vault.seal({"p12": issued.pkcs12(PASSWORD), "password": PASSWORD}),
        image=image,
    )
