"""Demo data of the reports app (idempotent): seed 002's programme with its milestones and
targets, exemplary models, initiatives, the 2025 inspection plan, and — when the seed 000
campaign exists — the units' result reports and the city's saved final report."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from thidua.org.models import Person, Unit

from . import figures
from .enums import (
    CheckArea,
    CheckResult,
    FixStatus,
    InitiativeLevel,
    InitiativeStatus,
    InspectionStatus,
    ModelKind,
    ModelStage,
    UnitReportStatus,
    Verdict,
)
from .exports import report_title
from .models import (
    ExemplaryModel,
    Finding,
    Goal,
    Initiative,
    InitiativeEvaluation,
    Inspection,
    InspectionItem,
    InspectionPlan,
    Milestone,
    Programme,
    RequiredFix,
    SavedReport,
    Target,
    TargetValue,
    UnitReport,
)

DATA = Path(__file__).resolve().parent / "data" / "seed_002_programme.json"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Milestones of seed 002 recorded as done in the demo (by their title's first words), with
# the completion date; the others stay open and show as overdue in 2026 (the province
# merged into Thái Nguyên on 01/07/2025 before the last ones were held).
DEMO_DONE = {
    "Phát động và tổ chức phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị và các chỉ tiêu kinh tế - xã hội năm 2021": date(
        2021, 3, 15
    ),
    "Phát động và tổ chức phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị và các chỉ tiêu kinh tế - xã hội năm 2022": date(
        2022, 2, 20
    ),
    "Phát động và tổ chức phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị và các chỉ tiêu kinh tế - xã hội năm 2023": date(
        2023, 2, 14
    ),
    "Phát động và tổ chức phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị và các chỉ tiêu kinh tế - xã hội năm 2024": date(
        2024, 2, 26
    ),
    "Phát động Đợt thi đua cao điểm": date(2021, 9, 10),
    "Sơ kết, đánh giá kết quả thực hiện phong trào thi đua “Cán bộ": date(2022, 9, 28),
    "Tổ chức Hội nghị tổng kết công tác thi đua của Cụm": date(2023, 3, 24),
    "Tổ chức Hội nghị biểu dương điển hình tiên tiến cấp tỉnh": date(2023, 6, 9),
    "Phát động Đợt thi đua chào mừng 75 năm": date(2024, 4, 12),
    "Phát động Đợt thi đua chào mừng Kỷ niệm 125 năm": date(2025, 1, 20),
}


def _say(stdout, msg):
    if stdout is not None:
        stdout.write(msg)


@transaction.atomic
def load(stdout=None) -> None:
    admin = get_user_model().objects.filter(username="noivu").first()
    programme = load_programme(admin)
    if programme:
        _say(
            stdout,
            f"Chương trình seed 002: {programme.milestones.count()} nhiệm vụ, {programme.targets.count()} chỉ tiêu.",
        )
    n = load_exemplary(admin)
    _say(stdout, f"Điển hình tiên tiến: {n}.")
    n = load_initiatives(admin)
    _say(stdout, f"Sáng kiến: {n}.")
    load_inspections(admin)
    msg = load_seed_000_reports(admin)
    _say(stdout, msg)


def load_programme(user=None, path: Path = DATA) -> Programme | None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    issuer = Unit.objects.filter(code=spec["issuer_code"]).first()
    if issuer is None:
        return None
    programme = Programme.objects.filter(seed_code=spec["seed_code"]).first()
    if programme is not None:
        return programme
    programme = Programme.objects.create(
        issuer=issuer,
        number=spec["number"],
        title=spec["title"],
        basis=spec["basis"],
        start_year=spec["start_year"],
        end_year=spec["end_year"],
        summary=spec["summary"],
        seed_code=spec["seed_code"],
        created_by=user,
        doc_date=date.fromisoformat(spec["doc_date"]) if spec.get("doc_date") else None,
    )
    Goal.objects.bulk_create(
        Goal(programme=programme, text=t, order=i) for i, t in enumerate(spec["goals"])
    )
    for i, t in enumerate(spec["targets"]):
        target = Target.objects.create(
            programme=programme,
            name=t["name"],
            unit_of_measure=t["unit"],
            direction=t["direction"],
            order=i,
        )
        for year, planned in t["planned"].items():
            TargetValue.objects.create(target=target, year=int(year), planned=Decimal(str(planned)))
    for i, m in enumerate(spec["milestones"]):
        done_on = date.fromisoformat(m["done_on"]) if m.get("done_on") else None
        if done_on is None:
            done_on = next((d for k, d in DEMO_DONE.items() if m["title"].startswith(k)), None)
        Milestone.objects.create(
            programme=programme,
            year=m["year"],
            quarter=m["quarter"],
            title=m["title"],
            responsible=m.get("responsible", ""),
            conference=m.get("conference", ""),
            note=m.get("note", ""),
            done_on=done_on,
            order=i,
            responsible_unit=issuer
            if m.get("responsible", "").startswith("Ủy ban nhân dân tỉnh")
            else None,
        )
    return programme


EXEMPLARY = [
    # code, kind, name, unit code, field, stage, published, summary, story
    (
        "P_DX",
        ModelKind.COLLECTIVE,
        "Tổ dân phố văn minh, sạch đẹp Phường Đức Xuân",
        "Xây dựng đô thị văn minh",
        ModelStage.REPLICATE,
        True,
        "Mô hình tổ dân phố tự quản về vệ sinh môi trường và an ninh trật tự.",
        "Từ năm 2022, các tổ dân phố của Phường Đức Xuân thành lập tổ tự quản vệ sinh môi trường, "
        "duy trì tổng vệ sinh vào sáng thứ Bảy hằng tuần, lắp đặt hệ thống đèn chiếu sáng ngõ xóm "
        "bằng nguồn đóng góp của Nhân dân.\nMô hình được Hội đồng Thi đua - Khen thưởng thành phố "
        "tổng kết năm 2024 và nhân rộng ra các phường Sông Cầu, Nguyễn Thị Minh Khai.",
    ),
    (
        "HTX_MIEN",
        ModelKind.MODEL,
        "Hợp tác xã Miến dong Nông Thượng — chuỗi giá trị sản phẩm OCOP",
        "Phát triển kinh tế",
        ModelStage.SUMMARISE,
        True,
        "Liên kết trồng, chế biến và tiêu thụ miến dong đạt OCOP 4 sao.",
        "Hợp tác xã liên kết với hơn 60 hộ trồng dong riềng, đầu tư dây chuyền tráng, sấy miến khép kín; "
        "sản phẩm đạt chứng nhận OCOP 4 sao, tạo việc làm ổn định cho lao động địa phương.",
    ),
    (
        "X_DQ",
        ModelKind.PERSON,
        "Nông dân sản xuất, kinh doanh giỏi Xã Dương Quang",
        "Nông nghiệp",
        ModelStage.NURTURE,
        False,
        "Gương nông dân làm kinh tế vườn đồi hiệu quả.",
        "Phát triển mô hình trồng cây ăn quả kết hợp chăn nuôi, thu nhập trên 300 triệu đồng mỗi năm, "
        "hướng dẫn kỹ thuật cho nhiều hộ trong thôn.",
    ),
    (
        "CA",
        ModelKind.COLLECTIVE,
        "Tổ Cảnh sát phản ứng nhanh — Công an thành phố",
        "Bảo đảm an ninh, trật tự",
        ModelStage.DISCOVER,
        False,
        "Tập thể nhỏ tiêu biểu trong tuần tra, kiểm soát.",
        "Tổ duy trì tuần tra đêm, kịp thời xử lý nhiều vụ việc, góp phần giữ vững an ninh trật tự trên địa bàn.",
    ),
]


def load_exemplary(user=None) -> int:
    for code, kind, name, field, stage, published, summary, story in [
        (e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7]) for e in EXEMPLARY
    ]:
        unit = Unit.objects.filter(code=code).first()
        if unit is None or ExemplaryModel.objects.filter(name__endswith=name).exists():
            continue
        person = (
            Person.objects.filter(unit=unit, category="nong_dan").first()
            if kind == ModelKind.PERSON
            else None
        )
        if kind == ModelKind.PERSON and person is None:
            person = Person.objects.filter(unit__path__startswith=unit.path).first()
            if person is None:
                continue
        m = ExemplaryModel.objects.create(
            kind=kind,
            name=name if person is None else f"{person.full_name} — {name}",
            unit=unit,
            person=person,
            field=field,
            stage=stage,
            published=published,
            summary=summary,
            story=story,
            year=2024,
            published_at=datetime(2025, 1, 10, 9, 0, tzinfo=VN) if published else None,
            created_by=user,
        )
        if person is not None:
            m.awards.set(person.awards.filter(revoked=False)[:3])
    return ExemplaryModel.objects.count()


INITIATIVES = [
    (
        "PGDDT",
        "Ứng dụng bảng tính trực tuyến theo dõi chất lượng học sinh cấp trung học cơ sở",
        "Giáo dục",
        "Các trường THCS trên địa bàn thành phố",
        "Giảm 50 % thời gian tổng hợp số liệu",
        True,
    ),
    (
        "PNV",
        "Quy trình số hóa hồ sơ đề nghị khen thưởng tại Phòng Nội vụ",
        "Thi đua, khen thưởng",
        "Phòng Nội vụ và các xã, phường",
        "Rút ngắn thời gian thẩm định hồ sơ",
        True,
    ),
    (
        "P_DX",
        "Sổ tay điện tử tổ dân phố phục vụ tuyên truyền phong trào thi đua",
        "Tuyên truyền",
        "Các tổ dân phố Phường Đức Xuân",
        "Thông tin đến người dân nhanh, đầy đủ",
        False,
    ),
]


def load_initiatives(user=None) -> int:
    for code, title, field, scope, effect, recognised in INITIATIVES:
        unit = Unit.objects.filter(code=code).first()
        if unit is None or Initiative.objects.filter(title=title).exists():
            continue
        ini = Initiative.objects.create(
            title=title,
            unit=unit,
            field=field,
            scope=scope,
            effect=effect,
            year=2024,
            created_by=user,
        )
        authors = list(Person.objects.filter(unit__path__startswith=unit.path).order_by("pk")[:2])
        ini.authors.set(authors)
        if recognised:
            ref = f"{12 + ini.pk:02d}/QĐ-HĐSK"
            InitiativeEvaluation.objects.create(
                initiative=ini,
                council="Hội đồng sáng kiến thành phố Bắc Kạn",
                meeting_date=date(2024, 11, 20),
                scores=[
                    {"member": "Lường Thị Hà", "score": 82},
                    {"member": "Triệu Đức Long", "score": 78},
                    {"member": "Nông Văn Cường", "score": 85},
                ],
                verdict=Verdict.RECOGNISE,
                level=InitiativeLevel.BASE,
                recognition_ref=ref,
                created_by=user,
            )
            ini.status, ini.level = InitiativeStatus.RECOGNISED, InitiativeLevel.BASE
            ini.recognised_on, ini.recognition_ref = date(2024, 11, 20), ref
            ini.save()
    return Initiative.objects.count()


def load_inspections(user=None) -> None:
    city = Unit.objects.filter(code="TP_BK").first()
    ward = Unit.objects.filter(code="P_SC").first()
    if city is None or ward is None:
        return
    plan, created = InspectionPlan.objects.get_or_create(
        authority=city,
        year=2025,
        title="Kế hoạch kiểm tra công tác thi đua, khen thưởng năm 2025",
        defaults={"number": "45/KH-UBND", "doc_date": date(2025, 3, 5), "created_by": user},
    )
    if not created:
        return
    ins = Inspection.objects.create(
        plan=plan,
        unit=ward,
        start_date=date(2025, 4, 15),
        end_date=date(2025, 4, 16),
        team="Phòng Nội vụ (trưởng đoàn); Phòng Tài chính - Kế hoạch; Văn phòng HĐND và UBND thành phố",
        status=InspectionStatus.CONCLUDED,
        conclusion="Phường thực hiện cơ bản đầy đủ công tác thi đua, khen thưởng; còn thiếu sót trong lưu trữ hồ sơ.",
    )
    results = {
        CheckArea.DOCUMENTS: (
            CheckResult.GOOD,
            "Ban hành đầy đủ kế hoạch hưởng ứng các phong trào.",
        ),
        CheckArea.MOVEMENTS: (CheckResult.GOOD, "Tổ chức phát động, sơ kết đúng kế hoạch."),
        CheckArea.AWARDS: (
            CheckResult.ACCEPTABLE,
            "Tỷ lệ khen thưởng người lao động trực tiếp còn thấp.",
        ),
        CheckArea.PAYMENTS: (
            CheckResult.ACCEPTABLE,
            "Chi trả tiền thưởng đúng mức; sổ cấp phát hiện vật chưa ký nhận đủ.",
        ),
        CheckArea.ARCHIVE: (
            CheckResult.DEFICIENT,
            "Hồ sơ khen thưởng năm 2023 lưu chưa đầy đủ biên bản họp xét.",
        ),
    }
    for area, (result, note) in results.items():
        InspectionItem.objects.create(inspection=ins, area=area, result=result, note=note)
    f1 = Finding.objects.create(
        inspection=ins,
        area=CheckArea.ARCHIVE,
        description="Thiếu biên bản họp xét thi đua trong 4 hồ sơ năm 2023.",
    )
    RequiredFix.objects.create(
        finding=f1,
        action="Bổ sung biên bản, lập danh mục hồ sơ lưu trữ theo năm.",
        due_date=date(2025, 6, 30),
        follow_up_date=date(2025, 7, 15),
        status=FixStatus.DONE,
        resolved_on=date(2025, 6, 20),
        follow_up_note="Đã bổ sung đủ biên bản và danh mục.",
    )
    f2 = Finding.objects.create(
        inspection=ins,
        area=CheckArea.PAYMENTS,
        description="Sổ theo dõi cấp phát hiện vật khen thưởng chưa có chữ ký người nhận.",
    )
    RequiredFix.objects.create(
        finding=f2,
        action="Hoàn thiện sổ cấp phát, lấy chữ ký người nhận.",
        due_date=date(2025, 9, 30),
        follow_up_date=date(2025, 10, 15),
    )


def load_seed_000_reports(user=None) -> str:
    from thidua.campaigns.models import Campaign

    campaign = Campaign.objects.filter(seed_code="000").select_related("issuer").first()
    if campaign is None:
        return "Chưa có phong trào seed 000: bỏ qua báo cáo kết quả."
    authority = campaign.issuer
    units = list(figures.target_units(authority, campaign.end_date or date.today()))
    deadline = figures._deadline(campaign, "report") or date(2025, 1, 25)
    made = 0
    for i, unit in enumerate(units):
        if i % 11 == 10:  # a few units never report: the roll-up shows them as missing
            continue
        day = deadline - timedelta(days=i % 5) if i % 9 != 4 else deadline + timedelta(days=2)
        submitted_at = datetime.combine(day, time(16, 30), tzinfo=VN)
        _, created = UnitReport.objects.get_or_create(
            campaign=campaign,
            unit=unit,
            defaults={
                "narrative": f"{unit.name} đã quán triệt, triển khai kế hoạch thi đua đặc biệt chào mừng "
                f"10 năm thành lập thành phố; hoàn thành các công trình, phần việc đã đăng ký.",
                "figures": {
                    "work_items_done": 1 + i % 3,
                    "events_done": 1 + i % 2,
                    "collectives_praised": i % 4,
                    "individuals_praised": 2 + i % 5,
                    "spending": 500000 * (i % 4),
                },
                "status": UnitReportStatus.SUBMITTED,
                "submitted_at": submitted_at,
                "submitted_by": user,
                "deadline": deadline,
                "is_late": day > deadline,
            },
        )
        made += created
    if not SavedReport.objects.filter(campaign=campaign, authority=authority).exists():
        data = figures.compute(authority, campaign=campaign)
        SavedReport.objects.create(
            authority=authority,
            campaign=campaign,
            kind="tong_ket",
            title="Báo cáo " + report_title(data).replace("Tổng kết", "tổng kết", 1),
            data=data,
            published=True,
            published_at=datetime(2025, 2, 10, 9, 0, tzinfo=VN),
            created_by=user,
        )
    return f"Báo cáo kết quả seed 000: {made} báo cáo mới của đơn vị; báo cáo tổng kết đã lưu."
