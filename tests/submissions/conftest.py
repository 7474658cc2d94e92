"""Fixtures for the submission tests: generated files, a checker, a module with assignments, people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from course import People, write_module
from flask import Flask

from assignments.submissions.extract import CheckResult, check_file
from campus.accounts.models import Role, User
from campus.courses.models import Enrolment
from campus.extensions import db

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


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    modules = tmp_path / "modules"
    write_module(modules)
    write_module(modules, "anderes-modul", lecturer="fremd@test.example")
    return {"MODULES_DIR": modules, "MODULES_RELOAD_INTERVAL": 0}


@pytest.fixture
def people(app: Flask, make_user: Callable[..., User], make_cohort: Callable[[str], Any]) -> People:
    """Two enrolled students, the module's lecturer, a lecturer of another module, an examiner, an admin."""
    cohort = make_cohort("Kohorte 2026")
    found = People(
        student=make_user(Role.STUDENT, email="lena@test.example", name="Lena Schmidt", cohort=cohort),
        classmate=make_user(Role.STUDENT, email="yusuf@test.example", name="Yusuf Demir", cohort=cohort),
        lecturer=make_user(Role.LECTURER, email="dozentin@test.example", name="Miriam Albers"),
        other_lecturer=make_user(Role.LECTURER, email="fremd@test.example", name="Fremde Dozentin"),
        examiner=make_user(Role.EXAMINER, email="pruefer@test.example", name="Jonas Keller"),
        admin=make_user(Role.ADMIN, email="admin@test.example", name="Admin"),
    )
    db.session.add(Enrolment(cohort_id=cohort.id, module_id="testmodul", edition_id="2026-27"))
    db.session.commit()
    return found


@pytest.fixture
def open_clock(frozen_clock: Any) -> Any:
    """The clock on 1 December 2026, 10:00 Berlin time: the assignments are open."""
    frozen_clock.set(datetime(2026, 12, 1, 10, 0))
    return frozen_clock
