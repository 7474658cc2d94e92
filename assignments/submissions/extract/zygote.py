"""The zygote: a small process that has the parsers imported and forks one child per file.

Started by `sandbox` (``python -m assignments.submissions.extract.zygote FD``). It is single-threaded,
so forking it is safe, and its children start in about a millisecond with everything imported.
Each request arrives as one datagram on the control socket: a JSON header (task, arguments, limits)
and the file descriptor of a fresh socket on which the child answers, in JSON, and then exits.
The child limits itself: address space and CPU time by rlimit, wall-clock time by an interval timer
whose signal (left at its default action) ends the process even inside a C parser.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import socket
import sys
from typing import Any

from . import pipeline

_OUTPUT_FILE_BYTES = 256 * 1024 * 1024  # a stripped copy is never much larger than the original
_HEADER_BYTES = 64 * 1024
# A parser that runs out of address space rarely says so: lxml reports "unknown error", and the
# caller turns that into "damaged". When a parse failed and the child's peak address space came this
# close to its limit, memory was the cause, whatever the exception said.
_MEMORY_HEADROOM_FRACTION = 0.25
_FAILURES_MEMORY_CAN_CAUSE = frozenset({"office_damaged", "pdf_damaged", "unreadable", "xml_unsafe"})


def _limit(limits: dict[str, Any]) -> None:
    memory = int(limits["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(limits["seconds"]) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (_OUTPUT_FILE_BYTES, _OUTPUT_FILE_BYTES))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, float(limits["seconds"]))


def _peak_address_space(status_fd: int) -> int | None:
    """VmPeak of this process in bytes, read from its already open ``/proc/self/status``."""
    for line in os.pread(status_fd, 8192, 0).split(b"\n"):
        if line.startswith(b"VmPeak:"):
            return int(line.split()[1]) * 1024
    return None


def _ran_out_of_memory(answer: dict[str, Any], memory_bytes: int, status_fd: int | None) -> bool:
    reason = answer.get("refusal", {}).get("reason")
    if reason not in _FAILURES_MEMORY_CAN_CAUSE or status_fd is None:
        return False
    try:
        peak = _peak_address_space(status_fd)
    except MemoryError:
        return True
    return peak is not None and peak >= memory_bytes * (1 - _MEMORY_HEADROOM_FRACTION)


def _open_status() -> int | None:
    try:
        return os.open("/proc/self/status", os.O_RDONLY)
    except OSError:
        return None  # not Linux: the refusal keeps the reason the parser gave


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    try:
        return getattr(pipeline, request["task"])(*request["args"])
    except (MemoryError, RecursionError):
        return pipeline.failure("too_complex")
    except Exception:  # a parser bug on a strange file: the file is unreadable, the server is fine
        return pipeline.failure("unreadable")


def _child(control: socket.socket, connection: socket.socket, request: dict[str, Any]) -> None:
    control.close()
    try:
        status_fd = _open_status()  # before the limit, so that reading it later needs no new file
        _limit(request["limits"])
        try:
            answer = _answer(request)
            if _ran_out_of_memory(answer, int(request["limits"]["memory_bytes"]), status_fd):
                answer = pipeline.failure("too_complex")
            payload = json.dumps(answer).encode("utf-8")
        except MemoryError:
            payload = json.dumps(pipeline.failure("too_complex")).encode("utf-8")
        connection.sendall(payload)
    finally:
        os._exit(0)


def serve(control: socket.socket) -> None:
    """Fork a child for every request until the parent closes the control socket."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, _HEADER_BYTES, 1)
        except InterruptedError:
            continue
        if not message:
            return  # the parent has gone
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            continue
        connection = socket.socket(fileno=fds[0])
        if os.fork() == 0:
            _child(control, connection, json.loads(message))
        connection.close()


if __name__ == "__main__":
    serve(socket.socket(fileno=int(sys.argv[1])))
