"""`flask defences plan` and `python -m assignments.defences.planner`, as a lecturer would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from defence_checks import check_plan
from flask import Flask
from flask.testing import FlaskCliRunner

import assignments.defences as defences

ROOT = Path(__file__).resolve().parents[2]
SCENARIO: dict[str, Any] = {
    "timezone": "Europe/Berlin", "slot_minutes": 30, "buffer_minutes": 10, "panel_size": 2,
    "examiners": [
        {"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T17:00"]], "max_per_day": 8},
        {"id": "e2", "available": [["2027-01-11T11:00", "2027-01-11T13:00"]]},
    ],
    "students": [
        {"id": "s1", "unavailable": [["2027-01-11T09:00", "2027-01-11T12:00"]], "extra_minutes": 0,
         "examiners": ["e1"]},
        {"id": "s2", "extra_minutes": 15},
        {"id": "s7", "examiners": ["e2"], "unavailable": [["2027-01-11T00:00", "2027-01-11T23:00"]]},
    ],
}  # fmt: skip


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    return path


def test_plan_prints_the_documented_format(runner: FlaskCliRunner, scenario_file: Path) -> None:
    result = runner.invoke(args=["defences", "plan", str(scenario_file)])
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert set(output) == {"bookings", "unscheduled", "optimal"}
    assert check_plan(SCENARIO, output) == []
    assert output["unscheduled"] == ["s7"] and output["optimal"] is True
    assert {b["student"] for b in output["bookings"]} == {"s1", "s2"}
    assert (
        "unscheduled s7: the required examiners are only free when the student is unavailable"
        in result.stderr
    )


def test_plan_writes_out_with_reasons(runner: FlaskCliRunner, scenario_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    result = runner.invoke(args=["defences", "plan", str(scenario_file), "--out", str(target), "--explain"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    output = json.loads(target.read_text(encoding="utf-8"))
    assert list(output["reasons"]) == ["s7"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"students": [{"id": "s1", "examiners": ["e9"]}]}, "unknown examiner 'e9'"),
        ({"panel_size": 3}, "panel_size 3 is larger than the number of examiners (2)"),
        (
            {
                "examiners": [{"id": "e1", "available": [["2027-01-11T17:00", "2027-01-11T09:00"]]}],
                "panel_size": 1,
            },
            "end 2027-01-11T09:00 is not after start 2027-01-11T17:00",
        ),
        (
            {
                "examiners": [{"id": "e1", "available": [["11.01.2027 09:00", "2027-01-11T17:00"]]}],
                "panel_size": 1,
            },
            "malformed time '11.01.2027 09:00'",
        ),
    ],
)
def test_invalid_scenario_exits_non_zero_naming_the_problem(
    runner: FlaskCliRunner, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**SCENARIO, **change}), encoding="utf-8")
    result = runner.invoke(args=["defences", "plan", str(path)])
    assert result.exit_code != 0
    assert message in result.output


def test_missing_file_and_bad_json(runner: FlaskCliRunner, tmp_path: Path) -> None:
    assert runner.invoke(args=["defences", "plan", str(tmp_path / "none.json")]).exit_code != 0
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(args=["defences", "plan", str(broken)])
    assert result.exit_code != 0 and "broken.json is not valid JSON" in result.output


def test_python_module_entry(scenario_file: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "assignments.defences.planner", str(scenario_file)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert check_plan(SCENARIO, json.loads(done.stdout)) == []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**SCENARIO, "panel_size": 5}), encoding="utf-8")
    done = subprocess.run(
        [*command[:3], str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2 and "panel_size 5 is larger" in done.stderr


def test_init_app_registers_the_defences_group() -> None:
    app = Flask("t")
    defences.init_app(app)
    assert "plan" in app.cli.commands["defences"].commands  # type: ignore[attr-defined]


def test_campus_enables_defences_by_default(app: Flask) -> None:
    assert "assignments.defences" in app.config["FEATURES"]
    assert "defences" in app.cli.commands


CHECK = """
import sys
from assignments.defences.planner import parse_scenario, plan
plan(parse_scenario({"slot_minutes": 30, "panel_size": 1, "students": [{"id": "s1"}],
     "examiners": [{"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T10:00"]]}]}))
print("loaded:", sorted(m for m in ("flask", "click", "campus", "werkzeug", "sqlalchemy") if m in sys.modules))
"""


def test_planner_imports_nothing_of_flask_or_campus() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "loaded: []" in done.stdout
