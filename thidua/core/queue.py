"""Queueing background work (django-tasks) after the current transaction commits.

With the immediate backend (development, tests) the task is called directly: django-tasks
0.8/0.9 builds its results with `TaskResult[T](…)`, which raises TypeError on Python 3.11
(see `registry/tasks.py`). With the database backend the row is stored before that error,
so the task is queued and the error only logged.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend

log = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    """Queue `task(*args)` now (run it at once with the immediate backend)."""
    if isinstance(task.get_backend(), ImmediateBackend):
        try:
            task.call(*args)
        except Exception:  # noqa: BLE001 — background work never undoes the request
            log.exception("Tác vụ nền %s lỗi", task.name)
        return
    try:
        task.enqueue(*args)
    except TypeError:
        log.warning("django-tasks: lỗi tạo TaskResult sau khi đã xếp hàng %s", task.name)


def enqueue_on_commit(task, *args, using: str | None = None) -> None:
    """Queue `task(*args)` once the current transaction has committed (never if it rolls
    back)."""
    transaction.on_commit(lambda: enqueue(task, *args), using=using)
