"""Background tasks (django-tasks): thin wrappers around services."""

from django_tasks import task

from thidua.core.queue import enqueue_on_commit

from .reminders import DEFAULT_DAYS_BEFORE, send_reminders


@task()
def send_reminders_task(days_before: int = DEFAULT_DAYS_BEFORE) -> int:
    """Scheduled daily: reminders before and after the registration deadlines."""
    return send_reminders(days_before=days_before)


@task()
def refresh_rankings_task(campaign_id: int) -> int:
    """Recompute the campaign's dirty stored rankings (one block per change). Queued after
    the commit of every change that marks them; several changes queue several tasks, the
    first does the work and the others find nothing dirty (coalesced)."""
    from thidua.campaigns.models import Campaign

    from .snapshots import refresh_dirty

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    return refresh_dirty(campaign) if campaign is not None else 0


def schedule_refresh(campaign_id: int) -> None:
    """Queue the campaign's refresh after commit (never if the change rolls back)."""
    enqueue_on_commit(refresh_rankings_task, campaign_id)
