"""Issuers that no longer exist (issue #14 item 4): the district level ended on 30/06/2025,
so a city cannot draft, redate or sign anything dated after that; a draft takes the date
of its council meeting; an amendment of an old decision is issued by the successor under
the law in force on its own date, and refuses lines whose form no longer exists."""

from datetime import date

import pytest

from tests.conftest import make_user
from thidua.awards import services as s
from thidua.awards.errors import DecisionError
from thidua.awards.models import Award, Decision, DecisionStatus
from thidua.core.roles import Role
from thidua.org.enums import UnitKind
from thidua.org.models import Unit

END = date(2025, 6, 30)


@pytest.fixture
def successor(org):
    ward = Unit.objects.create(
        code="WNEW",
        name="Phường Đức Xuân",
        kind=UnitKind.WARD,
        parent=org["province"],
        is_authority=True,
        valid_from=date(2025, 7, 1),
        place_name="Đức Xuân",
    )
    city = org["city"]
    city.valid_to, city.successor = END, ward
    city.save()
    return ward


def test_an_ended_authority_holds_no_council_session_after_its_end(org, users, council, successor):
    from thidua.council import services as cs

    with pytest.raises(cs.CouncilError, match="đã chấm dứt hoạt động sau ngày 30/06/2025"):
        cs.create_session(org["city"], users["standing"], title="Họp", on=date(2025, 7, 3))
    assert cs.create_session(org["city"], users["standing"], title="Họp", on=END)


def test_a_draft_takes_the_date_of_its_council_meeting(approved_session, users):
    decision = s.draft_from_session(approved_session, users["standing"])
    assert decision.doc_date == approved_session.date == date(2025, 1, 18)
    assert decision.year == 2025


def test_an_ended_issuer_cannot_draft_redate_or_sign_after_its_end(
    approved_session, users, successor
):
    with pytest.raises(DecisionError) as exc:
        s.draft_from_session(approved_session, users["standing"], on=date(2025, 7, 5))
    assert exc.value.messages == [
        "Thành phố Bắc Kạn đã chấm dứt hoạt động sau ngày 30/06/2025: không dự thảo được văn "
        "bản ngày 05/07/2025; văn bản ngày này do Phường Đức Xuân ban hành."
    ]
    assert not Decision.objects.exists()
    draft = s.draft_from_session(approved_session, users["standing"], on=date(2025, 6, 20))
    with pytest.raises(DecisionError, match="không ghi ngày được văn bản ngày 01/07/2025"):
        s.update_draft(draft, users["standing"], on=date(2025, 7, 1))
    with pytest.raises(DecisionError, match="không ký được văn bản ngày 02/07/2025"):
        s.sign(draft, users["chairman"], on=date(2025, 7, 2))
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and draft.number is None
    assert not Award.objects.exists()
    s.sign(draft, users["chairman"], on=END)  # its last day: still its own
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.number_display == "01/QĐ-UBND"


def test_an_old_decision_is_amended_by_the_successor_under_the_law_of_its_own_date(
    org, users, council, successor
):
    from tests.council.builders import appraised_dossier, approve_all

    appraised_dossier(
        org,
        None,
        org["ward_a"],
        "lao_dong_tien_tien",
        [("individual", org["person_a"], "Ma Thị Lan")],
    )
    session = approve_all(org, users, date(2025, 1, 18))
    old = s.draft_from_session(session, users["standing"], on=date(2025, 1, 20))
    s.sign(old, users["chairman"])
    old.refresh_from_db()
    assert "Nghị định số 98/2023/NĐ-CP" in old.legal_grounds
    # The city's own standing body cannot issue anything after 30/06/2025 ...
    new_standing = make_user("noivu_moi", Role.STANDING_BODY, successor)
    new_chairman = make_user("chutich_moi", Role.CHAIRMAN, successor)
    amendment = s.draft_amendment(old, new_standing, "Sai tên", on=date(2025, 8, 20))
    # ... its successor does, under Luật 72/2025/QH15 and NĐ 152/2025 (+ NĐ 129/2025 for a ward).
    assert amendment.issuer == successor and amendment.doc_date == date(2025, 8, 20)
    grounds = amendment.legal_grounds
    assert "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025" in grounds
    assert "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ" in grounds
    assert "Nghị định số 129/2025/NĐ-CP" in grounds and "98/2023" not in grounds
    assert (
        "Căn cứ Quyết định số 01/QĐ-UBND ngày 20/01/2025 của Ủy ban nhân dân thành phố" in grounds
    )
    [line] = amendment.lines.all()
    assert (line.amount, line.money_note) == (710_000, "")
    s.sign(amendment, new_chairman)
    old.refresh_from_db()
    amendment.refresh_from_db()
    assert old.status == DecisionStatus.AMENDED
    assert amendment.status == DecisionStatus.SIGNED and amendment.number_display == "01/QĐ-UBND"


def test_an_amendment_refuses_lines_whose_form_ended_instead_of_printing_zero(
    approved_session, users, successor
):
    old = s.draft_from_session(approved_session, users["standing"], on=date(2025, 1, 20))
    s.sign(old, users["chairman"])
    new_standing = make_user("noivu_moi", Role.STANDING_BODY, successor)
    with pytest.raises(DecisionError) as exc:
        s.draft_amendment(old, new_standing, "Sai tên", on=date(2025, 8, 20))
    message = " ".join(exc.value.messages)
    assert "Không soạn được quyết định sửa đổi ngày 20/08/2025" in message
    assert "“Giấy khen của Chủ tịch UBND thành phố Bắc Kạn” không có hiệu lực" in message
    assert "0 đ" not in message and "giay_khen" not in message
    assert not Decision.objects.filter(amends=old).exists()
    # A revocation carries no lines: the successor may revoke.
    revocation = s.draft_revocation(old, new_standing, "Trùng thành tích", on=date(2025, 8, 20))
    assert revocation.issuer == successor
