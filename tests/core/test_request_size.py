"""Request bodies are capped from Content-Length before anything reads them (#10, item 10)."""

import os
import re
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

MB = 1024 * 1024


@pytest.fixture
def upload_tmp(settings, tmp_path):
    folder = tmp_path / "upload-tmp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def test_200_mb_anonymous_post_refused_with_413_before_reading(db, upload_tmp):
    client = Client(enforce_csrf_checks=True)
    # The body really holds 1 KB: FakePayload fails the test if anything tries to read the
    # 200 MB the header announces (Django's CSRF check would, to find the token).
    response = client.generic(
        "POST",
        "/dang-nhap/",
        b"x" * 1024,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(200 * MB),
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "Yêu cầu quá lớn: tối đa 30 MB" in text
    assert os.listdir(upload_tmp) == []


def test_cap_follows_the_setting(db, settings):
    settings.THIDUA_MAX_REQUEST_BYTES = 12 * MB
    response = Client().generic(
        "POST", "/dang-nhap/", b"x", content_type="text/plain", CONTENT_LENGTH=str(13 * MB)
    )
    assert response.status_code == 413
    assert "tối đa 12 MB" in response.content.decode()


def test_chunked_body_without_length_refused(db):
    response = Client().generic(
        "POST", "/dang-nhap/", b"", content_type="text/plain", HTTP_TRANSFER_ENCODING="chunked"
    )
    assert response.status_code == 411
    assert "Content-Length" in response.content.decode()


def test_bad_content_length_is_400(db):
    response = Client().generic(
        "POST", "/dang-nhap/", b"x", content_type="text/plain", CONTENT_LENGTH="-5"
    )
    assert response.status_code == 400


def test_large_upload_under_the_cap_leaves_no_temporary_file(db, upload_tmp, settings):
    """6 MB is above FILE_UPLOAD_MAX_MEMORY_SIZE (spooled to a temporary file) but under the
    cap; the anonymous POST is refused by CSRF and the temporary file is deleted."""
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < 6 * MB < settings.THIDUA_MAX_REQUEST_BYTES
    client = Client(enforce_csrf_checks=True)
    # With a CSRF cookie present, the CSRF check parses the body to look for the token.
    client.cookies["csrftoken"] = "a" * 32
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (6 * MB), "application/pdf")
    spooled = []
    real_named_temporary_file = tempfile.NamedTemporaryFile

    def recording_named_temporary_file(*args, **kwargs):
        handle = real_named_temporary_file(*args, **kwargs)
        spooled.append(handle.name)
        return handle

    with mock.patch(
        "django.core.files.uploadedfile.tempfile.NamedTemporaryFile",
        recording_named_temporary_file,
    ):
        response = client.post("/dang-nhap/", {"username": "x", "file": big})
    assert response.status_code == 403
    assert spooled and all(name.startswith(str(upload_tmp)) for name in spooled)
    assert os.listdir(upload_tmp) == []


def test_normal_login_post_still_works(db, client):
    response = client.post("/dang-nhap/", {"username": "khong-co", "password": "sai"})
    assert response.status_code == 200


def test_readme_nginx_limit_matches_the_setting(settings):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    nginx_limits = re.findall(r"client_max_body_size (\d+)m;", readme)
    assert nginx_limits == [str(settings.THIDUA_MAX_REQUEST_BYTES // MB)]
