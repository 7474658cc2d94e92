"""How the planner searches: greedy start, then CP-SAT on the whole scenario or on one day at a time.

Measured on the 2-core development machine (see the README): the whole-scenario model of 300
students / 20 examiners did not improve on the greedy start within 20 s, while a one-day region of
that scenario (about 50 students) is solved to optimality in well under a second. So:

- small scenarios (up to ``WHOLE_MODEL_LITERALS`` panel literals) are solved whole, first for the
  number scheduled, then for the balance; both proven optimal means the plan is optimal;
- larger ones start from the greedy plan and re-solve one day at a time exactly (the students booked
  that day plus the unscheduled who could take it), first to place more students, then to balance.
  Every step keeps all rules, so the plan is valid whenever the time limit strikes; the number
  scheduled is proven maximal when everyone who could be placed at all is placed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from .balance import balance_cost
from .cpsat import solve
from .greedy import Assignment, greedy
from .grid import Grid
from .region import Region, RegionModel

LOG = logging.getLogger(__name__)
WHOLE_MODEL_LITERALS = 1_500
REGION_WORK = 0.1  # deterministic time per one-day region
COUNT_SHARE = 0.7  # of the work, for placing more students; the rest balances


@dataclass(frozen=True)
class Limits:
    """Search limits: ``work`` in CP-SAT deterministic time (reproducible), ``seconds`` of wall clock
    (a safety net; a search it stops may differ between runs)."""

    work: float = 1.0
    seconds: float = 7.0


@dataclass(frozen=True)
class Found:
    """The best plan found and what is proven about it."""

    assignment: Assignment
    optimal: bool
    max_scheduled_proven: bool
    method: str
    work: float
    timed_out: bool


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.work_left = limits.work
        self.deadline = time.monotonic() + limits.seconds
        self.work_used = 0.0
        self.timed_out = False

    def seconds_left(self) -> float:
        return self.deadline - time.monotonic()

    def exhausted(self) -> bool:
        return self.work_left <= 0 or self.seconds_left() <= 0

    def spend(self, work: float, timed_out: bool, what: str = "") -> None:
        LOG.debug("%s: work %.3f, %.2f s left", what, work, self.seconds_left())
        self.work_left -= work
        self.work_used += work
        self.timed_out |= timed_out


def search(grid: Grid, limits: Limits, fixed: Assignment | None = None) -> Found:
    """The best plan within the limits, keeping the ``fixed`` bookings; never breaks a rule."""
    fixed = fixed or {}
    free = [i for i in range(len(grid.scenario.students)) if i not in fixed]
    reachable = len(fixed) + sum(1 for i in free if len(grid.all_options[i].starts))
    plan = greedy(grid, fixed)
    if len(plan) == reachable == len(fixed):
        return Found(plan, True, True, "trivial", 0.0, False)
    budget = _Budget(limits)
    options = [grid.all_options[i] for i in free]
    size = sum((len(o.others) + 1) * len(set(grid.day_of_start[o.starts].tolist())) for o in options)
    if size <= WHOLE_MODEL_LITERALS:
        return _whole(grid, plan, budget, reachable, tuple(free))
    return _by_day(grid, plan, budget, reachable, set(fixed))


def _whole(grid: Grid, plan: Assignment, budget: _Budget, reachable: int, free: tuple[int, ...]) -> Found:
    everyone = Region(free)
    first = RegionModel(grid, plan, everyone)
    first.maximise_scheduled()
    first.hint()
    counted = solve(first, budget.work_left / 2, budget.seconds_left())
    budget.spend(counted.work, counted.timed_out)
    if len(counted.assignment) > len(plan):
        plan = counted.assignment
    proven = counted.optimal or len(plan) == reachable
    second = RegionModel(grid, plan, everyone)
    second.minimise_imbalance(len(plan))
    second.hint()
    balanced = solve(second, budget.work_left, budget.seconds_left())
    budget.spend(balanced.work, balanced.timed_out)
    if len(balanced.assignment) >= len(plan) and balance_cost(grid, balanced.assignment) <= balance_cost(
        grid, plan
    ):
        plan = balanced.assignment
    optimal = proven and balanced.optimal
    return Found(plan, optimal, proven, "whole", budget.work_used, budget.timed_out)


def _day_region(grid: Grid, plan: Assignment, day: int, waiting: list[int], fixed: set[int]) -> Region:
    booked = [i for i, (start, _) in plan.items() if grid.day_of_start[start] == day and i not in fixed]
    return Region(tuple(sorted(booked + waiting)), frozenset([day]))


def _by_day(grid: Grid, plan: Assignment, budget: _Budget, reachable: int, fixed: set[int]) -> Found:
    options = grid.all_options
    tried: dict[int, tuple[tuple[int, ...], set[int]]] = {}
    reserve = budget.work_left * (1 - COUNT_SHARE)  # kept for the balance
    improved = True
    while improved and len(plan) < reachable and budget.work_left > reserve:
        improved = False
        waiting = [i for i, option in enumerate(options) if i not in plan and len(option.starts)]
        candidates: dict[int, list[int]] = {}
        for i in waiting:
            for day in sorted(set(grid.day_of_start[options[i].starts].tolist())):
                candidates.setdefault(day, []).append(i)
        # Days where most unplaced students could go first; ties in calendar order.
        for day in sorted(candidates, key=lambda d: (-len(candidates[d]), d)):
            if budget.exhausted() or budget.work_left <= reserve:
                break
            unplaced = {i for i in candidates[day] if i not in plan}
            region_of = _day_region(grid, plan, day, sorted(unplaced), fixed)
            booked = tuple(i for i in region_of.students if i in plan)
            # Re-solving an unchanged day with fewer students waiting cannot place more.
            if not unplaced or (day in tried and tried[day][0] == booked and unplaced <= tried[day][1]):
                continue
            tried[day] = (booked, unplaced)
            region = RegionModel(grid, plan, region_of)
            region.maximise_scheduled()
            region.hint()
            outcome = solve(region, min(REGION_WORK, budget.work_left - reserve), budget.seconds_left())
            budget.spend(
                outcome.work, outcome.timed_out, f"day {day}: {len(plan)} -> {len(outcome.assignment)}"
            )
            if len(outcome.assignment) > len(plan):
                plan, improved = outcome.assignment, True
    for day in range(len(grid.days)):
        if budget.exhausted():
            break
        region_of = _day_region(grid, plan, day, [], fixed)
        if len(region_of.students) < 2:
            continue
        region = RegionModel(grid, plan, region_of)
        region.minimise_imbalance(len(region_of.students))
        region.hint()
        outcome = solve(region, min(REGION_WORK, budget.work_left), budget.seconds_left())
        budget.spend(outcome.work, outcome.timed_out, f"balance day {day}")
        if len(outcome.assignment) >= len(plan) and balance_cost(grid, outcome.assignment) < balance_cost(
            grid, plan
        ):
            plan = outcome.assignment
    proven = len(plan) == reachable
    return Found(plan, False, proven, "by day", budget.work_used, budget.timed_out)
