"""The ``[assignments.defence]`` table: the oral defence window of an assignment (module-format.md).

Every key but ``required``, the window dates and ``minutes`` is optional with a documented default.
Lengths are whole multiples of 5 minutes because defences start on 5-minute marks and the booking
rules count time in 5-minute steps.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from .manifest import DefenceSpec
from .validate import EMAIL, N_, Fields, berlin

MAX_WINDOW_DAYS = 92
WHO = ("everyone", "invited")


def default_long_minutes(minutes: int) -> int:
    """Nachteilsausgleich: half as long again, rounded up to 5 minutes (20 -> 30, 45 -> 70)."""
    return -(-(minutes * 3) // 10) * 5


def weekdays(start: date, end: date) -> tuple[date, ...]:
    """Monday to Friday from ``start`` to ``end``, inclusive."""
    count = (end - start).days + 1
    return tuple(d for d in (start + timedelta(days=n) for n in range(count)) if d.weekday() < 5)


def _fives(f: Fields, key: str, low: int, high: int, required: bool) -> int | None:
    value = f.integer(key, low, high, required)
    if value is not None and value % 5:
        f.problem(key, N_("must be a multiple of 5 minutes, got %(value)s"), value=value)
        return None
    return value


def _days(f: Fields, start: date | None, end: date | None) -> tuple[date, ...] | None:
    raw = f.value("days", False, (list,), N_("expected an array of dates, got %(got)s"))
    if raw is None:
        return None
    if not raw or not all(isinstance(d, date) and not isinstance(d, datetime) for d in raw):
        f.problem("days", N_("expected a non-empty array of dates like 2026-03-09"))
        return None
    if len(set(raw)) != len(raw):
        f.problem("days", N_("a date is listed twice"))
    if start and end:
        outside = [d for d in raw if not start <= d <= end]
        if outside:
            f.problem(
                "days",
                N_("%(day)s is outside the window %(start)s to %(end)s"),
                day=outside[0],
                start=start,
                end=end,
            )
    return tuple(sorted(set(raw)))


def _video(f: Fields) -> str | None:
    url = f.string("video", required=False)
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or len(url) > 500 or any(c.isspace() for c in url):
        f.problem("video", N_("must be an https:// link of at most 500 characters"))
        return None
    return url


def _examiners(f: Fields) -> tuple[str, ...]:
    found = f.strings("examiners", required=False) or ()
    bad = [e for e in found if not EMAIL.match(e.strip())]
    if bad:
        f.problem("examiners", N_('"%(address)s" is not an e-mail address'), address=bad[0])
    return tuple(e.strip() for e in found)


def _booking(f: Fields, due: Any, end: date | None) -> tuple[datetime | None, datetime | None]:
    opens, closes = f.datetime("booking_opens", False), f.datetime("booking_closes", False)
    opens = opens or due
    if closes is None and end is not None:
        closes = berlin(datetime.combine(end, time(23, 59)))
    if opens and closes and not opens < closes:
        f.problem("booking_closes", N_("booking must close after it opens"))
    if closes and end and closes.date() > end:
        f.problem("booking_closes", N_("booking must close by the end of the window (%(end)s)"), end=end)
    return opens, closes


def parse_defence(f: Fields | None, due: Any) -> DefenceSpec | None:
    """The defence window of an assignment due at ``due``, or None; problems are recorded on ``f``."""
    if f is None:
        return None
    required, minutes = f.boolean("required"), _fives(f, "minutes", 10, 90, True)
    start, end = f.date("window_start"), f.date("window_end")
    if start and due and not start > due.date():
        f.problem(
            "window_start", N_("the defence window must start after the due date (%(due)s)"), due=due.date()
        )
    if start and end and start > end:
        f.problem("window_end", N_("window_end is before window_start"))
    elif start and end and (end - start).days >= MAX_WINDOW_DAYS:
        f.problem("window_end", N_("a defence window lasts at most %(days)s days"), days=MAX_WINDOW_DAYS)
    long_minutes = _fives(f, "long_minutes", 10, 180, False)
    if long_minutes is not None and minutes is not None and long_minutes < minutes:
        f.problem("long_minutes", N_("must not be shorter than minutes (%(minutes)s)"), minutes=minutes)
    buffer = _fives(f, "buffer", 0, 60, False)
    days = _days(f, start, end)
    place = f.string("place", required=False)
    if place is not None and (len(place) > 200 or "\n" in place):
        f.problem("place", N_("one line of at most 200 characters"))
    video = _video(f)
    panel = f.integer("panel", 1, 4, required=False)
    who = f.string("who", required=False)
    if who is not None and who not in WHO:
        f.problem("who", N_('use "everyone" or "invited", not "%(who)s"'), who=who)
    opens, closes = _booking(f, due, end)
    notice = f.integer("notice_hours", 0, 336, required=False)
    offer = f.integer("offer_hours", 1, 168, required=False)
    examiners = _examiners(f)
    f.unknown()
    if required is None or minutes is None or not start or not end:
        return None
    return DefenceSpec(
        required, start, end, minutes,
        long_minutes=long_minutes or default_long_minutes(minutes),
        buffer=10 if buffer is None else buffer,
        days=days or weekdays(start, end),
        place=place, video_url=video, panel=panel or 2, who=who or "everyone",
        booking_opens=opens, booking_closes=closes,
        notice_hours=48 if notice is None else notice, offer_hours=offer or 24, examiners=examiners,
    )  # fmt: skip
