"""Deployment tests: the README's production set-up with real servers (gunicorn, Redis, nginx).

Servers are stopped when the test ends, passed or failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import REDIS, free_port, start, stop


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A Redis server of this test's own."""
    port = free_port()
    command = [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = start([*command, "--dir", str(tmp_path)], port, tmp_path / "redis.log")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(server)
