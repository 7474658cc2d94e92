"""Planning around bookings that already stand (the lecturer plans "the rest")."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scenarios import scenarios

from assignments.defences.planner import Booking, Limits, parse_scenario, plan, violations


def two_examiners(students: int) -> dict[str, Any]:
    return {
        "slot_minutes": 30, "buffer_minutes": 10, "panel_size": 2,
        "examiners": [
            {"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T12:00"]], "max_per_day": 3},
            {"id": "e2", "available": [["2027-01-11T09:00", "2027-01-11T12:00"]]},
        ],
        "students": [{"id": f"s{n}"} for n in range(1, students + 1)],
    }  # fmt: skip


def test_fixed_bookings_stay_and_count_toward_the_daily_maximum() -> None:
    scenario = parse_scenario(two_examiners(5))
    start = scenario.clock.minute("2027-01-11T10:20")
    fixed = [Booking(start, start + 30, "s5", ("e1", "e2"))]
    result = plan(scenario, Limits(work=0.5), fixed)
    assert fixed[0] in result.bookings
    assert violations(scenario, result.bookings) == []
    # e1 may sit three defences that day: the fixed one and two more.
    assert len(result.bookings) == 3
    assert len(result.unscheduled) == 2 and "s5" not in result.unscheduled


def test_a_fixed_booking_off_the_grid_or_of_a_stranger_is_refused() -> None:
    scenario = parse_scenario(two_examiners(1))
    start = scenario.clock.minute("2027-01-11T10:02")
    with pytest.raises(ValueError, match="5-minute"):
        plan(scenario, Limits(work=0.1), [Booking(start, start + 30, "s1", ("e1", "e2"))])
    with pytest.raises(ValueError, match="student"):
        plan(scenario, Limits(work=0.1), [Booking(start - 2, start + 28, "nobody", ("e1", "e2"))])


@settings(max_examples=25, deadline=None)
@given(data=scenarios(students=5, examiners=3, days=1), keep=st.integers(0, 3))
def test_planning_around_a_valid_plan_keeps_it_and_breaks_no_rule(data: dict[str, Any], keep: int) -> None:
    scenario = parse_scenario(data)
    first = plan(scenario, Limits(work=0.2))
    fixed = list(first.bookings[:keep])
    again = plan(scenario, Limits(work=0.2), fixed)
    assert set(fixed) <= set(again.bookings)
    assert violations(scenario, again.bookings) == []
    assert len(again.bookings) + len(again.unscheduled) == len(scenario.students)
