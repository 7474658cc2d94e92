"""Run the parsers in a child process with a wall-clock timeout and an address-space limit.

A hostile file may make a parser loop, recurse or allocate without end; then the child dies, not the
web worker. Children are forked by the `zygote`, one per process that checks files, started on first
use (after a server's workers have forked) and restarted if it has gone. The child answers in JSON
only, so even a compromised child cannot hand this process a pickle.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from .outcome import Finding, Reason

_GRACE_SECONDS = 2.0  # the child's own timer fires first; this only covers a lost zygote


@dataclass(frozen=True)
class Limits:
    """The bounds of one child: wall-clock seconds, address space and the size of its answer."""

    seconds: float = 20.0
    memory_bytes: int = 1536 * 1024 * 1024
    answer_bytes: int = 32 * 1024 * 1024


class _Zygote:
    """This process's zygote and the control socket to it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pid = 0
        self.control: socket.socket | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def _start(self) -> socket.socket:
        if self.control is None:
            atexit.register(self.stop)
        else:
            self.stop()  # one that has gone, or one inherited from the process this one forked from
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", f"{__package__}.zygote", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        self.control, self.pid = ours, os.getpid()
        return ours

    def stop(self) -> None:
        """Let the zygote go (it exits when the control socket closes) and reap it."""
        if self.control is not None:
            self.control.close()
        if self.process is not None and self.pid == os.getpid():  # only the starting process may reap
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def send(self, header: bytes, fd: int) -> None:
        """Hand one request to the zygote, starting (or restarting) it when needed."""
        with self.lock:
            for attempt in range(2):
                if self.control is None or self.pid != os.getpid() or attempt:
                    self._start()
                assert self.control is not None
                try:
                    socket.send_fds(self.control, [header], [fd])
                    return
                except OSError:
                    if attempt:
                        raise


_ZYGOTE = _Zygote()


def _failure(reason: Reason) -> dict[str, Any]:
    return {"refusal": Finding(reason).as_dict()}


def _receive(connection: socket.socket, limits: Limits) -> bytes | None:
    """The child's whole answer, or None when it overran its time or sent too much."""
    deadline = time.monotonic() + limits.seconds + _GRACE_SECONDS
    chunks: list[bytes] = []
    received = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        connection.settimeout(remaining)
        try:
            chunk = connection.recv(1024 * 1024)
        except TimeoutError:
            return None
        if not chunk:
            return b"".join(chunks)
        received += len(chunk)
        if received > limits.answer_bytes:
            return None
        chunks.append(chunk)


def run(task: str, args: tuple[Any, ...], limits: Limits) -> dict[str, Any]:
    """Run ``pipeline.<task>(*args)`` in a child; a refusal dictionary when it fails or overruns."""
    header = json.dumps({"task": task, "args": list(args), "limits": asdict(limits)}).encode("utf-8")
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    started = time.monotonic()
    with ours:
        with theirs:
            _ZYGOTE.send(header, theirs.fileno())
        payload = _receive(ours, limits)
    if payload is None:
        return _failure(Reason.TIMEOUT)
    if not payload:
        # The child died without answering: its timer, its memory or its CPU time ran out.
        timed_out = time.monotonic() - started >= limits.seconds
        return _failure(Reason.TIMEOUT if timed_out else Reason.TOO_COMPLEX)
    return json.loads(payload)
