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


def _limit(limits: dict[str, Any]) -> None:
    memory = int(limits["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(limits["seconds"]) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (_OUTPUT_FILE_BYTES, _OUTPUT_FILE_BYTES))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, float(limits["seconds"]))


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
        _limit(request["limits"])
        try:
            payload = json.dumps(_answer(request)).encode("utf-8")
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
