"""MUST SHOW: the seed 000 campaign (City of Bắc Kạn, 10th anniversary) carried from
approved dossiers through the council to a signed decision with money, and on to the
merged certificates of the registry app."""

import io
from datetime import date

from thidua.awards import services as aw
from thidua.awards.models import Award, DecisionStatus
from thidua.council import services as cs
from thidua.council.enums import AttendanceStatus, Choice, ItemResult
from thidua.dossiers.enums import DossierStatus


def test_seed000_from_dossiers_to_signed_decision_with_money_and_certificates(
    org, users, council, campaign, dossiers
):
    standing, chairman = users["standing"], users["chairman"]
    # 1. Council session on 18/01/2025 with one member voting in writing.
    session = cs.create_session(
        org["city"],
        standing,
        title="Xét khen thưởng 10 năm thành lập thành phố",
        on=date(2025, 1, 18),
        place="Hội trường UBND thành phố",
        campaign=campaign,
    )
    assert cs.build_agenda(session, standing) == 4
    deputy = next(m for m in council if m.full_name == "Hà Thị Liên")
    cs.set_attendance(session, standing, {deputy.pk: AttendanceStatus.WRITTEN})
    cs.open_session(session, standing)
    for name in ("chairman", "standing", "council", "dung"):
        member = cs.member_for_user(session, users[name])
        cs.cast_ballot(
            session, users[name], {i.pk: Choice.YES for i in cs.votable_items(session, member)}
        )
    for item in session.items.all():
        cs.record_written_votes(item, standing, yes=1, no=0, abstain=0)
    assert cs.close_session(session, standing) == {"approved": 4, "not_approved": 0}
    assert set(session.items.values_list("result", flat=True)) == {ItemResult.APPROVED}
    for d in dossiers:
        d.refresh_from_db()
        assert d.status == DossierStatus.APPROVED

    # 2. Decision drafted by the standing body, signed by the chairman on 20/01/2025.
    decision = aw.draft_from_session(session, standing, on=date(2025, 1, 20))
    aw.sign(decision, chairman)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED and decision.number_display == "01/QĐ-UBND"
    assert aw.verify_integrity(decision)

    # 3. Money: base 2,340,000 on the decision date, rounded up to 10,000 đ.
    money = dict(Award.objects.filter(decision=decision).values_list("awardee_name", "amount"))
    assert money == {
        "Tổ dân phố 1, Đức Xuân": 1_410_000,
        "Ma Thị Lan": 710_000,
        "Hộ ông Lý Văn Páo": 1_060_000,
        "Bế Văn Hùng": 710_000,
    }
    assert aw.totals(decision)["amount"] == 3_890_000
    for d in dossiers:
        d.refresh_from_db()
        assert d.status == DossierStatus.DECIDED

    # 4. Merged certificates, by the registry app.
    from pypdf import PdfReader

    from thidua.registry import services as registry

    batch = registry.start_batch(decision, standing)
    batch = registry.run_batch(batch.pk)
    assert batch.status == "done"
    from django.conf import settings

    merged = (
        settings.MEDIA_ROOT / batch.file.name
        if hasattr(batch.file, "name")
        else settings.MEDIA_ROOT / batch.file
    )
    reader = PdfReader(io.BytesIO(merged.read_bytes()))
    assert len(reader.pages) == 4
    text = "".join(page.extract_text() for page in reader.pages)
    assert "01/QĐ-UBND" in text or "01/QD-UBND" in text
