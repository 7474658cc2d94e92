"""Periodic work: reminders 24 hours before, examiners' daily agenda, expired waitlist offers."""

from __future__ import annotations

from collections import defaultdict
from datetime import time, timedelta

from sqlalchemy import select

from campus import clock, jobs, mail
from campus.accounts.models import User
from campus.extensions import db

from .models import Defence, PanelSeat
from .service import waitlist
from .service.windows import by_key

REMINDER_AHEAD = timedelta(hours=24)


@jobs.periodic(jobs.crontab(minute="*/10"))
def send_reminders() -> None:
    """Remind the student and the panel of each defence that starts within the next 24 hours, once."""
    now = clock.now()
    due = select(Defence).where(
        Defence.status == "booked", Defence.reminded_at.is_(None),
        Defence.starts_at > now, Defence.starts_at <= now + REMINDER_AHEAD,
    )  # fmt: skip
    for defence in db.session.scalars(due).all():
        win = by_key(defence.window_key)
        if win is None:
            continue
        for person in [defence.student, *defence.examiners]:
            mail.send(person, "defences/reminder", win=win, defence=defence)
        defence.reminded_at = now


@jobs.periodic(jobs.crontab(minute="0", hour="7"))
def send_agendas() -> None:
    """At 07:00 (Europe/Berlin) each examiner with defences that day gets the day's list."""
    begin = clock.at_local(clock.today(), time(0, 0))
    query = (
        select(Defence, PanelSeat.examiner_id).join(PanelSeat)
        .where(Defence.status == "booked", Defence.starts_at >= begin, Defence.starts_at < begin + timedelta(days=1))
        .order_by(Defence.starts_at)
    )  # fmt: skip
    days: dict[int, list[Defence]] = defaultdict(list)
    for defence, examiner_id in db.session.execute(query).tuples():
        days[examiner_id].append(defence)
    for examiner_id, items in sorted(days.items()):
        examiner = db.session.get(User, examiner_id)
        if examiner is not None and examiner.active:
            mail.send(examiner, "defences/agenda", items=items, agenda=mail.external_url("defences.agenda"))


@jobs.periodic(jobs.crontab(minute="*/5"))
def expire_offers() -> None:
    """End waitlist offers whose time ran out; the places are offered (and mailed) to the next in line."""
    waitlist.expire_offers()
