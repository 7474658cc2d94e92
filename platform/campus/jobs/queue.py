"""An app's queue: the Huey instance, the jobs attached to it, and what is pending, scheduled or failed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app
from huey import Huey
from huey.signals import SIGNAL_ERROR, SIGNAL_TIMEOUT

from campus import clock
from campus.extensions import db
from campus.jobs import backend
from campus.jobs.registry import JOBS, Job
from campus.jobs.transaction import Pending

FAILED_PREFIX = "campus.failed:"
EXTENSION_KEY = "campus.jobs"


@dataclass(frozen=True)
class QueuedJob:
    """A run waiting in the queue (``when`` set for a scheduled one)."""

    id: str
    name: str
    when: datetime | None
    retries_left: int


@dataclass(frozen=True)
class FailedJob:
    """A run that failed its last try."""

    id: str
    name: str
    error: str
    at: datetime


class Queue:
    """The job queue of one app."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.url = backend.broker_url(app)
        self.huey: Huey = backend.create_huey(app)
        self._attached: dict[str, Any] = {}
        self.huey.signal(SIGNAL_ERROR, SIGNAL_TIMEOUT)(self._record_failure)

    @property
    def description(self) -> str:
        """Where the queue lives, without credentials."""
        return "in-process (immediate)" if self.huey.immediate else backend.describe(self.url)

    def attach_jobs(self) -> None:
        """Give Huey every declared job that it does not know yet (features declare jobs at import)."""
        for name, job in JOBS.items():
            if name not in self._attached:
                self._attached[name] = self._attach(job)

    def _attach(self, job: Job) -> Any:
        app = self.app

        def run(*args: Any, **kwargs: Any) -> Any:
            # A unit of work of its own: commit on success, roll back (and let Huey retry) on failure.
            with app.app_context():
                try:
                    result = job.func(*args, **kwargs)
                    db.session.commit()
                except BaseException:
                    db.session.rollback()
                    raise
            return result

        run.__module__ = job.func.__module__
        options = {
            "name": job.func.__qualname__,
            "retries": job.retries,
            "retry_delay": job.retry_delay,
            "retry_backoff": job.retry_backoff,
            "timeout": job.timeout,
        }
        if job.schedule is not None:
            validate = job.schedule.matcher(clock.zone())
            return self.huey.periodic_task(validate, **options)(run)
        return self.huey.task(**options)(run)

    def send(self, run: Pending) -> None:
        """Put one run into the queue now (called after the commit)."""
        self.attach_jobs()
        wrapper = self._attached[run.job.name]
        if run.when is None:
            wrapper(*run.args, **run.kwargs)
        elif isinstance(run.when, timedelta):
            wrapper.schedule(run.args, run.kwargs, delay=run.when.total_seconds())
        else:
            wrapper.schedule(run.args, run.kwargs, eta=run.when.astimezone(UTC).replace(tzinfo=None))

    def _record_failure(self, _signal: str, task: Any, error: BaseException | None = None) -> None:
        if task.retries:  # Huey retries it; only the last try's failure is kept
            return
        record = {"name": _job_name(task), "error": repr(error)[:1000], "at": clock.now().isoformat()}
        self.huey.storage.put_data(FAILED_PREFIX + task.id, json.dumps(record).encode())

    def _queued(self, limit: int) -> list[QueuedJob]:
        return [
            _queued(message) for message in _decode_all(self.huey, self.huey.storage.enqueued_items(limit))
        ]

    def pending(self, limit: int = 100) -> list[QueuedJob]:
        """Runs waiting for a worker, oldest first."""
        now = _queue_time()
        return [job for job in self._queued(limit) if job.when is None or job.when <= now]

    def scheduled(self, limit: int = 100) -> list[QueuedJob]:
        """Runs waiting for their time (delayed jobs and retries), soonest first.

        Huey queues a delayed run first and a worker moves it to the schedule, so both places count.
        """
        now = _queue_time()
        waiting = [job for job in self._queued(limit) if job.when is not None and job.when > now]
        waiting += [_queued(m) for m in _decode_all(self.huey, self.huey.storage.scheduled_items(limit))]
        return sorted(waiting, key=lambda job: job.when or now)

    def failed(self) -> list[FailedJob]:
        """Runs that failed their last try, newest first."""
        failures = []
        for key, value in self.huey.storage.result_items().items():
            key = key.decode() if isinstance(key, bytes) else str(key)
            if key.startswith(FAILED_PREFIX):
                record = json.loads(bytes(value))
                failures.append(
                    FailedJob(
                        key.removeprefix(FAILED_PREFIX),
                        record["name"],
                        record["error"],
                        datetime.fromisoformat(record["at"]),
                    )
                )
        return sorted(failures, key=lambda job: job.at, reverse=True)

    def close(self) -> None:
        """Release the storage's connections (an app that is discarded, e.g. at the end of a test)."""
        self.huey.storage.close()

    def forget_failed(self, job_id: str) -> bool:
        """Remove a failure from the list (after it has been looked into)."""
        return bool(self.huey.storage.delete_data(FAILED_PREFIX + job_id))


def _queue_time() -> datetime:
    # Huey times runs by the system clock, not by the platform's (possibly frozen) one.
    return datetime.now(UTC)


def _job_name(task: Any) -> str:
    return f"{type(task).__module__}.{type(task).__name__}"


def _decode_all(huey: Huey, items: list[bytes]) -> list[Any]:
    return [huey.serializer.deserialize(item) for item in items]


def _queued(message: Any) -> QueuedJob:
    when = message.eta.replace(tzinfo=UTC) if message.eta else None
    return QueuedJob(message.id, message.name, when, message.retries or 0)


def queue_for(app: Flask | None = None) -> Queue:
    """The queue of ``app`` (default: the current app)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    return app.extensions[EXTENSION_KEY]
