"""What is free in a window right now: examiners' ranges, held time, daily seats, and so the slots.

A slot is offered only when a full panel is free for the student's whole defence plus the buffer
after it, on a day of the window, with every panel member below their daily maximum. The state is
read once; the database constraints (models.booking) decide any race when a slot is then taken.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from campus.accounts.models import User
from campus.extensions import db

from ..models import ACTIVE, Availability, DaySeat, Defence, ExaminerClaim, ExaminerLimit, PanelSeat
from .times import STEP, local_day, minute, moment, steps
from .windows import Window, examiners_of


@dataclass(frozen=True)
class Slot:
    """A bookable time and the panel that would sit (examiner ids, Prüfer/in first)."""

    start: int
    end: int
    panel: tuple[int, ...]

    @property
    def starts_at(self) -> datetime:
        return moment(self.start)

    @property
    def ends_at(self) -> datetime:
        return moment(self.end)


class Calendar:
    """The window's examiners with their ranges, held minutes, day seats, limits and loads."""

    def __init__(self, win: Window) -> None:
        self.win = win
        self.examiners: list[User] = examiners_of(win)
        ids = [e.id for e in self.examiners]
        self.ranges: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for row in db.session.scalars(
            select(Availability).where(Availability.window_key == win.key, Availability.examiner_id.in_(ids))
        ):
            self.ranges[row.examiner_id].append((minute(row.starts_at), minute(row.ends_at)))
        for spans in self.ranges.values():
            spans.sort()
        lo = min((s for spans in self.ranges.values() for s, _ in spans), default=0) - 24 * 60
        hi = max((e for spans in self.ranges.values() for _, e in spans), default=0) + 24 * 60
        self.held: dict[int, set[int]] = defaultdict(set)
        claims = select(ExaminerClaim.examiner_id, ExaminerClaim.minute).where(
            ExaminerClaim.examiner_id.in_(ids), ExaminerClaim.minute.between(lo, hi)
        )
        for examiner_id, held in db.session.execute(claims).tuples():
            self.held[examiner_id].add(held)
        self.seats: dict[tuple[int, date], set[int]] = defaultdict(set)
        seats = select(DaySeat.examiner_id, DaySeat.day, DaySeat.seat).where(DaySeat.examiner_id.in_(ids))
        for examiner_id, day, seat in db.session.execute(seats).tuples():
            self.seats[(examiner_id, day)].add(seat)
        limits = select(ExaminerLimit.examiner_id, ExaminerLimit.max_per_day).filter_by(window_key=win.key)
        # Results have keys(): dict() would take them for a mapping, so give it a list of pairs.
        self.limits: dict[int, int] = dict(list(db.session.execute(limits).tuples()))
        loads = (
            select(PanelSeat.examiner_id, func.count())
            .join(Defence)
            .where(Defence.window_key == win.key, Defence.status.in_(ACTIVE))
            .group_by(PanelSeat.examiner_id)
        )
        self.load: dict[int, int] = defaultdict(int, list(db.session.execute(loads).tuples()))

    def available(self, examiner_id: int, start: int, end: int) -> bool:
        """The defence [start, end) lies inside one of the examiner's ranges."""
        return any(a <= start and end <= b for a, b in self.ranges.get(examiner_id, ()))

    def free_seat(self, examiner_id: int, day: date) -> int | None:
        """The lowest free seat of the examiner's day, or None when their maximum is reached."""
        taken = self.seats.get((examiner_id, day), set())
        cap = self.limits.get(examiner_id)
        for seat in range(1, (cap if cap is not None else len(taken) + 1) + 1):
            if seat not in taken:
                return seat
        return None

    def free(self, examiner_id: int, start: int, length: int) -> bool:
        """Available for the whole defence, its time and buffer unheld, and a seat left that day."""
        end = start + length
        if not self.available(examiner_id, start, end):
            return False
        held = self.held.get(examiner_id, set())
        if any(m in held for m in steps(start, end + self.win.spec.buffer)):
            return False
        return self.free_seat(examiner_id, local_day(start)) is not None

    def panel_at(
        self, start: int, length: int, exclude: frozenset[int] = frozenset()
    ) -> tuple[int, ...] | None:
        """The least loaded full panel free at ``start``, or None."""
        if start % STEP or local_day(start) not in self.win.spec.days:
            return None
        order = sorted(self.examiners, key=lambda e: (self.load[e.id], e.name, e.id))
        found = [e.id for e in order if e.id not in exclude and self.free(e.id, start, length)]
        size = self.win.spec.panel
        return tuple(found[:size]) if len(found) >= size else None

    def starts(self) -> list[int]:
        """Candidate starts: every range's start, then one regular slot plus buffer after another."""
        step = self.win.spec.minutes + self.win.spec.buffer
        found: set[int] = set()
        for spans in self.ranges.values():
            for a, b in spans:
                found.update(range(a, b - self.win.spec.minutes + 1, step))
        return sorted(found)

    def slots(self, length: int, after: int) -> list[Slot]:
        """Every bookable slot of ``length`` minutes starting after the epoch minute ``after``."""
        found = []
        for start in self.starts():
            if start > after:
                panel = self.panel_at(start, length)
                if panel is not None:
                    found.append(Slot(start, start + length, panel))
        return found
