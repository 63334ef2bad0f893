"""Plan importer: field-by-field on the five seeds, plus phrasing from unseen plans."""

import json
from functools import cache
from pathlib import Path

import pytest

from thidua.planimport.accuracy import compare, seed_accuracy, seed_files
from thidua.planimport.extract import extract_plan
from thidua.planimport.extract.dates import find_dates, when
from thidua.planimport.extract.text import clean, fold

PLANS = Path(__file__).parent / "plans"
KEYS = {
    "pooled_forms",
    "quotas",
    "confidence",
    "title",
    "doc_type",
    "issuer",
    "number",
    "issue_date",
    "place",
    "kind",
    "start_date",
    "end_date",
    "slogan",
    "parent_plan",
    "subjects",
    "content_areas",
    "deadlines",
    "award_forms",
    "dossier_documents",
    "responsibilities",
    "anniversary",
    "exclusions",
    "milestones",
    "source_spans",
}


@cache
def seed_result(name: str) -> tuple[dict, dict]:
    for seed, text_path, exp_path in seed_files():
        if seed == name:
            text = text_path.read_text(encoding="utf-8")
            return json.loads(exp_path.read_text(encoding="utf-8")), extract_plan(text)
    raise KeyError(name)


def _field_cases():
    cases = []
    for name, _, _ in seed_files():
        expected, actual = seed_result(name)
        cases += [
            pytest.param(name, field, id=f"{name}:{field}")
            for field, *_ in compare(expected, actual)
        ]
    return cases


@pytest.mark.parametrize(("seed", "field"), _field_cases())
def test_seed_field(seed, field):
    expected, actual = seed_result(seed)
    row = next(r for r in compare(expected, actual) if r[0] == field)
    assert row[1], f"{field}: expected {row[2]!r}, got {row[3]!r}"


def test_seed_accuracy_at_least_95_percent():
    rows = seed_accuracy()
    assert len(rows) == 5
    right = sum(r for _, r, _ in rows)
    total = sum(t for _, _, t in rows)
    assert right / total >= 0.95


@pytest.mark.parametrize("name", [s for s, _, _ in seed_files()])
def test_seed_keys_and_spans_quote_the_source(name):
    _, actual = seed_result(name)
    assert set(actual) == KEYS
    text = next(p for s, p, _ in seed_files() if s == name).read_text(encoding="utf-8")
    assert "title" in actual["source_spans"] or actual["title"] is None
    for path, span in actual["source_spans"].items():
        assert span["text"] == clean(text[span["start"] : span["end"]]), path
        assert span["text"], path


def test_fold_keeps_offsets():
    text = "**Kế hoạch** số 12, ngày 05 tháng 3 năm 2023 – Đồng Tháp"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "ke hoach" in folded and "dong thap" in folded


# --- phrasing from other provinces -------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("ngày 05 tháng 3 năm 2023", "2023-03-05"),
        ("ngày 5 tháng 03 năm 2023", "2023-03-05"),
        ("ngdy 16 thdng 7 nam 2021", "2021-07-16"),
        ("trước ngày 20/10/2020", "2020-10-20"),
        ("chậm nhất ngày **09/8/2024**", "2024-08-09"),
        ("hạn cuối 31.12.2023", "2023-12-31"),
    ],
)
def test_dates(phrase, iso):
    assert [d for d, _, _ in find_dates(fold(phrase))] == [iso]


def test_invalid_ocr_date_is_ignored():
    assert list(find_dates(fold("ngay 467 thdng 8 nam 2021"))) == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("thời gian dự kiến trong tháng 9 năm 2021", "2021-09"),
        ("thời gian dự kiến trong Quý III năm 2022", "2022-Q3"),
        ("thoi gian du kién trong Quy IIl ndm 2025", "2025-Q3"),
    ],
)
def test_schedule_phrases(phrase, expected):
    assert when(fold(phrase)) == expected


@pytest.mark.parametrize(
    ("sentence", "kind", "iso"),
    [
        (
            "Hồ sơ gửi về UBND huyện (qua Phòng Nội vụ) trước ngày 15/11/2023.",
            "dossier",
            "2023-11-15",
        ),
        (
            "Các đơn vị gửi bản đăng ký thi đua về Sở Nội vụ trước ngày 30/3/2024.",
            "registration",
            "2024-03-30",
        ),
        (
            "Các Cụm trưởng gửi đăng ký thi đua của cụm về Ban Thi đua - Khen thưởng trước ngày 05/4/2024.",
            "registration_forward",
            "2024-04-05",
        ),
        (
            "Các xã gửi hồ sơ về Cụm trưởng chậm nhất ngày 10 tháng 11 năm 2023.",
            "dossier_to_block",
            "2023-11-10",
        ),
        (
            "Các đơn vị báo cáo kết quả thực hiện về UBND tỉnh trước ngày 15/12/2023.",
            "report",
            "2023-12-15",
        ),
        ("Các đơn vị ký giao ước thi đua trước ngày 20/3/2024.", "commitment", "2024-03-20"),
    ],
)
def test_deadline_phrases(sentence, kind, iso):
    result = extract_plan(sentence)
    assert [(d["kind"], d["date"]) for d in result["deadlines"]] == [(kind, iso)]


def _plan(body: str) -> str:
    return "KẾ HOẠCH\nPhát động thi đua năm 2024\n\nI. HÌNH THỨC KHEN THƯỞNG\n\n" + body


@pytest.mark.parametrize(
    ("line", "who", "maxes"),
    [
        ("- Mỗi đơn vị đề nghị không quá 02 cá nhân.", "Mỗi đơn vị", [2]),
        (
            "- Mỗi xã, thị trấn đề nghị không quá 02 tập thể và 03 cá nhân.",
            "Mỗi xã, thị trấn",
            [2, 3],
        ),
        ("- Các trường học: mỗi trường lựa chọn tối đa 01 tập thể.", "Các trường học", [1]),
        ("- Phòng Giáo dục lựa chọn 04 giáo viên tiêu biểu.", "giáo viên", [4]),
    ],
)
def test_quota_phrases(line, who, maxes):
    form = extract_plan(_plan("1. Giấy khen của Chủ tịch UBND huyện\n\n" + line))["award_forms"][0]
    assert form["form_code"] == "giay_khen_chu_tich_huyen"
    assert [q["max"] for q in form["quotas"]] == maxes
    assert form["quotas"][0]["who"] == who


@pytest.mark.parametrize(
    ("heading", "code"),
    [
        ("Giấy khen của Giám đốc Sở", "giay_khen_thu_truong"),
        ("Giấy khen của Chủ tịch UBND xã", "giay_khen_chu_tich_xa"),
        ("Giấy khen của Chủ tịch UBND thị xã", "giay_khen_chu_tich_huyen"),
        ("Bằng khen của Thủ tướng Chính phủ", "bang_khen_thu_tuong"),
        ("Cờ thi đua của Chính phủ", "co_thi_dua_chinh_phu"),
        ("Danh hiệu Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so"),
        ("Danh hiệu Tập thể lao động xuất sắc", "tap_the_lao_dong_xuat_sac"),
        ("Danh hiệu Gia đình văn hóa", "gia_dinh_van_hoa"),
    ],
)
def test_form_codes(heading, code):
    forms = extract_plan(_plan(f"1. {heading}\n\nTặng cho tập thể có thành tích.\n"))["award_forms"]
    assert [f["form_code"] for f in forms] == [code]


def test_exclusion_sentence():
    text = _plan("Không xét khen thưởng đối với tập thể, cá nhân đã được đề nghị khen cấp tỉnh.\n")
    assert extract_plan(text)["exclusions"] == [
        "Không xét khen thưởng đối với tập thể, cá nhân đã được đề nghị khen cấp tỉnh"
    ]


def test_period_in_days():
    text = "II. THỜI GIAN\n\nĐợt thi đua diễn ra trong 70 ngày, bắt đầu từ ngày 25/5/2024.\n"
    result = extract_plan(text)
    assert (result["start_date"], result["end_date"]) == ("2024-05-25", "2024-08-02")


def test_period_in_months_stays_month_only():
    result = extract_plan("Thời gian thi đua: từ tháng 3/2024 đến tháng 12/2024.")
    assert (result["start_date"], result["end_date"]) == ("2024-03", "2024-12")
    to_end = extract_plan("Thời gian thi đua: từ tháng 3/2024 đến hết tháng 12/2024.")
    assert (to_end["start_date"], to_end["end_date"]) == ("2024-03", "2024-12-31")


def test_empty_text_gives_empty_fields():
    result = extract_plan("")
    assert set(result) == KEYS
    assert result["title"] is None and result["award_forms"] == [] and result["anniversary"] is None


# --- whole unseen plans --------------------------------------------------------------


def test_thai_nguyen_district_plan():
    r = extract_plan((PLANS / "thai_nguyen_dai_tu.txt").read_text(encoding="utf-8"))
    assert r["title"] == (
        "Tổ chức phong trào thi đua chuyên đề “Đại Từ chung sức xây dựng nông thôn mới nâng cao” năm 2023"
    )
    assert (r["doc_type"], r["number"], r["issue_date"]) == ("KH", "125/KH-UBND", "2023-03-05")
    assert (r["issuer"], r["place"], r["kind"]) == ("UBND huyện Đại Từ", "Đại Từ", "chuyen_de")
    assert (r["start_date"], r["end_date"]) == ("2023-04-01", "2023-11-30")
    assert r["slogan"] == "Đại Từ đoàn kết, sáng tạo, chung sức xây dựng nông thôn mới nâng cao"
    assert r["parent_plan"].startswith(
        "Kế hoạch số 45/KH-UBND ngày 20/02/2023 của UBND tỉnh Thái Nguyên"
    )
    assert r["subjects"]["collective"] == "Các xã, thị trấn; các cơ quan, đơn vị trên địa bàn huyện"
    assert r["subjects"]["categories"] == [
        "can_bo",
        "cong_chuc",
        "vien_chuc",
        "nhan_dan",
        "giao_vien",
        "hoc_sinh",
    ]
    assert len(r["content_areas"]) == 3
    assert [(d["kind"], d["date"]) for d in r["deadlines"]] == [
        ("registration", "2023-04-10"),
        ("dossier", "2023-11-15"),
    ]
    forms = {f["form_code"]: f for f in r["award_forms"]}
    assert [(q["who"], q["max"]) for q in forms["giay_khen_chu_tich_huyen"]["quotas"]] == [
        ("Mỗi xã, thị trấn", 2),
        ("Mỗi xã, thị trấn", 3),
        ("Các cơ quan, đơn vị", 2),
    ]
    assert [(q["who"], q["max"]) for q in forms["bang_khen_chu_tich_tinh"]["quotas"]] == [
        ("UBND huyện", 5)
    ]
    assert r["dossier_documents"][0] == "Tờ trình đề nghị khen thưởng"
    assert len(r["dossier_documents"]) == 3
    assert [x["who"] for x in r["responsibilities"]] == [
        "Phòng Nội vụ",
        "Ủy ban MTTQ huyện",
        "UBND các xã, thị trấn",
    ]
    assert len(r["exclusions"]) == 1


def test_quang_ninh_city_plan_without_blank_lines():
    """Text-layer PDFs often come without blank lines between paragraphs."""
    r = extract_plan((PLANS / "quang_ninh_ha_long.txt").read_text(encoding="utf-8"))
    assert r["title"] == (
        "Phát động đợt thi đua cao điểm chào mừng kỷ niệm 30 năm thành lập thành phố Hạ Long "
        "(27/12/1993 - 27/12/2023)"
    )
    assert (r["issuer"], r["number"], r["issue_date"]) == (
        "UBND thành phố Hạ Long",
        "88/KH-UBND",
        "2024-02-12",
    )
    assert r["kind"] == "theo_dot"
    assert (r["start_date"], r["end_date"]) == ("2024-03", "2024-12")
    assert r["parent_plan"] == "Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND tỉnh Quảng Ninh"
    assert r["anniversary"] == {"name": "30 năm thành lập thành phố Hạ Long", "date": "2023-12-27"}
    assert r["content_areas"] == [
        "Thi đua đẩy mạnh cải cách hành chính, chuyển đổi số",
        "Thi đua phát triển du lịch, dịch vụ",
    ]
    assert [(d["kind"], d["date"]) for d in r["deadlines"]] == [
        ("dossier", "2024-12-20"),
        ("report", "2024-12-25"),
    ]
    assert [f["form_code"] for f in r["award_forms"]] == [
        "co_thi_dua_tinh",
        "giay_khen_chu_tich_huyen",
    ]
    assert [q["max"] for q in r["award_forms"][1]["quotas"]] == [2, 3]
    assert r["award_forms"][1]["quotas"][0]["who"] == "mỗi phường, xã"
    assert [x["who"] for x in r["responsibilities"]] == [
        "Phòng Nội vụ",
        "Các phòng, ban, đơn vị, UBND các phường, xã",
    ]
