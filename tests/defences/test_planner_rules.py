"""The planner never breaks a rule and schedules as many students as an exhaustive search finds."""

from __future__ import annotations

from typing import Any

from defence_checks import check_plan, most_schedulable
from hypothesis import HealthCheck, given, settings
from scenarios import plan_data, scenarios


def slow(examples: int) -> settings:
    """Planning takes tens of milliseconds: no per-example deadline; a fixed example sequence."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)  # fmt: skip


@slow(80)
@given(scenarios(students=12, examiners=5, days=2))
def test_generated_plans_keep_every_rule(data: dict[str, Any]) -> None:
    output = plan_data(data)
    assert check_plan(data, output) == []
    assert set(output["reasons"]) == set(output["unscheduled"])


@slow(150)
@given(scenarios(students=4, examiners=3, days=1))
def test_small_plans_schedule_as_many_as_exhaustive_search(data: dict[str, Any]) -> None:
    output = plan_data(data)
    assert check_plan(data, output) == []
    assert len(output["bookings"]) == most_schedulable(data)
    assert output["optimal"] is True


def test_exhaustive_search_sees_a_conflict() -> None:
    # The reference itself: one examiner, one 40-minute window, two 30-minute defences: only one fits.
    data = {
        "slot_minutes": 30, "buffer_minutes": 0, "panel_size": 1,
        "examiners": [{"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T09:40"]]}],
        "students": [{"id": "s1"}, {"id": "s2"}],
    }  # fmt: skip
    assert most_schedulable(data) == 1
    data["examiners"][0]["available"] = [["2027-01-11T09:00", "2027-01-11T10:00"]]
    assert most_schedulable(data) == 2
    assert len(plan_data(data)["bookings"]) == 2


def test_checker_finds_broken_plans() -> None:
    data = {
        "slot_minutes": 30, "buffer_minutes": 10, "panel_size": 1,
        "examiners": [{"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T12:00"]], "max_per_day": 1}],
        "students": [{"id": "s1"}, {"id": "s2"}],
    }  # fmt: skip
    broken = {
        "bookings": [
            {"student": "s1", "examiners": ["e1"], "start": "2027-01-11T09:00", "end": "2027-01-11T09:30"},
            {"student": "s2", "examiners": ["e1"], "start": "2027-01-11T09:33", "end": "2027-01-11T10:03"},
        ],
        "unscheduled": [],
        "optimal": True,
    }
    found = check_plan(data, broken)
    assert any("buffer" in p for p in found) and any("5-minute" in p for p in found)
    assert any("2 on" in p for p in found)
