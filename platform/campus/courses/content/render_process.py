"""The web process's side of the render child (`render_child.py`): starting it, feeding it one request
at a time, and killing it when it is late.

One child per process, started on first use; a forked process (a server's worker) starts its own,
and a child that overran or died is replaced at once, in a background thread, so the request that
hit the limit gets its answer after the limit and no later reader waits for the child's imports.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from .render_child import HEADER

CHILD = Path(__file__).with_name("render_child.py")
MEMORY_BYTES = 1024 * 1024 * 1024  # the child's address space: a render that wants more fails
START_SECONDS = 30.0  # starting the child (imports) is not the lesson's time


class RenderProcess:
    """This process's render child and the pipes to it; one request at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        atexit.register(self.stop)
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        # A forked process (a server's worker) gets a child of its own; the inherited one belongs to
        # the parent: close our copies of its pipes and never wait for it here.
        self.lock = threading.Lock()  # another thread may have held it at the fork
        process, self.process = self.process, None
        if process is not None:
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    pipe.close()
            process.returncode = 0  # not ours to reap: tells Popen not to warn about it

    def _read(self, size: int, deadline: float) -> bytes:
        assert self.process is not None and self.process.stdout is not None
        fd, data = self.process.stdout.fileno(), b""
        while len(data) < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
            chunk = os.read(fd, size - len(data))
            if not chunk:
                raise EOFError  # the child died (its memory limit, a crash)
            data += chunk
        return data

    def _frame(self, deadline: float) -> dict[str, Any]:
        (length,) = HEADER.unpack(self._read(HEADER.size, deadline))
        return dict(json.loads(self._read(length, deadline)))

    def _start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and file
            [sys.executable, str(CHILD), str(MEMORY_BYTES)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self._frame(time.monotonic() + START_SECONDS)  # {"ready": true}, once the imports are done

    def _restart(self) -> None:
        with self.lock:
            if self.process is not None:
                return  # a render started one meanwhile
            try:
                self._start()
            except (OSError, EOFError, TimeoutError, ValueError):
                self.stop()  # the next render tries again

    def stop(self) -> None:
        """End the child (at exit, or after it overran)."""
        process, self.process = self.process, None
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()
        process.kill()
        process.wait()

    def render(self, text: str, asset_base: str, seconds: float) -> dict[str, Any] | None:
        """The child's answer for `text`, or None when it failed or took longer than `seconds`."""
        request = json.dumps({"text": text, "base": asset_base}).encode("utf-8")
        with self.lock:
            try:
                if self.process is None or self.process.poll() is not None:
                    self.stop()
                    self._start()
                assert self.process is not None and self.process.stdin is not None
                self.process.stdin.write(HEADER.pack(len(request)) + request)
                self.process.stdin.flush()
                answer = self._frame(time.monotonic() + seconds)
            except (OSError, EOFError, TimeoutError, ValueError):
                self.stop()  # a child that overran is killed; its successor starts at once, aside,
                threading.Thread(target=self._restart, daemon=True).start()  # so no reader waits for it
                return None
        return None if "error" in answer else answer
