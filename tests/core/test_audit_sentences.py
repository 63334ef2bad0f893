"""The audit trail reads as Vietnamese sentences (issue #15, item 9): one registry of
action → sentence in core/audit.py, states shown with their labels, and the audit log page
is paginated, filterable by object, person and date, and scoped to the user's units."""

import re
from datetime import timedelta
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

import thidua
from thidua.core import audit
from thidua.core.models import AuditEvent
from thidua.dossiers import services as dossier_services

SOURCE = Path(thidua.__file__).parent
# f-string codes and the values their placeholder takes
EXPANSIONS = {
    'f"awards.decision.{kind}_drafted"': ["award", "amend", "revoke"],
    'f"registrations.reminder.{kind}"': ["before", "after"],
    'f"registrations.{item.kind}.done"': ["work_item", "event"],
    'f"registrations.{kind}.add"': ["work_item", "event"],
}


def _recorded_codes() -> set[str]:
    codes = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text()
        for m in re.finditer(r"audit\.record\(\s*[^,]+,\s*([^,]+?),", text):
            arg = m.group(1).strip()
            if arg in EXPANSIONS:
                template = re.sub(r"\{[^}]*\}", "{}", arg[2:-1])
                codes.update(template.format(v) for v in EXPANSIONS[arg])
                continue
            codes.update(re.findall(r'"([a-z_]+(?:\.[a-z_]+)*)"', arg))
        for m in re.finditer(r'create_from_form\([^)]*?"([a-z_.]+)"', text, re.S):
            codes.add(m.group(1))
    return codes


def test_every_recorded_action_and_every_state_move_has_a_sentence():
    from thidua.core.states import StateTable  # noqa: F401 — the tables register themselves

    # (state tables that tests declare register themselves too: not the app's codes)
    codes = _recorded_codes() | {c for c in audit._MOVES if not c.startswith("tests.")}
    codes.discard("action")  # reports' generic helper, whose callers pass literal codes
    assert len(codes) > 80
    missing = sorted(c for c in codes if c not in audit.SENTENCES)
    assert missing == []


def _event(action, actor=None, unit=None, obj="", **kw):
    return AuditEvent.objects.create(action=action, actor=actor, unit=unit, object_repr=obj, **kw)


def test_deadline_exception_reads_as_a_sentence_with_the_persons_name(org, users, db):
    standing = users["standing"]
    standing.first_name = "Lương Thị Hà"
    standing.save()
    from tests.dossiers.helpers import make_campaign

    campaign = make_campaign(org)
    dossier_services.open_deadline_exception(
        campaign,
        org["ward_a"],
        campaign.deadline("dossier") + timedelta(days=5),
        "Mưa lũ",
        standing,
    )
    event = AuditEvent.objects.get(action="dossiers.deadline_exception.opened")
    until = (campaign.deadline("dossier") + timedelta(days=5)).strftime("%d/%m/%Y")
    assert audit.describe(event) == (
        f"Lương Thị Hà mở hạn nộp bổ sung cho Phường Đức Xuân đến hết {until}"
    )
    assert audit.state_change(event) == ""


def test_a_state_change_shows_labels_never_codes(org, users):
    from thidua.dossiers.states import DOSSIER  # noqa: F401 — registers the labels

    e = _event(
        "dossiers.dossier.submitted",
        users["officer_a"],
        org["ward_a"],
        "Đề nghị khen 2025",
        from_state="draft",
        to_state="submitted",
    )
    assert audit.state_change(e) == "Dự thảo → Đã nộp"
    assert audit.describe(e) == "officer_a nộp hồ sơ «Đề nghị khen 2025»"
    role = _event(
        "role_granted",
        None,
        org["ward_a"],
        "x",
        to_state="unit_officer",
        data={"user": "lan", "user_name": "Ma Thị Lan"},
    )
    assert audit.describe(role) == (
        "Hệ thống giao vai trò «Cán bộ thi đua đơn vị» cho Ma Thị Lan tại Phường Đức Xuân"
    )


def test_audit_log_is_paginated_filtered_and_scoped(org, users, client_for):
    officer = users["officer_a"]
    officer.first_name = "Ma Thị Lan"
    officer.save()
    for i in range(55):
        _event("org.person.updated", officer, org["ward_a"], f"Người {i}")
    _event("org.person.updated", users["officer_b"], org["ward_b"], "Người phường khác")
    old = _event("org.unit.created", users["standing"], org["ward_a"], "Tổ cũ")
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))

    c = client_for("standing")
    url = reverse("audit_log")
    page1 = c.get(url).content.decode()
    assert "Ma Thị Lan sửa thông tin cá nhân Người 54" in page1
    assert "Trang 1/2" in page1 and "org.person" not in page1
    assert c.get(url, {"page": 2}).status_code == 200

    by_person = c.get(url, {"nguoi": users["officer_b"].pk}).content.decode()
    assert "Người phường khác" in by_person and "Người 54" not in by_person
    by_object = c.get(url, {"q": "Người 7"}).content.decode()
    assert "Người 7" in by_object and "Người 8" not in by_object
    day = (timezone.localdate() - timedelta(days=40)).strftime("%d/%m/%Y")
    by_date = c.get(url, {"tu": day, "den": day}).content.decode()
    assert "Tổ cũ" in by_date and "Người 1" not in by_date
    kinds = c.get(url, {"tu": "31/02/2025"}).content.decode()
    assert "Ngày “31/02/2025” không hợp lệ" in kinds

    # ward B's officer sees only ward B's trail
    own = client_for("officer_b").get(url).content.decode()
    assert "Người phường khác" in own and "Người 54" not in own


def test_histories_of_campaign_and_dossier_pages_use_the_sentences(org, users, client_for):
    from tests.dossiers.helpers import make_campaign

    campaign = make_campaign(org)
    audit.record(
        campaign,
        "campaigns.campaign.launched",
        users["standing"],
        from_state="draft",
        to_state="launched",
    )
    html = client_for("standing").get(reverse("campaigns:detail", args=[campaign.pk])).content
    text = html.decode()
    assert "standing phát động phong trào" in text
    assert "Dự thảo → Đã phát động" in text and "campaigns.campaign" not in text
