"""Epoch minutes: the unit of the booking rules, of the claims table and of the planner."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from .. import glue

STEP = 5  # defences start on 5-minute marks; claims hold 5-minute steps
ZONE = ZoneInfo("Europe/Berlin")  # the zone of edition.toml (courses.content.validate.BERLIN)


def minute(moment: datetime) -> int:
    """Whole minutes since the Unix epoch of an aware (or stored, UTC) datetime."""
    return int(glue.aware(moment).timestamp()) // 60


def moment(value: int) -> datetime:
    """The aware UTC datetime of an epoch minute."""
    return datetime.fromtimestamp(value * 60, UTC)


def local(value: datetime | int) -> datetime:
    """Berlin wall-clock time of a datetime or an epoch minute."""
    at = moment(value) if isinstance(value, int) else glue.aware(value)
    return at.astimezone(ZONE)


def local_day(value: datetime | int) -> date:
    """The Berlin calendar day of a datetime or an epoch minute."""
    return local(value).date()


def steps(start: int, end: int) -> range:
    """The 5-minute steps of [start, end)."""
    return range(start, end, STEP)
