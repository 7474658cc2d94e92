"""The scenario on a time grid: which starts each student and examiner can take, ignoring the others.

Time is counted in ticks from ``origin`` (an epoch minute on a 5-minute mark). A tick is the largest
number of minutes dividing 5 and every length and boundary in the scenario (5 in practice), so all
arithmetic is exact. Candidate starts are the ticks on 5-minute marks, numbered 0, 1, 2, ... (start
index ``c`` is tick ``c * step``). Local 5-minute marks are epoch 5-minute marks because the zone's
offset is a multiple of 5 minutes (checked when parsing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property, reduce
from math import gcd

import numpy as np

from .problem import Scenario, Student


@dataclass(frozen=True)
class Options:
    """What one student could have on an otherwise empty calendar.

    ``starts``: start indexes where the student is free, the required examiners are available and
    enough other examiners are too; ``others``: the non-required examiners (indexes) available at one
    of those starts.
    """

    required: tuple[int, ...]
    starts: np.ndarray
    others: tuple[int, ...]


class Grid:
    """Ticks, per-duration availability matrices and per-student options of one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.index = {examiner.id: i for i, examiner in enumerate(scenario.examiners)}
        spans = [span for examiner in scenario.examiners for span in examiner.available]
        lo = min((span.start for span in spans), default=0)
        hi = max((span.end for span in spans), default=0)
        self.origin = lo - lo % 5
        self.unrepresentable = scenario.clock.unrepresentable(lo, hi) if spans else []
        marks = [span.start for span in spans] + [span.end for span in spans]
        marks += [
            m for student in scenario.students for span in student.unavailable for m in (span.start, span.end)
        ]
        marks += [m for pair in self.unrepresentable for m in pair]
        lengths = [scenario.slot_minutes, scenario.buffer_minutes] + [
            s.extra_minutes for s in scenario.students
        ]
        self.tick = reduce(gcd, [abs(m - self.origin) for m in marks] + lengths, 5)
        self.step = 5 // self.tick
        self.ticks = -(-(hi - self.origin) // self.tick) if spans else 0
        self.count = -(-self.ticks // self.step)  # number of candidate starts
        self.buffer = scenario.buffer_minutes // self.tick
        self._reach = self._build_reach()
        self._availability: dict[int, np.ndarray] = {}

    def to_tick(self, minute: int) -> int:
        """Tick of an epoch minute (exact for every boundary of the scenario)."""
        return (minute - self.origin) // self.tick

    def to_minute(self, tick: int) -> int:
        """Epoch minute of a tick."""
        return self.origin + tick * self.tick

    def length(self, student: Student) -> int:
        """The student's defence length in ticks."""
        return self.scenario.duration(student) // self.tick

    def _build_reach(self) -> np.ndarray:
        # reach[e, t]: the furthest end among e's ranges containing tick t (-1 if none). A defence
        # [t, t + d) lies inside one range of e exactly when t + d <= reach[e, t].
        reach = np.full((len(self.scenario.examiners), self.ticks + 1), -1, dtype=np.int32)
        for e, examiner in enumerate(self.scenario.examiners):
            for span in examiner.available:
                a, b = self.to_tick(span.start), self.to_tick(span.end)
                np.maximum(reach[e, a:b], b, out=reach[e, a:b])
        return reach

    @cached_property
    def start_ticks(self) -> np.ndarray:
        """Tick of every candidate start index."""
        return np.arange(self.count, dtype=np.int64) * self.step

    @cached_property
    def days(self) -> list[date]:
        """The local calendar days that candidate starts fall on, in order."""
        return sorted(set(self._day_of_start_dates))

    @cached_property
    def _day_of_start_dates(self) -> list[date]:
        clock = self.scenario.clock
        return [clock.day(self.to_minute(int(t))) for t in self.start_ticks]

    @cached_property
    def day_of_start(self) -> np.ndarray:
        """Index into ``days`` of every candidate start."""
        position = {day: i for i, day in enumerate(self.days)}
        return np.array([position[day] for day in self._day_of_start_dates], dtype=np.int32)

    def availability(self, length: int) -> np.ndarray:
        """Boolean matrix [examiner, start index]: a defence of ``length`` ticks fits one of their ranges
        there, and its start and end have an unambiguous wall-clock text."""
        if length not in self._availability:
            starts = self.start_ticks
            ends = starts + length
            fits = self._reach[:, starts] >= ends[None, :]
            for low, high in self.unrepresentable:
                a, b = self.to_tick(low), self.to_tick(high)
                fits[:, ((starts >= a) & (starts < b)) | ((ends >= a) & (ends < b))] = False
            self._availability[length] = fits
        return self._availability[length]

    def student_free(self, student: Student) -> np.ndarray:
        """Boolean vector over start indexes: the student's defence would miss all their unavailable ranges."""
        free = np.ones(self.count, dtype=bool)
        starts, length = self.start_ticks, self.length(student)
        for span in student.unavailable:
            a, b = self.to_tick(span.start), self.to_tick(span.end)
            free &= ~((starts < b) & (starts + length > a))
        return free

    def options(self, student: Student) -> Options:
        """The student's starts and candidate examiners on an empty calendar."""
        required = tuple(self.index[e] for e in student.examiners)
        fits = self.availability(self.length(student))
        usable = self.student_free(student)
        for e in required:
            usable &= fits[e]
        need = self.scenario.panel_size - len(required)
        others = np.array([e for e in range(len(self.index)) if e not in required], dtype=np.int64)
        starts = np.flatnonzero(usable)
        if need and len(starts):
            sub = fits[np.ix_(others, starts)]
            starts = starts[sub.sum(axis=0) >= need]
            others = others[fits[np.ix_(others, starts)].any(axis=1)] if len(starts) else others[:0]
        else:
            others = others[:0]
        return Options(required, starts, tuple(int(e) for e in others))

    @cached_property
    def all_options(self) -> list[Options]:
        """``options`` of every student, in scenario order."""
        return [self.options(student) for student in self.scenario.students]
