"""Booking, cancelling and rebooking defences, on top of the claims that make them race-safe.

``place`` writes a defence with its panel, claims and day seats; a collision with another booking
surfaces as ``Collision`` at flush, never as a half-written booking. The callers are units of work
(``units.run``) that the views, the planner's publish step and the waitlist use.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from campus.accounts.models import User
from campus.extensions import db

from .. import glue, notify
from ..models import DaySeat, Defence, ExaminerClaim, PanelSeat
from .errors import Collision, DefenceError
from .slots import Calendar
from .times import local_day, minute, moment, steps
from .windows import Window, by_key, duration, may_defend


def active_defence(win: Window, student_id: int) -> Defence | None:
    """The student's booked or offered defence in the window, if any."""
    query = select(Defence).filter_by(window_key=win.key, student_id=student_id)
    return db.session.scalar(query.where(Defence.status.in_(("offered", "booked"))))


def cancelled_by_staff(win: Window, student_id: int) -> Defence | None:
    """The student's latest defence that an examiner or the lecturer cancelled, if any."""
    query = select(Defence).filter_by(window_key=win.key, student_id=student_id, status="cancelled")
    query = query.where(Defence.cancelled_by_id.is_not(None), Defence.cancelled_by_id != student_id)
    return db.session.scalar(query.order_by(Defence.cancelled_at.desc()).limit(1))


def place(win: Window, cal: Calendar, student: User, start: int, length: int, panel: tuple[int, ...],
          source: str, status: str = "booked") -> Defence:  # fmt: skip
    """Write the defence, its panel, claims and day seats; raises Collision when a constraint says no."""
    defence = Defence(
        uid=f"{secrets.token_hex(12)}@campus", window_key=win.key, student_id=student.id,
        submission_id=glue.submission_of(student, win.module.id, win.edition.id, win.assignment.id),
        starts_at=moment(start), ends_at=moment(start + length), status=status, source=source,
    )  # fmt: skip
    db.session.add(defence)
    claim(win, cal, defence, start, length, panel)
    return defence


def claim(
    win: Window, cal: Calendar, defence: Defence, start: int, length: int, panel: tuple[int, ...]
) -> None:
    day = local_day(start)
    defence.starts_at, defence.ends_at = moment(start), moment(start + length)
    defence.seats = [PanelSeat(examiner_id=e, position=n) for n, e in enumerate(panel, start=1)]
    try:
        db.session.flush()
        for examiner_id in panel:
            seat = cal.free_seat(examiner_id, day)
            if seat is None:
                raise Collision
            db.session.add(DaySeat(examiner_id=examiner_id, day=day, seat=seat, defence_id=defence.id))
            db.session.add_all(
                ExaminerClaim(examiner_id=examiner_id, minute=m, defence_id=defence.id)
                for m in steps(start, start + length + win.spec.buffer)
            )
        db.session.flush()
    except IntegrityError as error:
        raise Collision from error


def release(defence: Defence) -> None:
    """Give the defence's time back: its claims and day seats go, the row stays for history."""
    db.session.execute(delete(ExaminerClaim).where(ExaminerClaim.defence_id == defence.id))
    db.session.execute(delete(DaySeat).where(DaySeat.defence_id == defence.id))


def end(defence: Defence, status: str, actor: User | None, reason: str | None = None) -> None:
    """Mark an active defence cancelled (or declined, expired) and release its time."""
    defence.status = status
    defence.cancelled_at = glue.now()
    defence.cancelled_by_id = actor.id if actor else None
    defence.cancel_reason = (reason or "")[:300] or None
    defence.sequence += 1
    release(defence)


def check_student(win: Window, student: User, start: int, now: datetime) -> None:
    if not may_defend(win, student):
        raise DefenceError(_("You are not registered for this defence."))
    if not win.booking_open(now):
        raise DefenceError(_("Booking is not open for this defence."))
    if start <= minute(now):
        raise DefenceError(_("This time has already passed. Please choose another."))


def check_notice(win: Window, defence: Defence, now: datetime) -> None:
    """Refuse a student's change inside the cancellation notice, saying until when it was possible."""
    deadline = glue.aware(defence.starts_at) - win.notice
    if now > deadline:
        raise DefenceError(
            _("Your defence starts in less than %(hours)d hours, so it can no longer be cancelled or "
              "moved here. Please contact your examiners.", hours=win.spec.notice_hours)
        )  # fmt: skip


def book(win: Window, student: User, start: int, now: datetime | None = None) -> Defence:
    """Book ``start`` for the student (one unit of work; the caller commits and retries on Collision)."""
    now = now or glue.now()
    check_student(win, student, start, now)
    if active_defence(win, student.id) is not None:
        raise DefenceError(_("You already have a defence in this window. Cancel or move it instead."))
    defence = _take(win, student, start, "student")
    notify.booked(win, defence)
    return defence


def _take(win: Window, student: User, start: int, source: str) -> Defence:
    cal = Calendar(win)
    length = duration(win, student.id)
    panel = cal.panel_at(start, length)
    if panel is None:
        raise DefenceError(_("This time is no longer free. Please choose another."))
    defence = place(win, cal, student, start, length, panel, source)
    glue.log(student, "defence.book", defence, {"window": win.key, "start": defence.starts_at.isoformat()})
    return defence


def cancel_by_student(win: Window, defence: Defence, student: User, now: datetime | None = None) -> None:
    """The student cancels: refused inside the notice period."""
    if defence.status != "booked":
        raise DefenceError(_("This defence is not booked."))
    check_notice(win, defence, now or glue.now())
    end(defence, "cancelled", student)
    glue.log(student, "defence.cancel", defence, {"by": "student"})
    notify.cancelled(win, defence, student)


def cancel_by_staff(defence: Defence, actor: User, reason: str) -> None:
    """An examiner or the lecturer cancels at any time; the student may then book again."""
    if not defence.is_active:
        raise DefenceError(_("This defence is not booked."))
    if not reason.strip():
        raise DefenceError(_("Please give a reason; the student will read it."))
    end(defence, "cancelled", actor, reason.strip())
    glue.log(actor, "defence.cancel", defence, {"by": "staff", "reason": reason.strip()[:300]})
    win = by_key(defence.window_key)
    if win is not None:
        notify.cancelled(win, defence, actor)


def taken() -> Defence:
    """The answer when every try lost a race: someone else was quicker."""
    raise DefenceError(_("Someone else has just booked this time. Please choose another."))


def starts_within(defence: Defence, delta: timedelta, now: datetime) -> bool:
    """Whether the defence starts between now and now + delta."""
    return now <= glue.aware(defence.starts_at) <= now + delta
