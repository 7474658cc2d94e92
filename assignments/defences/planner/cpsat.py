"""Solving a region model with CP-SAT, deterministically.

Determinism: one worker, a fixed seed and a work limit in CP-SAT's deterministic time, so the same
input takes the same search path on every machine and every run. (Several workers are only
deterministic with ``interleave_search``, which measured slower here on 2 cores.) A wall-clock limit
stays as a safety net; a search it stops is reported as such, because its result may vary.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from .greedy import Assignment
from .region import RegionModel

SEED = 20270111


@dataclass(frozen=True)
class Outcome:
    """A region solved: the whole plan with the region's part replaced when a solution was found."""

    assignment: Assignment
    optimal: bool  # the region's objective value is proven best
    bound: float  # the solver's bound on the objective
    work: float  # deterministic time used
    timed_out: bool  # the wall-clock safety limit ended the search


def solve(region: RegionModel, work_limit: float, time_limit: float) -> Outcome:
    """Run CP-SAT on the region (objective and hint already set)."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = 1
    params.random_seed = SEED
    params.max_deterministic_time = max(work_limit, 0.001)
    params.max_time_in_seconds = max(time_limit, 0.01)
    # Probing in presolve costs far more wall time than its deterministic-time estimate on these
    # models (measured: 20 s for 0.5 units), which would make the work limit meaningless.
    params.cp_model_probing_level = 0
    status = solver.solve(region.model)
    timed_out = solver.wall_time >= params.max_time_in_seconds and status != cp_model.OPTIMAL
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(dict(region.plan), False, float("inf"), solver.deterministic_time, timed_out)
    assignment = dict(region.fixed)
    options = region.grid.all_options
    for i, present in region.present.items():
        if solver.boolean_value(present):
            panel = {e for (e, _), member in region.member[i].items() if solver.boolean_value(member)}
            required = options[i].required
            others = tuple(sorted(panel - set(required)))
            assignment[i] = (int(solver.value(region.start[i])), required + others)
    return Outcome(assignment, status == cp_model.OPTIMAL, solver.best_objective_bound,
                   solver.deterministic_time, timed_out)  # fmt: skip
