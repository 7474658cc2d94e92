"""The real queue with a real consumer process: jobs from requests run within seconds and survive a kill.

Runs on the SQLite queue file; CI runs it again on Redis and on PostgreSQL (``TEST_JOBS_BROKER_URL``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from campus import jobs, mail
from campus.extensions import csrf, db
from services import QUEUED, Outbox, wait_until

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.jobs


@pytest.fixture
def app_config() -> dict[str, Any]:
    return QUEUED


class Worker:
    """``flask jobs worker`` as its own process, configured like the test app."""

    def __init__(self, app: Flask) -> None:
        self.env = {
            **os.environ,
            "SECRET_KEY": app.config["SECRET_KEY"],
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "JOBS_BROKER_URL": app.config["JOBS_BROKER_URL"],
            "MAIL_OUTBOX": str(app.config["MAIL_OUTBOX"]),
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "jobs", "worker", "--workers", "1"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self, how: signal.Signals = signal.SIGINT) -> int:
        assert self.process is not None
        self.process.send_signal(how)
        return self.process.wait(timeout=30)


@pytest.fixture
def worker(app: Flask) -> Iterator[Worker]:
    running = Worker(app)
    yield running
    if running.process and running.process.poll() is None:
        running.stop(signal.SIGKILL)


@pytest.fixture
def mail_view(app: Flask) -> str:
    """A page that sends a mail, as the password-reset page does."""

    def send() -> str:
        mail.send(
            mail.Recipient("lena@campus.example", "Lena Schmidt", "de"),
            "accounts/password_reset",
            link="https://campus.test/x",
            minutes=60,
        )
        db.session.commit()
        return "sent"

    app.add_url_rule("/send-mail", view_func=csrf.exempt(send), methods=["POST"])
    return "/send-mail"


def test_a_job_from_a_request_runs_within_seconds_and_survives_a_killed_consumer(
    app: Flask, queue: jobs.Queue, worker: Worker, mail_view: str, outbox: Outbox
) -> None:
    client = app.test_client()
    assert client.post(mail_view).status_code == 200
    assert [job.name for job in queue.pending()] == ["campus.mail.deliver_message"]
    worker.start()
    wait_until(lambda: len(outbox) == 1)
    assert client.post(mail_view).status_code == 200
    wait_until(lambda: len(outbox) == 2, timeout=5)  # a running consumer picks a job up within seconds

    # The consumer also enqueues the features' periodic tasks at each minute; only the mails count here.
    def mails_pending() -> list[jobs.QueuedJob]:
        return [job for job in queue.pending() if job.name == "campus.mail.deliver_message"]

    worker.stop(signal.SIGKILL)  # as when `make run` is killed
    assert client.post(mail_view).status_code == 200
    assert len(mails_pending()) == 1  # kept in the queue while nothing consumes it
    worker.start()
    wait_until(lambda: len(outbox) == 3)
    assert mails_pending() == []
    assert worker.stop(signal.SIGINT) == 0  # Ctrl-C: finishes the running job, then exits cleanly
