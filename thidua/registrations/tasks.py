"""Background tasks (django-tasks): thin wrappers around services."""

from django_tasks import task

from .reminders import DEFAULT_DAYS_BEFORE, send_reminders


@task()
def send_reminders_task(days_before: int = DEFAULT_DAYS_BEFORE) -> int:
    """Scheduled daily: reminders before and after the registration deadlines."""
    return send_reminders(days_before=days_before)
