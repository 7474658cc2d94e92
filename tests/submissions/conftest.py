"""Fixtures for the submission tests: a folder of generated files and a checker bound to it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assignments.submissions.extract import CheckResult, check_file

MAX_BYTES = 20 * 1024 * 1024


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, bytes], Path]:
    """Factory: ``write_file("name.pdf", data)`` writes the bytes and returns the path."""

    def write(name: str, data: bytes) -> Path:
        folder = tmp_path / "files"
        folder.mkdir(exist_ok=True)
        path = folder / "upload.bin"
        path.write_bytes(data)
        return path.rename(folder / f"{len(list(folder.iterdir()))}-{Path(name).suffix or '.bin'}")

    return write


@pytest.fixture
def check(write_file: Callable[[str, bytes], Path]) -> Callable[..., CheckResult]:
    """``check(data, "Hausarbeit.pdf", **options)``: the full check of ``data`` sent under that name."""

    def run(data: bytes, name: str = "Hausarbeit.pdf", **options: object) -> CheckResult:
        options.setdefault("max_bytes", MAX_BYTES)
        return check_file(write_file(name, data), name, **options)  # type: ignore[arg-type]

    return run
