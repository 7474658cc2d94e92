"""Demo data for oral defences: a window in the coming weeks in which the demo student can book.

On a demo site (``DEMO_MODE``) the seed moves the dates of the demo module's first assignment in its
current edition so that the paper was due ten days ago and the defence window starts next week
(booking open now); nothing else of the module changes, and a real installation's content never does. Both demo examiners then get availability, and the second demo student
gets a booked defence with a suggested question, so the examiners' agenda is not empty.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from campus.accounts.models import Cohort, User
from campus.courses.content.checks import check_edition_file
from campus.courses.content.manifest import Module
from campus.courses.current import EXTENSION as CATALOGUE
from campus.courses.current import catalogue
from campus.courses.models import Enrolment
from campus.demo import DEMO_COHORT
from campus.extensions import db

from . import glue
from .service import availability, booking, records, units
from .service.slots import Calendar
from .service.times import ZONE, minute
from .service.windows import Window, duration, window

DEMO_MODULE = "digitale-prozesse"
EXAMINERS = ("dozentin@campus.example", "pruefer@campus.example")
BOOKED_STUDENT = "student@campus.example"


def _window_text(today: date) -> tuple[dict[str, str], str]:
    first = today + timedelta(days=7 - today.weekday())  # next Monday
    due = today - timedelta(days=10)
    dates = {
        "opens": f"{due - timedelta(days=60)}T09:00:00", "due": f"{due}T23:59:00", "cutoff": f"{due + timedelta(days=3)}T23:59:00",
    }  # fmt: skip
    table = f"""[assignments.defence]
required = true
window_start = {first}
window_end = {first + timedelta(days=11)}
minutes = 20
buffer = 10
place = "Raum B 2.14"
booking_opens = {today - timedelta(days=1)}T08:00:00
notice_hours = 48
offer_hours = 24
examiners = ["{EXAMINERS[0]}", "{EXAMINERS[1]}"]
"""
    return dates, table


def _reopen(edition_dir: Path, edition_id: str, today: date) -> None:
    path = edition_dir / "edition.toml"
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("[[assignments]]")
    dates, table = _window_text(today)
    for key, value in dates.items():
        rest = re.sub(rf"^{key} = .*$", f"{key} = {value}", rest, count=1, flags=re.MULTILINE)
    rest = re.sub(r"^\[assignments\.defence\]\n(?:(?!\[).*\n?)*", table, rest, count=1, flags=re.MULTILINE)
    new = head + sep + rest
    if not check_edition_file(edition_dir, edition_id, new):
        path.write_text(new, encoding="utf-8")


def _fresh() -> Module | None:
    current_app.extensions[CATALOGUE].invalidate()
    return catalogue(current_app).get(DEMO_MODULE)


def demo_window(today: date) -> Window | None:
    """The demo module's defence window, moved into the coming weeks on a demo site."""
    module = _fresh()
    if module is None or not module.current.assignments:
        return None
    if current_app.config.get("DEMO_MODE"):
        spec = module.current.assignments[0].defence
        if (
            spec is None
            or spec.window_start <= today
            or not spec.booking_opens
            or spec.booking_opens.date() > today
        ):
            _reopen(module.current.path, module.current.id, today)
            module = _fresh() or module
    return window(DEMO_MODULE, module.current_edition, module.current.assignments[0].id)


def _enrol(win: Window) -> None:
    cohort = db.session.scalar(select(Cohort).filter_by(name=DEMO_COHORT))
    if cohort is None:
        return
    query = select(Enrolment.id).filter_by(
        cohort_id=cohort.id, module_id=win.module.id, edition_id=win.edition.id
    )
    if db.session.scalar(query) is None:
        db.session.add(Enrolment(cohort_id=cohort.id, module_id=win.module.id, edition_id=win.edition.id))


def seed_demo_defences() -> None:
    """Availability for both demo examiners and one booked defence (idempotent)."""
    today = glue.now().astimezone(ZONE).date()
    win = demo_window(today)
    if win is None:
        return
    _enrol(win)
    examiners = [u for u in (db.session.scalar(select(User).filter_by(email=e)) for e in EXAMINERS) if u]
    days = [d for d in win.spec.days if d > today][:4]
    for examiner in examiners:
        if availability.ranges_of(win, examiner):
            continue
        for day in days:
            availability.add_range(win, examiner, day, time(9, 0), time(12, 0))
        if examiner.email == EXAMINERS[1] and days:
            availability.add_weekly(win, examiner, days[0].weekday(), time(13, 0), time(15, 0))
    db.session.commit()
    student = db.session.scalar(select(User).filter_by(email=BOOKED_STUDENT))
    if student is None or not days or booking.active_defence(win, student.id) is not None:
        return
    start = minute(datetime.combine(days[0], time(9, 0)).replace(tzinfo=ZONE))
    length = duration(win, student.id)
    panel = Calendar(win).panel_at(start, length)
    if panel is None:
        return
    # Written directly, not booked: seeding demo data mails nobody.
    units.run(
        lambda: booking.place(win, Calendar(win), student, start, length, panel, "lecturer"), lambda: None
    )
    lecturer = db.session.scalar(select(User).filter_by(email=EXAMINERS[0]))
    records.attach_suggested_questions(win, student, ["Wie sind Sie bei der Prozessmodellierung vorgegangen?"],
                                       lecturer, source="lecturer")  # fmt: skip
    db.session.commit()
