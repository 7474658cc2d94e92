"""Hypothesis strategies for planner scenarios, and a helper that plans one through the library."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from assignments.defences.planner import Limits, parse_scenario, plan, plan_json

DAYS = ["2027-01-11", "2027-01-12", "2027-03-28", "2027-10-31"]  # two plain days, both DST changes


def _time(day: str, minutes: int) -> str:
    return f"{day}T{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def ranges(
    draw: st.DrawFn, days: list[str], least: int, most: int, earliest: int, latest: int
) -> list[list[str]]:
    """`least` to `most` ranges [start, end] on the given days, minutes on a 5-minute grid or not."""
    found = []
    for _ in range(draw(st.integers(least, most))):
        day = draw(st.sampled_from(days))
        start = draw(st.integers(earliest, latest))
        if draw(st.booleans()):
            start -= start % 5
        length = draw(st.integers(15, 180))
        end = min(start + length, 23 * 60 + 59)
        found.append([_time(day, start), _time(day, end)])
    return found


@st.composite
def scenarios(draw: st.DrawFn, students: int = 4, examiners: int = 3, days: int = 1) -> dict[str, Any]:
    """A valid scenario of at most that many students, examiners and days."""
    chosen_days = draw(st.lists(st.sampled_from(DAYS[:2]), min_size=1, max_size=days, unique=True))
    count = draw(st.integers(1, examiners))
    panel = draw(st.sampled_from([1, 2, 2, 3]).filter(lambda size: size <= count))
    people = [
        {
            "id": f"e{n}",
            "available": draw(ranges(chosen_days, 1, 2, 9 * 60, 10 * 60 + 30)),
            "max_per_day": draw(st.one_of(st.none(), st.integers(0, 3))),
        }
        for n in range(1, count + 1)
    ]
    pupils = []
    for n in range(1, draw(st.integers(0, students)) + 1):
        required = draw(
            st.lists(st.sampled_from([p["id"] for p in people]), max_size=min(panel, 2), unique=True)
        )
        pupils.append(
            {
                "id": f"s{n}",
                "unavailable": draw(ranges(chosen_days, 0, 1, 8 * 60, 12 * 60)),
                "extra_minutes": draw(st.sampled_from([0, 0, 0, 10, 15, 30])),
                "examiners": required,
            }
        )
    return {
        "timezone": "Europe/Berlin",
        "slot_minutes": draw(st.sampled_from([20, 30, 45])),
        "buffer_minutes": draw(st.sampled_from([0, 5, 10, 15])),
        "panel_size": panel,
        "examiners": people,
        "students": pupils,
    }


def plan_data(data: dict[str, Any], limits: Limits | None = None) -> dict[str, Any]:
    """Plan scenario data and return the output JSON (as a dict)."""
    scenario = parse_scenario(data)
    return plan_json(scenario, plan(scenario, limits), explain=True)
