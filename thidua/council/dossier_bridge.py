"""The three dossier transitions the council and decisions need.

The dossier app owns these transitions (`thidua.dossiers.services`). Until it provides
them, the minimal private fallbacks below set the status fields and write the audit
event, so council and decisions work end to end either way.
"""

from __future__ import annotations

import importlib

from django.utils import timezone

from thidua.core import audit
from thidua.dossiers.enums import DossierStatus


def _service(name: str):
    try:
        module = importlib.import_module("thidua.dossiers.services")
    except ModuleNotFoundError as exc:
        if exc.name != "thidua.dossiers.services":
            raise
        return None
    return getattr(module, name, None)


def _set_status(dossier, status: str, actor, action: str, **data) -> None:
    old = dossier.status
    if old == status:
        return
    dossier.status = status
    dossier.status_changed_at = timezone.now()
    dossier.save(update_fields=["status", "status_changed_at", "updated_at"])
    audit.record(
        dossier, action, actor, unit=dossier.proposer, from_state=old, to_state=status, data=data
    )


def mark_in_council(dossier, actor) -> None:
    fn = _service("mark_in_council")
    if fn is not None:
        fn(dossier, actor)
        return
    _set_status(dossier, DossierStatus.IN_COUNCIL, actor, "dossiers.dossier.in_council")


def record_council_result(nominee, approved: bool, actor) -> None:
    """Record one line's vote; when every line on the agenda has a result, the dossier
    becomes approved (at least one line passed) or not approved (none did)."""
    fn = _service("record_council_result")
    if fn is not None:
        fn(nominee, approved, actor)
        return
    from .models import AgendaItem

    dossier = nominee.dossier
    audit.record(
        nominee,
        "dossiers.nominee.council_result",
        actor,
        unit=dossier.proposer,
        to_state="approved" if approved else "not_approved",
    )
    items = AgendaItem.objects.filter(nominee__dossier=dossier, session__status="closed")
    lines = set(dossier.nominees.filter(result="eligible").values_list("pk", flat=True))
    decided = {i.nominee_id: i.result for i in items}
    decided[nominee.pk] = "approved" if approved else "not_approved"
    if lines <= set(decided):
        passed = any(decided[pk] == "approved" for pk in lines)
        status = DossierStatus.APPROVED if passed else DossierStatus.NOT_APPROVED
        _set_status(dossier, status, actor, "dossiers.dossier.council_result")


def mark_decided(dossier, decision, actor) -> None:
    fn = _service("mark_decided")
    if fn is not None:
        fn(dossier, decision, actor)
        return
    _set_status(
        dossier,
        DossierStatus.DECIDED,
        actor,
        "dossiers.dossier.decided",
        decision_id=decision.pk,
        decision=decision.number_display,
    )
