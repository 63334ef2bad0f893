"""Going upward: the issuer's standing body bundles lines its own level cannot grant into a
new dossier to the parent authority (city → province)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from thidua.core import audit

from . import checks
from .enums import CouncilResult, DossierKind, DossierStatus, LineResult
from .models import Dossier, Nominee, NomineeOrigin
from .services import DossierError, save_line_facts


def is_upward_bundle(dossier) -> bool:
    """A dossier the campaign's issuer sends to its own parent authority (city → province)."""
    campaign = dossier.campaign
    return bool(
        campaign is not None
        and dossier.proposer_id == campaign.issuer_id
        and dossier.authority_id != campaign.issuer_id
    )


def upward_deadline(dossier):
    """The deadline an upward bundle answers to: the receiving authority's, i.e. the dossier
    deadline of the plan of that authority the campaign implements (`campaign.parent`), never
    the issuer's own deadline for its nominees. None when the province set none here."""
    parent = dossier.campaign.parent
    while parent is not None:
        if parent.issuer_id == dossier.authority_id:
            return parent.deadline("dossier")
        parent = parent.parent
    return None


def upward_candidates(campaign, form_code: str):
    """Lines of the campaign for a form the issuer cannot grant, passed by appraisal (and by
    the council when it has voted), not yet bundled."""
    return (
        Nominee.objects.filter(
            dossier__campaign=campaign,
            dossier__form_code=form_code,
            result=LineResult.ELIGIBLE,
            upward_links__isnull=True,
            dossier__status__in=[
                DossierStatus.APPRAISED,
                DossierStatus.DISCLOSED,
                DossierStatus.APPROVED,
                DossierStatus.DECIDED,
            ],
        )
        .exclude(council_result=CouncilResult.NOT_APPROVED)
        .exclude(dossier__proposer=campaign.issuer)
        .select_related("dossier__proposer", "person", "unit", "household")
    )


@transaction.atomic
def bundle_upward(campaign, actor, form_code: str, nominee_ids: list[int]) -> Dossier:
    """The issuer's standing body proposes chosen lines to the parent authority."""
    from thidua.campaigns.models import Campaign

    Campaign.objects.select_for_update().get(pk=campaign.pk)
    city = campaign.issuer
    parent = city.parent.authority() if city.parent_id else None
    if parent is None or parent.pk == city.pk:
        raise DossierError(f"{city.name} không có cấp trên để đề nghị.")
    sources = list(upward_candidates(campaign, form_code).filter(pk__in=nominee_ids))
    if not sources or len(sources) != len(set(nominee_ids)):
        raise DossierError(
            "Chọn các dòng đã thẩm định đủ điều kiện, chưa được đề nghị lên cấp trên."
        )
    dossier = Dossier.objects.create(
        campaign=campaign,
        kind=DossierKind.CAMPAIGN,
        form_code=form_code,
        proposer=city,
        authority=parent,
        title=f"Đề nghị {parent.name} khen thưởng — {campaign.title}"[:500],
        created_by=actor,
        origin=sources[0].dossier,
        is_upward=not checks.can_grant(parent, form_code, timezone.localdate()),
    )
    for i, src in enumerate(sources, start=1):
        line = Nominee.objects.create(
            dossier=dossier,
            subject_kind=src.subject_kind,
            person=src.person,
            unit=src.unit,
            household=src.household,
            name=src.name,
            category=src.category,
            achievements=src.achievements,
            order=i,
        )
        NomineeOrigin.objects.create(nominee=line, source=src)
        save_line_facts(line, votes_for=src.votes_for)
    for d in {s.dossier for s in sources}:
        audit.record(
            d,
            "dossiers.dossier.bundled_upward",
            actor,
            unit=d.proposer,
            data={"upward": dossier.pk},
        )
    audit.record(
        dossier,
        "dossiers.dossier.created",
        actor,
        unit=city,
        to_state=DossierStatus.DRAFT,
        data={"sources": [s.pk for s in sources]},
    )
    return dossier
