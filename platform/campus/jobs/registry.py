"""Jobs: functions that run later, in the consumer, inside an app context and a unit of work of their own.

A feature declares a job with ``@jobs.task()`` (or ``@jobs.periodic(jobs.crontab(...))``) at import
time; the jobs are attached to an app's queue when the queue is first used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from huey import crontab as huey_crontab

from campus.jobs.serializer import check_arguments
from campus.jobs.transaction import Pending, from_current_session

# Transient failures (a mail server that is down, a lock) usually pass: retry 5 times, waiting
# 30 s, 1 min, 2 min, 4 min and 8 min.
DEFAULT_RETRIES = 5
DEFAULT_RETRY_DELAY = 30
DEFAULT_BACKOFF = 2.0


@dataclass(frozen=True)
class Crontab:
    """When a periodic job runs, in the platform's local time (Europe/Berlin), like a crontab line."""

    minute: str = "*"
    hour: str = "*"
    day: str = "*"
    month: str = "*"
    day_of_week: str = "*"  # 0 = Sunday

    def matcher(self, zone: Any) -> Callable[[datetime], bool]:
        """A Huey validator: Huey passes naive UTC timestamps, the fields mean local wall-clock time."""
        matches = huey_crontab(self.minute, self.hour, self.day, self.month, self.day_of_week, strict=True)

        def validate(timestamp: datetime) -> bool:
            return bool(matches(timestamp.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)))

        return validate


@dataclass(eq=False)
class Job:
    """A declared job. ``enqueue`` it from a view, service, CLI command or another job."""

    func: Callable[..., Any]
    retries: int = DEFAULT_RETRIES
    retry_delay: float = DEFAULT_RETRY_DELAY
    retry_backoff: float = DEFAULT_BACKOFF
    timeout: float | None = None
    schedule: Crontab | None = None
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = f"{self.func.__module__}.{self.func.__qualname__}"
        self.__doc__ = self.func.__doc__

    def enqueue(self, *args: Any, **kwargs: Any) -> None:
        """Queue a run with these arguments (JSON values); it is sent when the current transaction commits.

        A rolled-back or abandoned unit of work sends nothing.
        """
        check_arguments(self.name, args, kwargs)
        from_current_session().append(Pending(self, args, kwargs, None))

    def enqueue_at(self, when: datetime, *args: Any, **kwargs: Any) -> None:
        """Like ``enqueue``, but the job runs no earlier than ``when`` (an aware datetime)."""
        check_arguments(self.name, args, kwargs)
        if when.tzinfo is None:
            raise ValueError("enqueue_at needs an aware datetime (use campus.clock)")
        from_current_session().append(Pending(self, args, kwargs, when))

    def enqueue_in(self, delay: timedelta, *args: Any, **kwargs: Any) -> None:
        """Like ``enqueue``, but the job runs ``delay`` after the commit at the earliest."""
        check_arguments(self.name, args, kwargs)
        from_current_session().append(Pending(self, args, kwargs, delay))

    def run_now(self, *args: Any, **kwargs: Any) -> Any:
        """Call the function directly, in the caller's context and transaction (CLI, tests)."""
        return self.func(*args, **kwargs)


JOBS: dict[str, Job] = {}


def _register(job: Job) -> Job:
    if JOBS.get(job.name, job) is not job:
        raise ValueError(f"A job named {job.name} is declared twice.")
    JOBS[job.name] = job
    return job


def task(
    *,
    retries: int = DEFAULT_RETRIES,
    retry_delay: float = DEFAULT_RETRY_DELAY,
    retry_backoff: float = DEFAULT_BACKOFF,
    timeout: float | None = None,
) -> Callable[[Callable[..., Any]], Job]:
    """Declare a job: ``@jobs.task()`` on a module-level function whose arguments are JSON values.

    A job that raises is retried ``retries`` times, ``retry_delay`` seconds later, each wait
    ``retry_backoff`` times the previous one; after the last try it is listed as failed.
    """

    def decorator(func: Callable[..., Any]) -> Job:
        return _register(Job(func, retries, retry_delay, retry_backoff, timeout))

    return decorator


def periodic(schedule: Crontab, *, retries: int = 0, timeout: float | None = None) -> Callable[..., Job]:
    """Declare a job the consumer runs by itself whenever ``schedule`` matches (local time)."""

    def decorator(func: Callable[..., Any]) -> Job:
        return _register(Job(func, retries, DEFAULT_RETRY_DELAY, DEFAULT_BACKOFF, timeout, schedule))

    return decorator


def crontab(
    minute: str = "*", hour: str = "*", day: str = "*", month: str = "*", day_of_week: str = "*"
) -> Crontab:
    """A schedule for ``periodic``, e.g. ``crontab(minute="0", hour="7")``: every day at 07:00 Berlin time."""
    schedule = Crontab(str(minute), str(hour), str(day), str(month), str(day_of_week))
    schedule.matcher(UTC)  # a malformed field fails at import, not in the consumer
    return schedule
