"""Examiners' availability in a window: single ranges, weekly ranges, and a maximum per day.

Times are entered as Berlin wall-clock times on the window's days and stored as UTC. A range that
holds a booked defence cannot be deleted (cancel the defence first), so availability never ends up
contradicting a booking.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import User
from campus.extensions import db

from .. import glue
from ..models import ACTIVE, Availability, Defence, ExaminerLimit, PanelSeat
from .errors import DefenceError
from .times import STEP, ZONE, minute, moment
from .windows import Window

MAX_RANGES = 300  # per examiner and window


def ranges_of(win: Window, examiner: User) -> list[Availability]:
    """The examiner's ranges in the window, in time order."""
    query = select(Availability).filter_by(window_key=win.key, examiner_id=examiner.id)
    return list(db.session.scalars(query.order_by(Availability.starts_at)))


def _at(day: date, clock: time) -> datetime:
    # Windows lie in Europe/Berlin; a time the spring clock change skips is refused by the round trip.
    local = datetime.combine(day, clock).replace(tzinfo=ZONE)
    back = local.astimezone(ZONE).replace(tzinfo=None)
    if back != datetime.combine(day, clock):
        raise DefenceError(
            _("%(time)s does not exist on that day (clock change).", time=clock.strftime("%H:%M"))
        )
    return local.astimezone(UTC)  # stored as UTC: SQLite keeps no zone


def _check(
    win: Window, existing: list[Availability], day: date, start: time, end: time
) -> tuple[datetime, datetime]:
    if day not in win.spec.days:
        raise DefenceError(_("%(day)s is not a day of this defence window.", day=day.strftime("%d.%m.%Y")))
    if start.minute % STEP or end.minute % STEP:
        raise DefenceError(_("Please use times on 5-minute marks, such as 09:00 or 09:05."))
    begins, ends = _at(day, start), _at(day, end)
    if (minute(ends) - minute(begins)) < win.spec.minutes:
        raise DefenceError(
            _("A range must be at least as long as one defence (%(n)d minutes).", n=win.spec.minutes)
        )
    for other in existing:
        if minute(other.starts_at) < minute(ends) and minute(begins) < minute(other.ends_at):
            raise DefenceError(_("This range overlaps one you have already entered."))
    return begins, ends


def add_range(
    win: Window, examiner: User, day: date, start: time, end: time, series: str | None = None
) -> Availability:
    """Add one range on ``day`` from ``start`` to ``end`` (Berlin time)."""
    existing = ranges_of(win, examiner)
    if len(existing) >= MAX_RANGES:
        raise DefenceError(_("You have entered the most ranges allowed for one window."))
    begins, ends = _check(win, existing, day, start, end)
    row = Availability(
        window_key=win.key, examiner_id=examiner.id, starts_at=begins, ends_at=ends, series=series
    )
    db.session.add(row)
    db.session.flush()
    if series is None:
        glue.log(examiner, "defence.availability_add", row, {"window": win.key, "start": begins.isoformat()})
    return row


def add_weekly(win: Window, examiner: User, weekday: int, start: time, end: time) -> list[Availability]:
    """Add the range on every ``weekday`` (0 = Monday) among the window's days; all or nothing."""
    days = [d for d in win.spec.days if d.weekday() == weekday]
    if not days:
        raise DefenceError(_("The defence window has no day on this weekday."))
    series = secrets.token_hex(8)
    rows = [add_range(win, examiner, day, start, end, series) for day in days]
    glue.log(examiner, "defence.availability_weekly", rows[0],
             {"window": win.key, "weekday": weekday, "days": len(rows)})  # fmt: skip
    return rows


def _holds_defence(row: Availability) -> bool:
    query = (
        select(Defence.id)
        .join(PanelSeat)
        .where(PanelSeat.examiner_id == row.examiner_id, Defence.window_key == row.window_key)
        .where(Defence.status.in_(ACTIVE), Defence.starts_at >= row.starts_at, Defence.ends_at <= row.ends_at)
    )
    return db.session.scalar(query.limit(1)) is not None


def delete_range(win: Window, examiner: User, row: Availability, whole_series: bool = False) -> int:
    """Delete a range (or its whole weekly series); refused while it holds a booked defence."""
    rows = [row]
    if whole_series and row.series:
        rows = [r for r in ranges_of(win, examiner) if r.series == row.series]
    if any(_holds_defence(r) for r in rows):
        raise DefenceError(_("A defence is booked in this range. Cancel or move it first."))
    for r in rows:
        db.session.delete(r)
    glue.log(examiner, "defence.availability_delete", row, {"window": win.key, "ranges": len(rows)})
    return len(rows)


def limit_of(win: Window, examiner: User) -> int | None:
    """The examiner's maximum defences per day in the window, or None for no maximum."""
    row = db.session.get(ExaminerLimit, (win.key, examiner.id))
    return row.max_per_day if row else None


def set_limit(win: Window, examiner: User, max_per_day: int | None) -> None:
    """Set or clear the examiner's daily maximum."""
    row = db.session.get(ExaminerLimit, (win.key, examiner.id))
    if max_per_day is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(ExaminerLimit(window_key=win.key, examiner_id=examiner.id, max_per_day=max_per_day))
    else:
        row.max_per_day = max_per_day
    glue.log(examiner, "defence.limit", ("window", win.key), {"max_per_day": max_per_day})


def withdraw(win: Window, examiner: User, starts_at: datetime, ends_at: datetime) -> int:
    """Cut [starts_at, ends_at) out of the examiner's ranges (an examiner who cancels cannot come then,
    so the freed time is not offered with them again); returns how many ranges changed."""
    start, end = minute(starts_at), minute(ends_at)
    changed = 0
    for row in ranges_of(win, examiner):
        a, b = minute(row.starts_at), minute(row.ends_at)
        if not (a < end and start < b):
            continue
        changed += 1
        pieces = [(lo, hi) for lo, hi in ((a, start), (end, b)) if hi - lo >= win.spec.minutes]
        if not pieces:
            db.session.delete(row)
            continue
        row.starts_at, row.ends_at = moment(pieces[0][0]), moment(pieces[0][1])
        if len(pieces) == 2:
            db.session.add(Availability(window_key=win.key, examiner_id=examiner.id, series=row.series,
                                        starts_at=moment(pieces[1][0]), ends_at=moment(pieces[1][1])))  # fmt: skip
    if changed:
        glue.log(
            examiner, "defence.availability_withdraw", ("window", win.key), {"start": starts_at.isoformat()}
        )
    return changed
