"""Secret ballot: nothing derived from the ballots is visible before the session closes.

Issue #10 item 2: the minutes rendered running totals while the session was open, so a
copy downloaded after each ballot, diffed with the previous one, revealed each vote.
"""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from thidua.council import services
from thidua.council.enums import AttendanceStatus

NOT_COUNTED = "Phiên họp chưa kết thúc: kết quả biểu quyết chỉ được ghi vào biên bản"


@pytest.fixture
def session(org, users, council, dossiers, campaign):
    session = services.create_session(
        org["city"],
        users["standing"],
        title="Phiên họp xét khen thưởng",
        on=date(2025, 1, 18),
        campaign=campaign,
    )
    services.set_attendance(session, users["standing"], {council[1].pk: AttendanceStatus.WRITTEN})
    services.build_agenda(session, users["standing"])
    services.open_session(session, users["standing"])
    return session


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _minutes(client):
    def get(session):
        resp = client.get(reverse("council:minutes", args=[session.pk]))
        assert resp.status_code == 200
        return _docx_text(resp.content)

    return get


def test_minutes_are_identical_after_each_ballot_while_open_and_show_totals_after_close(
    client_for, session, users
):
    minutes = _minutes(client_for("council"))
    item = session.items.get(nominee__name="Bế Văn Hùng")
    before = minutes(session)
    assert NOT_COUNTED in before
    assert "Tỷ lệ đồng ý" not in before and "Không đồng ý" not in before

    services.cast_ballot(session, users["chairman"], {item.pk: "no"})
    after_no = minutes(session)
    services.cast_ballot(session, users["council"], {item.pk: "yes"})
    after_yes = minutes(session)
    services.record_written_votes(item, users["standing"], yes=1, no=0, abstain=0)
    after_written = minutes(session)
    # A copy taken after every ballot says exactly the same thing: diffing reveals nothing.
    assert before == after_no == after_yes == after_written

    from tests.council.builders import fill_ballots

    fill_ballots(session, users)
    services.close_session(session, users["standing"])
    closed = minutes(session)
    assert NOT_COUNTED not in closed and "Tỷ lệ đồng ý" in closed
    row = next(line for line in closed.splitlines() if line.startswith("4 | Bế Văn Hùng"))
    # yes: the council member + one written vote; no: the chairman; the two other present
    # members abstain; 2 of 5 members is not more than half of the council: not passed.
    assert row.endswith(" | 2 | 1 | 2 | 2/5 (40,0 %) | Không đạt (cần Quá nửa tổng số thành viên)")


def test_session_page_shows_only_who_voted_in_name_order_and_no_totals(client_for, session, users):
    items = list(session.items.all())
    page = client_for("standing")

    def html():
        return page.get(reverse("council:session", args=[session.pk])).content.decode()

    services.cast_ballot(session, users["council"], {i.pk: "no" for i in items})
    services.record_written_votes(items[0], users["standing"], yes=1, no=0, abstain=0)
    first = html()
    assert "đã bỏ phiếu" in first
    assert "Kết quả</th>" not in first and "Tỷ lệ đồng ý" not in first
    # The written votes' split is not echoed back into the form while open.
    assert 'name="yes" value=' not in first
    services.cast_ballot(session, users["chairman"], {i.pk: "yes" for i in items})
    second = html()
    # Members stay in the attendance order (role, name) whoever voted first; each voter is
    # marked only "đã bỏ phiếu", with no time.
    order = [a.member.full_name for a in session.attendance.select_related("member")]
    assert [second.index(n) for n in order] == sorted(second.index(n) for n in order)
    assert second.count("đã bỏ phiếu") == 2
    assert "Hà Thị Liên" in second and "giờ" not in second.split("Thành phần tham dự")[1][:4000]


def test_api_counts_and_results_hidden_until_close(client_for, session, users):
    item = session.items.first()
    services.cast_ballot(session, users["council"], {item.pk: "no"})
    services.record_written_votes(item, users["standing"], yes=1, no=0, abstain=0)
    from tests.council.builders import fill_ballots

    fill_ballots(session, users)
    api = client_for("council")
    data = api.get(f"/api/council/sessions/{session.pk}").json()
    for row in data["items"]:
        assert (row["yes"], row["no"], row["abstain"], row["result"]) == (
            None,
            None,
            None,
            "pending",
        )
    services.close_session(session, users["standing"])
    data = api.get(f"/api/council/sessions/{session.pk}").json()
    row = next(r for r in data["items"] if r["id"] == item.pk)
    assert (row["yes"], row["no"]) == (1, 1)
