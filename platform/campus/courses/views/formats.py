"""Dates and file sizes on the editing pages in the page's language: 16.10.2025 and 12,3 KB in German.

Dates go through `campus.clock` (one style per language). TOML's date-times are local wall-clock
times without a zone, so a calendar day is shown as it is written, never converted.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_decimal

from campus import clock


def format_day(value: date, *, weekday: bool = False) -> str:
    """The calendar day of `value` as written (a TOML date or local date-time), in the page's language."""
    day = value.date() if isinstance(value, datetime) and value.tzinfo is None else value
    return clock.format_date(day, weekday=weekday)


def format_moment(value: datetime) -> str:
    """A stored moment (UTC) as local wall-clock time: "16.10.2025, 14:30" / "16 Oct 2025, 14:30"."""
    return clock.format_datetime(value)


def file_size(size: int) -> str:
    """A file size with the page's decimal separator: "12,3 KB", "1,2 MB" in German."""
    if size >= 1024 * 1024:
        return f"{format_decimal(size / (1024 * 1024), format='#,##0.0')} MB"
    return f"{format_decimal(size / 1024, format='#,##0.0')} KB"
