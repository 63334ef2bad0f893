"""Certificates: the kind comes from the form, the issuer prints its own title (#14.3)."""

from types import SimpleNamespace

import pytest

from thidua.core.documents import award_display_name
from thidua.registry import certificates as cert

from .conftest import first_page, pdf_text


def _unit(name, kind, parent=None):
    return SimpleNamespace(
        name=name,
        kind=kind,
        is_authority=kind in {"province", "city", "ward", "commune"},
        parent=parent,
        place_name="",
    )


CITY = _unit("Thành phố Bắc Kạn", "city")
PROVINCE = _unit("Tỉnh Bắc Kạn", "province")
SO = _unit("Sở Nội vụ tỉnh Bắc Kạn", "department", PROVINCE)
PHONG = _unit("Phòng Giáo dục và Đào tạo", "department", CITY)
WARD = _unit("Phường Đức Xuân", "ward", CITY)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("giay_khen_chu_tich_huyen", "giay_khen"),
        ("giay_khen_thu_truong", "giay_khen"),
        ("bang_khen_chu_tich_tinh", "bang_khen"),
        ("co_thi_dua_tinh", "co_thi_dua"),
        ("chien_si_thi_dua_co_so", "bang_chung_nhan"),
        ("lao_dong_tien_tien", None),
        ("huan_chuong_lao_dong_hang_ba", None),
    ],
)
def test_certificate_kind_comes_from_the_form(code, kind):
    assert cert.certificate_kind(code) == kind


def test_lao_dong_tien_tien_has_no_certificate_and_no_fallback():
    with pytest.raises(cert.CertificateError, match="chỉ được thưởng tiền"):
        cert.form_kind("lao_dong_tien_tien")
    with pytest.raises(cert.CertificateError):
        cert.form_kind("huan_chuong_lao_dong_hang_ba")


def test_issuers_print_their_own_title_never_thu_truong():
    assert cert.issuer_title(CITY) == "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN"
    assert cert.issuer_title(SO) == "GIÁM ĐỐC SỞ NỘI VỤ TỈNH BẮC KẠN"
    assert cert.issuer_title(PHONG) == "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    with pytest.raises(cert.CertificateError, match="dòng danh nghĩa"):
        cert.issuer_title(_unit("Tổ tổng hợp", "team", CITY))


def test_only_a_province_has_bang_khen_and_co_thi_dua_layouts():
    assert "bang_khen" in cert.kinds_for(PROVINCE) and "co_thi_dua" in cert.kinds_for(PROVINCE)
    for unit in (CITY, WARD, PHONG):
        assert "bang_khen" not in cert.kinds_for(unit)
        assert "co_thi_dua" not in cert.kinds_for(unit)
        assert "giay_khen" in cert.kinds_for(unit)


def test_award_names_use_the_issuers_real_name():
    assert (
        award_display_name(
            "giay_khen_chu_tich_huyen", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện", CITY
        )
        == "Giấy khen của Chủ tịch UBND thành phố Bắc Kạn"
    )
    assert (
        award_display_name(
            "giay_khen_chu_tich_xa", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", WARD
        )
        == "Giấy khen của Chủ tịch UBND phường Đức Xuân"
    )
    assert (
        award_display_name(
            "bang_khen_chu_tich_tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", PROVINCE
        )
        == "Bằng khen của Chủ tịch UBND tỉnh Bắc Kạn"
    )
    assert (
        award_display_name("giay_khen_thu_truong", "Giấy khen của Thủ trưởng cơ quan, đơn vị", SO)
        == "Giấy khen của Giám đốc Sở Nội vụ tỉnh Bắc Kạn"
    )
    assert (
        award_display_name(
            "giay_khen_thu_truong", "Giấy khen của Thủ trưởng cơ quan, đơn vị", PHONG
        )
        == "Giấy khen của Trưởng phòng Giáo dục và Đào tạo"
    )
    assert award_display_name(
        "co_thi_dua_tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", PROVINCE
    ) == ("Cờ thi đua của UBND tỉnh Bắc Kạn")
    assert award_display_name("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", WARD) == (
        "Chiến sĩ thi đua cơ sở"
    )


def test_chien_si_thi_dua_co_so_prints_a_bang_chung_nhan():
    heading = cert.heading_for(WARD, "chien_si_thi_dua_co_so", form_name="Chiến sĩ thi đua cơ sở")
    pdf = cert.render([cert.sample_text()], heading)
    text = pdf_text(pdf)
    assert "BẰNG CHỨNG NHẬN" in text and "CHIẾN SĨ THI ĐUA CƠ SỞ" in text
    assert "TẶNG GIẤY KHEN" not in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC XUÂN" in text
    first_page(pdf, "certificate_bang_chung_nhan")


def test_department_giay_khen_prints_the_heads_title():
    heading = cert.heading_for(PHONG, "giay_khen_thu_truong")
    pdf = cert.render([cert.sample_text()], heading)
    text = pdf_text(pdf)
    assert "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in text and "THỦ TRƯỞNG" not in text
    first_page(pdf, "certificate_giay_khen_phong")


def test_signed_decision_certificates_use_the_city_title(signed, users):
    from thidua.awards.models import Award
    from thidua.registry import services

    awards = list(Award.objects.filter(decision=signed).select_related("certificate", "person"))
    assert {a.form_name for a in awards} == {"Giấy khen của Chủ tịch UBND thành phố Bắc Kạn"}
    services.ensure_certificates(signed)
    awards = list(Award.objects.filter(decision=signed).select_related("certificate", "person"))
    pdf = services.render_awards(signed, awards)
    text = pdf_text(pdf)
    assert "TẶNG GIẤY KHEN" in text and "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN" in text
    first_page(pdf, "certificate_giay_khen")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (3_900_000, "Ba triệu chín trăm nghìn đồng"),
        (1_060_000, "Một triệu không trăm sáu mươi nghìn đồng"),
        (10_530_000, "Mười triệu năm trăm ba mươi nghìn đồng"),
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (
            1_234_567_890,
            "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng",
        ),
    ],
)
def test_money_in_words(amount, words):
    from thidua.core.documents import money_in_words

    assert money_in_words(amount) == words
