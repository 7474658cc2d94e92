"""The production command refuses what would be unsafe: in-memory limits with several workers, demo passwords."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from servers import ROOT, free_port, gunicorn_command, production_env, start, stop

from campus import create_app
from campus.demo import seed
from campus.extensions import db
from support import campus_config

pytestmark = pytest.mark.deploy


def run_briefly(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a server command that is expected to refuse to start (it gets 60 s to do so)."""
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("options", "variables"),
    [(["--workers", "2"], {}), (["--workers", "2", "--preload"], {}), ([], {"WEB_CONCURRENCY": "3"})],
    ids=["--workers", "--preload", "WEB_CONCURRENCY"],
)
def test_several_workers_without_redis_refuse_to_start(
    tmp_path: Path, options: list[str], variables: dict[str, str]
) -> None:
    result = run_briefly(gunicorn_command(free_port(), *options), production_env(tmp_path, **variables))
    assert result.returncode != 0
    assert "REDIS_URL is not set, but" in result.stderr


def test_several_workers_with_redis_start(tmp_path: Path, redis_url: str) -> None:
    port = free_port()
    env = production_env(tmp_path, REDIS_URL=redis_url)
    server = start(gunicorn_command(port, "--workers", "2"), port, tmp_path / "gunicorn.log", env)
    stop(server)
    assert "refuses" not in server.output()


def test_a_database_with_demo_passwords_refuses_to_start(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    demo_app = create_app(campus_config(tmp_path, DATABASE_URL=env["DATABASE_URL"]))
    with demo_app.app_context():
        seed()
        db.session.commit()  # seed() leaves the commit to its caller
        db.engine.dispose()
    result = run_briefly(gunicorn_command(free_port(), "--workers", "1"), env)
    assert result.returncode != 0
    assert "still have the published demo password" in result.stderr
    assert "admin@campus.example" in result.stderr
