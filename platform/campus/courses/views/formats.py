"""Dates and file sizes on the editing pages in the page's language: 16.10.2025 and 12,3 KB in German."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_datetime, format_decimal, get_locale

PATTERNS = {"de": "dd.MM.yyyy", "en": "d MMM y"}
WEEKDAY_PATTERNS = {"de": "EEE, dd.MM.yyyy", "en": "EEE, d MMM y"}


def format_day(value: date, *, weekday: bool = False) -> str:
    """A calendar date (no time zone conversion) in the page's language."""
    language = str(get_locale() or "de")[:2]
    patterns = WEEKDAY_PATTERNS if weekday else PATTERNS
    return str(format_date(value, patterns.get(language, patterns["en"]), rebase=False))


def format_moment(value: datetime) -> str:
    """A stored moment (naive UTC or aware) as Berlin wall-clock time: "16.10.2025, 14:30"."""
    language = str(get_locale() or "de")[:2]
    pattern = PATTERNS.get(language, PATTERNS["en"]) + ", HH:mm"
    return str(format_datetime(value, pattern))


def file_size(size: int) -> str:
    """A file size with the page's decimal separator: "12,3 KB", "1,2 MB" in German."""
    if size >= 1024 * 1024:
        return f"{format_decimal(size / (1024 * 1024), format='#,##0.0')} MB"
    return f"{format_decimal(size / 1024, format='#,##0.0')} KB"
