from thidua.campaigns import services
from thidua.campaigns.documents import plan_docx
from thidua.core.documents import docx_text


def test_plan_docx_has_state_format_parts(campaign, users):
    services.launch(campaign, users["standing"])
    campaign.refresh_from_db()
    with campaign.plan_docx.open("rb") as fh:
        text = docx_text(fh.read())
    for line in [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:      /KH-UBND",
        "Bắc Kạn, ngày",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. HÌNH THỨC, SỐ LƯỢNG KHEN THƯỞNG",
        "IV. HỒ SƠ, THỜI GIAN",
        "V. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]:
        assert line in text, line
    assert campaign.title in text
    assert "Từ ngày 15/10/2024 đến ngày 15/01/2025." in text
    assert "Chậm nhất ngày 22/01/2025" in text
    assert "Bằng khen của Chủ tịch UBND tỉnh Bắc Kạn (đề nghị cấp trên khen thưởng)" in text
    assert "TP." not in text
    assert "05 giáo viên và 05 học sinh" in text


def test_plan_number_uses_the_stored_number(campaign, users):
    campaign.number = "227/KH-UBND"
    assert "Số: 227/KH-UBND" in docx_text(plan_docx(campaign))
