"""A certificate batch signed by the issuing organisation; the `thidua signing-key` command."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from thidua.awards import services as s
from thidua.registry import services as registry
from thidua.registry.services import RegistryError
from thidua.signing.models import SigningCredential
from thidua.signing.verify import check_pdf

from .conftest import ISSUER_NAME, PASSWORD


def test_certificate_batch_sealed_by_the_organisation(draft, users, keys, settings, client_for):
    s.sign(draft, users["chairman"])
    batch = registry.start_batch(draft, users["standing"])
    batch = registry.run_batch(batch.pk)
    assert batch.status == "done" and not registry.batch_is_sealed(batch)
    resp = client_for("standing").post(reverse("registry:batch_seal", args=[batch.pk]))
    assert resp.status_code == 302
    batch.refresh_from_db()
    assert registry.batch_is_sealed(batch)
    report = check_pdf((Path(settings.MEDIA_ROOT) / batch.file).read_bytes())
    assert report.valid and [sig.subject for sig in report.signatures] == [ISSUER_NAME]
    with pytest.raises(RegistryError, match="đã được ký số"):
        registry.seal_batch(batch, users["standing"])


def test_batch_sealing_refused_to_a_unit_officer(draft, users, keys, client_for):
    s.sign(draft, users["chairman"])
    batch = registry.run_batch(registry.start_batch(draft, users["standing"]).pk)
    resp = client_for("officer_a").post(reverse("registry:batch_seal", args=[batch.pk]))
    assert resp.status_code in (403, 404)
    batch.refresh_from_db()
    assert not registry.batch_is_sealed(batch)


def test_cli_loads_lists_and_retires(org, users, chairman_cert, tmp_path, monkeypatch, capsys):
    from thidua.signing import appearance

    p12 = tmp_path / "cuong.p12"
    p12.write_bytes(chairman_cert.pkcs12(PASSWORD))
    image = tmp_path / "chuky.png"
    image.write_bytes(appearance.demo_signature_png("Nông Văn Cường"))
    monkeypatch.setenv("THIDUA_P12_PASSWORD", PASSWORD)
    call_command("signing_key", "add-p12", "--user", "chairman", str(p12), "--image", str(image))
    credential = SigningCredential.objects.get()
    call_command("signing_key", "list")
    assert "còn hiệu lực" in capsys.readouterr().out
    call_command("signing_key", "retire", str(credential.pk), "--reason", "Đổi chứng thư")
    credential.refresh_from_db()
    assert credential.revoked_at is not None
    monkeypatch.setenv("THIDUA_P12_PASSWORD", "sai")
    with pytest.raises(CommandError, match="mật khẩu không đúng"):
        call_command(
            "signing_key", "add-p12", "--user", "chairman", str(p12), "--image", str(image)
        )
