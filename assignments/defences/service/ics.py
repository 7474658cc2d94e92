"""Calendar files (RFC 5545) with the ``icalendar`` package.

A booking's file is an invitation (METHOD:REQUEST); every change raises its SEQUENCE, and a cancelled
defence is sent as METHOD:CANCEL with the same UID, so calendar programs update or remove the entry
they already have. Times are written in Europe/Berlin with the zone's VTIMEZONE, so a defence in
January (CET) and one in July (CEST) both land on the right instant. A private feed lists a
person's defences (METHOD:PUBLISH) for subscription.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date

from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy import select

from campus.accounts.models import User
from campus.extensions import db

from .. import glue
from ..models import CalendarToken, Defence
from .times import ZONE
from .windows import Window

PRODID = "-//Campus//Oral defences//DE"


def _event(win: Window | None, defence: Defence, cancelled: bool) -> Event:
    event = Event()
    event.add("uid", defence.uid)
    event.add("sequence", defence.sequence)
    event.add("dtstamp", glue.now())
    event.add("dtstart", glue.aware(defence.starts_at).astimezone(ZONE))
    event.add("dtend", glue.aware(defence.ends_at).astimezone(ZONE))
    title = win.title if win else _("Oral defence")
    event.add("summary", _("Oral defence: %(title)s", title=title))
    names = ", ".join(e.name for e in defence.examiners)
    lines = [_("Student: %(name)s", name=defence.student.name), _("Panel: %(names)s", names=names)]
    if win and win.spec.video_url:
        lines.append(_("Video link: %(url)s", url=win.spec.video_url))
        event.add("url", win.spec.video_url)
    event.add("description", "\n".join(lines))
    if win and (win.spec.place or win.spec.video_url):
        event.add("location", win.spec.place or win.spec.video_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    for examiner in defence.examiners:
        event.add(
            "attendee",
            f"mailto:{examiner.email}",
            parameters={"cn": examiner.name, "role": "REQ-PARTICIPANT"},
        )
    event.add(
        "attendee",
        f"mailto:{defence.student.email}",
        parameters={"cn": defence.student.name, "role": "REQ-PARTICIPANT"},
    )
    return event


def _calendar(method: str, events: Iterable[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    years = []
    for event in events:
        calendar.add_component(event)
        years.append(event.decoded("dtstart").year)
    if years:  # the zone's rules from a year before the first defence to a year after the last
        calendar.add_missing_timezones(date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    return calendar.to_ical()


def invitation(win: Window | None, defence: Defence) -> bytes:
    """The .ics of one defence: REQUEST while it stands, CANCEL once cancelled."""
    cancelled = not defence.is_active
    return _calendar("CANCEL" if cancelled else "REQUEST", [_event(win, defence, cancelled)])


def feed(defences: Iterable[tuple[Window | None, Defence]]) -> bytes:
    """A subscription feed of defences (cancelled ones marked so)."""
    return _calendar("PUBLISH", [_event(w, d, not d.is_active) for w, d in defences])


def token_of(user: User, create: bool = True) -> CalendarToken | None:
    """The person's feed token, created on first use."""
    row = db.session.get(CalendarToken, user.id)
    if row is None and create:
        row = CalendarToken(user_id=user.id, token=secrets.token_urlsafe(32))
        db.session.add(row)
        db.session.flush()
    return row


def renew_token(user: User) -> CalendarToken:
    """Revoke the old feed address and make a new one."""
    row = token_of(user)
    assert row is not None
    row.token = secrets.token_urlsafe(32)
    row.created_at = glue.now()
    glue.log(user, "defence.feed_renew", ("calendar", user.id))
    return row


def owner_of(token: str) -> User | None:
    """The person whose feed this token opens, or None."""
    if not token or len(token) > 64:
        return None
    row = db.session.scalar(select(CalendarToken).filter_by(token=token))
    return db.session.get(User, row.user_id) if row else None
