"""Generalisation: hand-written passages of many issuers, and floors on their accuracy.

The issue's examples must all be read right; the seeds must not fall below what they were;
the held-out set (never tuned on) has a floor set below its measured figure.
"""

import json
import time

import pytest

from thidua.planimport.accuracy import (
    load_passages,
    passage_accuracy,
    passage_results,
    seed_accuracy,
    seed_files,
)
from thidua.planimport.extract import extract_plan
from thidua.planimport.extract.normalise import normalise

HELDOUT_FLOOR = 0.85  # measured 59/61 on the first run, before any tuning; 94/94 now
DEV_FLOOR = 0.95


@pytest.mark.parametrize("row", passage_results("issue"), ids=lambda r: f"{r[0]}-{r[1]}")
def test_issue_example(row):
    pid, key, right, expected, actual = row
    assert right, f"{pid} {key}: expected {expected!r}, got {actual!r}"


def test_seeds_keep_their_accuracy():
    rows = seed_accuracy()
    assert len(rows) == 5
    assert all(right == total for _, right, total in rows), rows


def test_dev_and_heldout_floors():
    dev_right, dev_total, _ = passage_accuracy("dev")
    held_right, held_total, held_count = passage_accuracy("heldout")
    assert held_count >= 30
    assert dev_right / dev_total >= DEV_FLOOR
    assert held_right / held_total >= HELDOUT_FLOOR


def test_sets_are_disjoint_and_large_enough():
    texts = {name: {p["text"] for p in load_passages(name)} for name in ("issue", "dev", "heldout")}
    assert len(texts["dev"]) + len(texts["heldout"]) >= 60
    assert not texts["dev"] & texts["heldout"]
    assert not texts["issue"] & texts["heldout"]


@pytest.mark.parametrize("name", [s for s, _, _ in seed_files()])
def test_import_under_one_second(name):
    """Best of three runs, so a busy test machine does not decide the figure."""
    path = next(p for s, p, _ in seed_files() if s == name)
    text = path.read_text(encoding="utf-8")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        extract_plan(text)
        best = min(best, time.perf_counter() - started)
    assert best < 1.0


# ---- normaliser ------------------------------------------------------------------------------


def test_normaliser_maps_every_character_back():
    original = (
        "**Thời gian:** từ ngày 01/3 – 30/4/2024\n[xem](https://x.vn) “kỷ cương”\nTin liên quan"
    )
    norm = normalise(original)
    assert "**" not in norm.text and "–" not in norm.text and "“" not in norm.text
    assert "Tin liên quan" not in norm.text and "https" not in norm.text
    start = norm.text.index("01/3")
    s, e = norm.to_original(start, start + 4)
    assert original[s:e] == "01/3"


def test_normaliser_rejoins_wrapped_lines_but_not_items():
    norm = normalise("Hải Dương, ngày 07\ntháng 3 năm 2024\n- Tờ trình;\n- Biên bản.")
    assert "ngày 07 tháng 3 năm 2024" in norm.text
    assert "\n- Tờ trình;\n- Biên bản." in norm.text


def test_normaliser_repairs_mojibake():
    broken = "Thời gian thi đua".encode().decode("latin-1")
    assert normalise(broken).text == "Thời gian thi đua"


# ---- confidence ------------------------------------------------------------------------------


def test_not_stated_is_an_answer_with_a_reason():
    result = extract_plan("Thực hiện Kế hoạch số 45/KH-UBND ngày 10/01/2024 của UBND tỉnh.")
    assert result["start_date"] is None and result["end_date"] is None
    rated = result["confidence"]["start_date"]
    assert rated["stated"] is False and rated["reason"].startswith("không thấy thời gian")


def test_month_only_deadline_keeps_its_precision():
    result = extract_plan("Các đơn vị nộp hồ sơ đề nghị khen thưởng xong trong tháng 11/2024.")
    assert [(d["date"], d["precision"]) for d in result["deadlines"]] == [("2024-11", "month")]


def test_import_plan_json_has_confidence_beside_values(tmp_path):
    import io

    from django.core.management import call_command

    plan = tmp_path / "plan.txt"
    plan.write_text("Thời gian thi đua: từ ngày 01/6/2024 đến ngày 31/12/2024.", encoding="utf-8")
    out = io.StringIO()
    call_command("import_plan", str(plan), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["start_date"] == "2024-06-01"
    assert data["confidence"]["start_date"]["confidence"] >= 0.8
    assert data["confidence"]["slogan"]["stated"] is False
