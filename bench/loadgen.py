"""A small HTTP load generator: several processes, each sending requests one after another for a while.

Used by the web benchmarks instead of an external tool, so `make bench` needs nothing beyond the project.
"""

from __future__ import annotations

import http.client
import multiprocessing
import time
from urllib.parse import urlsplit


def _worker(url: str, headers: dict[str, str], seconds: float, queue: multiprocessing.Queue) -> None:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    done = failed = 0
    deadline = time.perf_counter() + seconds
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    while time.perf_counter() < deadline:
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                failed += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
    connection.close()
    queue.put((done, failed))


def requests_per_second(
    url: str, headers: dict[str, str] | None = None, seconds: float = 5.0, clients: int = 4
) -> float:
    """Successful requests per second that ``clients`` concurrent clients get from ``url``."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=_worker, args=(url, headers or {}, seconds, queue))
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    done = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    if failed:
        print(f"  warning: {failed} failed requests to {url}")
    return done / seconds
