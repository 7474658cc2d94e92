"""`make run`: the web server and a job consumer together, stopped together by Ctrl-C.

Each child runs in a session of its own, so Ctrl-C reaches only this supervisor, which then asks each
child once to stop (SIGINT: the consumer finishes its running job first) and waits for both. When one
child ends by itself (a port already in use, a crash), the other is stopped too.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import threading
from types import FrameType

GRACE_SECONDS = 30


def _children(host: str, port: int) -> dict[str, subprocess.Popen[bytes]]:
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    return {
        "web": subprocess.Popen([*flask, "run", "--host", host, "--port", str(port)], start_new_session=True),
        "jobs": subprocess.Popen([*flask, "jobs", "worker"], start_new_session=True),
    }


def _stop(children: dict[str, subprocess.Popen[bytes]]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    for child in children.values():
        try:
            child.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def main() -> int:
    """Start both, wait until Ctrl-C, SIGTERM or one of them ends; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    options = parser.parse_args()

    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    children = _children(options.host, options.port)
    ended = None
    while not stop.wait(0.2):
        ended = next((name for name, child in children.items() if child.poll() is not None), None)
        if ended:
            print(f"serve: the {ended} process ended; stopping the other one.", file=sys.stderr)
            break
    _stop(children)
    if ended is None:
        return 0
    return children[ended].returncode or 1


if __name__ == "__main__":
    sys.exit(main())
