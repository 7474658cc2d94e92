"""Durable background jobs (Huey): declared by features, queued after the commit, run by the consumer.

    from campus import jobs

    @jobs.task()
    def extract_text(submission_id: int) -> None: ...

    extract_text.enqueue(submission.id)   # sent when the view's transaction commits

See docs/core-services.md for the whole API.
"""

from __future__ import annotations

from flask import Flask

from campus.jobs.cli import jobs_cli
from campus.jobs.queue import FailedJob, Queue, QueuedJob, queue_for
from campus.jobs.registry import Crontab, Job, crontab, periodic, task
from campus.jobs.transaction import Pending, set_dispatcher

__all__ = [
    "Crontab",
    "FailedJob",
    "Job",
    "Queue",
    "QueuedJob",
    "crontab",
    "init_app",
    "periodic",
    "queue_for",
    "task",
]


def _dispatch(run: Pending) -> None:
    queue_for().send(run)


def init_app(app: Flask) -> None:
    """Create the app's queue from ``JOBS_BROKER_URL`` / ``REDIS_URL`` and register ``flask jobs``."""
    app.extensions["campus.jobs"] = Queue(app)
    set_dispatcher(_dispatch)
    app.cli.add_command(jobs_cli)
