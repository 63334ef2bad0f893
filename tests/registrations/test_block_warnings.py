"""Warnings a clerk would give (issue #15, item 20): a block leader proposed at 0 %
completion, a block forwarded while units are unregistered or returned."""

from decimal import Decimal
from types import SimpleNamespace

from django.urls import reverse

from tests.dossiers.helpers import make_campaign
from thidua.registrations import services, warnings
from thidua.registrations.leaders import BlockLeaders


def test_a_leader_at_zero_percent_is_pointed_out():
    result = BlockLeaders(block_id=1, block_name="Khối xã, phường", form="co_thi_dua_tinh")
    result.leaders = [
        SimpleNamespace(unit_name="Phường Đức Xuân", block_name="Khối xã, phường", rate=Decimal(0)),
        SimpleNamespace(
            unit_name="Phường Sông Cầu", block_name="Khối xã, phường", rate=Decimal("1.1344")
        ),
    ]
    found = warnings.leader_warnings(result)
    assert found == [
        "Phường Đức Xuân được đề xuất dẫn đầu Khối xã, phường với tỷ lệ hoàn thành 0,00 %: "
        "chưa có kết quả thực hiện nào được báo cáo — kiểm tra số liệu trước khi đề nghị."
    ]
    assert warnings.leader_warnings(None) == []


def test_forwarding_a_block_with_units_unregistered_or_returned_warns(org, users, client_for):
    campaign = make_campaign(org)
    reg = services.register(campaign, org["ward_a"], users["officer_a"])
    services.add_indicator(reg, users["officer_a"], name="Thu ngân sách", target="100")
    services.submit(reg, users["head_a"])
    services.accept(reg, users["block_head"])
    block = org["block"]
    assert warnings.forward_warnings(block, campaign) == [
        "1 đơn vị của khối chưa đăng ký thi đua: Phường Sông Cầu."
    ]
    c = client_for("block_head")
    page = c.get(reverse("registrations:block", args=[block.pk, campaign.pk])).content.decode()
    assert 'id="forward-warnings"' in page and "Phường Sông Cầu" in page

    reg_b = services.register(campaign, org["ward_b"], users["officer_b"])
    services.add_indicator(reg_b, users["officer_b"], name="Hộ nghèo", target="5")
    from tests.dossiers.helpers import make_user
    from thidua.core.roles import Role

    head_b = make_user("head_b", Role.UNIT_HEAD, org["ward_b"])
    services.submit(reg_b, head_b)
    services.return_registration(reg_b, users["block_head"], "Thiếu chỉ tiêu thu ngân sách")
    assert warnings.forward_warnings(block, campaign) == [
        "1 đăng ký bị trả lại chưa gửi lại: Phường Sông Cầu."
    ]
    r = c.post(reverse("registrations:forward", args=[block.pk, campaign.pk]), follow=True)
    html = r.content.decode()
    assert "Đã gửi 1 đăng ký của khối" in html
    assert "Lưu ý: 1 đăng ký bị trả lại chưa gửi lại: Phường Sông Cầu." in html
