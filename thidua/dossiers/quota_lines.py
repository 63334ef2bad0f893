"""The nominee lines of a campaign's dossiers that count against its quotas.

Campaigns (two layers down) evaluate the quotas (`thidua.campaigns.quotas.usage`) but do
not know nominees: `DossiersConfig.ready()` registers `nominee_lines` with
`thidua.campaigns.services.count_lines_with`."""

from thidua.campaigns import quotas

from .enums import COUNTING_STATUSES
from .models import Nominee


def nominee_lines(campaign) -> list[quotas.Line]:
    """Nominee lines of the campaign's dossiers that count against its quotas."""
    rows = Nominee.objects.filter(dossier__campaign=campaign, dossier__status__in=COUNTING_STATUSES)
    rows = rows.select_related("dossier__proposer", "unit", "person", "household")
    return [line_for(nominee, nominee.dossier) for nominee in rows]


def line_for(nominee, dossier) -> quotas.Line:
    proposer = dossier.proposer
    category = nominee.category or (nominee.person.category if nominee.person_id else None)
    if not category and nominee.household_id:
        category = nominee.household.category
    return quotas.Line(
        proposer_id=proposer.pk,
        proposer_name=proposer.name,
        proposer_kind=proposer.kind,
        proposer_tags=frozenset(proposer.tags or []),
        form=dossier.form_code,
        subject_kind=nominee.subject_kind,
        category=category or None,
        nominee_key=nominee.nominee_key,
        nominee_unit_id=nominee.unit_id,
        nominee_unit_kind=nominee.unit.kind if nominee.unit_id else None,
        nominee_name=nominee.name,
        dossier_id=dossier.pk,
    )
