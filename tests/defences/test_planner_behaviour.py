"""Daylight-saving days, determinism, the objective's balance and the explanations."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from defence_checks import check_plan, instant
from scenarios import plan_data

from assignments.defences.planner import Limits, parse_scenario, plan
from assignments.defences.planner.problem import Reason

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from bench_planner import generate  # noqa: E402


def one_examiner_night(day: str, students: int) -> dict[str, Any]:
    return {
        "timezone": "Europe/Berlin", "slot_minutes": 30, "buffer_minutes": 0, "panel_size": 1,
        "examiners": [{"id": "e1", "available": [[f"{day}T01:00", f"{day}T04:00"]]}],
        "students": [{"id": f"s{n}"} for n in range(1, students + 1)],
    }  # fmt: skip


def test_spring_forward_day_has_two_real_hours_between_one_and_four() -> None:
    # 2027-03-28: the clocks jump from 02:00 to 03:00, so 01:00-04:00 local is two hours long.
    data = one_examiner_night("2027-03-28", 6)
    output = plan_data(data)
    assert check_plan(data, output) == []
    assert len(output["bookings"]) == 4
    assert {"2027-03-28T01:30", "2027-03-28T03:00"} <= {b["start"] for b in output["bookings"]}
    berlin = ZoneInfo("Europe/Berlin")
    first, last = output["bookings"][0], output["bookings"][-1]
    assert instant(last["end"], berlin) - instant(first["start"], berlin) == timedelta(hours=2)


def test_fall_back_day_places_no_defence_in_the_repeated_hour() -> None:
    # 2027-10-31: 03:00 becomes 02:00 again, so 01:00-04:00 local is four hours long. A wall-clock time
    # in the second 02:00-03:00 names the first one, so only defences that read back unambiguously count.
    data = one_examiner_night("2027-10-31", 10)
    output = plan_data(data)
    assert check_plan(data, output) == []
    starts = sorted(b["start"][-5:] for b in output["bookings"])
    assert starts == ["01:00", "01:30", "02:00", "03:00", "03:30"]


def test_a_defence_across_the_spring_gap_lasts_its_real_length() -> None:
    data = one_examiner_night("2027-03-28", 1)
    data["slot_minutes"] = 90
    data["examiners"][0]["available"] = [["2027-03-28T01:30", "2027-03-28T04:00"]]
    output = plan_data(data)
    assert output["bookings"][0]["start"] == "2027-03-28T01:30"
    assert output["bookings"][0]["end"] == "2027-03-28T04:00"  # 90 real minutes


def test_same_input_same_plan_when_solved_whole() -> None:
    data = generate(12, 4, 2, seed=3)
    first = plan_data(data)
    assert first == plan_data(data)
    assert check_plan(data, first) == []


def test_same_input_same_plan_when_solved_by_day() -> None:
    # The work limit, not the wall clock, ends the search (a generous safety limit on a busy machine).
    data = generate(120, 10, 5, seed=3)
    limits = Limits(work=0.3, seconds=300)
    scenario = parse_scenario(data)
    first, second = plan(scenario, limits), plan(scenario, limits)
    assert first.stats["method"] == "by day" and not first.stats["timed_out"]
    assert first.bookings == second.bookings
    assert len(first.bookings) > 72  # more than the greedy start places
    assert check_plan(data, plan_data(data, limits)) == []


def test_balance_spreads_defences_over_examiners() -> None:
    # Four students, four equally free examiners, panels of two: an even plan gives everyone two.
    people = [{"id": f"e{n}", "available": [["2027-01-11T09:00", "2027-01-11T12:00"]]} for n in range(1, 5)]
    data = {"slot_minutes": 30, "buffer_minutes": 0, "panel_size": 2, "examiners": people,
            "students": [{"id": f"s{n}"} for n in range(1, 5)]}  # fmt: skip
    output = plan_data(data)
    loads = [sum(e["id"] in b["examiners"] for b in output["bookings"]) for e in people]
    assert loads == [2, 2, 2, 2] and output["optimal"] is True


def test_required_examiners_sit_on_the_panel_first() -> None:
    data = {"slot_minutes": 30, "panel_size": 2, "students": [{"id": "s1", "examiners": ["e3"]}],
            "examiners": [{"id": f"e{n}", "available": [["2027-01-11T09:00", "2027-01-11T10:00"]]}
                          for n in range(1, 4)]}  # fmt: skip
    booking = plan_data(data)["bookings"][0]
    assert booking["examiners"][0] == "e3" and len(booking["examiners"]) == 2


def reason_of(data: dict[str, Any], student: str) -> Reason:
    return plan(parse_scenario(data)).reasons[student]


def base() -> dict[str, Any]:
    return {
        "slot_minutes": 30, "buffer_minutes": 10, "panel_size": 2,
        "examiners": [
            {"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T12:00"]], "max_per_day": 1},
            {"id": "e2", "available": [["2027-01-11T09:00", "2027-01-11T12:00"]]},
            {"id": "e3", "available": [["2027-01-12T09:00", "2027-01-12T12:00"]]},
        ],
        "students": [],
    }  # fmt: skip


def test_reasons_name_what_stands_in_the_way() -> None:
    data = base()
    data["students"] = [
        {"id": "s1", "examiners": ["e1", "e3"]},  # never free together
        {"id": "s2", "examiners": ["e1"], "unavailable": [["2027-01-11T08:00", "2027-01-11T12:00"]]},
        {"id": "s3", "examiners": ["e3"]},  # e3 is alone on the 12th
        {"id": "s4", "examiners": ["e1"]},
        {"id": "s5", "examiners": ["e1"]},  # e1 takes one defence a day
    ]
    result = plan(parse_scenario(data))
    assert [b.student for b in result.bookings] in (["s4"], ["s5"])
    assert reason_of(data, "s1").code == "no_required_time"
    assert (
        reason_of(data, "s1").message
        == "no common free time of the required examiners e1, e3 for a 30-minute defence"
    )
    assert reason_of(data, "s2").code == "student_unavailable"
    assert reason_of(data, "s3").code == "no_full_panel"
    out = next(s for s in ("s4", "s5") if s in result.unscheduled)
    assert result.reasons[out].code == "max_per_day"
    assert result.reasons[out].message.startswith("max_per_day of e1 reached")
    assert result.optimal and result.max_scheduled_proven


def test_reason_taken_when_the_panel_is_booked_out() -> None:
    data = base()
    data["examiners"][0] = {"id": "e1", "available": [["2027-01-11T09:00", "2027-01-11T10:00"]]}
    data["students"] = [{"id": "s1", "examiners": ["e1"]}, {"id": "s2", "examiners": ["e1"]}]
    result = plan(parse_scenario(data))
    assert len(result.bookings) == 1
    assert result.reasons[result.unscheduled[0]].code == "taken"


def test_plan_json_round_trips(tmp_path: Path) -> None:
    data = base()
    data["students"] = [{"id": "s1", "examiners": ["e2"], "extra_minutes": 15}]
    output = plan_data(data)
    assert json.loads(json.dumps(output)) == output
    assert output["bookings"][0]["end"][-5:] == "09:45" and output["unscheduled"] == []
