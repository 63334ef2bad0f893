"""Every Excel import page links to its template, and the template opens with its headers."""

import io

import pytest
from openpyxl import load_workbook


@pytest.mark.parametrize(
    "page", ["/to-chuc/nhap-excel/units/", "/to-chuc/nhap-excel/persons/", "/so-khen-thuong/nhap/"]
)
def test_import_pages_link_a_template_that_downloads(client_for, page):
    c = client_for("standing")
    html = c.get(page).content.decode()
    assert 'href="?mau=xlsx"' in html and "Tải tệp mẫu" in html
    resp = c.get(page + "?mau=xlsx")
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    header = next(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert len([h for h in header if h]) >= 5
