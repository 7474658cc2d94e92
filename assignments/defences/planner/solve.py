"""The planner's entry points: ``plan`` a scenario, and the plan as the documented JSON."""

from __future__ import annotations

import time
from typing import Any

from .explain import reasons
from .greedy import Assignment, greedy
from .grid import Grid
from .problem import Booking, Plan, Scenario
from .search import Limits, search
from .verify import violations


class PlannerDefect(RuntimeError):
    """A plan broke a rule: a defect in the planner, never the user's fault."""


def plan(scenario: Scenario, limits: Limits | None = None) -> Plan:
    """Plan every student of a validated scenario (see the README for the rules and the objective).

    Deterministic: the same scenario and limits give the same plan, unless the wall-clock safety limit
    ended the search (then ``plan.stats["timed_out"]`` is True).
    """
    began = time.monotonic()
    grid = Grid(scenario)
    found = search(grid, limits or Limits())
    bookings = _bookings(grid, found.assignment)
    assignment = found.assignment
    problems = violations(scenario, bookings)
    if problems:  # never hand out a broken plan: fall back to the greedy one, which is checked too
        assignment = greedy(grid)
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
