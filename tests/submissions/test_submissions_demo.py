"""The demo: on any date one assignment is open, and papers in several states are there to try."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from assignments.submissions.demo import DEMO_MODULE, academic_year
from assignments.submissions.models import FINAL, MARKED, RELEASED, Submission
from assignments.submissions.service.assignments import OPEN, find, phase_now
from campus import clock
from campus.courses.current import DEFAULT_MODULES_DIR, catalogue
from campus.demo import DEMO_ACCOUNTS
from campus.extensions import db


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    root = tmp_path / "modules"
    shutil.copytree(DEFAULT_MODULES_DIR, root)
    return {"MODULES_DIR": str(root), "MODULES_RELOAD_INTERVAL": 0, "DEMO_MODE": True}


@pytest.mark.parametrize(
    "today", [datetime(2026, 12, 1, 10, 0), datetime(2027, 7, 15, 10, 0), datetime(2029, 4, 2, 8, 0)]
)
def test_the_demo_has_an_open_assignment_and_papers_in_every_state(
    app: Flask, runner: FlaskCliRunner, frozen_clock: Any, outbox: Any, today: datetime
) -> None:
    frozen_clock.set(today)
    for _ in range(2):  # idempotent
        result = runner.invoke(args=["demo", "seed"])
        assert result.exit_code == 0, result.output
    module = catalogue(app).get(DEMO_MODULE)
    assert module is not None and module.current_edition == academic_year(clock.now())
    assignment = find(DEMO_MODULE, module.current_edition, module.current.assignments[0].id)
    assert assignment is not None
    # The demo accounts' submissions (the review's demo adds papers by students nobody signs in as).
    accounts = {account.email for account in DEMO_ACCOUNTS}
    submissions = [s for s in db.session.query(Submission) if s.user.email in accounts]
    states = {
        (s.user.email, s.edition_id): (s.state, s.marking.status if s.marking else None) for s in submissions
    }
    current, previous = module.current_edition, max(e for e in module.editions if e < module.current_edition)
    assert states == {
        ("studentin@campus.example", current): ("draft", None),
        ("student@campus.example", current): (FINAL, None),
        ("studentin@campus.example", previous): (FINAL, RELEASED),
        ("student@campus.example", previous): (FINAL, MARKED),
    }
    lena = next(
        s for s in submissions if s.user.email == "studentin@campus.example" and s.edition_id == current
    )
    assert phase_now(assignment, lena.user) == OPEN
    late = next(
        s for s in submissions if s.user.email == "studentin@campus.example" and s.edition_id == previous
    )
    assert late.latest is not None and late.latest.late and late.latest.words and late.latest.words > 80
    assert len(outbox) == 0  # no receipts for papers nobody uploaded


def test_without_demo_mode_the_seed_leaves_module_folders_alone(
    app: Flask, runner: FlaskCliRunner, frozen_clock: Any
) -> None:
    app.config["DEMO_MODE"] = False
    frozen_clock.set(datetime(2026, 12, 1, 10, 0))
    folder = Path(app.config["MODULES_DIR"]) / DEMO_MODULE
    before = sorted(p.name for p in folder.iterdir()), (folder / "module.toml").read_text()
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    assert (sorted(p.name for p in folder.iterdir()), (folder / "module.toml").read_text()) == before
