"""Requests per second under gunicorn (2 workers): Campus pages next to a bare Flask "hello" app.

Run with `make bench`. Starts both servers on local ports with a throwaway SQLite database holding the
demo data, signs in once as the demo student to measure a signed-in page, and prints each page's rate
and its ratio to the bare app. Other benchmarks extend PAGES.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

from loadgen import requests_per_second

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
# (label, path, signed in as). The lesson page is a shipped lesson with highlighted code, read by the demo
# student (whose cohort the demo seed enrols); after the first request it comes from the render cache.
PAGES = [
    ("login page", "/login", None),
    ("dashboard (student)", "/", "studentin@campus.example"),
    (
        "lesson page (student)",
        "/modules/digitale-prozesse/2025-26/02-prozesse-modellieren",
        "studentin@campus.example",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(app: str, env: dict[str, str], cwd: Path):
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        app,
    ]
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/login" if "campus" in app or app == "app:app" else url, timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def session_cookie(url: str, email: str) -> str:
    """Sign in through the form and return the Cookie header a browser would send."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = urlencode({"csrf_token": token, "email": email, "password": "campus-demo"}).encode()
    opener.open(url + "/login", data=data)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "SECRET_KEY": "bench-secret-key-bench-secret-key-0000",
            "DEMO_MODE": "1",
            "FLASK_APP": "app",
        }
        full_env = {**os.environ, **env}
        subprocess.run(
            [str(BIN / "flask"), "db", "upgrade"], cwd=ROOT, env=full_env, check=True, capture_output=True
        )
        subprocess.run(
            [str(BIN / "flask"), "demo", "seed"], cwd=ROOT, env=full_env, check=True, capture_output=True
        )
        with gunicorn("hello_app:app", {}, ROOT / "bench") as hello_url:
            baseline = requests_per_second(hello_url + "/", seconds=SECONDS)
        print(f"bare Flask hello: {baseline:8.1f} req/s")
        with gunicorn("app:app", env, ROOT) as url:
            for label, path, email in PAGES:
                headers = {"Cookie": session_cookie(url, email)} if email else {}
                rate = requests_per_second(url + path, headers, seconds=SECONDS)
                print(f"{label:>21}: {rate:8.1f} req/s = {rate / baseline:6.1%} of the bare app")


if __name__ == "__main__":
    main()
