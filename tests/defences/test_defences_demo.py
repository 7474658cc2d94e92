"""The demo seed: a defence window in the coming weeks, availability for both demo examiners, and a
booking for the second demo student, so the demo student can book right after ``make run``."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from assignments.defences import glue
from assignments.defences.demo import DEMO_MODULE, demo_window
from assignments.defences.models import Availability, Defence
from assignments.defences.service.slots import Calendar
from assignments.defences.service.times import minute
from assignments.defences.service.windows import may_defend
from campus.accounts.models import User
from campus.courses.current import DEFAULT_MODULES_DIR
from campus.extensions import db


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    root = tmp_path / "modules"
    shutil.copytree(DEFAULT_MODULES_DIR, root)
    return {"MODULES_DIR": str(root), "MODULES_RELOAD_INTERVAL": 0, "DEMO_MODE": True}


def test_the_demo_student_can_book_right_after_the_seed(runner, app, outbox) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    today = glue.now().date()
    win = demo_window(today)
    assert win is not None and win.module.id == DEMO_MODULE
    assert today < win.spec.window_start <= today + timedelta(days=7)
    assert win.booking_open(glue.now())
    lena = db.session.scalar(db.select(User).filter_by(email="studentin@campus.example"))
    assert may_defend(win, lena)
    assert Calendar(win).slots(win.spec.minutes, minute(glue.now()))
    assert db.session.query(Availability).filter_by(window_key=win.key).count() >= 2
    assert db.session.query(Defence).filter_by(window_key=win.key, status="booked").count() == 1
    assert not [m for m in outbox.messages if "Verteidigung" in m["Subject"]]  # seeding mails nobody
    again = runner.invoke(args=["demo", "seed"])
    assert again.exit_code == 0
    assert db.session.query(Defence).filter_by(window_key=win.key).count() == 1


def test_without_demo_mode_the_content_is_left_alone(runner, app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app.config["DEMO_MODE"] = False
    before = sorted(p.name for p in (tmp_path / "modules" / DEMO_MODULE).iterdir())
    runner.invoke(args=["demo", "seed"])
    assert sorted(p.name for p in (tmp_path / "modules" / DEMO_MODULE).iterdir()) == before
