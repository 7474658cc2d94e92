"""Fixtures for the review tests: the module with a defence by invitation, the people, an open clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from review_setup import People, write_module

from campus.accounts.models import Role, User
from campus.courses.models import Enrolment
from campus.extensions import db


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    modules = tmp_path / "modules"
    write_module(modules)
    return {"MODULES_DIR": modules, "MODULES_RELOAD_INTERVAL": 0}


@pytest.fixture
def people(app: Flask, make_user: Callable[..., User], make_cohort: Callable[[str], Any]) -> People:
    """Two enrolled students, the module's lecturer, an examiner, another lecturer, an admin."""
    cohort = make_cohort("Kohorte 2026")
    found = People(
        student=make_user(Role.STUDENT, email="lena@test.example", name="Lena Schmidt", cohort=cohort),
        classmate=make_user(Role.STUDENT, email="yusuf@test.example", name="Yusuf Demir", cohort=cohort),
        lecturer=make_user(Role.LECTURER, email="dozentin@test.example", name="Miriam Albers"),
        examiner=make_user(Role.EXAMINER, email="pruefer@test.example", name="Jonas Keller"),
        other_lecturer=make_user(Role.LECTURER, email="fremd@test.example", name="Fremde Dozentin"),
        admin=make_user(Role.ADMIN, email="admin@test.example", name="Admin"),
    )
    db.session.add(Enrolment(cohort_id=cohort.id, module_id="testmodul", edition_id="2026-27"))
    db.session.commit()
    return found


@pytest.fixture(autouse=True)
def open_clock(frozen_clock: Any) -> Any:
    """1 December 2026, 10:00 Berlin time: the assignments are open."""
    frozen_clock.set(datetime(2026, 12, 1, 10, 0))
    return frozen_clock
