"""The balance measure the planner minimises once the number scheduled is settled.

balance = EXAMINER_WEIGHT x sum over examiners of T(defences they sit) + sum over days of
T(defences that day), with T(n) = n(n+1)/2. T is convex, so for a fixed total an even spread costs
least; it is a sum of squares up to a linear term, and CP-SAT can take it as a sum of max(0, n - k).
"""

from __future__ import annotations

from collections import defaultdict

from .greedy import Assignment
from .grid import Grid

EXAMINER_WEIGHT = 8  # one step of examiner balance counts as much as 8 steps of day balance


def triangular(n: int) -> int:
    """n(n+1)/2: the balance cost of a load of n."""
    return n * (n + 1) // 2


def balance_cost(grid: Grid, assignment: Assignment) -> int:
    """The balance term of the objective for a whole plan (lower is better)."""
    loads: dict[int, int] = defaultdict(int)
    days: dict[int, int] = defaultdict(int)
    for start, panel in assignment.values():
        for e in panel:
            loads[e] += 1
        days[int(grid.day_of_start[start])] += 1
    return EXAMINER_WEIGHT * sum(map(triangular, loads.values())) + sum(map(triangular, days.values()))
