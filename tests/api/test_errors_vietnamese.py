"""API error answers are JSON with a Vietnamese detail (issue #15, item 9), and the error
pages of the site are Vietnamese."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "status", "detail"),
    [
        ("get", "/api/campaigns/", 401, "Cần đăng nhập"),
        ("delete", "/api/campaigns/", 405, "Phương thức HTTP này không được hỗ trợ"),
        ("put", "/api/campaigns/", 405, "Phương thức HTTP này không được hỗ trợ"),
        ("get", "/api/khong-co-dia-chi-nay/", 404, "Không tìm thấy địa chỉ API"),
    ],
)
def test_api_errors_are_vietnamese_json(method, path, status, detail):
    r = getattr(Client(), method)(path, HTTP_AUTHORIZATION="Bearer sai")
    assert r.status_code == status
    assert r["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["detail"].startswith(detail)
    assert "not allowed" not in body["detail"].lower()
    assert "unauthorized" not in body["detail"].lower()
    if status == 405:
        assert "GET" in r["Allow"]


def test_english_details_of_ninja_are_translated():
    from thidua.api.errors import vietnamese_detail

    assert vietnamese_detail("Unauthorized", 401) == "Cần đăng nhập hoặc Bearer token hợp lệ."
    assert vietnamese_detail("CSRF check Failed", 403).startswith("Thiếu hoặc sai mã CSRF")
    assert vietnamese_detail("Hồ sơ đã nộp.", 422) == "Hồ sơ đã nộp."


def test_error_pages_are_vietnamese(settings, client):
    from django.template.loader import render_to_string

    settings.DEBUG = False
    r = client.get("/khong-co-trang-nay/")
    assert r.status_code == 404
    assert "Không tìm thấy trang" in r.content.decode()
    for name, text in [("500.html", "Lỗi hệ thống"), ("400.html", "Yêu cầu không hợp lệ")]:
        assert text in render_to_string(name)
    assert "Không có quyền truy cập" in render_to_string("403.html")


def test_a_page_answered_405_gets_the_vietnamese_page(settings, client, django_user_model):
    from django.urls import reverse

    settings.DEBUG = False
    client.force_login(django_user_model.objects.create_user("nguoi_xem", password="x"))
    r = client.get(reverse("awards:decision_edit", args=[1]))  # a POST-only action
    assert r.status_code == 405 and r["Allow"] == "POST"
    assert "Thao tác không được hỗ trợ" in r.content.decode()
    assert r["Content-Type"].startswith("text/html")
