"""The exact model of (part of) a plan for OR-Tools CP-SAT.

A ``Region`` frees some students on some days and keeps every other booking fixed; the whole scenario
is the region of all students and all days. Per free student: a presence literal, a start variable
(a start index), a literal per possible day, and a literal per examiner and day ("on the panel that
day"). Each of those literals carries an optional interval of the defence plus the buffer, so one
NoOverlap per examiner keeps defences at least the buffer apart, and the daily maximum is a plain sum
of that examiner's literals of the day. An examiner on the panel restricts the start to their
availability for this length. The model has about students x examiners x days literals, never
students x starts x panels.

Two objectives, solved one after the other (lexicographically): first the number scheduled; then,
keeping that number, the balance = EXAMINER_WEIGHT x sum over examiners of T(load) + sum over days
of T(defences that day), with T(n) = n(n+1)/2: convex, so an even spread costs least, linearised
exactly as a sum of max(0, n - k).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from .balance import EXAMINER_WEIGHT
from .greedy import Assignment
from .grid import Grid


def flat_runs(values: np.ndarray) -> list[int]:
    """Sorted distinct integers as flat [low, high, low, high, ...] runs of consecutive values."""
    if not len(values):
        return []
    breaks = np.flatnonzero(np.diff(values) != 1)
    lows = np.concatenate(([values[0]], values[breaks + 1]))
    highs = np.concatenate((values[breaks], [values[-1]]))
    return [int(v) for v in np.column_stack((lows, highs)).ravel()]


@dataclass(frozen=True)
class Region:
    """The students to (re)place and the days they may take; everything else stays as planned."""

    students: tuple[int, ...]
    days: frozenset[int] = field(default_factory=frozenset)  # empty: every day


class RegionModel:
    """The CP-SAT model of one region of a plan."""

    def __init__(self, grid: Grid, plan: Assignment, region: Region) -> None:
        self.grid, self.plan, self.region = grid, plan, region
        self.model = cp_model.CpModel()
        self.free = set(region.students)
        self.fixed = {i: choice for i, choice in plan.items() if i not in self.free}
        self.present: dict[int, cp_model.IntVar] = {}
        self.start: dict[int, cp_model.IntVar] = {}
        self.on_day: dict[int, dict[int, cp_model.IntVar]] = {}
        self.member: dict[int, dict[tuple[int, int], cp_model.IntVar]] = {}
        self.starts_of: dict[int, dict[tuple[int, int], tuple[cp_model.IntVar, int]]] = {}
        self._starts: dict[int, np.ndarray] = {}
        self._intervals: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
        self._counts: list[
            tuple[cp_model.IntVar, list[cp_model.IntVar], list[tuple[cp_model.IntVar, int]]]
        ] = []
        for i in region.students:
            self._add_student(i)
        self._add_fixed_and_no_overlap()
        self._add_daily_maxima()

    def _days_of(self, i: int) -> np.ndarray:
        if i not in self._starts:
            starts = self.grid.all_options[i].starts
            if self.region.days:
                days = self.grid.day_of_start[starts]
                inside = np.zeros(len(starts), dtype=bool)
                for day in self.region.days:
                    inside |= days == day
                starts = starts[inside]
            self._starts[i] = starts
        return self._starts[i]

    def _add_student(self, i: int) -> None:
        grid, model = self.grid, self.model
        starts = self._days_of(i)
        if not len(starts):
            return
        option = grid.all_options[i]
        length = grid.length(grid.scenario.students[i])
        fits = grid.availability(length)
        need = grid.scenario.panel_size - len(option.required)
        present = model.new_bool_var(f"p{i}")
        start = model.new_int_var_from_domain(cp_model.Domain.from_flat_intervals(flat_runs(starts)), f"u{i}")
        self.present[i], self.start[i] = present, start
        days = grid.day_of_start[starts]
        distinct = [int(d) for d in np.unique(days)]
        on_day: dict[int, cp_model.IntVar] = {}
        members: dict[tuple[int, int], cp_model.IntVar] = {}
        starts_of: dict[tuple[int, int], tuple[cp_model.IntVar, int]] = {}
        for day in distinct:
            literal = present if len(distinct) == 1 else model.new_bool_var(f"d{i}_{day}")
            inside = starts[days == day]
            if literal is not present:
                model.add_linear_constraint(start, int(inside[0]), int(inside[-1])).only_enforce_if(literal)
            on_day[day] = literal
            for e in option.required:
                members[(e, day)] = literal
            chosen = []
            for e in option.others:
                if not fits[e, inside].any():
                    continue
                member = model.new_bool_var(f"x{i}_{e}_{day}")
                own = inside[fits[e, inside]]
                at = model.new_int_var_from_domain(cp_model.Domain.from_flat_intervals(flat_runs(own)), "")
                model.add(at == start).only_enforce_if(member)
                starts_of[(e, day)] = (at, int(own[0]))
                members[(e, day)] = member
                chosen.append(member)
            if need:
                model.add(sum(chosen) == need * literal)
        if len(distinct) > 1:
            model.add(sum(on_day.values()) == present)
        self.on_day[i], self.member[i] = on_day, members
        size = length + grid.buffer
        for (e, day), member in members.items():
            at = starts_of[(e, day)][0] if (e, day) in starts_of else start
            self._intervals[e].append(
                model.new_optional_fixed_size_interval_var(at * grid.step, size, member, f"i{i}_{e}_{day}")
            )
        self.starts_of[i] = starts_of

    def _add_fixed_and_no_overlap(self) -> None:
        grid = self.grid
        students = grid.scenario.students
        for i, (start, panel) in sorted(self.fixed.items()):
            size = grid.length(students[i]) + grid.buffer
            for e in panel:
                if e in self._intervals:
                    self._intervals[e].append(
                        self.model.new_fixed_size_interval_var(start * grid.step, size, "")
                    )
        for _, intervals in sorted(self._intervals.items()):
            self.model.add_no_overlap(intervals)

    def _add_daily_maxima(self) -> None:
        grid = self.grid
        held: dict[tuple[int, int], int] = defaultdict(int)
        for start, panel in self.fixed.values():
            for e in panel:
                held[(e, int(grid.day_of_start[start]))] += 1
        daily: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        for members in self.member.values():
            for key, member in members.items():
                daily[key].append(member)
        for (e, day), literals in sorted(daily.items()):
            cap = grid.scenario.examiners[e].max_per_day
            if cap is not None and len(literals) + held[(e, day)] > cap:
                self.model.add(sum(literals) <= cap - held[(e, day)])

    def maximise_scheduled(self) -> None:
        """Objective: as many of the region's students as possible."""
        self.model.maximize(sum(self.present.values()))

    def minimise_imbalance(self, scheduled: int) -> None:
        """Objective: the best balance among plans that schedule at least ``scheduled`` students."""
        grid = self.grid
        fixed_load: dict[int, int] = defaultdict(int)
        fixed_day: dict[int, int] = defaultdict(int)
        for start, panel in self.fixed.values():
            fixed_day[int(grid.day_of_start[start])] += 1
            for e in panel:
                fixed_load[e] += 1
        loads: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        totals: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for i in self.member:
            for (e, _), member in self.member[i].items():
                loads[e].append(member)
            for day, literal in self.on_day[i].items():
                totals[day].append(literal)
        balance: list[cp_model.LinearExprT] = []
        for weight, groups, fixed in ((EXAMINER_WEIGHT, loads, fixed_load), (1, totals, fixed_day)):
            for key, literals in sorted(groups.items()):
                balance.append(weight * self._cost(literals, fixed[key]))
        self.model.add(sum(self.present.values()) >= scheduled)
        self.model.minimize(sum(balance))

    def _cost(self, literals: list[cp_model.IntVar], fixed: int) -> cp_model.LinearExprT:
        # T(fixed + v) - T(fixed) = fixed * v + T(v), and T(v) = sum over k < len of max(0, v - k).
        model = self.model
        count = model.new_int_var(0, len(literals), "")
        model.add(count == sum(literals))
        excesses = []
        for k in range(1, len(literals)):  # k = 0 contributes v itself
            excess = model.new_int_var(0, len(literals) - k, "")
            model.add(excess >= count - k)
            excesses.append((excess, k))
        self._counts.append((count, literals, excesses))
        return (fixed + 1) * count + sum(e for e, _ in excesses)

    def hint(self) -> None:
        """Start the search from the current plan, every variable hinted (so no repair is needed)."""
        values: dict[int, int] = {}
        grid = self.grid
        for i, present in self.present.items():
            chosen = self.plan.get(i)
            values[present.index] = int(chosen is not None)
            day = int(grid.day_of_start[chosen[0]]) if chosen else -1
            values[self.start[i].index] = chosen[0] if chosen else int(self._days_of(i)[0])
            for d, literal in self.on_day[i].items():
                values[literal.index] = int(d == day)
            for (e, d), member in self.member[i].items():
                values[member.index] = int(chosen is not None and d == day and e in chosen[1])
            for (e, d), (at, first) in self.starts_of[i].items():
                values[at.index] = chosen[0] if chosen and d == day and e in chosen[1] else first
        for count, literals, excesses in self._counts:
            value = sum(values[literal.index] for literal in literals)
            values[count.index] = value
            for excess, k in excesses:
                values[excess.index] = max(0, value - k)
        proto = self.model.proto
        for index, value in sorted(values.items()):
            proto.solution_hint.vars.append(index)
            proto.solution_hint.values.append(value)
