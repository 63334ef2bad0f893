"""Keep the registry's search keys in step with every saved award."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from thidua.awards.models import Award

from .models import AwardSearchKey, search_keys


def index_award(award: Award) -> None:
    AwardSearchKey.objects.filter(award=award).delete()
    AwardSearchKey.objects.bulk_create(
        AwardSearchKey(award=award, key=k) for k in search_keys(award.search_text)
    )


@receiver(post_save, sender=Award, dispatch_uid="registry_index_award")
def _award_saved(sender, instance: Award, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and "search_text" not in update_fields:
        return
    index_award(instance)
