"""The planner's entry points: ``plan`` a scenario, and the plan as the documented JSON."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from .explain import reasons
from .greedy import Assignment, greedy
from .grid import Grid
from .problem import Booking, Plan, Scenario
from .search import Limits, search
from .verify import violations


class PlannerDefect(RuntimeError):
    """A plan broke a rule: a defect in the planner, never the user's fault."""


def plan(scenario: Scenario, limits: Limits | None = None, fixed: Sequence[Booking] = ()) -> Plan:
    """Plan every student of a validated scenario (see the README for the rules and the objective).

    ``fixed`` are bookings that already stand (of students in the scenario): they are kept exactly
    and only the other students are placed around them, as a lecturer plans "the rest". A fixed
    booking must start on a 5-minute mark; it must itself keep the rules (``violations`` tells).
    Deterministic: the same scenario and limits give the same plan, unless the wall-clock safety limit
    ended the search (then ``plan.stats["timed_out"]`` is True).
    """
    began = time.monotonic()
    grid = Grid(scenario)
    kept = _fixed(grid, fixed)
    found = search(grid, limits or Limits(), kept)
    bookings = _bookings(grid, found.assignment)
    assignment = found.assignment
    problems = violations(scenario, bookings)
    if problems:  # never hand out a broken plan: fall back to the greedy one, which is checked too
        assignment = greedy(grid, kept)
        bookings = _bookings(grid, assignment)
        if violations(scenario, bookings):
            raise PlannerDefect("; ".join(problems))
        found = type(found)(assignment, False, False, "greedy (fallback)", found.work, found.timed_out)
    placed = {b.student for b in bookings}
    unscheduled = tuple(s.id for s in scenario.students if s.id not in placed)
    stats: dict[str, object] = {
        "method": found.method,
        "seconds": round(time.monotonic() - began, 3),
        "work": round(found.work, 3),
        "timed_out": found.timed_out,
        "could_be_placed": sum(1 for option in grid.all_options if len(option.starts)),
    }
    return Plan(tuple(bookings), unscheduled, found.optimal, found.max_scheduled_proven,
                reasons(grid, assignment), stats)  # fmt: skip


def _fixed(grid: Grid, fixed: Sequence[Booking]) -> Assignment:
    position = {student.id: i for i, student in enumerate(grid.scenario.students)}
    kept: Assignment = {}
    for booking in fixed:
        i = position.get(booking.student)
        tick = grid.to_tick(booking.start)
        if (
            i is None
            or i in kept
            or booking.start % 5
            or not 0 <= tick < grid.count * grid.step
            or tick % grid.step
        ):
            raise ValueError(
                f"fixed booking {booking} is not of a student of the scenario on a 5-minute mark"
            )
        if booking.end - booking.start != grid.scenario.duration(grid.scenario.students[i]):
            raise ValueError(f"fixed booking {booking} does not last the student's defence length")
        if any(e not in grid.index for e in booking.examiners):
            raise ValueError(f"fixed booking {booking} names an examiner who is not in the scenario")
        kept[i] = (tick // grid.step, tuple(grid.index[e] for e in booking.examiners))
    return kept


def _bookings(grid: Grid, assignment: Assignment) -> list[Booking]:
    students = grid.scenario.students
    ids = [examiner.id for examiner in grid.scenario.examiners]
    found = []
    for i, (start, panel) in assignment.items():
        minute = grid.to_minute(start * grid.step)
        found.append(
            Booking(
                minute,
                minute + grid.scenario.duration(students[i]),
                students[i].id,
                tuple(ids[e] for e in panel),
            )
        )
    return sorted(found)


def plan_json(scenario: Scenario, result: Plan, explain: bool = False) -> dict[str, Any]:
    """The plan in the documented output format; ``explain`` adds ``reasons`` (student id -> text)."""
    text = scenario.clock.text
    output: dict[str, Any] = {
        "bookings": [
            {"student": b.student, "examiners": list(b.examiners), "start": text(b.start), "end": text(b.end)}
            for b in result.bookings
        ],
        "unscheduled": list(result.unscheduled),
        "optimal": result.optimal,
    }
    if explain:
        output["reasons"] = {sid: result.reasons[sid].message for sid in result.unscheduled}
    return output
