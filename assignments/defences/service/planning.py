"""The planner in the web: plan every student of a window who has no defence yet, around the bookings
that stand, keep the proposal for the lecturer to adjust, then publish it booking by booking.

The scenario is built from the database: the window's examiners with their ranges (from now on,
minus time other windows' defences hold, plus the spans of this window's own bookings, which are
passed to the planner as fixed), daily maxima, and each student's defence length.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import User
from campus.extensions import db

from .. import glue, notify
from ..models import ACTIVE, Defence, ExaminerClaim, PlanProposal
from ..planner import Booking, Limits, Scenario, parse_scenario, plan, violations
from .booking import place
from .errors import Collision, DefenceError
from .people import accommodated
from .slots import Calendar
from .times import STEP, ZONE, local, minute
from .units import run
from .windows import Window, must_defend

LIMITS = Limits(work=1.0, seconds=7.0)


def _spans_minus(spans: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    for a, b in spans:
        pieces = [(a, b)]
        for x, y in blocked:
            pieces = [p for lo, hi in pieces for p in ((lo, min(hi, x)), (max(lo, y), hi)) if p[0] < p[1]]
        found += pieces
    return found


class Problem:
    """A window's planning problem: the scenario, the fixed bookings and the id mappings."""

    def __init__(self, win: Window, now: datetime) -> None:
        self.win = win
        cal = Calendar(win)
        self.cal = cal
        spec = win.spec
        after = -(-minute(now) // STEP) * STEP
        active = list(db.session.scalars(
            select(Defence).where(Defence.window_key == win.key, Defence.status.in_(ACTIVE))
        ))  # fmt: skip
        own = {d.id for d in active}
        held: dict[int, list[int]] = defaultdict(list)
        claims = select(ExaminerClaim).where(ExaminerClaim.examiner_id.in_([e.id for e in cal.examiners]))
        for claim in db.session.scalars(claims):
            if claim.defence_id not in own:
                held[claim.examiner_id].append(claim.minute)
        self.students = {s.id: s for s in must_defend(win)}
        for d in active:
            self.students.setdefault(d.student_id, d.student)
        long = accommodated(list(self.students))
        examiners = []
        for e in cal.examiners:
            spans = [(max(a, after), b) for a, b in cal.ranges.get(e.id, []) if b > after]
            # Other windows' defences: their claims, and the buffer before them, are not available.
            blocked = [(m - spec.buffer, m + STEP) for m in held[e.id]]
            spans = _spans_minus(spans, blocked)
            spans += [
                (minute(d.starts_at), minute(d.ends_at))
                for d in active
                if e.id in {x.id for x in d.examiners}
            ]
            examiners.append({"id": f"e{e.id}", "available": [[self._text(a), self._text(b)] for a, b in sorted(spans)],
                              **({"max_per_day": cal.limits[e.id]} if e.id in cal.limits else {})})  # fmt: skip
        students = []
        lengths = {d.student_id: minute(d.ends_at) - minute(d.starts_at) for d in active}
        for sid in sorted(self.students):
            length = lengths.get(sid, spec.long_minutes if sid in long else spec.minutes)
            students.append({"id": f"s{sid}", "extra_minutes": length - spec.minutes})
        self.scenario: Scenario = parse_scenario({
            "timezone": ZONE.key, "slot_minutes": spec.minutes, "buffer_minutes": spec.buffer,
            "panel_size": spec.panel, "examiners": examiners, "students": students,
        })  # fmt: skip
        self.fixed = [Booking(minute(d.starts_at), minute(d.ends_at), f"s{d.student_id}",
                              tuple(f"e{x.id}" for x in d.examiners)) for d in active]  # fmt: skip

    @staticmethod
    def _text(value: int) -> str:
        return local(value).strftime("%Y-%m-%dT%H:%M")


def propose(win: Window, actor: User, now: datetime | None = None) -> PlanProposal:
    """Run the planner for every student of the window without a defence; keeps the proposal."""
    problem = Problem(win, now or glue.now())
    if not problem.scenario.examiners or not any(e.available for e in problem.scenario.examiners):
        raise DefenceError(_("No examiner has entered availability yet."))
    result = plan(problem.scenario, LIMITS, problem.fixed)
    fixed = set(problem.fixed)
    rows = [{"student_id": int(b.student[1:]), "start": b.start, "end": b.end,
             "panel": [int(e[1:]) for e in b.examiners]} for b in result.bookings if b not in fixed]  # fmt: skip
    unscheduled = []
    for sid in result.unscheduled:
        reason = result.reasons.get(sid)
        unscheduled.append({"student_id": int(sid[1:]), "code": reason.code if reason else "taken",
                            "examiners": [int(e[1:]) for e in (reason.examiners if reason else ())]})  # fmt: skip
    proposal = PlanProposal(window_key=win.key, created_by_id=actor.id, rows=rows, unscheduled=unscheduled,
                            optimal=result.optimal)  # fmt: skip
    db.session.add(proposal)
    db.session.flush()
    glue.log(actor, "defence.plan_propose", proposal, {"window": win.key, "proposed": len(rows),
                                                        "unscheduled": len(unscheduled)})  # fmt: skip
    return proposal


def adjust(win: Window, proposal: PlanProposal, student_id: int, start: int | None, panel: tuple[int, ...],
           actor: User, now: datetime | None = None) -> None:  # fmt: skip
    """Change one student's row of the proposal (``start`` None: leave them unplanned); every rule is
    checked against the bookings that stand and the rest of the proposal."""
    if proposal.published_at is not None:
        raise DefenceError(_("This plan is already published."))
    problem = Problem(win, now or glue.now())
    if student_id not in problem.students:
        raise DefenceError(_("This student is not part of the plan."))
    rows = [r for r in proposal.rows if r["student_id"] != student_id]
    if start is not None:
        students = {s.id: s for s in problem.scenario.students}
        length = problem.scenario.duration(students[f"s{student_id}"])
        rows.append({"student_id": student_id, "start": start, "end": start + length, "panel": list(panel)})
    bookings = problem.fixed + [Booking(r["start"], r["end"], f"s{r['student_id']}",
                                        tuple(f"e{e}" for e in r["panel"])) for r in rows]  # fmt: skip
    if violations(problem.scenario, bookings):
        raise DefenceError(_("This change would break a rule (availability, a full panel, the buffer, an "
                             "overlap or a daily maximum) and was not made."))  # fmt: skip
    proposal.rows = sorted(rows, key=lambda r: (r["start"], r["student_id"]))
    others = [u for u in proposal.unscheduled if u["student_id"] != student_id]
    proposal.unscheduled = (
        others
        if start is not None
        else [*others, {"student_id": student_id, "code": "manual", "examiners": []}]
    )
    glue.log(
        actor, "defence.plan_adjust", proposal, {"student": student_id, "start": start, "panel": list(panel)}
    )


def publish(win: Window, proposal: PlanProposal, actor: User) -> dict[str, Any]:
    """Book every row of the proposal, each in its own unit of work; returns what was booked and what
    could not be (someone booked meanwhile). Commits."""
    if proposal.published_at is not None:
        raise DefenceError(_("This plan is already published."))
    booked, failed = [], []
    for row in list(proposal.rows):
        student = db.session.get(User, row["student_id"])

        def work(row: dict[str, Any] = row, student: User | None = student) -> int:
            if student is None:
                raise Collision
            defence = place(win, Calendar(win), student, row["start"], row["end"] - row["start"],
                            tuple(row["panel"]), "planner")  # fmt: skip
            notify.booked(win, defence)
            return defence.id

        def lost(row: dict[str, Any] = row) -> int:
            failed.append(row["student_id"])
            return 0

        defence_id = run(work, lost, attempts=1)
        if defence_id:
            booked.append(defence_id)
    fresh = db.session.get(PlanProposal, proposal.id)  # each row's unit committed and expired it
    assert fresh is not None
    proposal = fresh
    proposal.published_at = glue.now()
    proposal.outcome = {"booked": booked, "failed": failed}
    glue.log(actor, "defence.plan_publish", proposal, {"booked": len(booked), "failed": len(failed)})
    db.session.commit()
    return proposal.outcome


def latest_proposal(win: Window) -> PlanProposal | None:
    """The newest unpublished proposal of the window."""
    query = select(PlanProposal).filter_by(window_key=win.key, published_at=None)
    return db.session.scalar(query.order_by(PlanProposal.id.desc()).limit(1))
