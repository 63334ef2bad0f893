"""Background work of the registry: thin tasks that take ids and call services."""

import logging

from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

log = logging.getLogger(__name__)


@task()
def generate_certificates(batch_id: int) -> int:
    """Generate (or resume) one certificate batch; returns the number of pages."""
    from .services import run_batch

    return run_batch(batch_id).page_count


def enqueue_generation(batch_id: int) -> None:
    """Queue the batch; in development and tests (immediate backend) run it now.

    django-tasks 0.9 builds its results with `TaskResult[T](…)`, which raises TypeError on
    Python 3.11 (a frozen, slotted generic dataclass). With the immediate backend the task
    is therefore called directly; with the database backend the row is already stored when
    that error is raised, so the task is queued and the error only logged.
    """
    if isinstance(generate_certificates.get_backend(), ImmediateBackend):
        try:
            generate_certificates.call(batch_id)
        except Exception:  # noqa: BLE001 — the batch records its own failure and can be resumed
            log.warning("Lô in %s dừng; có thể chạy tiếp", batch_id, exc_info=True)
        return
    try:
        generate_certificates.enqueue(batch_id)
    except TypeError:
        log.warning(
            "django-tasks: lỗi tạo TaskResult sau khi đã xếp hàng lô in %s", batch_id, exc_info=True
        )
