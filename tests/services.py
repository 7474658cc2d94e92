"""Test doubles for the core services: a frozen clock, the mail outbox, and a recorder of job runs."""

from __future__ import annotations

import os
import re
import threading
import time
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from huey.signals import SIGNAL_COMPLETE, SIGNAL_ERROR

from campus.jobs import Queue

BERLIN = ZoneInfo("Europe/Berlin")
# Settings of a test app with a real queue: the SQLite file by default, CI's Redis or PostgreSQL queue
# when TEST_JOBS_BROKER_URL names one. Tests that use it are marked ``jobs``.
_BROKER = os.environ.get("TEST_JOBS_BROKER_URL")
QUEUED: dict[str, Any] = {"JOBS_IMMEDIATE": False, **({"JOBS_BROKER_URL": _BROKER} if _BROKER else {})}
LINK = re.compile(r"https?://[^\s<>\"]+")


class FrozenClock:
    """The time every part of Campus sees while a test runs; it moves only when the test moves it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> datetime:
        """Jump to ``at``; a naive value is Europe/Berlin wall-clock time (as deadlines are written)."""
        self.at = at if at.tzinfo else at.replace(tzinfo=BERLIN)
        self.at = self.at.astimezone(UTC)
        return self.at

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Move forward by ``delta`` or by ``timedelta(**parts)``, e.g. ``advance(hours=1)``."""
        self.at = self.at + (delta or timedelta(**parts))
        return self.at


class Outbox:
    """The mails written to the outbox folder, oldest first, parsed as a mail client would."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def messages(self) -> list[EmailMessage]:
        if not self.folder.exists():
            return []
        return [
            message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for path in sorted(self.folder.glob("*.eml"))
        ]

    def __len__(self) -> int:
        return len(self.messages)

    def to(self, address: str) -> list[EmailMessage]:
        """The messages addressed to ``address``."""
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    @staticmethod
    def text(message: EmailMessage) -> str:
        """The plain-text body."""
        part = message.get_body(("plain",))
        assert part is not None, "the mail has no text part"
        return str(part.get_content())  # type: ignore[attr-defined]

    def links(self, message: EmailMessage) -> list[str]:
        """Every link in the plain-text body."""
        return LINK.findall(self.text(message))


class JobRecorder:
    """Which jobs ran (and which raised) in the app's queue while the test ran."""

    def __init__(self, queue: Queue) -> None:
        self.queue = queue
        self.completed: list[str] = []
        self.errors: list[tuple[str, BaseException]] = []
        queue.huey.signal(SIGNAL_COMPLETE)(self._complete)
        queue.huey.signal(SIGNAL_ERROR)(self._error)

    @staticmethod
    def _name(task: Any) -> str:
        return f"{type(task).__module__}.{type(task).__name__}"

    def _complete(self, _signal: str, task: Any) -> None:
        self.completed.append(self._name(task))

    def _error(self, _signal: str, task: Any, error: BaseException) -> None:
        self.errors.append((self._name(task), error))


def wait_until(condition: Any, timeout: float = 20.0, interval: float = 0.05) -> Any:
    """Poll ``condition()`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        pause.wait(interval)
