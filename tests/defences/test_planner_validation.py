"""Invalid scenarios are refused with a message naming the problem."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from assignments.defences.planner import ScenarioError, load_scenario, parse_scenario

VALID: dict[str, Any] = {
    "timezone": "Europe/Berlin", "slot_minutes": 30, "buffer_minutes": 10, "panel_size": 2,
    "examiners": [
        {"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T17:00"]], "max_per_day": 8},
        {"id": "e2", "available": [["2027-01-11T09:00", "2027-01-11T12:00"]]},
    ],
    "students": [{"id": "s1", "unavailable": [["2027-01-11T09:00", "2027-01-11T10:00"]],
                  "extra_minutes": 0, "examiners": ["e1"]}],
}  # fmt: skip


def changed(path: str, value: Any) -> dict[str, Any]:
    """VALID with the value at a dotted path (list indexes as numbers) replaced, or deleted if ...."""
    data = copy.deepcopy(VALID)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target: Any = data
    for part in parents:
        target = target[part]
    if value is Ellipsis:
        del target[last]
    else:
        target[last] = value
    return data


CASES = [
    ("students.0.examiners", ["e9"], "unknown examiner 'e9'"),
    (
        "examiners.0.available",
        [["2027-01-11T12:00", "2027-01-11T09:00"]],
        "end 2027-01-11T09:00 is not after start",
    ),
    ("examiners.0.available", [["2027-01-11T09:00", "2027-01-11T09:00"]], "is not after start"),
    (
        "examiners.1.available",
        [["2027-01-11 09:00", "2027-01-11T12:00"]],
        "malformed time '2027-01-11 09:00'",
    ),
    (
        "examiners.1.available",
        [["2027-02-30T09:00", "2027-03-01T12:00"]],
        "malformed time '2027-02-30T09:00'",
    ),
    ("examiners.1.available", [["2027-01-11T25:00", "2027-01-11T26:00"]], "malformed time"),
    ("examiners.1.available", [["2027-01-11T09:00+01:00", "2027-01-11T12:00"]], "malformed time"),
    ("examiners.1.available", [["2027-01-11T09:00"]], "must be a [start, end] pair"),
    ("examiners.1.available", [["2027-03-28T02:30", "2027-03-28T04:00"]], "does not exist in Europe/Berlin"),
    ("panel_size", 3, "panel_size 3 is larger than the number of examiners (2)"),
    ("panel_size", 0, "panel_size must be a whole number from 1"),
    ("examiners.1.id", "e1", "duplicate examiner id 'e1'"),
    ("students.0.extra_minutes", -5, "extra_minutes must be a whole number from 0"),
    ("students.0.extra_minutes", 1.5, "extra_minutes must be a whole number"),
    ("slot_minutes", ..., "slot_minutes is missing"),
    ("slot_minutes", "30", "slot_minutes must be a whole number"),
    ("slot_minutes", True, "slot_minutes must be a whole number"),
    ("buffer_minutes", -1, "buffer_minutes must be a whole number from 0"),
    ("timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ("examiners.0.max_per_day", -1, "max_per_day must be a whole number of at least 0"),
    ("examiners.0.id", "", "id must be a non-empty text"),
    ("students.0.examiners", ["e1", "e1"], "an examiner is listed twice"),
    ("students", "everyone", "students is missing or not a list"),
    ("examiners", ..., "examiners is missing or not a list"),
]


@pytest.mark.parametrize(("path", "value", "message"), CASES)
def test_invalid_scenario_names_the_problem(path: str, value: Any, message: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(changed(path, value))
    assert message in str(raised.value)


def test_duplicate_student_and_oversized_requirements() -> None:
    data = copy.deepcopy(VALID)
    data["panel_size"] = 1
    data["students"].append({"id": "s1", "examiners": ["e1", "e2"]})
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(data)
    assert "duplicate student id 's1'" in str(raised.value)
    assert "student 's1' requires 2 examiners but a panel has only 1" in str(raised.value)


def test_every_problem_is_reported_at_once() -> None:
    data = changed("students.0.examiners", ["e9"])
    data["examiners"][1]["available"] = [["2027-01-11T12:00", "2027-01-11T09:00"]]
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(data)
    assert len(raised.value.problems) == 2


def test_not_an_object_and_not_json(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="must be a JSON object"):
        parse_scenario([VALID])
    broken = tmp_path / "broken.json"
    broken.write_text('{"slot_minutes": 30,', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"broken\.json is not valid JSON"):
        load_scenario(broken)


def test_size_bounds() -> None:
    many = changed("students", [{"id": f"s{n}"} for n in range(5_001)])
    with pytest.raises(ScenarioError, match="5001 entries, at most 5000"):
        parse_scenario(many)
    long_span = changed("examiners.1.available", [["2027-01-11T09:00", "2029-01-11T12:00"]])
    with pytest.raises(ScenarioError, match="spans 731 days"):
        parse_scenario(long_span)


def test_valid_scenario_reads_with_defaults_and_warns_about_unknown_keys(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["buffer_minutes"], data["panel_size"], data["timezone"]
    data["slot_minute"] = 45
    source = tmp_path / "ok.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    scenario = load_scenario(source)
    assert (scenario.timezone, scenario.buffer_minutes, scenario.panel_size) == ("Europe/Berlin", 0, 2)
    assert scenario.warnings == ("the scenario: unknown key 'slot_minute' ignored",)
    assert scenario.students[0].examiners == ("e1",)
    # 09:00 in Berlin in January is 08:00 UTC
    assert scenario.clock.text(scenario.examiners[0].available[0].start) == "2027-01-11T09:00"
    assert scenario.examiners[0].available[0].start % (24 * 60) == 8 * 60
