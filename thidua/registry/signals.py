"""Keep the registry's search keys in step with every saved award."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from thidua.awards.models import Award

from .models import AwardSearchKey, search_keys

# The award's columns the search keys carry (see AwardSearchKey).
INDEXED_FIELDS = frozenset(
    {"search_text", "award_date", "year", "form_code", "awardee_unit", "awardee_unit_id"}
    | {"decision", "decision_id"}
)


def index_award(award: Award) -> None:
    AwardSearchKey.objects.filter(award=award).delete()
    AwardSearchKey.objects.bulk_create(
        AwardSearchKey(
            award=award,
            key=k,
            award_date=award.award_date,
            year=award.year,
            form_code=award.form_code,
            unit_id=award.awardee_unit_id,
            decision_id=award.decision_id,
        )
        for k in search_keys(award.search_text)
    )


@receiver(post_save, sender=Award, dispatch_uid="registry_index_award")
def _award_saved(sender, instance: Award, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and not INDEXED_FIELDS.intersection(update_fields):
        return
    index_award(instance)
