"""A fast greedy plan: the exact solver's warm start, and the fallback if it finds nothing in time.

Students with the fewest possible starts go first; each takes the start and panel that loads the
least busy examiners, then the examiners' least busy day, then the least busy day overall, then the
earliest time. Ties are broken by scenario order, so the result is deterministic.
"""

from __future__ import annotations

import numpy as np

from .grid import Grid
from .occupancy import Occupancy

# student index -> (start index, panel as examiner indexes)
Assignment = dict[int, tuple[int, tuple[int, ...]]]


def greedy(grid: Grid, fixed: Assignment | None = None) -> Assignment:
    """Place students one by one, most constrained first, around the ``fixed`` bookings (which stay as
    they are); never breaks a constraint."""
    occupancy = Occupancy(grid)
    placed: Assignment = dict(fixed or {})
    for i, (start, panel) in sorted(placed.items()):
        occupancy.book(start, grid.length(grid.scenario.students[i]), panel)
    options = grid.all_options
    order = sorted(range(len(options)), key=lambda i: (len(options[i].starts), len(options[i].others), i))
    for i in order:
        if i in placed:
            continue
        choice = best_choice(grid, occupancy, i)
        if choice is not None:
            start, panel = choice
            occupancy.book(start, grid.length(grid.scenario.students[i]), panel)
            placed[i] = choice
    return placed


def best_choice(grid: Grid, occupancy: Occupancy, i: int) -> tuple[int, tuple[int, ...]] | None:
    """The best start and panel for student ``i`` given the defences already placed, or None."""
    option = grid.all_options[i]
    length = grid.length(grid.scenario.students[i])
    starts = option.starts
    required = np.array(option.required, dtype=np.int64)
    if len(required) and len(starts):
        starts = starts[occupancy.free(required, starts, length).all(axis=0)]
    if not len(starts):
        return None
    need = grid.scenario.panel_size - len(required)
    days = grid.day_of_start[starts]
    day_load = (
        occupancy.per_day[np.ix_(required, days)].sum(axis=0) if len(required) else np.zeros(len(starts))
    )
    score = np.zeros(len(starts), dtype=np.int64)
    others = np.array(option.others, dtype=np.int64)
    pick = np.zeros((0, len(starts)), dtype=bool)
    if need:
        # Examiners from least to most loaded; at each start take the first `need` who are free.
        others = others[np.lexsort((others, occupancy.load[others]))]
        fits = grid.availability(length)[np.ix_(others, starts)] & occupancy.free(others, starts, length)
        counted = np.cumsum(fits, axis=0, dtype=np.int32)
        enough = counted[-1] >= need
        if not enough.any():
            return None
        starts, days, day_load = starts[enough], days[enough], day_load[enough]
        pick = fits[:, enough] & (counted[:, enough] <= need)
        score = (pick * occupancy.load[others][:, None]).sum(axis=0)
        day_load = day_load + (pick * occupancy.per_day[others][:, days]).sum(axis=0)
    best = int(np.lexsort((starts, occupancy.day_total[days], day_load, score))[0])
    chosen = tuple(int(e) for e in others[pick[:, best]]) if need else ()
    return int(starts[best]), option.required + tuple(sorted(chosen))
