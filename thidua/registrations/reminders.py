"""Reminders before and after the registration deadlines, in the app and by e-mail.

For each running campaign: ``days_before`` days (or fewer) before the registration
deadline, every block member of the issuer's blocks that has not submitted yet is
reminded; after the deadline those still missing get a "quá hạn" reminder. The same for
block heads and the forwarding deadline. A Reminder row per (deadline, unit, kind) makes
the command idempotent: running it twice sends nothing new.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns.enums import CampaignStatus, DeadlineKind
from thidua.campaigns.models import CampaignDeadline
from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.roles import Role
from thidua.org.models import Block, BlockMember

from .enums import RANKED_STATUSES, RegistrationStatus, ReminderKind
from .models import Registration, Reminder
from .services import _users_with_role

DEFAULT_DAYS_BEFORE = 3
RUNNING = [CampaignStatus.LAUNCHED, CampaignStatus.RUNNING]


def _blocks_of(campaign):
    year = (campaign.start_date or timezone.localdate()).year
    blocks = Block.objects.filter(authority=campaign.issuer)
    return blocks.filter(year=year) if blocks.filter(year=year).exists() else blocks.none()


def _targets(deadline: CampaignDeadline) -> list[tuple[object, list[int], str]]:
    """(unit, user-unit ids, message) for everyone who still owes the deadline's action."""
    campaign = deadline.campaign
    blocks = _blocks_of(campaign)
    out = []
    if deadline.kind == DeadlineKind.REGISTRATION:
        done = set(
            Registration.objects.filter(campaign=campaign, status__in=RANKED_STATUSES).values_list(
                "unit_id", flat=True
            )
        )
        for m in (
            BlockMember.objects.filter(block__in=blocks)
            .select_related("unit")
            .order_by("unit__name")
        ):
            if m.unit_id not in done:
                out.append(
                    (m.unit, [m.unit_id, m.unit.parent_id], "gửi đăng ký thi đua tới trưởng khối")
                )
    else:
        pending = set(
            Registration.objects.filter(
                campaign=campaign,
                block__in=blocks,
                status__in=[RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED],
            ).values_list("block_id", flat=True)
        )
        for b in blocks.filter(pk__in=pending, head__isnull=False).select_related("head"):
            out.append((b.head, [b.head_id], f"gửi đăng ký của {b.name} về cơ quan thường trực"))
    return out


def send_reminders(
    today: date | None = None, days_before: int = DEFAULT_DAYS_BEFORE, stdout=None
) -> int:
    today = today or timezone.localdate()
    sent = 0
    deadlines = CampaignDeadline.objects.filter(
        kind__in=[DeadlineKind.REGISTRATION, DeadlineKind.REGISTRATION_FORWARD],
        campaign__status__in=RUNNING,
    ).select_related("campaign__issuer")
    for d in deadlines:
        left = (d.date - today).days
        if 0 <= left <= days_before:
            kind = ReminderKind.BEFORE
        elif left < 0:
            kind = ReminderKind.AFTER
        else:
            continue
        for unit, unit_ids, action in _targets(d):
            roles = (
                (Role.BLOCK_HEAD,)
                if d.kind == DeadlineKind.REGISTRATION_FORWARD
                else (Role.UNIT_OFFICER, Role.UNIT_HEAD)
            )
            ids = [unit.pk] if d.kind == DeadlineKind.REGISTRATION_FORWARD else unit_ids
            users = _users_with_role([i for i in ids if i], *roles)
            when = d.date.strftime("%d/%m/%Y")
            if kind == ReminderKind.BEFORE:
                msg = f"Nhắc hạn: {unit.name} cần {action} trước hết ngày {when} ({d.campaign.title})."
            else:
                msg = (
                    f"Quá hạn: {unit.name} chưa {action}; hạn là ngày {when} ({d.campaign.title})."
                )
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        deadline=d, unit=unit, kind=kind, recipients=len(users), message=msg[:500]
                    )
                    audit.record(
                        d.campaign,
                        f"registrations.reminder.{kind}",
                        None,
                        unit=unit,
                        data={"deadline": d.pk, "recipients": len(users)},
                    )
                    notify(
                        users,
                        msg,
                        reverse("registrations:list"),
                        subject="[Thi đua - Khen thưởng] Nhắc hạn đăng ký thi đua",
                    )
            except IntegrityError:
                continue  # already reminded for this deadline
            sent += 1
            if stdout:
                stdout.write(msg)
    return sent
