"""The one way to write the audit trail; every transition of every app calls `record`."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEvent


def record(
    obj,
    action: str,
    actor=None,
    *,
    unit=None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Write one audit event. Call inside the transaction that made the change."""
    if unit is None:
        unit = _guess_unit(obj)
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
        actor=actor if actor is not None and actor.is_authenticated else None,
        unit=unit,
    )


def _guess_unit(obj):
    # The model of the event's `unit` field (org.Unit), resolved by Django: core does not
    # import org, one layer above it.
    unit_model = AuditEvent._meta.get_field("unit").related_model
    if isinstance(obj, unit_model):
        return obj
    for attr in ("unit", "authority", "issuer", "proposer"):
        value = getattr(obj, attr, None)
        if isinstance(value, unit_model):
            return value
    return None
