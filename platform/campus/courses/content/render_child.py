"""The render child: ``python render_child.py MEMORY_BYTES``, started and fed by `render`.

It lowers its own CPU priority and limits its address space, loads `markup` by file name (nothing of
Campus, so it starts in a fraction of a second), says it is ready, and then answers one request after another on stdin/stdout:
frames of a 4-byte length and a JSON object, {"text", "base"} in, {"html", "toc", "title"} or
{"error"} out. JSON only, so nothing it sends can run code in the web process. The parent kills it
when a render takes too long; it exits by itself when the parent closes its stdin.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import struct
import sys
from pathlib import Path
from typing import Any, BinaryIO

HEADER = struct.Struct(">I")
NICENESS = 10


def _markup() -> Any:
    spec = importlib.util.spec_from_file_location(
        "campus_lesson_markup", Path(__file__).with_name("markup.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and typing look modules up by name
    spec.loader.exec_module(module)
    return module


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame's payload, None at the end of the stream."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (length,) = HEADER.unpack(header)
    return stream.read(length)


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    """Send one frame."""
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def serve(memory: int) -> None:
    """Answer render requests until stdin closes."""
    # Behind the web workers for the CPU: a hostile text burns this process's time, not theirs.
    os.nice(NICENESS)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    markup = _markup()
    converter = markup.Converter()
    markup.warm_up(converter)
    # The frames get file descriptor 1 to themselves; anything a library prints goes to stderr.
    source, sink = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    write_frame(sink, b'{"ready": true}')
    while (request := read_frame(source)) is not None:
        try:
            job = json.loads(request)
            answer = converter.convert(job["text"], job["base"])
        except (MemoryError, RecursionError):
            converter = markup.Converter()  # a half-finished conversion may have left it in any state
            answer = {"error": "too complex"}
        write_frame(sink, json.dumps(answer).encode("utf-8"))


if __name__ == "__main__":
    serve(int(sys.argv[1]))
