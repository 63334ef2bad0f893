import threading
from datetime import date

import pytest
from django.db import connection

from thidua.awards import services as s
from thidua.awards.errors import DecisionError
from thidua.awards.models import Award, Decision, DecisionCounter, DecisionLine, DecisionStatus
from thidua.core.text import fold
from thidua.dossiers.enums import DossierStatus

JAN_2025 = date(2025, 1, 20)


@pytest.fixture
def draft(approved_session, users):
    return s.draft_from_session(approved_session, users["standing"], on=JAN_2025)


def _amounts(decision):
    return {ln.awardee_name: ln.amount for ln in decision.lines.all()}


# ---- drafting ----------------------------------------------------------------------------


def test_draft_takes_every_approved_line_with_money_on_the_decision_date(draft):
    # legal.md §4: 0.6 × 2,340,000 = 1,404,000 → 1,410,000; 0.3 × … = 702,000 → 710,000;
    # a household gets 1.5 × 710,000 = 1,065,000 → 1,070,000.
    assert draft.base_salary == 2_340_000
    assert _amounts(draft) == {
        "Tổ dân phố 1, Đức Xuân": 1_410_000,
        "Ma Thị Lan": 710_000,
        "Hộ ông Lý Văn Páo": 1_060_000,
        "Bế Văn Hùng": 710_000,
    }
    assert s.totals(draft)["amount"] == 3_890_000
    assert draft.status == DecisionStatus.DRAFT and draft.number is None


def test_draft_grounds_before_the_reform_cite_nd_98(draft):
    assert "98/2023/NĐ-CP" in draft.legal_grounds
    assert "152/2025" not in draft.legal_grounds
    assert "Kế hoạch số 215/KH-UBND ngày 10/10/2024" in draft.legal_grounds
    assert "Biên bản họp Hội đồng Thi đua - Khen thưởng ngày 18/01/2025" in draft.legal_grounds
    assert draft.proposal_line == "Theo đề nghị của Trưởng phòng Nội vụ"


def test_redating_a_draft_after_the_reform_switches_grounds_and_base_salary(draft, users):
    s.update_draft(draft, users["standing"], on=date(2026, 8, 15))
    draft.refresh_from_db()
    assert "152/2025/NĐ-CP" in draft.legal_grounds and "98/2023" not in draft.legal_grounds
    assert draft.base_salary == 2_530_000
    # Giấy khen of the (abolished) district chairman is not in force in 2026: no money, noted.
    line = draft.lines.get(awardee_name="Ma Thị Lan")
    assert line.amount == 0 and "không có hiệu lực" in line.money_note


def test_commune_giay_khen_signed_15_08_2026_uses_2_530_000(org, users, council, campaign):
    from tests.council.builders import appraised_dossier, approve_all

    appraised_dossier(
        org,
        None,
        org["ward_a"],
        "giay_khen_chu_tich_xa",
        [
            ("collective", org["village_a"], org["village_a"].name),
            ("individual", org["person_a"], org["person_a"].full_name),
        ],
    )
    session = approve_all(org, users, date(2026, 8, 10))
    decision = s.draft_from_session(session, users["standing"], on=date(2026, 8, 15))
    s.sign(decision, users["chairman"])
    # 0.6 × 2,530,000 = 1,518,000 → 1,520,000; 0.3 × 2,530,000 = 759,000 → 760,000.
    assert sorted(Award.objects.values_list("amount", flat=True)) == [760_000, 1_520_000]


def test_draft_refused_to_a_unit_officer(approved_session, users):
    with pytest.raises(DecisionError, match="cơ quan thường trực"):
        s.draft_from_session(approved_session, users["officer_a"], on=JAN_2025)
    assert Decision.objects.count() == 0


def test_lines_already_in_a_draft_are_not_drafted_twice(draft, approved_session, users):
    with pytest.raises(DecisionError, match="Không còn đối tượng"):
        s.draft_from_session(approved_session, users["standing"], on=JAN_2025)


# ---- signing -----------------------------------------------------------------------------


def test_only_the_chairman_signs(draft, users, admin_user):
    for name in ("standing", "council", "officer_a"):
        with pytest.raises(DecisionError, match="Chỉ Chủ tịch"):
            s.sign(draft, users[name])
    with pytest.raises(DecisionError, match="Chỉ Chủ tịch"):
        s.sign(draft, admin_user)
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT


def test_signing_numbers_hashes_and_creates_registry_rows(draft, users, dossiers):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED
    assert (draft.number, draft.year, draft.number_display) == (1, 2025, "01/QĐ-UBND")
    assert len(draft.content_hash) == 64 and s.verify_integrity(draft)
    awards = list(Award.objects.filter(decision=draft))
    assert len(awards) == 4
    codes = {a.verification_code for a in awards}
    assert len(codes) == 4 and all(len(c) == 10 and c.isalnum() and c.isupper() for c in codes)
    lan = next(a for a in awards if a.awardee_name == "Ma Thị Lan")
    assert lan.search_text == fold("Ma Thị Lan Phường Đức Xuân")
    assert (lan.amount, lan.award_date, lan.period_key) == (
        710_000,
        JAN_2025,
        f"PT{draft.campaign_id}",
    )
    assert lan.awardee_unit.name == "Phường Đức Xuân" and lan.nominee.name == "Ma Thị Lan"
    for d in dossiers:
        d.refresh_from_db()
        assert d.status == DossierStatus.DECIDED


def test_numbers_run_per_issuer_and_year_and_restart_on_1_january(org, users, council, campaign):
    from tests.council.builders import GIAY_KHEN_HUYEN, appraised_dossier, approve_all

    numbers = []
    for i, on in enumerate([date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1)]):
        appraised_dossier(
            org,
            None,
            org["ward_a"],
            GIAY_KHEN_HUYEN if on.year == 2025 and on.month < 7 else "giay_khen_chu_tich_xa",
            [("individual", None, f"Người số {i}")],
        )
        session = approve_all(org, users, on)
        d = s.draft_from_session(session, users["standing"], on=on)
        s.sign(d, users["chairman"])
        d.refresh_from_db()
        numbers.append((d.year, d.number))
    assert numbers == [(2025, 1), (2025, 2), (2026, 1)]
    assert DecisionCounter.objects.get(issuer=org["city"], year=2025).last_number == 2


def test_signed_decision_refuses_every_edit(draft, users):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    draft.title = "Sửa trích yếu"
    with pytest.raises(DecisionError, match="đã ký ban hành"):
        draft.save()
    line = draft.lines.first()
    line.awardee_name = "Tên khác"
    with pytest.raises(DecisionError, match="đã ký ban hành"):
        line.save()
    with pytest.raises(DecisionError, match="đã ký ban hành"):
        s.update_draft(draft, users["standing"], title="X")
    with pytest.raises(DecisionError):
        s.remove_line(draft.lines.first(), users["standing"])
    with pytest.raises(DecisionError):
        draft.delete()
    fresh = Decision.objects.get(pk=draft.pk)
    assert fresh.title != "Sửa trích yếu" and fresh.lines.count() == 4 and s.verify_integrity(fresh)


def test_content_hash_changes_when_content_changes(draft, users):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    stored = draft.content_hash
    assert draft.compute_hash() == stored
    draft.title = draft.title + " (sửa)"
    assert draft.compute_hash() != stored
    draft.refresh_from_db()
    # Tampering below the services (raw UPDATE) is detected by the hash.
    DecisionLine.objects.filter(decision=draft, awardee_name="Ma Thị Lan").update(amount=999_999)
    assert not s.verify_integrity(Decision.objects.get(pk=draft.pk))


# ---- corrections -------------------------------------------------------------------------


def test_revocation_marks_the_awards_revoked(draft, users):
    s.sign(draft, users["chairman"])
    revocation = s.draft_revocation(draft, users["standing"], "Phát hiện khai man thành tích")
    assert revocation.revokes_id == draft.pk and revocation.lines.count() == 0
    s.sign(revocation, users["chairman"], on=date(2025, 2, 10))
    draft.refresh_from_db()
    revocation.refresh_from_db()
    assert draft.status == DecisionStatus.REVOKED
    assert revocation.number == 2
    assert not Award.objects.filter(decision=draft, revoked=False).exists()


def test_amendment_replaces_the_awards_with_the_corrected_list(draft, users):
    s.sign(draft, users["chairman"])
    amendment = s.draft_amendment(
        draft, users["standing"], "Sai tên người được khen", on=date(2025, 2, 1)
    )
    line = amendment.lines.get(awardee_name="Bế Văn Hùng")
    s.update_line(line, users["standing"], awardee_name="Bế Văn Hưng")
    s.sign(amendment, users["chairman"], on=date(2025, 2, 1))
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.AMENDED
    live = Award.objects.filter(revoked=False)
    assert set(live.values_list("decision", flat=True)) == {amendment.pk}
    assert "Bế Văn Hưng" in live.values_list("awardee_name", flat=True)
    assert s.verify_integrity(Decision.objects.get(pk=draft.pk))


def test_correction_requires_a_reason(draft, users):
    s.sign(draft, users["chairman"])
    with pytest.raises(DecisionError, match="lý do"):
        s.draft_revocation(draft, users["standing"], "  ")


# ---- payments ----------------------------------------------------------------------------


def test_mark_paid_records_date_and_payer_and_refuses_twice(draft, users):
    s.sign(draft, users["chairman"])
    awards = list(Award.objects.filter(decision=draft))
    assert s.mark_paid(awards[:2], users["standing"], on=date(2025, 2, 3)) == 2
    paid = Award.objects.filter(paid_at=date(2025, 2, 3))
    assert paid.count() == 2 and set(paid.values_list("paid_by", flat=True)) == {
        users["standing"].pk
    }
    with pytest.raises(DecisionError, match="đã chi"):
        s.mark_paid(awards, users["standing"], on=date(2025, 2, 4))
    assert Award.objects.filter(paid_at__isnull=False).count() == 2


def test_mark_paid_refused_to_unit_officer_and_for_revoked_awards(draft, users):
    s.sign(draft, users["chairman"])
    awards = list(Award.objects.filter(decision=draft))
    with pytest.raises(DecisionError):
        s.mark_paid(awards, users["officer_a"])
    Award.objects.filter(pk=awards[0].pk).update(revoked=True)
    with pytest.raises(DecisionError, match="thu hồi"):
        s.mark_paid(awards, users["standing"])
    assert not Award.objects.filter(paid_at__isnull=False).exists()


def test_items_issued_with_the_right_kind(draft, users):
    s.sign(draft, users["chairman"])
    awards = list(Award.objects.filter(decision=draft))
    assert {a.item_kind for a in awards} == {"Khung Giấy khen"}
    s.mark_items_issued(awards, users["standing"], on=date(2025, 2, 5))
    assert Award.objects.filter(item_issued_at=date(2025, 2, 5)).count() == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_signings_never_share_a_number(org, users, council, campaign):
    assert connection.vendor == "postgresql"
    from tests.council.builders import GIAY_KHEN_HUYEN, appraised_dossier, approve_all
    from thidua.legal.services import sync_from_tables

    sync_from_tables()  # an earlier transactional test may have flushed the seeded tables

    drafts = []
    for i in range(4):
        appraised_dossier(
            org, None, org["ward_a"], GIAY_KHEN_HUYEN, [("individual", None, f"Người {i}")]
        )
        session = approve_all(org, users, date(2025, 3, 1))
        drafts.append(s.draft_from_session(session, users["standing"], on=date(2025, 3, 2)))
    errors = []

    def _sign(d):
        try:
            s.sign(d, users["chairman"])
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=_sign, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
