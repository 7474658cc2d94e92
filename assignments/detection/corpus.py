"""Streaming JSON Lines input: one record at a time, so large files keep memory flat."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


class CorpusError(ValueError):
    """A JSONL line that cannot be used (bad JSON, no text field)."""


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for every non-blank line of a JSONL file."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise CorpusError(f'{path}:{number}: expected an object with a "text" string')
            yield number, record


def read_labelled(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Read labelled records ("label" human or ai) from several files into a list."""
    records = []
    for path in paths:
        for number, record in iter_jsonl(path):
            if record.get("label") not in ("human", "ai"):
                raise CorpusError(f'{path}:{number}: "label" must be "human" or "ai"')
            records.append(record)
    return records
