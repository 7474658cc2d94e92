"""Real servers for the deployment tests: start, wait until they listen, stop.

Every server runs as a child process on a free local port with its files in the test's temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from campus import create_app
from campus.extensions import db
from services import wait_until as poll_until
from support import campus_config

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
SECRET = "deploy-test-secret-key-deploy-test-secret-key"
# Settings of this machine's environment that must not leak into the servers under test.
CAMPUS_VARIABLES = {
    "REDIS_URL",
    "WEB_CONCURRENCY",
    "DEMO_MODE",
    "TRUSTED_PROXIES",
    "FLASK_RUN_FROM_CLI",
    "FLASK_APP",
}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll ``condition`` until it holds (the suite's own poller); fail naming ``what`` after ``timeout``."""
    try:
        poll_until(condition, timeout=timeout)
    except AssertionError as exc:
        raise AssertionError(f"timed out waiting for {what}") from exc


def accepts_connections(port: int) -> bool:
    """Whether something listens on the local ``port``."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


@dataclass
class Server:
    """A child process serving on ``port``; its output goes to ``log``."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path
    handle: BinaryIO

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def start(command: list[str], port: int, log: Path, env: dict[str, str] | None = None) -> Server:
    """Start ``command`` (in the environment ``env``, default this one) and wait until it accepts
    connections on ``port``, or exits."""
    handle = log.open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env or dict(os.environ), stdout=handle, stderr=handle)
    server = Server(process, port, log, handle)
    try:
        wait_until(lambda: process.poll() is not None or accepts_connections(port), f"{command[0]} on {port}")
    except AssertionError:
        stop(server)  # never leave a server running that did not come up in time
        raise
    if process.poll() is not None:
        handle.close()
        raise AssertionError(f"{command[0]} exited:\n{server.output()}")
    return server


def stop(server: Server) -> None:
    """Stop the process and wait for it."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    server.handle.close()


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The README's production settings, on an SQLite file of this test (created with the schema)."""
    database = f"sqlite:///{tmp_path / 'campus.db'}"
    app = create_app(campus_config(tmp_path, DATABASE_URL=database))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    inherited = {key: value for key, value in os.environ.items() if key not in CAMPUS_VARIABLES}
    return {
        **inherited,
        "CAMPUS_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database,
        "BASE_URL": "https://campus.example.org",
        "JOBS_BROKER_URL": f"sqlite:///{tmp_path / 'jobs.db'}",
        **extra,
    }


def gunicorn_command(port: int, *options: str) -> list[str]:
    """The README's production command (sync workers), on ``port``."""
    return [str(BIN / "gunicorn"), "--no-control-socket", "--bind", f"127.0.0.1:{port}", *options, "app:app"]


def readme_block(language: str) -> str:
    """The first fenced block of ``language`` in the README: the test runs what the README documents."""
    match = re.search(rf"```{language}\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert match, f"no ```{language} block in README.md"
    return match.group(1)
