"""`make run`'s supervisor (scripts/serve.py): web server and job consumer start together and stop together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from campus import create_app
from campus.extensions import db
from services import wait_until
from support import campus_config

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - a local test server
            return response.status == 200
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(line) for line in found.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    config = campus_config(tmp_path)
    app = create_app(config)
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return {
        **os.environ,
        "SECRET_KEY": config["SECRET_KEY"],
        "DATABASE_URL": config["DATABASE_URL"],
        "JOBS_BROKER_URL": f"sqlite:///{tmp_path / 'jobs.db'}",
        "MAIL_OUTBOX": str(tmp_path / "outbox"),
    }


def test_ctrl_c_stops_the_web_server_and_the_consumer(environment: dict[str, str]) -> None:
    port = _free_port()
    supervisor = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _answers(f"http://127.0.0.1:{port}/login"), timeout=30)
        children = wait_until(lambda: len(_children(supervisor.pid)) == 2 and _children(supervisor.pid))
        supervisor.send_signal(signal.SIGINT)
        assert supervisor.wait(timeout=60) == 0
        assert not any(_alive(child) for child in children)
        assert not _answers(f"http://127.0.0.1:{port}/login")
    finally:
        if supervisor.poll() is None:
            supervisor.kill()


def test_when_one_part_fails_the_other_is_stopped_too(environment: dict[str, str]) -> None:
    port = _free_port()
    with socket.socket() as occupied:  # the web server cannot start: its port is taken
        occupied.bind(("127.0.0.1", port))
        occupied.listen()
        supervisor = subprocess.run(
            [sys.executable, "scripts/serve.py", "--port", str(port)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    assert supervisor.returncode != 0
    assert "the web process ended" in supervisor.stderr
