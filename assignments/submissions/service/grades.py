"""The German grade scale (1,0 best, 4,0 the last pass, 5,0 fail), stored as tenths: 13 means 1,3."""

from __future__ import annotations

from flask_babel import format_decimal
from wtforms import SelectChoice

GRADES = (10, 13, 17, 20, 23, 27, 30, 33, 37, 40, 50)


def parse_grade(text: str | None) -> int | None:
    """``"1,3"`` or ``"1.3"`` -> 13; None for an empty text; `ValueError` for anything off the scale."""
    if text is None or not text.strip():
        return None
    value = round(float(text.strip().replace(",", ".")) * 10)
    if value not in GRADES:
        raise ValueError(text)
    return value


def format_grade(tenths: int | None) -> str:
    """13 -> "1,3" in German, "1.3" in English; "" for no grade."""
    if tenths is None:
        return ""
    return format_decimal(tenths / 10, format="0.0")


def grade_choices() -> list[SelectChoice]:
    """The choices of a grade field, best grade first, after an empty one."""
    return [SelectChoice("", "–"), *(SelectChoice(f"{g / 10:.1f}", format_grade(g)) for g in GRADES)]
