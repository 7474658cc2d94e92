"""The platform's clock: the current time, Europe/Berlin wall-clock time, and dates as people read them.

Every part of Campus asks this module for the time, never ``datetime.now()`` or ``time.time()``, so a
test can freeze and move time for the whole application at once (the ``frozen_clock`` fixture).
Times are stored timezone-aware in UTC; the zone people live in comes from the ``TIMEZONE`` setting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_app_context
from flask_babel import format_date as babel_format_date
from flask_babel import format_datetime as babel_format_datetime
from flask_babel import get_locale

DEFAULT_ZONE = "Europe/Berlin"

# One style per language (issue 7): German 16.10.2025, English 16 Oct 2025. Babel patterns.
DATE_PATTERNS = {"de": "dd.MM.yyyy", "en": "d MMM y"}
WEEKDAY_PATTERNS = {"de": "EEE, dd.MM.yyyy", "en": "EEE, d MMM y"}
TIME_PATTERN = "HH:mm"

_source: Callable[[], datetime] | None = None


def now() -> datetime:
    """The current moment, timezone-aware in UTC."""
    if _source is not None:
        return _source().astimezone(UTC)
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime: SQLite hands stored (UTC) times back without their zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def set_source(source: Callable[[], datetime] | None) -> None:
    """Let ``source()`` tell the time instead of the system clock; ``None`` restores the system clock.

    Only the ``frozen_clock`` test fixture calls this.
    """
    global _source
    _source = source


def zone() -> tzinfo:
    """The zone people at the programme live in (``TIMEZONE``, default Europe/Berlin)."""
    name = current_app.config.get("TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    return _zone(name)


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def to_local(moment: datetime) -> datetime:
    """``moment`` as wall-clock time in the local zone (aware). A naive value is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone())


def from_local(wall_clock: datetime) -> datetime:
    """The UTC moment of a naive local wall-clock time such as a deadline "15.03.2026 23:59".

    In the autumn hour that occurs twice the earlier one is meant; a spring-gap time moves forward.
    """
    if wall_clock.tzinfo is not None:
        return wall_clock.astimezone(UTC)
    return wall_clock.replace(tzinfo=zone(), fold=0).astimezone(UTC)


def local_now() -> datetime:
    """The current wall-clock time in the local zone (aware)."""
    return to_local(now())


def today() -> date:
    """Today's date in the local zone (a deadline "today" is a Berlin day, not a UTC day)."""
    return local_now().date()


def at_local(day: date, at: time) -> datetime:
    """The UTC moment of ``day`` at local wall-clock time ``at``."""
    return from_local(datetime.combine(day, at))


def _language() -> str:
    locale = get_locale()
    language = locale.language if locale else "de"
    return language if language in DATE_PATTERNS else "en"


def _local_value(value: date | datetime) -> date | datetime:
    return to_local(value) if isinstance(value, datetime) else value


def format_date(value: date | datetime | None, *, weekday: bool = False) -> str:
    """A date in the page's language: ``16.10.2025`` / ``16 Oct 2025`` (with ``weekday``: ``Do., …``)."""
    if value is None:
        return ""
    patterns = WEEKDAY_PATTERNS if weekday else DATE_PATTERNS
    local = _local_value(value)
    day = local.date() if isinstance(local, datetime) else local
    return babel_format_date(day, patterns[_language()], rebase=False)


def format_time(value: datetime | None) -> str:
    """The local wall-clock time of ``value``: ``14:30``."""
    if value is None:
        return ""
    return babel_format_datetime(to_local(value), TIME_PATTERN, rebase=False)


def format_datetime(value: datetime | None, *, weekday: bool = False) -> str:
    """Date and local time in the page's language: ``16.10.2025, 14:30`` / ``16 Oct 2025, 14:30``."""
    if value is None:
        return ""
    return f"{format_date(value, weekday=weekday)}, {format_time(value)}"


def init_app(app: Flask) -> None:
    """Check the configured zone and give templates the filters ``date``, ``time`` and ``datetime``."""
    _zone(app.config["TIMEZONE"])  # an unknown zone name fails at start-up, not on the first page
    # Flask-Babel's own filters convert with this setting; keep both on the one zone.
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_time, "time")
    app.add_template_filter(format_datetime, "datetime")
