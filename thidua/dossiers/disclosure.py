"""Public disclosure of the proposed awardees (công khai) and the public's comments on it."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.roles import Role
from thidua.legal import read as legal

from .enums import DossierStatus, LineResult
from .models import Disclosure, Dossier, Nominee, PublicComment
from .services import DossierError, move_dossier, proposer_staff, url_of, users_with


def disclosure_days(on: date) -> int:
    value = legal.setting("disclosure_days", on, default=5)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 5


@transaction.atomic
def publish_disclosure(
    campaign, actor, days: int | None = None, start: date | None = None
) -> Disclosure:
    start = start or timezone.localdate()
    days = days or disclosure_days(start)
    if days < 1 or days > 60:
        raise DossierError("Số ngày công khai phải từ 1 đến 60.")
    dossiers = list(
        Dossier.objects.select_for_update().filter(
            campaign=campaign, status__in=[DossierStatus.APPRAISED, DossierStatus.APPROVED]
        )
    )
    lines = list(Nominee.objects.filter(dossier__in=dossiers, result=LineResult.ELIGIBLE))
    if not lines:
        raise DossierError("Chưa có hồ sơ đã thẩm định đủ điều kiện để công khai.")
    disc = Disclosure.objects.create(
        campaign=campaign,
        authority=campaign.issuer,
        start=start,
        end=start + timedelta(days=days - 1),
        published_by=actor,
    )
    disc.nominees.set(lines)
    for d in dossiers:
        move_dossier(d, "disclosed", actor, f"Công khai {days} ngày", {"disclosure": disc.pk})
        notify(
            proposer_staff(d),
            f"Danh sách đề nghị khen thưởng đã được công khai: {campaign.title}",
            url_of(d),
        )
    audit.record(
        campaign,
        "dossiers.disclosure.published",
        actor,
        unit=campaign.issuer,
        data={"disclosure": disc.pk, "lines": len(lines), "days": days},
    )
    return disc


@transaction.atomic
def add_public_comment(
    disclosure: Disclosure, *, name: str, contact: str, text: str, ip: str | None
):
    today = timezone.localdate()
    if not (disclosure.start <= today <= disclosure.end):
        raise DossierError("Thời gian nhận góp ý đã kết thúc.")
    comment = PublicComment.objects.create(
        disclosure=disclosure, name=name.strip(), contact=contact.strip(), text=text.strip(), ip=ip
    )
    notify(
        users_with({Role.STANDING_BODY}, [disclosure.authority_id]),
        f"Góp ý mới về danh sách công khai: {disclosure.campaign.title}",
        reverse("dossiers:complaints"),
    )
    return comment
