"""The student's words for what the checks found: `extract`'s message ids, translated."""

from __future__ import annotations

from flask_babel import format_decimal, gettext

from .extract import Finding

_NUMBERS = {"max_mb"}  # parameters that are numbers, shown with the locale's decimal sign


def describe(finding: Finding | None) -> str | None:
    """The translated message for ``finding`` (in the current locale), or None."""
    if finding is None:
        return None
    params = {
        key: format_decimal(float(value)) if key in _NUMBERS else value
        for key, value in finding.params.items()
    }
    return gettext(finding.reason.message, **params)
