"""campus.jobs: jobs leave with the commit, run in their own unit of work, retry, and are listed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from campus import jobs
from campus.accounts.models import Cohort
from campus.extensions import db
from services import QUEUED, JobRecorder

RAN: list[object] = []


@jobs.task(retries=0)
def record(value: object) -> None:
    """Remember that it ran, with what."""
    RAN.append(value)


@jobs.task(retries=0)
def create_cohort(name: str) -> None:
    """Write to the database, as real jobs do; the job's unit of work commits it."""
    db.session.add(Cohort(name=name))


@jobs.task(retries=1, retry_delay=0)
def always_fails() -> None:
    """A job whose every try raises."""
    raise RuntimeError("mail server unreachable")


@jobs.task(retries=2, retry_delay=30, retry_backoff=2)
def fails_later() -> None:
    """A job retried after a delay."""
    raise RuntimeError("try again")


@jobs.periodic(jobs.crontab(minute="0", hour="7"))
def morning_reminder() -> None:
    """A periodic job: every day at 07:00 Berlin time."""


@pytest.fixture(autouse=True)
def _clear() -> None:
    RAN.clear()


def test_a_job_runs_only_after_the_commit(app: Flask, job_log: JobRecorder) -> None:
    record.enqueue("after commit")
    assert RAN == []
    db.session.commit()
    assert RAN == ["after commit"]
    assert job_log.completed == ["test_jobs.record"]


def test_a_rolled_back_transaction_enqueues_nothing(app: Flask) -> None:
    db.session.add(Cohort(name="never stored"))
    record.enqueue("rolled back")
    db.session.rollback()
    db.session.commit()  # a later commit does not bring the dropped job back
    assert RAN == []


def test_a_failing_request_enqueues_nothing(app: Flask) -> None:
    def failing_view() -> str:
        db.session.add(Cohort(name="half done"))
        record.enqueue("from a failed request")
        raise RuntimeError("the view broke after enqueueing")

    def working_view() -> str:
        record.enqueue("from a good request")
        db.session.commit()
        return "ok"

    app.add_url_rule("/fails", view_func=failing_view)
    app.add_url_rule("/works", view_func=working_view)
    client = app.test_client()
    with pytest.raises(RuntimeError):
        client.get("/fails")
    assert client.get("/works").status_code == 200
    assert RAN == ["from a good request"]
    assert db.session.scalar(db.select(Cohort).where(Cohort.name == "half done")) is None


def test_a_job_runs_in_an_app_context_and_commits_its_own_work(app: Flask) -> None:
    create_cohort.enqueue("MA DiSA 2027")
    db.session.commit()
    db.session.expire_all()
    assert db.session.scalar(db.select(Cohort.name).where(Cohort.name == "MA DiSA 2027")) == "MA DiSA 2027"


def test_arguments_must_be_json_values(app: Flask) -> None:
    with pytest.raises(TypeError, match="JSON"):
        record.enqueue(Cohort(name="an object"))


def test_enqueue_at_needs_an_aware_time(app: Flask) -> None:
    with pytest.raises(ValueError, match="aware"):
        record.enqueue_at(datetime(2026, 1, 1, 12, 0), "naive")


def test_a_second_job_with_the_same_name_is_refused() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        jobs.task()(record.func)


def test_crontab_fields_are_berlin_time() -> None:
    matches = morning_reminder.schedule.matcher(ZoneInfo("Europe/Berlin"))  # type: ignore[union-attr]
    assert matches(datetime(2026, 7, 1, 5, 0))  # 07:00 CEST, as Huey passes it: naive UTC
    assert matches(datetime(2026, 1, 5, 6, 0))  # 07:00 CET
    assert not matches(datetime(2026, 7, 1, 7, 0))
    with pytest.raises(ValueError):
        jobs.crontab(hour="25")


@pytest.mark.jobs
@pytest.mark.parametrize("app_config", [QUEUED])
def test_queued_messages_are_json_never_pickle(app: Flask, queue: jobs.Queue) -> None:
    record.enqueue({"submission_id": 7})
    db.session.commit()
    (raw,) = queue.huey.storage.enqueued_items()
    message = json.loads(bytes(raw))
    assert message["$message"]["name"] == "test_jobs.record"
    assert message["$message"]["args"] == [{"submission_id": 7}]
    assert [job.name for job in queue.pending()] == ["test_jobs.record"]
    assert RAN == []  # nothing runs without a consumer


@pytest.mark.jobs
@pytest.mark.parametrize("app_config", [QUEUED])
def test_a_job_that_keeps_failing_is_retried_then_listed_as_failed(app: Flask, queue: jobs.Queue) -> None:
    always_fails.enqueue()
    db.session.commit()
    queue.huey.execute(queue.huey.dequeue())  # first try fails; one retry is queued
    assert [job.retries_left for job in queue.pending()] == [0]
    assert queue.failed() == []
    queue.huey.execute(queue.huey.dequeue())
    assert queue.pending() == []
    (failure,) = queue.failed()
    assert failure.name == "test_jobs.always_fails"
    assert "mail server unreachable" in failure.error
    assert queue.forget_failed(failure.id)
    assert queue.failed() == []


@pytest.mark.jobs
@pytest.mark.parametrize("app_config", [QUEUED])
def test_retries_wait_longer_each_time(app: Flask, queue: jobs.Queue) -> None:
    fails_later.enqueue()
    db.session.commit()
    before = datetime.now(UTC)
    queue.huey.execute(queue.huey.dequeue())
    (retry,) = queue.scheduled()
    assert retry.retries_left == 1
    assert retry.when is not None
    assert timedelta(seconds=29) < retry.when - before < timedelta(seconds=35)
    due = retry.when.replace(tzinfo=None) + timedelta(seconds=1)  # Huey's timestamps: naive UTC
    queue.huey.execute(queue.huey.read_schedule(due)[0], timestamp=due)
    (second,) = queue.scheduled()
    assert second.retries_left == 0
    assert timedelta(seconds=59) < second.when - before < timedelta(seconds=66)  # type: ignore[operator]


@pytest.mark.jobs
@pytest.mark.parametrize("app_config", [QUEUED])
def test_enqueue_in_and_at_schedule_the_run(app: Flask, queue: jobs.Queue) -> None:
    record.enqueue_in(timedelta(minutes=10), "later")
    record.enqueue_at(datetime(2030, 1, 1, 8, 0, tzinfo=UTC), "much later")
    db.session.commit()
    scheduled = queue.scheduled()
    assert [job.name for job in scheduled] == ["test_jobs.record", "test_jobs.record"]
    assert scheduled[1].when == datetime(2030, 1, 1, 8, 0, tzinfo=UTC)


@pytest.mark.jobs
@pytest.mark.parametrize("app_config", [QUEUED])
def test_jobs_status_lists_pending_scheduled_and_failed(app: Flask, queue: jobs.Queue, runner) -> None:
    always_fails.enqueue()
    db.session.commit()
    last_try = queue.huey.dequeue()
    last_try.retries = 0
    queue.huey.execute(last_try)  # fails for good
    fails_later.enqueue_in(timedelta(hours=1))
    record.enqueue("waiting")
    db.session.commit()
    output = runner.invoke(args=["jobs", "status"]).output
    assert "Pending: 1" in output and "test_jobs.record" in output
    assert "Scheduled: 1" in output and "test_jobs.fails_later" in output
    assert "Failed: 1" in output and "mail server unreachable" in output


def test_worker_refuses_immediate_mode(app: Flask, runner) -> None:
    result = runner.invoke(args=["jobs", "worker"])
    assert result.exit_code != 0
    assert "JOBS_IMMEDIATE" in result.output
