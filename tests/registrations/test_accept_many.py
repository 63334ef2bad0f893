"""The block head accepts a page of submitted registrations at once (state table, audited)."""

from datetime import datetime

import pytest
from django.test import Client

from thidua.core.deadlines import VN_TZ
from thidua.core.models import AuditEvent
from thidua.registrations import services
from thidua.registrations.enums import RegistrationStatus


def client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def submitted(lc):
    u, users = lc["u"], lc["users"]
    regs = []
    for code in ("KT", "CL", "DH", "DT"):
        reg = services.register(lc["campaign"], u[code], users[f"officer_{code}"])
        services.add_indicator(reg, users[f"officer_{code}"], name="Thu ngân sách", target="100")
        services.submit(reg, users[f"head_{code}"], now=datetime(2020, 10, 15, tzinfo=VN_TZ))
        regs.append(reg)
    return {**lc, "regs": regs}


def test_block_head_sees_checkboxes_and_accepts_the_ticked_ones(submitted):
    head = submitted["users"]["head_block"]
    c = client(head)
    html = c.get("/dang-ky/").content.decode()
    assert html.count('name="regs"') == 4 and 'data-check-all="regs"' in html
    ticked = [r.pk for r in submitted["regs"][:3]]
    resp = c.post("/dang-ky/nhan-nhieu/", {"regs": ticked, "next": "/dang-ky/"}, follow=True)
    assert "Đã nhận 3 đăng ký thi đua" in resp.content.decode()
    statuses = {
        r.pk: r.status for r in (r.__class__.objects.get(pk=r.pk) for r in submitted["regs"])
    }
    assert [statuses[pk] for pk in ticked] == [RegistrationStatus.ACCEPTED] * 3
    assert statuses[submitted["regs"][3].pk] == RegistrationStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="registrations.registration.accepted").count() == 3


def test_one_refused_registration_accepts_none(submitted):
    head = submitted["users"]["head_block"]
    first, second = submitted["regs"][:2]
    services.accept(second, head)
    resp = client(head).post("/dang-ky/nhan-nhieu/", {"regs": [first.pk, second.pk]}, follow=True)
    body = resp.content.decode()
    assert "Chưa nhận đăng ký nào" in body and second.unit.name in body
    first.refresh_from_db()
    assert first.status == RegistrationStatus.SUBMITTED


def test_officers_get_no_checkboxes_and_cannot_accept(submitted):
    officer = submitted["users"]["officer_KT"]
    c = client(officer)
    assert 'name="regs"' not in c.get("/dang-ky/").content.decode()
    own = submitted["regs"][0]
    c.post("/dang-ky/nhan-nhieu/", {"regs": [own.pk]})
    own.refresh_from_db()
    assert own.status == RegistrationStatus.SUBMITTED


def test_a_registration_out_of_scope_is_not_found(submitted):
    stranger = submitted["users"]["stranger"]
    resp = client(stranger).post("/dang-ky/nhan-nhieu/", {"regs": [submitted["regs"][0].pk]})
    assert resp.status_code == 404
