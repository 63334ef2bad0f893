"""Issue #10 item 13: races between removal, signing and corrections, and money that was
silently 0 đ on an amendment signed on a date where its forms were not in force."""

import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection, connections, transaction

from thidua.awards import services as s
from thidua.awards.errors import DecisionError
from thidua.awards.models import Award, Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.legal.models import AwardForm
from thidua.legal.services import sync_from_tables

JAN_2025 = date(2025, 1, 20)


@pytest.fixture
def draft(approved_session, users):
    return s.draft_from_session(approved_session, users["standing"], on=JAN_2025)


@pytest.fixture
def signed(draft, users):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    return draft


def _amounts(decision):
    return {ln.awardee_name: ln.amount for ln in decision.lines.all()}


# ---- money on the decision's own date ----------------------------------------------------


def test_amendment_money_is_computed_on_its_own_date_never_today(signed, users, monkeypatch):
    # "Today" is after the reform, when the district chairman's Giấy khen no longer exists.
    monkeypatch.setattr(s.timezone, "localdate", lambda *a: date(2026, 12, 2))
    amendment = s.draft_amendment(signed, users["standing"], "Sai tên", on=date(2025, 2, 1))
    assert amendment.doc_date == date(2025, 2, 1)
    s.sign(amendment, users["chairman"])
    amendment.refresh_from_db()
    assert amendment.status == DecisionStatus.SIGNED and amendment.base_salary == 2_340_000
    assert _amounts(amendment) == _amounts(signed)
    live = Award.objects.filter(decision=amendment)
    assert sorted(live.values_list("amount", flat=True)) == [710_000, 710_000, 1_060_000, 1_410_000]
    assert set(live.values_list("award_date", flat=True)) == {date(2025, 2, 1)}


def test_amendment_is_refused_when_a_form_is_not_in_force_on_its_date(signed, users):
    # The district Giấy khen ended on 30/06/2025: an amendment dated 15/08/2026 would print
    # 0 đ per line; it is refused when drafted (issue #14 item 4), nothing is kept.
    with pytest.raises(DecisionError) as exc:
        s.draft_amendment(signed, users["standing"], "Sai tên", on=date(2026, 8, 15))
    message = " ".join(exc.value.messages)
    assert "Không soạn được quyết định sửa đổi ngày 15/08/2026" in message
    assert "Ma Thị Lan: hình thức" in message and "không có hiệu lực ngày 15/08/2026" in message
    assert "giay_khen" not in message
    assert not Decision.objects.filter(amends=signed).exists()
    signed.refresh_from_db()
    assert signed.status == DecisionStatus.SIGNED
    assert not Award.objects.filter(decision=signed, revoked=True).exists()
    assert not Award.objects.filter(amount=0).exists()


def test_signing_is_refused_when_a_form_has_no_amount_for_the_awardee(draft, users):
    AwardForm.objects.filter(code="giay_khen_chu_tich_huyen").update(coefficient_individual=None)
    with pytest.raises(DecisionError, match="chưa có mức tiền thưởng cho đối tượng này"):
        s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and not Award.objects.exists()


def test_correction_cannot_be_dated_before_the_decision_it_corrects(signed, users):
    with pytest.raises(DecisionError, match="không được trước ngày 20/01/2025"):
        s.draft_amendment(signed, users["standing"], "Sai tên", on=date(2025, 1, 1))
    assert not Decision.objects.filter(amends=signed).exists()


# ---- one pending correction --------------------------------------------------------------


def test_one_pending_amendment_is_a_database_constraint(signed, users):
    first = s.draft_amendment(signed, users["standing"], "Sai tên", on=date(2025, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            issuer=signed.issuer,
            year=2025,
            doc_date=date(2025, 2, 2),
            title="Sửa lần hai",
            kind=DecisionKind.AMEND,
            amends=signed,
            reason="Lần hai",
        )
    with pytest.raises(DecisionError, match="đang chờ ký"):
        s.draft_amendment(signed, users["standing"], "Lần hai", on=date(2025, 2, 2))
    with pytest.raises(DecisionError, match="đang chờ ký"):
        s.draft_revocation(signed, users["standing"], "Thu hồi", on=date(2025, 2, 2))
    assert list(Decision.objects.filter(amends=signed)) == [first]


def _race(targets):
    """Run each callable in its own thread and connection, all released together."""
    barrier = threading.Barrier(len(targets))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(target):
        try:
            barrier.wait()
            target()
            result = "ok"
        except DecisionError as exc:
            result = "refused: " + " ".join(exc.messages)
        except Exception as exc:  # noqa: BLE001 — anything else (deadlock, 500) is a failure
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def _need_postgres():
    assert connection.vendor == "postgresql"
    # A transactional test before this one may have flushed the tables the migrations seed.
    sync_from_tables()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_amendment_requests_create_exactly_one(org, users, council, campaign):
    _need_postgres()
    from tests.council.builders import GIAY_KHEN_HUYEN, appraised_dossier, approve_all

    appraised_dossier(
        org, None, org["ward_a"], GIAY_KHEN_HUYEN, [("individual", None, "Nguyễn Văn A")]
    )
    session = approve_all(org, users, date(2025, 3, 1))
    original = s.draft_from_session(session, users["standing"], on=date(2025, 3, 2))
    s.sign(original, users["chairman"])
    outcomes = _race(
        [
            lambda i=i: s.draft_amendment(
                original, users["standing"], f"Đính chính {i}", on=date(2025, 3, 5)
            )
            for i in range(8)
        ]
    )
    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("ok") == 1
    assert outcomes.count(f"refused: {s.PENDING_CORRECTION}") == 7
    assert Decision.objects.filter(amends=original, status=DecisionStatus.DRAFT).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_removing_lines_while_the_chairman_signs_never_deadlocks(org, users, council, campaign):
    _need_postgres()
    from tests.council.builders import GIAY_KHEN_HUYEN, appraised_dossier, approve_all

    for round_no in range(4):
        names = [f"Người {round_no}-{i}" for i in range(4)]
        appraised_dossier(
            org, None, org["ward_a"], GIAY_KHEN_HUYEN, [("individual", None, n) for n in names]
        )
        session = approve_all(org, users, date(2025, 3, 1))
        draft = s.draft_from_session(session, users["standing"], on=date(2025, 3, 2))
        lines = list(draft.lines.order_by("-pk"))[:3]
        outcomes = _race(
            [lambda d=draft: s.sign(d, users["chairman"])]
            + [lambda ln=ln: s.remove_line(ln, users["standing"]) for ln in lines]
        )
        assert [o for o in outcomes if o.startswith("error")] == [], outcomes
        draft.refresh_from_db()
        assert draft.status == DecisionStatus.SIGNED and s.verify_integrity(draft)
        removed = outcomes.count("ok") - 1
        refused = [o for o in outcomes if o.startswith("refused")]
        assert removed + len(refused) == 3
        assert all("đã ký ban hành" in o for o in refused)
        # What was signed is exactly what is left: one award per remaining line.
        remaining = DecisionLine.objects.filter(decision=draft).count()
        assert remaining == 4 - removed
        assert Award.objects.filter(decision=draft).count() == remaining
