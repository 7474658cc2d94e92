"""Why a student could not be placed, in terms a lecturer can act on.

First on an empty calendar (is there any time at all?), then against the plan's other defences
(is every possible time taken, or does an examiner's daily maximum stand in the way?).
"""

from __future__ import annotations

import numpy as np

from .greedy import Assignment
from .grid import Grid
from .occupancy import Occupancy
from .problem import Reason


def _names(grid: Grid, indexes: list[int] | tuple[int, ...]) -> tuple[str, ...]:
    return tuple(grid.scenario.examiners[e].id for e in indexes)


def reasons(grid: Grid, assignment: Assignment) -> dict[str, Reason]:
    """A reason for every student the assignment leaves out, by student id."""
    occupancy = Occupancy(grid)
    for i, (start, panel) in sorted(assignment.items()):
        occupancy.book(start, grid.length(grid.scenario.students[i]), panel)
    return {
        student.id: _reason(grid, occupancy, i)
        for i, student in enumerate(grid.scenario.students)
        if i not in assignment
    }


def _reason(grid: Grid, occupancy: Occupancy, i: int) -> Reason:
    student = grid.scenario.students[i]
    option = grid.all_options[i]
    if not len(option.starts):
        return _never_possible(grid, i)
    length = grid.length(student)
    starts = option.starts
    required = np.array(option.required, dtype=np.int64)
    others = np.array(option.others, dtype=np.int64)
    need = grid.scenario.panel_size - len(required)
    clear_required = (
        occupancy.clear(required, starts, length) if len(required) else np.ones((0, len(starts)), bool)
    )
    clear_others = grid.availability(length)[np.ix_(others, starts)] & occupancy.clear(others, starts, length)
    time_free = clear_required.all(axis=0) & (clear_others.sum(axis=0) >= need)
    if not time_free.any():
        return Reason(
            "taken", "all times at which a full panel is free are taken by other defences or their buffers"
        )
    days = grid.day_of_start[starts[time_free]]
    capped = sorted(
        {int(e) for e in required if (occupancy.per_day[e, days] >= occupancy.cap[e]).any()}
        | {int(e) for e in others if (occupancy.per_day[e, days] >= occupancy.cap[e]).any()}
    )
    names = _names(grid, capped)
    listed = ", ".join(names) or "the available examiners"
    return Reason(
        "max_per_day",
        f"max_per_day of {listed} reached on every day with a free time",
        names,
        tuple(grid.days[d] for d in sorted(set(days.tolist()))),
    )


def _never_possible(grid: Grid, i: int) -> Reason:
    student = grid.scenario.students[i]
    fits = grid.availability(grid.length(student))
    required = list(grid.all_options[i].required)
    together = fits[required].all(axis=0) if required else np.ones(grid.count, dtype=bool)
    names = _names(grid, required)
    minutes = grid.scenario.duration(student)
    if required and not together.any():
        who = "the required examiner " if len(names) == 1 else "the required examiners "
        return Reason(
            "no_required_time",
            f"no common free time of {who}{', '.join(names)} for a {minutes}-minute defence",
            names,
        )
    if not (together & grid.student_free(student)).any():
        return Reason(
            "student_unavailable",
            "the required examiners are only free when the student is unavailable"
            if required
            else "no examiner is free for a whole defence while the student is available",
            names,
        )
    size = grid.scenario.panel_size
    including = f" (including {', '.join(names)})" if names else ""
    return Reason(
        "no_full_panel",
        f"no time at which {size} examiners{including} are free together while the student is available",
        names,
    )
