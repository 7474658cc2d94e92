"""Shared fixtures: a fresh app and database per test, clients, an ``auth`` helper and factories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from campus import clock, create_app
from campus.accounts.models import Cohort, Role, User
from campus.accounts.service import create_user, get_or_create_cohort
from campus.extensions import db as database
from campus.jobs import Queue, queue_for
from campus.mail import outbox_dir
from services import FrozenClock, JobRecorder, Outbox
from support import PASSWORD, Auth, CampusTestClient, campus_config


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the database is marked ``db``, so CI can run those again on PostgreSQL."""
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Extra settings for this test's app; override the fixture (or parametrize) to change them."""
    return {}


@pytest.fixture
def app(tmp_path: Path, app_config: dict[str, Any]) -> Iterator[Flask]:
    """A Campus app with an empty database of its own."""
    application = create_app(campus_config(tmp_path, **app_config))
    application.test_client_class = CampusTestClient
    with application.app_context():
        database.drop_all()
        database.create_all()
        yield application
        database.session.remove()
        database.drop_all()
        database.engine.dispose()
        queue_for(application).close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client with cookies."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """Runs ``flask`` commands against the test app."""
    return app.test_cli_runner()


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    """The ``auth`` helper for the test client."""
    return Auth(client)


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Factory: ``make_user(Role.STUDENT, email=..., ...)`` creates and commits an account."""
    counter = iter(range(1, 10_000))

    def make(*roles: Role, email: str | None = None, password: str = PASSWORD, **fields: Any) -> User:
        number = next(counter)
        roles = roles or (Role.STUDENT,)
        if Role.STUDENT in roles:
            fields.setdefault("matriculation_number", f"{9000000 + number}")
            fields.setdefault("cohort", get_or_create_cohort("Test Cohort"))
        user, _ = create_user(
            email or f"person{number}@campus.example",
            fields.pop("name", f"Person {number}"),
            roles,
            password=password,
            **fields,
        )
        database.session.commit()
        return user

    return make


@pytest.fixture
def make_cohort(app: Flask) -> Callable[[str], Cohort]:
    """Factory: a committed cohort with the given name."""

    def make(name: str = "MA DiSA 2025") -> Cohort:
        cohort = get_or_create_cohort(name)
        database.session.commit()
        return cohort

    return make


@pytest.fixture
def frozen_clock() -> Iterator[FrozenClock]:
    """Stops Campus's clock (``campus.clock.now``) at Thursday 15 Oct 2026, 10:00 in Berlin.

    Move it with ``frozen_clock.set(datetime(...))`` (naive = Berlin time) or ``.advance(hours=1)``;
    never patch ``datetime`` or ``time.time`` in a module.
    """
    frozen = FrozenClock(datetime(2026, 10, 15, 8, 0, tzinfo=UTC))
    clock.set_source(frozen.now)
    yield frozen
    clock.set_source(None)


@pytest.fixture
def job_log(app: Flask) -> JobRecorder:
    """The jobs that ran: test apps run every job in-process when its transaction commits (immediate mode)."""
    return JobRecorder(queue_for(app))


@pytest.fixture
def queue(app: Flask) -> Queue:
    """The test app's real queue (use with ``app_config`` = ``services.QUEUED``), emptied first."""
    queue = queue_for(app)
    queue.huey.flush()
    return queue


@pytest.fixture
def outbox(app: Flask) -> Outbox:
    """The mails the test app delivered (it writes them to a folder of the test's own)."""
    return Outbox(outbox_dir(app))
