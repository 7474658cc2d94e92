"""The planning problem and its result, as plain immutable data.

All times are whole minutes since the Unix epoch (UTC); ``Scenario.clock`` turns them into the
scenario's local wall-clock texts and calendar days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from zoneinfo import ZoneInfo

from .wallclock import WallClock


@dataclass(frozen=True, order=True)
class Span:
    """A half-open time range [start, end) in epoch minutes."""

    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares at least one minute with this span."""
        return start < self.end and self.start < end

    def contains(self, start: int, end: int) -> bool:
        """True when [start, end) lies entirely inside this span."""
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class Examiner:
    """An examiner with the ranges they are available in and an optional daily maximum."""

    id: str
    available: tuple[Span, ...]
    max_per_day: int | None = None


@dataclass(frozen=True)
class Student:
    """A student to place: unavailable ranges, extra minutes and examiners who must be on the panel."""

    id: str
    unavailable: tuple[Span, ...] = ()
    extra_minutes: int = 0
    examiners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A validated planning problem (build it with ``parse_scenario``)."""

    timezone: str
    slot_minutes: int
    buffer_minutes: int
    panel_size: int
    examiners: tuple[Examiner, ...]
    students: tuple[Student, ...]
    warnings: tuple[str, ...] = ()

    @cached_property
    def clock(self) -> WallClock:
        """Wall-clock conversions in the scenario's zone."""
        return WallClock(ZoneInfo(self.timezone))

    @cached_property
    def examiner_by_id(self) -> dict[str, Examiner]:
        """Examiners by id."""
        return {examiner.id: examiner for examiner in self.examiners}

    def duration(self, student: Student) -> int:
        """Length of this student's defence in minutes."""
        return self.slot_minutes + student.extra_minutes


@dataclass(frozen=True, order=True)
class Booking:
    """One planned defence: start and end in epoch minutes, the panel's examiner ids."""

    start: int
    end: int
    student: str
    examiners: tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    """Why a student could not be placed: a stable ``code``, an English message and its details.

    Codes: ``no_required_time`` (the required examiners are never free together),
    ``student_unavailable`` (they are, but only while the student is not), ``no_full_panel`` (never
    ``panel_size`` examiners free together with the student), ``max_per_day`` (every possible time
    falls on a day where an examiner's maximum is reached), ``taken`` (all possible times are taken
    by other defences or their buffers).
    """

    code: str
    message: str
    examiners: tuple[str, ...] = ()
    days: tuple[date, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The planner's result: bookings sorted by start, unscheduled student ids, and how it was found.

    ``optimal`` is True only when no plan schedules more students and none with a better balance
    exists (proven by the solver); ``max_scheduled_proven`` when at least the number is proven best.
    """

    bookings: tuple[Booking, ...]
    unscheduled: tuple[str, ...]
    optimal: bool
    max_scheduled_proven: bool
    reasons: dict[str, Reason] = field(default_factory=dict)
    stats: dict[str, object] = field(default_factory=dict)
