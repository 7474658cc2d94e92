"""Dates on the editing pages, one style per language: 16.10.2025 in German, 16 Oct 2025 in English."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, get_locale

PATTERNS = {"de": "dd.MM.yyyy", "en": "d MMM y"}
WEEKDAY_PATTERNS = {"de": "EEE, dd.MM.yyyy", "en": "EEE, d MMM y"}


def format_day(value: date, *, weekday: bool = False) -> str:
    """A calendar date (no time zone conversion) in the page's language."""
    language = str(get_locale() or "de")[:2]
    patterns = WEEKDAY_PATTERNS if weekday else PATTERNS
    return str(format_date(value, patterns.get(language, patterns["en"]), rebase=False))
