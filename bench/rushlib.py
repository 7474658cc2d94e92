"""A live Campus for load and durability runs: a prepared database, gunicorn, a job consumer, and
students that sign in and upload through HTTP exactly as a browser's form would.

Used by bench/bench_rush.py and by tests/submissions/test_submissions_durability.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
SHA256 = re.compile(r'id="receipt-sha256">([0-9a-f]{64})<')
PASSWORD = "rush-password-123"
ASSIGNMENT = "/submissions/rush/2026-27/hausarbeit/"

APP_MODULE = """\
import json, os
from campus import create_app
app = create_app(json.loads(os.environ["CAMPUS_OVERRIDES"]))
"""

MODULE_TOML = """\
current_edition = "2026-27"
ects = 5
semester = 1
lecturers = ["dozentin@rush.example"]
[title]
de = "Lastprobe"
[summary]
de = "Modul für Last- und Haltbarkeitsläufe."
[learning_outcomes]
de = ["Hausarbeiten kommen an."]
"""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _local(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S")


def write_module(root: Path, max_mb: int = 5) -> None:
    """A module whose assignment is open now (dates relative to the real clock; times read as Berlin)."""
    now = datetime.now(UTC) + timedelta(hours=2)  # Berlin is at most two hours ahead of UTC
    edition = root / "rush" / "2026-27"
    (edition / "briefs").mkdir(parents=True)
    (root / "rush" / "module.toml").write_text(MODULE_TOML)
    start, end = (now - timedelta(days=60)).date(), (now + timedelta(days=120)).date()
    (edition / "edition.toml").write_text(
        f'label = "Lastprobe"\nstatus = "published"\nterm_start = {start}\nterm_end = {end}\n\n'
        f'[[sessions]]\nstarts = {_local(now - timedelta(days=30))[:10]}T10:00:00\nminutes = 90\ntitle = "Start"\n\n'
        f'[[assignments]]\nid = "hausarbeit"\ntitle = "Hausarbeit"\nbrief = "briefs/hausarbeit.md"\n'
        f"opens = {_local(now - timedelta(days=7))}\ndue = {_local(now + timedelta(days=30))}\n"
        f'cutoff = {_local(now + timedelta(days=37))}\nformats = ["pdf"]\nwords = [10, 100000]\nmax_mb = {max_mb}\n'
    )
    (edition / "briefs" / "hausarbeit.md").write_text("# Aufgabe\n\nEine Hausarbeit.\n")


@dataclass
class Site:
    """The folders and settings of one live Campus."""

    folder: Path
    database_url: str
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def overrides(self) -> dict[str, Any]:
        return {
            "SECRET_KEY": "rush-secret-key-that-is-long-enough-0000",
            "DATABASE_URL": self.database_url,
            "UPLOADS_DIR": str(self.folder / "uploads"),
            "MODULES_DIR": str(self.folder / "modules"),
            "JOBS_BROKER_URL": f"sqlite:///{self.folder / 'jobs.db'}",
            "MAIL_OUTBOX": str(self.folder / "outbox"),
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH": {"time_cost": 1, "memory_cost": 8, "parallelism": 1},
        }

    def environment(self) -> dict[str, str]:
        env = {**os.environ, "CAMPUS_OVERRIDES": json.dumps(self.overrides()), "PYTHONPATH": str(self.folder)}
        env.pop("TEST_DATABASE_URL", None)
        return env

    def prepare(self, students: int) -> list[str]:
        """Module, tables, a cohort of ``students`` enrolled students; returns their e-mail addresses."""
        write_module(self.folder / "modules")
        (self.folder / "serve_campus.py").write_text(APP_MODULE)
        code = (
            "import json, os, sys\n"
            "from campus import create_app\n"
            "from campus.accounts.models import Role\n"
            "from campus.accounts.service import create_user, get_or_create_cohort\n"
            "from campus.courses.models import Enrolment\n"
            "from campus.extensions import db\n"
            "app = create_app(json.loads(os.environ['CAMPUS_OVERRIDES']))\n"
            "with app.app_context():\n"
            "    db.drop_all(); db.create_all()\n"
            "    cohort = get_or_create_cohort('Lastprobe')\n"
            "    for n in range(int(sys.argv[1])):\n"
            f"        create_user(f'student{{n}}@rush.example', f'Student {{n}}', (Role.STUDENT,), password='{PASSWORD}', cohort=cohort)\n"
            "    db.session.flush()\n"
            "    db.session.add(Enrolment(cohort_id=cohort.id, module_id='rush', edition_id='2026-27'))\n"
            "    db.session.commit()\n"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(students)], env=self.environment(), check=True, cwd=ROOT
        )
        return [f"student{n}@rush.example" for n in range(students)]


class Server:
    """gunicorn (and, if asked, a job consumer) serving a `Site`."""

    def __init__(self, site: Site, workers: int = 2, consumer: bool = True, threads: int = 4,
                 preexec: Callable[[], None] | None = None) -> None:  # fmt: skip
        self.site, self.workers, self.consumer, self.preexec = site, workers, consumer, preexec
        self.threads = threads
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> Server:
        gunicorn = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--threads", str(self.threads), "--bind",
                    f"127.0.0.1:{self.site.port}", "--timeout", "120", "--log-level", "warning", "serve_campus:app"]  # fmt: skip
        with (self.site.folder / "server.log").open("ab") as log:  # the children keep their own copies
            self._spawn(gunicorn, log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.site.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start; see " + str(self.site.folder / "server.log"))

    def _spawn(self, gunicorn: list[str], log: Any) -> None:
        options = {"cwd": self.site.folder, "env": self.site.environment(), "stdout": log, "stderr": log}
        self.processes.append(subprocess.Popen(gunicorn, preexec_fn=self.preexec, **options))
        if self.consumer:
            # The consumer runs at a lower CPU priority: at a deadline, answering uploads comes first and
            # the text extraction may lag behind (as the README recommends for production).
            worker = [
                "nice",
                "-n",
                "10",
                sys.executable,
                "-m",
                "flask",
                "--app",
                "serve_campus:app",
                "jobs",
                "worker",
            ]
            self.processes.append(subprocess.Popen(worker, **options))

    def kill(self) -> None:
        """kill -9 every process of the server at once (master and workers): a power cut."""
        for pid in children(self.processes[0].pid) + [p.pid for p in self.processes]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for process in self.processes:
            process.wait()
        self.processes.clear()

    def stop(self) -> None:
        """Stop gracefully."""
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


class Student:
    """One student's browser: cookies, CSRF tokens, form posts over plain HTTP."""

    def __init__(self, site: Site, email: str) -> None:
        self.site, self.email, self.cookies = site, email, SimpleCookie()

    def _request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                 timeout: float = 120) -> tuple[int, dict[str, str], str]:  # fmt: skip
        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=timeout)
        sent = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items()), **(headers or {})}
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        connection.close()
        return response.status, dict(response.headers), text

    def token(self, path: str) -> str:
        _status, _headers, page = self._request("GET", path)
        match = CSRF.search(page)
        if not match:
            raise RuntimeError(f"no form on {path}")
        return match.group(1) or match.group(2)

    def login(self) -> None:
        body = urlencode({"csrf_token": self.token("/login"), "email": self.email, "password": PASSWORD})
        status, _h, _t = self._request(
            "POST", "/login", body.encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302:
            raise RuntimeError(f"login of {self.email} failed: {status}")

    def upload(self, data: bytes, name: str = "Hausarbeit.pdf") -> tuple[int, str | None, float, str]:
        """Upload as the form does; (status, SHA-256 on the receipt or None, milliseconds, page text)."""
        token = self.token(ASSIGNMENT)
        body, content_type = multipart({"csrf_token": token, "independence": "y", "no_ai": "y"}, data, name)
        started = time.perf_counter()
        status, headers, text = self._request(
            "POST", ASSIGNMENT + "upload", body, {"Content-Type": content_type}
        )
        elapsed = (time.perf_counter() - started) * 1000
        if status != 303:
            return status, None, elapsed, text
        _s, _h, receipt = self._request("GET", headers["Location"])
        match = SHA256.search(receipt)
        return status, match.group(1) if match else None, elapsed, receipt


def multipart(fields: dict[str, str], data: bytes, name: str) -> tuple[bytes, str]:
    """A multipart/form-data body with the fields and one file."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 "Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")  # fmt: skip
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()
