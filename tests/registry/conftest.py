"""Registry fixtures: signed decisions with award rows built directly (the registry contract)."""

from datetime import date
from uuid import uuid4

import pytest

from thidua.awards.models import Award, Decision, DecisionStatus
from thidua.core.text import fold


def make_decision(
    issuer, number=15, status=DecisionStatus.SIGNED, doc_date=date(2025, 1, 20), **extra
):
    return Decision.objects.create(
        issuer=issuer,
        year=doc_date.year,
        number=number,
        doc_date=doc_date,
        status=status,
        title="Về việc khen thưởng phong trào thi đua đặc biệt",
        signer_name="Nông Văn Cường",
        signer_title="Chủ tịch",
        sign_mode="",
        **extra,
    )


def make_award(
    decision,
    name,
    unit,
    *,
    person=None,
    collective=None,
    form_code="giay_khen_chu_tich_huyen",
    form_name="Giấy khen của Chủ tịch UBND thành phố",
    on=None,
    campaign=None,
    **extra,
):
    on = on or (decision.doc_date if decision else date(2025, 1, 20))
    return Award.objects.create(
        decision=decision,
        campaign=campaign,
        form_code=form_code,
        form_name=form_name,
        subject_kind="collective" if collective else "individual",
        person=person,
        unit=collective,
        awardee_unit=unit,
        awardee_name=name,
        awardee_unit_name=unit.name,
        wording="Đã có thành tích xuất sắc trong phong trào thi đua đặc biệt chào mừng kỷ niệm 10 năm "
        "thành lập thành phố Bắc Kạn",
        award_date=on,
        year=on.year,
        verification_code=f"T{uuid4().hex[:9].upper()}",
        search_text=fold(f"{name} {unit.name}"),
        **extra,
    )


@pytest.fixture
def signed(org):
    """A signed city decision: Ma Thị Lan (ward A), Bế Văn Hùng (ward B), ward A as a collective."""
    d = make_decision(org["city"])
    a1 = make_award(d, "Ma Thị Lan", org["ward_a"], person=org["person_a"])
    a2 = make_award(d, "Bế Văn Hùng", org["ward_b"], person=org["person_b"])
    a3 = make_award(d, "Phường Đức Xuân", org["ward_a"], collective=org["ward_a"])
    return {"decision": d, "awards": [a1, a2, a3]}
