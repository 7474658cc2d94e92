"""The demo: right after seeding, the demo lecturer sees reports in each band, the column and the chart."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient, FlaskCliRunner

from assignments.review.models import Report
from assignments.submissions.demo import open_assignment
from campus.demo import DEMO_PASSWORD
from campus.extensions import db
from support import Auth


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    modules = tmp_path / "modules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "modules", modules)
    return {"MODULES_DIR": modules, "MODULES_RELOAD_INTERVAL": 0, "DEMO_MODE": True}


@pytest.fixture(autouse=True)
def open_clock(frozen_clock: Any) -> Any:
    frozen_clock.set(datetime(2026, 12, 1, 10, 0))
    return frozen_clock


def test_the_demo_has_a_report_in_each_band(runner: FlaskCliRunner, client: FlaskClient) -> None:
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    assignment = open_assignment()
    assert assignment is not None
    current = [r for r in db.session.query(Report) if r.submission.key == assignment.key]
    bands = sorted((r.submission.user.email, r.band, r.reason) for r in current)
    assert bands == [
        ("aylin.kaya@campus.example", "signal", None),
        ("sofia.rossi@campus.example", "abstain", "unsupported_language"),
        ("student@campus.example", "abstain", "too_short"),
        ("tom.berger@campus.example", "no_signal", None),
    ]
    reports = db.session.query(Report).count()  # last year's papers too
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0 and db.session.query(Report).count() == reports
    module_id, edition_id, assignment_id = assignment.key
    Auth(client).login("dozentin@campus.example", DEMO_PASSWORD)
    table = client.get(f"/submissions/marking/{module_id}/{edition_id}/{assignment_id}/").get_data(
        as_text=True
    )
    assert "Nachgespräch empfohlen" in table and "kein Hinweis" in table and table.count("keine Aussage") == 2
    overview = client.get(f"/review/assignments/{module_id}/{edition_id}/{assignment_id}/").get_data(
        as_text=True
    )
    assert re.search(r'stat-value">2</span> Keine ausreichende Grundlage', overview) and "<svg" in overview
