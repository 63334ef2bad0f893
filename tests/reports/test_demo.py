"""Seed 002's programme loads from the JSON data with restored Vietnamese text."""

from datetime import date

from thidua.reports import demo
from thidua.reports.models import Milestone, Programme


def test_seed_002_programme_loads_once_with_milestones_and_targets(org):
    org["province"].code = "T_BK"
    org["province"].save()
    p = demo.load_programme()
    assert p is not None and (p.start_year, p.end_year) == (2021, 2025)
    assert demo.load_programme().pk == p.pk and Programme.objects.count() == 1
    assert p.milestones.count() == 17 and p.targets.count() == 15 and p.goals.count() == 4
    kh458 = Milestone.objects.get(title__startswith="Ban hành Kế hoạch xây dựng điển hình")
    assert kh458.done_on == date(2021, 7, 19) and "458/KH-UBND" in kh458.note
    dai_hoi = Milestone.objects.get(title__startswith="Tổ chức Đại hội Thi đua yêu nước")
    assert (dai_hoi.year, dai_hoi.quarter) == (2025, 3)
    assert dai_hoi.status_on(date(2026, 1, 1)) == "overdue"
    statuses = {m.status_on(date(2026, 1, 1)) for m in p.milestones.all()}
    assert statuses == {"done", "overdue"}
    assert all(
        "ă" in t or "ư" in t or "ơ" in t or "đ" in t.lower()
        for t in p.milestones.values_list("title", flat=True)
    )


def test_demo_load_is_idempotent(org):
    from thidua.org.models import Person
    from thidua.reports.models import ExemplaryModel, Initiative

    for code, unit in (("X_DQ", org["ward_b"]), ("P_DX", org["ward_a"]), ("PGDDT", org["edu"])):
        unit.code = code
        unit.save()
    Person.objects.create(
        full_name="Hoàng Văn Nông", gender="nam", category="nong_dan", unit=org["ward_b"]
    )
    demo.load_exemplary()
    demo.load_initiatives()
    counts = (ExemplaryModel.objects.count(), Initiative.objects.count())
    demo.load_exemplary()
    demo.load_initiatives()
    assert (
        (ExemplaryModel.objects.count(), Initiative.objects.count()) == counts == (2, 3)
    )  # PNV, PGDDT, P_DX
