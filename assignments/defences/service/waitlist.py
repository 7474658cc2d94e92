"""The waitlist: first come, first served, each freed place offered with a time limit to accept.

An offer is a defence with status "offered": it holds its claims like a booking, so nobody else can
take the place while the student decides. Accepting makes it "booked"; declining or letting the time
run out releases it and offers the place to the next student waiting.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import User
from campus.extensions import db

from .. import glue, notify
from ..models import Defence, WaitlistEntry
from .booking import active_defence, end, place
from .errors import DefenceError
from .slots import Calendar
from .times import minute
from .windows import Window, by_key, duration, may_defend

OPEN = ("waiting", "offered")


def entry_of(win: Window, student_id: int) -> WaitlistEntry | None:
    """The student's open waitlist entry in the window."""
    query = select(WaitlistEntry).filter_by(window_key=win.key, student_id=student_id)
    return db.session.scalar(query.where(WaitlistEntry.status.in_(OPEN)))


def join(win: Window, student: User, now: datetime | None = None) -> WaitlistEntry:
    """Put the student on the waitlist; only when no slot is free for them."""
    now = now or glue.now()
    if not may_defend(win, student):
        raise DefenceError(_("You are not registered for this defence."))
    if not win.booking_open(now):
        raise DefenceError(_("Booking is not open for this defence."))
    if active_defence(win, student.id) is not None:
        raise DefenceError(_("You already have a defence in this window."))
    if entry_of(win, student.id) is not None:
        raise DefenceError(_("You are already on the waitlist."))
    if Calendar(win).slots(duration(win, student.id), minute(now)):
        raise DefenceError(_("There are free times: please book one of them."))
    entry = WaitlistEntry(window_key=win.key, student_id=student.id, joined_at=now)
    db.session.add(entry)
    db.session.flush()
    glue.log(student, "defence.waitlist_join", entry, {"window": win.key})
    return entry


def leave(win: Window, student: User) -> None:
    """Take the student off the waitlist (an open offer is declined)."""
    entry = entry_of(win, student.id)
    if entry is None:
        raise DefenceError(_("You are not on the waitlist."))
    if entry.offer is not None and entry.offer.status == "offered":
        end(entry.offer, "declined", student)
    entry.status = "left"
    glue.log(student, "defence.waitlist_leave", entry, {"window": win.key})


def position(win: Window, entry: WaitlistEntry) -> int:
    """1 for the first in line."""
    query = select(WaitlistEntry.id).filter_by(window_key=win.key, status="waiting")
    ahead = [i for i in db.session.scalars(query.order_by(WaitlistEntry.joined_at, WaitlistEntry.id))]
    return ahead.index(entry.id) + 1 if entry.id in ahead else 0


def offer_free_places(win: Window, now: datetime | None = None) -> list[Defence]:
    """Offer free places to waiting students in order; returns the offers made (caller commits)."""
    now = now or glue.now()
    made: list[Defence] = []
    if not win.booking_open(now):
        return made
    waiting = select(WaitlistEntry).filter_by(window_key=win.key, status="waiting")
    for entry in db.session.scalars(waiting.order_by(WaitlistEntry.joined_at, WaitlistEntry.id)).all():
        cal = Calendar(win)
        length = duration(win, entry.student_id)
        slots = cal.slots(length, minute(now))
        if not slots:
            continue  # a student with a longer slot may wait while shorter places go to the next
        slot = slots[0]
        offer = place(win, cal, entry.student, slot.start, length, slot.panel, "waitlist", status="offered")
        limit = now + timedelta(hours=win.spec.offer_hours)
        offer.offer_expires_at = min(limit, glue.aware(offer.starts_at))
        entry.status, entry.offer = "offered", offer
        glue.log(None, "defence.offer", offer, {"window": win.key, "student": entry.student_id})
        notify.offered(win, offer)
        made.append(offer)
    return made


def accept(win: Window, offer: Defence, student: User, now: datetime | None = None) -> None:
    """The student takes the offered place."""
    now = now or glue.now()
    if offer.status != "offered" or offer.student_id != student.id:
        raise DefenceError(_("This offer is no longer open."))
    if offer.offer_expires_at is not None and glue.aware(offer.offer_expires_at) <= now:
        raise DefenceError(_("The time to accept this offer has run out."))
    offer.status, offer.offer_expires_at = "booked", None
    offer.sequence += 1
    entry = db.session.scalar(select(WaitlistEntry).filter_by(defence_id=offer.id))
    if entry is not None:
        entry.status = "booked"
    glue.log(student, "defence.offer_accept", offer, {"window": win.key})
    notify.booked(win, offer)


def decline(win: Window, offer: Defence, student: User) -> None:
    """The student turns the offered place down; they leave the waitlist."""
    if offer.status != "offered" or offer.student_id != student.id:
        raise DefenceError(_("This offer is no longer open."))
    end(offer, "declined", student)
    entry = db.session.scalar(select(WaitlistEntry).filter_by(defence_id=offer.id))
    if entry is not None:
        entry.status = "left"
    glue.log(student, "defence.offer_decline", offer, {"window": win.key})


def expire_offers(now: datetime | None = None) -> list[Defence]:
    """End every offer whose time ran out and offer those places to the next in line."""
    now = now or glue.now()
    due = select(Defence).where(Defence.status == "offered", Defence.offer_expires_at <= now)
    expired = list(db.session.scalars(due))
    keys = set()
    for offer in expired:
        end(offer, "expired", None)
        entry = db.session.scalar(select(WaitlistEntry).filter_by(defence_id=offer.id))
        if entry is not None:
            entry.status = "expired"
        keys.add(offer.window_key)
    db.session.flush()
    for key in sorted(keys):
        win = by_key(key)
        if win is not None:
            offer_free_places(win, now)
    return expired
